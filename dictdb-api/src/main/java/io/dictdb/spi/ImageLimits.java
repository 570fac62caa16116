package io.dictdb.spi;

import io.dictdb.CodecException;
import io.dictdb.Values;

/**
 * The limits of what DictDB stores, in one place: what a value and a name may be, and the bounds every codec's
 * reader enforces on what it reads.
 *
 * <h2>The value rule</h2>
 * Every value and name the API accepts can be written and read back by every installed codec, so nothing is
 * accepted that cannot be saved and nothing is written that cannot be read. The rule is checked where values
 * become canonical ({@link io.dictdb.Values#canonical(String, Object)}, {@link io.dictdb.Record#of(java.util.Map)},
 * {@link io.dictdb.Record#with(String, Object)}, and so by every insert, update, upsert, CSV import and load), and
 * a value that breaks it is refused with an {@link IllegalArgumentException} naming the field's path, the limit and
 * the offending size (when loading, a {@link CodecException} naming the table):
 * <ul>
 *   <li>a string holds at most {@link #MAX_STRING_LENGTH} bytes in UTF-8 (an unpaired surrogate, which the codecs
 *       carry in values, counts three bytes);</li>
 *   <li>a byte array holds at most {@link #MAX_BYTES_LENGTH} bytes;</li>
 *   <li>a decimal ({@code BigDecimal}, or a {@code BigInteger} converted to one) has at most
 *       {@link #MAX_DECIMAL_DIGITS} digits of precision and a scale within &plusmn;{@link #MAX_DECIMAL_SCALE}
 *       (so {@code 1e100001} is refused);</li>
 *   <li>a list holds at most {@link #MAX_COLLECTION_SIZE} elements, a map as many entries; lists and maps nest at
 *       most {@link #MAX_DEPTH} levels, and a map or list that contains itself is refused as a cycle;</li>
 *   <li>a name (a record's field, at any depth; a table, its primary key, a schema field, an indexed field) is
 *       non-empty, holds no ISO control character (C0, DEL or C1: newline, NUL, ESC...), is well-formed UTF-16 (no
 *       unpaired surrogate: JSON and CBOR cannot carry one in a name) and holds at most {@link #MAX_NAME_LENGTH}
 *       bytes in UTF-8. {@link io.dictdb.ValueRule#checkName(String, String)} checks one.</li>
 * </ul>
 * Control characters, unpaired surrogates and {@code $} are fine in string values, and {@code $} in names.
 * {@link java.time.Instant} and {@link java.time.LocalDate} values are carried over their whole range, {@code MIN} to
 * {@code MAX}; doubles include {@code -0.0}, NaN and the infinities.
 *
 * <h2>Reading</h2>
 * A reader checks a length or count it reads against these limits before allocating for it, so that a corrupt or
 * hostile file fails fast with {@link CodecException} and bounded memory instead of exhausting the heap or the
 * stack, and never pre-allocates more than {@link #MAX_PREALLOCATION} elements on the word of its input. A reader
 * accepts everything the value rule accepts: its bounds in its own units (characters, escaped or encoded bytes)
 * are derived from these. The codec compatibility kit ({@code dictdb-codec-tck}) checks that a codec carries every
 * value the rule accepts, at each limit.
 */
public final class ImageLimits {

    /** How deep lists and maps may nest in a value (as {@link Values#MAX_DEPTH}). */
    public static final int MAX_DEPTH = Values.MAX_DEPTH;

    /** The longest string value, in UTF-8 bytes: 64 Mi (67,108,864). */
    public static final int MAX_STRING_LENGTH = 64 * 1024 * 1024;

    /** The longest byte array value: 64 MiB (67,108,864 bytes). */
    public static final int MAX_BYTES_LENGTH = 64 * 1024 * 1024;

    /** The longest table, field or index name, in UTF-8 bytes: 64 Ki (65,536). */
    public static final int MAX_NAME_LENGTH = 64 * 1024;

    /** The most digits of a decimal number (its {@link java.math.BigDecimal#precision() precision}): 10,000. */
    public static final int MAX_DECIMAL_DIGITS = 10_000;

    /**
     * The most characters of a number's text: {@link #MAX_DECIMAL_DIGITS} digits and room for a sign, a point, the
     * zeros before the first digit of a small number ({@code 0.000001}) and an exponent ({@code E-100000}): 10,032.
     */
    public static final int MAX_NUMBER_LENGTH = MAX_DECIMAL_DIGITS + 32;

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
