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
 * Run in a child JVM by {@code KryoNativeLibraryTest}: writes and reads a kryo image (and, given a path, a format-1
 * file), then prints whether lz4-java's JNI library got loaded.
 */
public final class KryoNativeProbe {
    private KryoNativeProbe() {
    }

    /**
     * Writes and reads images, then prints {@code native-loaded=<true|false>}.
     *
     * @param args optionally the path of a format-1 kryo file to read as well
     * @throws Exception on any failure
     */
    public static void main(String[] args) throws Exception {
        Codec kryo = Codecs.named("kryo");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageWriter w = kryo.newWriter(out)) {
            w.writeHeader(ImageHeader.full(3, Instant.EPOCH));
            w.beginTable(new TableDefinition("t", "id", null, List.of()));
            for (long i = 1; i <= 3; i++) {
                w.writeRecord(Record.of("id", i, "name", "n" + i));
            }
            w.endTable();
            w.writeTableStates(List.of(new TableState("t", 4)));
            w.finish();
        }
        read(kryo, out.toByteArray());
        if (args.length > 0) {
            read(kryo, java.nio.file.Files.readAllBytes(java.nio.file.Path.of(args[0])));
        }
        System.out.println("native-loaded=" + net.jpountz.util.Native.isLoaded());
    }

    private static void read(Codec kryo, byte[] bytes) throws Exception {
        try (ImageReader r = kryo.newReader(new ByteArrayInputStream(bytes))) {
            r.readHeader();
            while (r.nextTable() != null) {
                while (r.nextRecord() != null) {
                    // decoded and dropped
                }
            }
            r.readTableStates();
            r.finish();
        }
    }
}
