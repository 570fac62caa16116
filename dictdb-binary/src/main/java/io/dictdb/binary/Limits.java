package io.dictdb.binary;

import io.dictdb.Values;
import io.dictdb.spi.ImageLimits;

/**
 * The bounds both binary decoders enforce (the shared {@link ImageLimits} plus a few of their own) on what a file claims, so that a hostile or corrupt file fails fast
 * with a {@code CodecException} instead of exhausting memory or the stack. Every length, count and depth read from
 * a file is checked against one of these before anything is allocated for it, and no buffer is ever allocated
 * larger than the bytes actually read so far permit (see {@link KryoWire#readBlob}).
 */
final class Limits {
    /** Lists and maps nest at most as deep as a canonical value may ({@link Values#MAX_DEPTH}). */
    static final int MAX_DEPTH = Values.MAX_DEPTH;
    /**
     * The longest string value, in the Kryo codec's encoded bytes: it encodes each UTF-16 unit on its own, so a
     * character of four bytes in UTF-8 (a surrogate pair) takes six, and a string of
     * {@link ImageLimits#MAX_STRING_LENGTH} UTF-8 bytes up to half as many again.
     */
    static final int MAX_STRING_BYTES = ImageLimits.MAX_STRING_LENGTH / 2 * 3;
    /** The longest byte-array value. */
    static final int MAX_BINARY_BYTES = ImageLimits.MAX_BYTES_LENGTH;
    /**
     * The longest name (table, field, index field, primary key), in the Kryo codec's encoded bytes: half as many
     * again as {@link ImageLimits#MAX_NAME_LENGTH} UTF-8 bytes, as for {@link #MAX_STRING_BYTES}.
     */
    static final int MAX_NAME_BYTES = ImageLimits.MAX_NAME_LENGTH / 2 * 3;
    /** The most elements in one list value. */
    static final int MAX_LIST_ELEMENTS = ImageLimits.MAX_COLLECTION_SIZE;
    /** The most fields in one record or nested map. */
    static final int MAX_ENTRIES = ImageLimits.MAX_COLLECTION_SIZE;
    /** The most fields in one schema. */
    static final int MAX_FIELDS = ImageLimits.MAX_FIELDS;
    /** The most distinct field names one image may introduce (the Kryo codec's name table). */
    static final int MAX_NAMES = 1 << 20;
    /** The most tables in one image. */
    static final int MAX_TABLES = ImageLimits.MAX_TABLES;
    /** The most indexes on one table. */
    static final int MAX_INDEXES = ImageLimits.MAX_FIELDS;
    /**
     * The largest unscaled value of a BigDecimal, in bits: enough for every number of
     * {@link ImageLimits#MAX_DECIMAL_DIGITS} digits.
     */
    static final int MAX_DECIMAL_BITS = (int) Math.ceil(ImageLimits.MAX_DECIMAL_DIGITS * 3.3219280948873626);
    /** The largest unscaled value of a BigDecimal, in bytes of its two's-complement form. */
    static final int MAX_DECIMAL_BYTES = MAX_DECIMAL_BITS / 8 + 1;
    /** The largest absolute scale of a BigDecimal. */
    static final int MAX_DECIMAL_SCALE = ImageLimits.MAX_DECIMAL_SCALE;
    /** Buffers for claimed lengths above this grow with the bytes actually read, never from the claim. */
    static final int CHUNK = 64 << 10;

    private Limits() {
    }
}
