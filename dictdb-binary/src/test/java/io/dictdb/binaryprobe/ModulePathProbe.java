package io.dictdb.binaryprobe;

import io.dictdb.Record;
import io.dictdb.spi.Codec;
import io.dictdb.spi.Codecs;
import io.dictdb.spi.ImageHeader;
import io.dictdb.spi.ImageReader;
import io.dictdb.spi.ImageWriter;
import io.dictdb.spi.TableDefinition;
import io.dictdb.spi.TableState;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.List;

/**
 * Run in a child JVM by {@code ModulePathTest} with dictdb-api, dictdb-binary and their libraries as modules: prints
 * where the codecs come from and what a round trip through each gives.
 */
public final class ModulePathProbe {
    private ModulePathProbe() {
    }

    /**
     * The probe.
     *
     * @param args unused
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        System.out.println("api-module=" + Codec.class.getModule().getName());
        System.out.println("available=" + Codecs.available().stream().map(Codec::name).toList());
        System.out.println("problems=" + Codecs.problems());
        for (String name : List.of("cbor", "kryo")) {
            Codec codec = Codecs.named(name);
            System.out.println(name + "-module=" + codec.getClass().getModule().getName());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ImageWriter w = codec.newWriter(out)) {
                w.writeHeader(ImageHeader.full(1, Instant.EPOCH));
                w.beginTable(new TableDefinition("t", "id", null, List.of()));
                w.writeRecord(Record.of("id", 1L, "name", "Zo\u00eb"));
                w.endTable();
                w.writeTableStates(List.of(new TableState("t", 2)));
                w.finish();
            }
            try (ImageReader r = codec.newReader(new ByteArrayInputStream(out.toByteArray()))) {
                r.readHeader();
                r.nextTable();
                System.out.println(name + "-record=" + r.nextRecord());
            }
        }
    }
}
