package io.dictdb;

import io.dictdb.spi.ImageLimits;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;

/**
 * The rule for what a name and a value may be, so that everything the API accepts can be written and read back by
 * every codec. The rule and its limits are described once, in {@link ImageLimits}; this class checks them. Values
 * are checked where they become canonical ({@link Values#canonical(String, Object)}, {@link Record#of(java.util.Map)}
 * and the other ways records are made); names of tables, primary keys, schema fields and indexes are checked with
 * {@link #checkName(String, String)}.
 */
public final class ValueRule {
    /** Strings up to this many chars cannot exceed the UTF-8 limit (a char is at most 3 bytes): no scan needed. */
    static final int STRING_SCAN_THRESHOLD = ImageLimits.MAX_STRING_LENGTH / 3;

    /**
     * A decimal whose unscaled value has at most this many bits has at most {@link ImageLimits#MAX_DECIMAL_DIGITS}
     * digits ({@code 2^33219 < 10^10000}); one with more bits may have more.
     */
    private static final int SAFE_DECIMAL_BITS = (int) Math.floor(ImageLimits.MAX_DECIMAL_DIGITS / Math.log10(2));

    private static final int SHOWN_NAME_CHARS = 60;

    private ValueRule() {
    }

    /**
     * Checks a table, primary-key, schema-field or index-field name against the rule for names (see
     * {@link ImageLimits}): non-empty, no ISO control character, well-formed UTF-16, at most
     * {@link ImageLimits#MAX_NAME_LENGTH} bytes in UTF-8.
     *
     * @param what what the name is, starting the message, for example {@code "Table name"}
     * @param name the name
     * @return the name
     * @throws NullPointerException if {@code name} is null, naming {@code what}
     * @throws IllegalArgumentException if the name breaks the rule, naming {@code what}, the name (control
     *     characters escaped, a long name shortened) and the broken part of the rule
     */
    public static String checkName(String what, String name) {
        if (name == null) {
            throw new NullPointerException(what + " must not be null");
        }
        String problem = nameProblem(name);
        if (problem != null) {
            throw new IllegalArgumentException(what + " '" + shown(name) + "' " + problem);
        }
        return name;
    }

    /**
     * What is wrong with a name, as a phrase that follows the name in a message, or null when nothing is. One pass
     * over the chars: control characters and unpaired surrogates end it early; the UTF-8 length is counted on the
     * way (a long name fails on its length only when it has no other fault).
     */
    static String nameProblem(String name) {
        int n = name.length();
        if (n == 0) {
            return "is empty: a name needs at least one character";
        }
        long bytes = 0;
        for (int i = 0; i < n; i++) {
            char c = name.charAt(i);
            if (c < 0x80) {
                if (c < 0x20 || c == 0x7F) {
                    return "holds the control character " + codePoint(c) + " at index " + i
                            + ", which names may not hold";
                }
                bytes++;
            } else if (c < 0x800) {
                if (c <= 0x9F) {
                    return "holds the control character " + codePoint(c) + " at index " + i
                            + ", which names may not hold";
                }
                bytes += 2;
            } else if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(name.charAt(i + 1))) {
                    bytes += 4;
                    i++;
                } else {
                    return "holds an unpaired surrogate " + codePoint(c) + " at index " + i
                            + ", which names may not hold (JSON and CBOR cannot carry it in a name)";
                }
            } else {
                bytes += 3;
            }
        }
        if (bytes > ImageLimits.MAX_NAME_LENGTH) {
            return "has " + count(bytes) + " UTF-8 bytes, over the limit of " + count(ImageLimits.MAX_NAME_LENGTH)
                    + " (ImageLimits.MAX_NAME_LENGTH)";
        }
        return null;
    }

    /**
     * Checks the field names of a record or nested map.
     *
     * @throws Values.InvalidValue for the first bad name, its path segment the name as shown in messages (an empty
     *     name has none: the path names its map)
     */
    static void checkKeys(String[] keys) {
        for (String key : keys) {
            if (key.isEmpty()) {
                // the path names the map that holds it: an empty segment would name nothing
                throw new Values.InvalidValue("a field name is empty: a name needs at least one character");
            }
            String problem = nameProblem(key);
            if (problem != null) {
                throw new Values.InvalidValue("the name " + problem).under("." + shown(key));
            }
        }
    }

    /**
     * Checks a string longer than {@link #STRING_SCAN_THRESHOLD} chars against the UTF-8 limit.
     *
     * @throws Values.InvalidValue if it is over the limit
     */
    static void checkLongString(String s) {
        long bytes = utf8Length(s);
        if (bytes > ImageLimits.MAX_STRING_LENGTH) {
            throw new Values.InvalidValue("a string of " + count(bytes) + " UTF-8 bytes exceeds the limit of "
                    + count(ImageLimits.MAX_STRING_LENGTH) + " (ImageLimits.MAX_STRING_LENGTH)");
        }
    }

    /** The UTF-8 length of a string; an unpaired surrogate counts 3 bytes, as the codecs that carry it spend. */
    static long utf8Length(String s) {
        int n = s.length();
        long bytes = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /**
     * Checks a byte array's length.
     *
     * @throws Values.InvalidValue if it is over the limit
     */
    static void checkBytes(byte[] bytes) {
        if (bytes.length > ImageLimits.MAX_BYTES_LENGTH) {
            throw new Values.InvalidValue("a byte array of " + count(bytes.length) + " bytes exceeds the limit of "
                    + count(ImageLimits.MAX_BYTES_LENGTH) + " (ImageLimits.MAX_BYTES_LENGTH)");
        }
    }

    /**
     * Checks the number of elements of a list or entries of a map.
     *
     * @throws Values.InvalidValue if it is over the limit
     */
    static void checkSize(int size, boolean list) {
        if (size > ImageLimits.MAX_COLLECTION_SIZE) {
            throw new Values.InvalidValue((list ? "a list of " : "a map of ") + count(size)
                    + (list ? " elements" : " entries") + " exceeds the limit of "
                    + count(ImageLimits.MAX_COLLECTION_SIZE) + " (ImageLimits.MAX_COLLECTION_SIZE)");
        }
    }

    /**
     * Checks a decimal's scale and precision. The scale is checked first and the precision only when the unscaled
     * value is long enough to matter, so that neither a huge exponent nor a huge number of digits costs more than
     * the value's size.
     *
     * @return the decimal
     * @throws Values.InvalidValue if it is beyond a limit
     */
    static BigDecimal checkDecimal(BigDecimal d) {
        int scale = d.scale();
        if (scale > ImageLimits.MAX_DECIMAL_SCALE || scale < -ImageLimits.MAX_DECIMAL_SCALE) {
            throw new Values.InvalidValue("a decimal of scale " + count(scale) + " (exponent "
                    + count(-(long) scale) + ") exceeds the limit of \u00b1" + count(ImageLimits.MAX_DECIMAL_SCALE)
                    + " (ImageLimits.MAX_DECIMAL_SCALE)");
        }
        BigInteger unscaled = d.unscaledValue();
        int bits = unscaled.bitLength();
        if (bits > SAFE_DECIMAL_BITS) {
            if (bits > 4 * SAFE_DECIMAL_BITS) {
                // counting the digits of a huge number costs a power of ten as large: a lower bound says enough,
                // as 2^(bits-1) <= |unscaled| means at least floor((bits-1) log10 2) + 1 digits
                long atLeast = (long) Math.floor((bits - 1) * Math.log10(2)) + 1;
                throw new Values.InvalidValue("a decimal of " + count(atLeast) + " digits or more exceeds the "
                        + "limit of " + count(ImageLimits.MAX_DECIMAL_DIGITS) + " (ImageLimits.MAX_DECIMAL_DIGITS)");
            }
            int digits = d.precision();
            if (digits > ImageLimits.MAX_DECIMAL_DIGITS) {
                throw new Values.InvalidValue("a decimal of " + count(digits) + " digits exceeds the limit of "
                        + count(ImageLimits.MAX_DECIMAL_DIGITS) + " (ImageLimits.MAX_DECIMAL_DIGITS)");
            }
        }
        return d;
    }

    /**
     * A name as messages show it: control characters and unpaired surrogates escaped ({@code \n},
     * <code>&#92;u001b</code>), so a message never carries them raw to a log or a terminal, and a long name shortened.
     */
    static String shown(String name) {
        StringBuilder sb = new StringBuilder(Math.min(name.length(), SHOWN_NAME_CHARS) + 8);
        int n = name.length();
        for (int i = 0; i < n; i++) {
            if (i == SHOWN_NAME_CHARS) {
                return sb.append("... (").append(count(n)).append(" chars)").toString();
            }
            char c = name.charAt(i);
            boolean paired = Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(name.charAt(i + 1))
                    || Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(name.charAt(i - 1));
            switch (c) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (Character.isISOControl(c) || Character.isSurrogate(c) && !paired) {
                        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }

    private static String codePoint(char c) {
        return String.format(Locale.ROOT, "U+%04X", (int) c);
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
