package io.dictdb.csv;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * Passes characters through and keeps the last few, so that the end of the file can be checked after FastCSV has
 * read it: FastCSV takes a quoted field that is never closed as running to the end of the file, which would make
 * a truncated file import as if whole (every later line inside one value).
 */
final class TailReader extends FilterReader {
    static final int SIZE = 64;

    private final char[] tail = new char[SIZE];
    private int length;

    TailReader(Reader in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        int c = super.read();
        if (c >= 0) {
            keep(new char[] {(char) c}, 0, 1);
        }
        return c;
    }

    @Override
    public int read(char[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        if (n > 0) {
            keep(buf, off, n);
        }
        return n;
    }

    private void keep(char[] buf, int off, int n) {
        if (n >= SIZE) {
            System.arraycopy(buf, off + n - SIZE, tail, 0, SIZE);
            length = SIZE;
            return;
        }
        int drop = Math.max(0, length + n - SIZE);
        System.arraycopy(tail, drop, tail, 0, length - drop);
        length -= drop;
        System.arraycopy(buf, off, tail, length, n);
        length += n;
    }

    /**
     * Whether the file, less one final line break, ends as a quoted field holding {@code value} must end when its
     * closing quote is there: with the escaped value and the quote, as far as the kept characters reach.
     */
    boolean endsAsClosedQuotedField(String value, char quote) {
        int end = length;
        if (end > 0 && tail[end - 1] == '\n') {
            end--;
        }
        if (end > 0 && tail[end - 1] == '\r') {
            end--;
        }
        String q = String.valueOf(quote);
        String expected = q + value.replace(q, q + q) + q;
        int n = Math.min(expected.length(), end);
        return new String(tail, end - n, n).equals(expected.substring(expected.length() - n));
    }
}
