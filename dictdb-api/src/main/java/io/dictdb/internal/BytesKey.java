package io.dictdb.internal;

import java.util.Arrays;

/**
 * A byte array compared and hashed by content: the hash key of a {@code byte[]} value. {@link io.dictdb.Values}
 * ranks and orders it as the byte array it wraps. The array is not copied and must not be changed.
 */
public final class BytesKey {
    private final byte[] bytes;

    BytesKey(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * The wrapped array itself, not a copy: for ordering, never to be changed.
     *
     * @return the bytes
     */
    public byte[] bytes() {
        return bytes;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BytesKey k && Arrays.equals(bytes, k.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "byte[" + bytes.length + "]";
    }
}
