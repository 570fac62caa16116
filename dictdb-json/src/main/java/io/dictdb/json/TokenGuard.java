package io.dictdb.json;

import io.dictdb.CodecException;
import io.dictdb.spi.ImageLimits;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Watches the bytes the parser reads and stops a single number or string token that grows past its limit before
 * the parser has buffered it: Jackson checks a number's length only once the number ends, so an endless run of
 * digits would otherwise fill the heap.
 */
final class TokenGuard extends FilterInputStream {
    /** The longest number token, in bytes. */
    static final int MAX_NUMBER_BYTES = ImageLimits.MAX_NUMBER_LENGTH + 16;
    /**
     * The longest string token (or name), in bytes: a string of {@link ImageLimits#MAX_STRING_LENGTH} UTF-8 bytes
     * takes up to six times as many in JSON (a control character, one byte in UTF-8, is written
     * <code>&#92;u0000</code>), and a byte array at its limit is a base64 text of a third more characters.
     */
    static final long MAX_STRING_BYTES = Math.max(6L * ImageLimits.MAX_STRING_LENGTH,
            ImageLimits.MAX_BYTES_LENGTH / 3 * 4 + 4L) + 16;

    private boolean inString;
    private boolean escaped;
    private long run;

    TokenGuard(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            see((byte) b);
        }
        return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        int n = in.read(buf, off, len);
        for (int i = 0; i < n; i++) {
            see(buf[off + i]);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] scratch = new byte[(int) Math.min(n, 8192)];
        long done = 0;
        while (done < n) {
            int r = read(scratch, 0, (int) Math.min(scratch.length, n - done));
            if (r < 0) {
                break;
            }
            done += r;
        }
        return done;
    }

    private void see(byte b) {
        if (inString) {
            if (escaped) {
                escaped = false;
            } else if (b == '\\') {
                escaped = true;
            } else if (b == '"') {
                inString = false;
                run = 0;
                return;
            }
            if (++run > MAX_STRING_BYTES) {
                throw new CodecException("a JSON string longer than " + MAX_STRING_BYTES + " bytes: corrupt or hostile "
                        + "input");
            }
        } else if (b == '"') {
            inString = true;
            run = 0;
        } else if ((b >= '0' && b <= '9') || b == '-' || b == '+' || b == '.' || b == 'e' || b == 'E') {
            if (++run > MAX_NUMBER_BYTES) {
                throw new CodecException("a JSON number longer than " + ImageLimits.MAX_NUMBER_LENGTH + " characters: "
                        + "corrupt or hostile input");
            }
        } else {
            run = 0;
        }
    }
}
