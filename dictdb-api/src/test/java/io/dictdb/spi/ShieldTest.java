package io.dictdb.spi;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link ImageWriter#shield(OutputStream)}: a codec's close() never closes the caller's stream. */
class ShieldTest {
    /** Counts flushes and refuses writes once closed. */
    private static final class Target extends ByteArrayOutputStream {
        int flushes;
        boolean closed;

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            assertThat(closed).as("written after close").isFalse();
            super.write(b, off, len);
        }

        @Override
        public void flush() {
            flushes++;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void writesPassThroughAndCloseOnlyFlushes() throws Exception {
        Target target = new Target();
        OutputStream shield = ImageWriter.shield(target);
        shield.write(new byte[] {1, 2, 3, 4}, 1, 2);
        shield.write(5);
        shield.close();
        assertThat(target.closed).isFalse();
        assertThat(target.flushes).isEqualTo(1);
        assertThat(target.toByteArray()).containsExactly(2, 3, 5);
        target.write(new byte[] {6}, 0, 1);
        assertThat(target.toByteArray()).containsExactly(2, 3, 5, 6);
    }
}
