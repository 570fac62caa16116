package io.dictdb.spi;

import io.dictdb.CodecException;
import io.dictdb.Values;

/**
 * The bounds every codec's reader enforces on what it reads, so that a corrupt or hostile file fails fast with
 * {@link CodecException} and bounded memory instead of exhausting the heap or the stack. A reader checks a
 * length or count it reads against these limits before allocating for it, and never pre-allocates more than
 * {@link #MAX_PREALLOCATION} elements on the word of its input.
 */
public final class ImageLimits {

    /** How deep lists and maps may nest in a value (as {@link Values#MAX_DEPTH}). */
    public static final int MAX_DEPTH = Values.MAX_DEPTH;

    /** The longest string value, in chars (or encoded bytes, whichever the format counts): 64 Mi. */
    public static final int MAX_STRING_LENGTH = 64 * 1024 * 1024;

    /** The longest byte array value: 64 MiB. */
    public static final int MAX_BYTES_LENGTH = 64 * 1024 * 1024;

    /** The longest table, field, index or image name: 64 Ki chars. */
    public static final int MAX_NAME_LENGTH = 64 * 1024;

    /** The most digits (and characters) of a decimal number: 10,000. */
    public static final int MAX_NUMBER_LENGTH = 10_000;

    /** The largest absolute {@code BigDecimal} scale: 100,000. */
    public static final int MAX_DECIMAL_SCALE = 100_000;

    /** The most tables in an image (and table states): 100,000. */
    public static final int MAX_TABLES = 100_000;

    /** The most fields in a schema, and indexes on a table: 100,000. */
    public static final int MAX_FIELDS = 100_000;

    /** The most elements of one list value or entries of one map value: 16 Mi. */
    public static final int MAX_COLLECTION_SIZE = 16 * 1024 * 1024;

    /** The most elements a reader may allocate room for before it has read them: 1,024. */
    public static final int MAX_PREALLOCATION = 1024;

    private ImageLimits() {
    }

    /**
     * Checks a length or count read from input.
     *
     * @param what what the number counts, for the message (for example "string length")
     * @param claimed the number read
     * @param max the limit
     * @return {@code claimed} as an int
     * @throws CodecException if negative or over the limit
     */
    public static int check(String what, long claimed, int max) {
        if (claimed < 0 || claimed > max) {
            throw new CodecException(what + " " + claimed + " is out of bounds (0.." + max + "): corrupt or hostile "
                    + "input");
        }
        return (int) claimed;
    }

    /**
     * Checks a nesting depth reached while reading a value.
     *
     * @param depth the depth of the list or map being entered (1 for a top-level list or map in a field)
     * @throws CodecException if deeper than {@link #MAX_DEPTH}
     */
    public static void checkDepth(int depth) {
        if (depth > MAX_DEPTH) {
            throw new CodecException("values nest deeper than " + MAX_DEPTH + " levels: corrupt or hostile input");
        }
    }

    /**
     * The initial capacity for a collection of a claimed size: the claim, but at most
     * {@link #MAX_PREALLOCATION}.
     *
     * @param claimed a size already checked with {@link #check(String, long, int)}
     * @return the capacity to allocate
     */
    public static int preallocation(int claimed) {
        return Math.min(claimed, MAX_PREALLOCATION);
    }
}
