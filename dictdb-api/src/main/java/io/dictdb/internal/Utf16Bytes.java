package io.dictdb.internal;

/**
 * Not API: one UTF-16 unit of a string as 1 to 3 bytes (the UTF-8 forms of U+0000 to U+FFFF, surrogates encoded
 * one by one, as Java's modified UTF-8 does), so that any {@code String}, unpaired surrogates included, survives a
 * binary wire format; shared by the Kryo codec and the journal's compact entries.
 */
public final class Utf16Bytes {
    private Utf16Bytes() {
    }

    /**
     * Encodes {@code s} into {@code b} from {@code at}.
     *
     * @param s the string
     * @param b the array, with room for 3 bytes a char from {@code at}
     * @param at where to start
     * @return the number of bytes written
     */
    public static int encode(String s, byte[] b, int at) {
        int n = at;
        for (int i = 0, len = s.length(); i < len; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                b[n++] = (byte) c;
            } else if (c < 0x800) {
                b[n++] = (byte) (0xC0 | (c >> 6));
                b[n++] = (byte) (0x80 | (c & 0x3F));
            } else {
                b[n++] = (byte) (0xE0 | (c >> 12));
                b[n++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                b[n++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        return n - at;
    }
}
