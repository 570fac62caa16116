package io.dictdb.binary;

import io.dictdb.Record;
import io.dictdb.spi.Change;
import io.dictdb.spi.Codec;
import io.dictdb.spi.ImageHeader;
import io.dictdb.spi.ImageKind;
import io.dictdb.spi.ImageReader;
import io.dictdb.spi.ImageWriter;
import io.dictdb.spi.TableDefinition;
import io.dictdb.spi.TableState;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** A whole image held in memory, written and read through a codec's streaming writer and reader. */
record Images(ImageHeader header, List<TableData> tables, List<Change> changes, List<TableState> states) {

    record TableData(TableDefinition definition, List<Record> records) {
    }

    static byte[] write(Codec codec, Images image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageWriter w = codec.newWriter(out)) {
            w.writeHeader(image.header());
            if (image.header().kind() == ImageKind.FULL) {
                for (TableData t : image.tables()) {
                    w.beginTable(t.definition());
                    for (Record r : t.records()) {
                        w.writeRecord(r);
                    }
                    w.endTable();
                }
            } else {
                for (Change c : image.changes()) {
                    w.writeChange(c);
                }
            }
            w.writeTableStates(image.states());
            w.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static Images read(Codec codec, byte[] bytes) {
        try (ImageReader r = codec.newReader(new ByteArrayInputStream(bytes))) {
            ImageHeader header = r.readHeader();
            List<TableData> tables = new ArrayList<>();
            List<Change> changes = new ArrayList<>();
            if (header.kind() == ImageKind.FULL) {
                TableDefinition def;
                while ((def = r.nextTable()) != null) {
                    List<Record> records = new ArrayList<>();
                    Record rec;
                    while ((rec = r.nextRecord()) != null) {
                        records.add(rec);
                    }
                    tables.add(new TableData(def, records));
                }
            } else {
                Change c;
                while ((c = r.nextChange()) != null) {
                    changes.add(c);
                }
            }
            List<TableState> states = r.readTableStates();
            r.finish();
            return new Images(header, tables, changes, states);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
