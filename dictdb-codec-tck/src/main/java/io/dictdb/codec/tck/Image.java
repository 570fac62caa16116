package io.dictdb.codec.tck;

import io.dictdb.CodecException;
import io.dictdb.Record;
import io.dictdb.spi.Change;
import io.dictdb.spi.Codec;
import io.dictdb.spi.CommitRange;
import io.dictdb.spi.ImageHeader;
import io.dictdb.spi.ImageKind;
import io.dictdb.spi.ImageReader;
import io.dictdb.spi.ImageWriter;
import io.dictdb.spi.TableDefinition;
import io.dictdb.spi.TableState;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A whole image held in memory, for tests: header, tables with their records (full) or changes (delta), table
 * states, and a delta's commits. {@link #writeTo(ImageWriter)} and {@link #read(ImageHeader, ImageReader)} drive a
 * codec in the SPI's call order.
 *
 * @param header the header
 * @param tables the tables and their records (empty for a delta)
 * @param changes the changes (empty for a full image)
 * @param states the table states
 * @param commits the ranges of a delta's changes committed together (empty for a full image)
 */
public record Image(ImageHeader header, List<Table> tables, List<Change> changes, List<TableState> states,
                    List<CommitRange> commits) {

    /**
     * A table of a full image.
     *
     * @param definition the table's definition
     * @param records its records
     */
    public record Table(TableDefinition definition, List<Record> records) {
        /**
         * Checks and copies the parts.
         *
         * @param definition the definition
         * @param records the records
         */
        public Table {
            Objects.requireNonNull(definition, "definition");
            records = List.copyOf(records);
        }
    }

    /**
     * Checks and copies the parts.
     *
     * @param header the header
     * @param tables the tables
     * @param changes the changes
     * @param states the table states
     * @param commits the commits
     */
    public Image {
        Objects.requireNonNull(header, "header");
        tables = List.copyOf(tables);
        changes = List.copyOf(changes);
        states = List.copyOf(states);
        commits = List.copyOf(commits);
    }

    /**
     * An image without commits (a full image, or a delta in which every commit was one change).
     *
     * @param header the header
     * @param tables the tables
     * @param changes the changes
     * @param states the table states
     */
    public Image(ImageHeader header, List<Table> tables, List<Change> changes, List<TableState> states) {
        this(header, tables, changes, states, List.of());
    }

    /**
     * This image with other commits.
     *
     * @param commits the commits
     * @return the image
     */
    public Image withCommits(List<CommitRange> commits) {
        return new Image(header, tables, changes, states, commits);
    }

    /**
     * Writes this image with a writer, in the SPI's call order, then finishes and closes it.
     *
     * @param writer the codec's writer
     * @throws IOException if the stream fails
     */
    public void writeTo(ImageWriter writer) throws IOException {
        try (writer) {
            writer.writeHeader(header);
            writeBody(writer);
            writer.finish();
        }
    }

    /**
     * Writes everything after the header and before {@code finish()}: what an {@code ImageFiles.Body} writes (a
     * delta's commits included, even when there are none).
     *
     * @param writer the codec's writer
     * @throws IOException if the stream fails
     */
    public void writeBody(ImageWriter writer) throws IOException {
        if (header.kind() == ImageKind.FULL) {
            for (Table t : tables) {
                writer.beginTable(t.definition());
                for (Record r : t.records()) {
                    writer.writeRecord(r);
                }
                writer.endTable();
            }
        } else {
            for (Change c : changes) {
                writer.writeChange(c);
            }
        }
        writer.writeTableStates(states);
        if (header.kind() == ImageKind.DELTA) {
            writer.writeCommits(commits);
        }
    }

    /**
     * Encodes this image with a codec.
     *
     * @param codec the codec
     * @return the payload
     */
    public byte[] encode(Codec codec) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            writeTo(codec.newWriter(out));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * Decodes a payload with a codec, reading everything and calling {@code finish()}.
     *
     * @param codec the codec
     * @param payload the bytes
     * @return the image
     * @throws CodecException if the codec refuses the payload
     */
    public static Image decode(Codec codec, byte[] payload) {
        return decode(codec, new ByteArrayInputStream(payload));
    }

    /**
     * Decodes a stream with a codec, reading everything and calling {@code finish()}.
     *
     * @param codec the codec
     * @param in the bytes
     * @return the image
     * @throws CodecException if the codec refuses the payload
     */
    public static Image decode(Codec codec, InputStream in) {
        try (ImageReader reader = codec.newReader(in)) {
            ImageHeader h = reader.readHeader();
            Image image = read(h, reader);
            reader.finish();
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads the rest of an image whose header was read (not calling {@code finish()}).
     *
     * @param header the header already read
     * @param reader the reader
     * @return the image
     * @throws IOException if the stream fails
     */
    public static Image read(ImageHeader header, ImageReader reader) throws IOException {
        List<Table> tables = new ArrayList<>();
        List<Change> changes = new ArrayList<>();
        if (header.kind() == ImageKind.FULL) {
            TableDefinition d;
            while ((d = reader.nextTable()) != null) {
                List<Record> records = new ArrayList<>();
                Record r;
                while ((r = reader.nextRecord()) != null) {
                    records.add(r);
                }
                tables.add(new Table(d, records));
            }
        } else {
            Change c;
            while ((c = reader.nextChange()) != null) {
                changes.add(c);
            }
        }
        List<TableState> states = reader.readTableStates();
        List<CommitRange> commits = header.kind() == ImageKind.DELTA ? reader.readCommits() : List.of();
        return new Image(header, tables, changes, states, commits);
    }
}
