package io.dictdb.binary;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Small stream wrappers shared by the codecs. */
final class Streams {
    private Streams() {
    }

    /**
     * Remembers an {@link IOException} thrown by the caller's stream, so that a decoder can tell a failing disk
     * (rethrown as it is) from a corrupt image (reported as a {@code CodecException}) when a library in between
     * wraps both the same way.
     */
    static final class Guard extends FilterInputStream {
        private IOException failure;

        Guard(InputStream in) {
            super(in);
        }

        IOException failure() {
            return failure;
        }

        @Override
        public int read() throws IOException {
            try {
                return in.read();
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return in.read(b, off, len);
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }

        @Override
        public long skip(long n) throws IOException {
            try {
                return in.skip(n);
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }

        @Override
        public void close() {
            // the caller owns the stream
        }
    }
}
