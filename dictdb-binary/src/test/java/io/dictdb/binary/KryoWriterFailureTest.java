package io.dictdb.binary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dictdb.Record;
import io.dictdb.spi.ImageHeader;
import io.dictdb.spi.ImageWriter;
import io.dictdb.spi.TableDefinition;
import io.dictdb.spi.TableState;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The kryo writer compresses on a helper thread: failures come back to the caller, and no thread outlives close. */
class KryoWriterFailureTest {

    private static long helpers() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("dictdb-kryo-lz4") && t.isAlive()).count();
    }

    /** Fails every write once {@code limit} bytes went through. */
    private static final class FailingStream extends OutputStream {
        private final long limit;
        private long written;

        FailingStream(long limit) {
            this.limit = limit;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (written + len > limit) {
                throw new IOException("disk full (injected)");
            }
            written += len;
        }
    }

    private static void writeImage(ImageWriter w, int records) throws IOException {
        w.writeHeader(ImageHeader.full(records, Instant.EPOCH));
        w.beginTable(new TableDefinition("t", "id", null, List.of()));
        for (long i = 0; i < records; i++) {
            w.writeRecord(Record.of("id", i, "text", "record number " + i + " " + Long.toHexString(i * 0x9E3779B97F4A7C15L)));
        }
        w.endTable();
        w.writeTableStates(List.of(new TableState("t", records + 1L)));
        w.finish();
    }

    @Test
    void anIoFailureOfTheStreamComesBackAsTheIoExceptionAndTheHelperStops() {
        for (long limit : new long[] {3, 100, 300_000, 2_000_000}) {
            ImageWriter w = new KryoCodec().newWriter(new FailingStream(limit));
            assertThatThrownBy(() -> {
                try (w) {
                    writeImage(w, 300_000);
                }
            }).as("failing after %d bytes", limit).isInstanceOf(IOException.class).hasMessageContaining("injected");
        }
        assertThat(helpers()).isZero();
    }

    @Test
    void anAbandonedWriterStopsItsHelperAndLeavesNoCompleteImage() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageWriter w = new KryoCodec().newWriter(out)) {
            w.writeHeader(ImageHeader.full(10, Instant.EPOCH));
            w.beginTable(new TableDefinition("t", "id", null, List.of()));
            for (long i = 0; i < 100_000; i++) {
                w.writeRecord(Record.of("id", i));
            }
        }
        assertThat(helpers()).isZero();
        byte[] partial = out.toByteArray();
        Hostile.rejects(new KryoCodec(), partial);
    }
}
