package io.dictdb.core.journal;

/**
 * One value in the journal's compact value encoding (see {@link CompactEntry}): a tag byte and its data. Shared with
 * the Hazelcast backend, which keeps the values Compact serialization cannot hold exactly (UUIDs, lists, NaN, strings
 * with unpaired surrogates ...) in this form rather than in a format of its own.
 */
public final class ValueBytes {
    private ValueBytes() {
    }

    /**
     * Encodes a canonical value.
     *
     * @param value a canonical value (see {@link io.dictdb.Values})
     * @return its bytes
     */
    public static byte[] encode(Object value) {
        return CompactEntry.encodeValue(value);
    }

    /**
     * Decodes a value {@link #encode} wrote, checking it as any decoded value is checked.
     *
     * @param bytes the bytes
     * @return the canonical value
     * @throws io.dictdb.CodecException if the bytes are not one well-formed value
     */
    public static Object decode(byte[] bytes) {
        return CompactEntry.decodeValue(bytes);
    }
}
