package io.dictdb.csv;

import io.dictdb.CodecException;
import io.dictdb.FieldType;
import io.dictdb.Values;
import io.dictdb.json.JsonValueText;
import io.dictdb.spi.ImageLimits;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One CSV cell and one canonical value, both ways. Writing: null is an empty cell, numbers and booleans their Java
 * text ({@code NaN}, {@code Infinity}, {@code -0.0} included), decimals plain (in E-notation when plain text would
 * have more digits than the value rule allows a decimal), instants and dates ISO-8601, bytes base64, lists and maps
 * JSON as the json codec writes a value ({@link JsonValueText}: instants, decimals, bytes... tagged, so they come
 * back as themselves). Reading follows the column's type; a cell that does not convert is an
 * {@link IllegalArgumentException} whose message says what was expected.
 */
final class CellText {
    /** Not a number. */
    static final int NONE = 0;
    /** An integer that fits a long and a double exactly. */
    static final int INT = 1;
    /** An integer that fits a long but not exactly a double (beyond 2^53). */
    static final int WIDE_INT = 2;
    /** An integer beyond the range of long. */
    static final int BIG_INT = 3;
    /** A number with a fraction or an exponent. */
    static final int DECIMAL = 4;
    /** A decimal whose magnitude a double cannot hold (it would become infinity or zero). */
    static final int HUGE_DECIMAL = 5;
    /** NaN or an infinity, in Java's or Python's spelling. */
    static final int SPECIAL = 6;

    private static final long TWO_53 = 1L << 53;
    /**
     * The longest decimal cell read: the plain text of the smallest decimal the value rule accepts ({@code 0.}, then
     * {@link ImageLimits#MAX_DECIMAL_SCALE} places) with room for a sign and an exponent. Longer text is refused
     * before BigDecimal spends time on it; what fits is then checked against the rule itself.
     */
    static final int MAX_DECIMAL_TEXT = ImageLimits.MAX_DECIMAL_SCALE + ImageLimits.MAX_NUMBER_LENGTH;

    private CellText() {
    }

    static String format(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof BigDecimal b) {
            // Plain text of 1E+100000 would be 100,001 digits, more than a decimal may have: it could not come back.
            return b.scale() >= 0 || b.precision() - (long) b.scale() <= ImageLimits.MAX_DECIMAL_DIGITS
                    ? b.toPlainString() : b.toString();
        }
        if (v instanceof byte[] bytes) {
            return Base64.getEncoder().encodeToString(bytes);
        }
        if (v instanceof List || v instanceof Map) {
            return JsonValueText.write(v);
        }
        // Long, Double, Boolean, Instant, LocalDate and UUID print as their parsers read them.
        return v.toString();
    }

    /**
     * Converts a cell. An empty cell is null, except a quoted one ({@code ""}) in a STRING or BYTES column: the
     * empty string or no bytes.
     *
     * @throws IllegalArgumentException when the cell does not convert to {@code type}
     */
    static Object parse(FieldType type, String cell, boolean quoted, FieldType decimals) {
        if (cell.isEmpty()) {
            // Written quoted, an empty cell is an empty value, not a missing one.
            return !quoted ? null : type == FieldType.STRING ? "" : type == FieldType.BYTES ? new byte[0] : null;
        }
        return switch (type) {
            case STRING -> cell;
            case LONG -> {
                int kind = numberKind(cell);
                if (kind != INT && kind != WIDE_INT) {
                    throw new IllegalArgumentException("expected an integer that fits LONG");
                }
                yield Long.parseLong(cell);
            }
            case DOUBLE -> parseDouble(cell);
            case DECIMAL -> parseDecimal(cell);
            case BOOLEAN -> parseBoolean(cell);
            case INSTANT -> {
                try {
                    yield Instant.parse(cell);
                } catch (DateTimeException e) {
                    throw new IllegalArgumentException("expected an ISO-8601 instant such as 2024-02-29T10:15:30Z");
                }
            }
            case DATE -> {
                try {
                    yield LocalDate.parse(cell);
                } catch (DateTimeException e) {
                    throw new IllegalArgumentException("expected an ISO-8601 date such as 2024-02-29");
                }
            }
            case UUID -> {
                try {
                    if (cell.length() != 36) {
                        throw new IllegalArgumentException();
                    }
                    yield UUID.fromString(cell);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("expected a UUID such as 123e4567-e89b-12d3-a456-426614174000");
                }
            }
            case BYTES -> {
                try {
                    yield Base64.getDecoder().decode(cell);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("expected base64 bytes: " + e.getMessage());
                }
            }
            case LIST -> {
                Object v = json(cell);
                if (!(v instanceof List)) {
                    throw new IllegalArgumentException("expected a JSON array");
                }
                yield v;
            }
            case MAP -> {
                Object v = json(cell);
                if (!(v instanceof Map)) {
                    throw new IllegalArgumentException("expected a JSON object");
                }
                yield v;
            }
            case ANY -> scalar(cell, decimals);
        };
    }

    /** The value a cell holds on its own: a number, a boolean or else the string itself. */
    static Object scalar(String cell, FieldType decimals) {
        switch (numberKind(cell)) {
            case INT, WIDE_INT:
                return Long.parseLong(cell);
            case BIG_INT, HUGE_DECIMAL:
                return parseDecimal(cell);
            case DECIMAL:
                return decimals == FieldType.DECIMAL ? parseDecimal(cell) : (Object) Double.parseDouble(cell);
            default:
                Boolean b = booleanWord(cell);
                return b != null ? b : cell;
        }
    }

    /**
     * A LIST or MAP cell. Cells written before values were tagged are plain JSON, in which a map's first key may start
     * with {@code $} ({@code {"$type":"x"}}): such a cell is no valid tagged text, and reads as the plain map it was.
     * (An old map that looks exactly like a tag, {@code {"$instant":"..."}}, now reads as the tagged value.)
     */
    private static Object json(String cell) {
        try {
            return JsonValueText.read(cell);
        } catch (CodecException tagged) {
            try {
                return JsonValueText.readPlain(cell);
            } catch (CodecException plain) {
                throw new IllegalArgumentException("expected JSON text: " + tagged.getMessage());
            }
        }
    }

    static Double parseDouble(String cell) {
        int kind = numberKind(cell);
        if (kind == SPECIAL) {
            return special(cell);
        }
        if (kind == NONE) {
            throw new IllegalArgumentException("expected a number");
        }
        return Double.parseDouble(cell);
    }

    static BigDecimal parseDecimal(String cell) {
        int kind = numberKind(cell);
        if (kind == NONE || kind == SPECIAL) {
            throw new IllegalArgumentException("expected a decimal number");
        }
        if (cell.length() > MAX_DECIMAL_TEXT) {
            throw new IllegalArgumentException("a decimal of " + cell.length() + " characters, longer than any the "
                    + "value rule accepts (" + MAX_DECIMAL_TEXT + ")");
        }
        BigDecimal b;
        try {
            b = new BigDecimal(cell);
        } catch (NumberFormatException | ArithmeticException e) {
            // an exponent beyond an int's range
            throw new IllegalArgumentException("decimal exponent out of range (ImageLimits.MAX_DECIMAL_SCALE is \u00b1"
                    + ImageLimits.MAX_DECIMAL_SCALE + ")");
        }
        // the value rule's own check: its scale and digit limits, and its message
        return (BigDecimal) Values.canonical(null, b);
    }

    private static Boolean parseBoolean(String cell) {
        Boolean b = booleanWord(cell);
        if (b != null) {
            return b;
        }
        // The Python DictDB's schema parser accepts these too.
        if (cell.equals("1") || cell.equalsIgnoreCase("yes")) {
            return Boolean.TRUE;
        }
        if (cell.equals("0") || cell.equalsIgnoreCase("no")) {
            return Boolean.FALSE;
        }
        throw new IllegalArgumentException("expected true or false");
    }

    /** true or false in any case (Python writes True and False), else null. */
    static Boolean booleanWord(String cell) {
        if (cell.length() == 4 && cell.equalsIgnoreCase("true")) {
            return Boolean.TRUE;
        }
        if (cell.length() == 5 && cell.equalsIgnoreCase("false")) {
            return Boolean.FALSE;
        }
        return null;
    }

    private static Double special(String cell) {
        String s = cell.toLowerCase(java.util.Locale.ROOT);
        if (s.equals("nan") || s.equals("+nan") || s.equals("-nan")) {
            return Double.NaN;
        }
        return s.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }

    private static boolean isSpecial(String s) {
        int start = s.charAt(0) == '+' || s.charAt(0) == '-' ? 1 : 0;
        int len = s.length() - start;
        return (len == 3 && (s.regionMatches(true, start, "nan", 0, 3) || s.regionMatches(true, start, "inf", 0, 3)))
                || (len == 8 && s.regionMatches(true, start, "infinity", 0, 8));
    }

    /**
     * What kind of number the cell is, by its syntax: {@code [+-]digits[.digits][(e|E)[+-]digits]} (either
     * side of the point may be empty, not both), or NaN and infinities. An integer with a leading zero
     * ({@code 007}) is not a number: a zip code or an id kept as text must not lose its zeros.
     */
    static int numberKind(String s) {
        int n = s.length();
        if (n == 0) {
            return NONE;
        }
        int i = 0;
        char c = s.charAt(0);
        if (c == '+' || c == '-') {
            i++;
        }
        int intStart = i;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
        }
        int intDigits = i - intStart;
        int fracDigits = 0;
        boolean fraction = false;
        boolean exponent = false;
        if (i < n && s.charAt(i) == '.') {
            fraction = true;
            i++;
            int fs = i;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
            }
            fracDigits = i - fs;
        }
        if (intDigits + fracDigits == 0) {
            return isSpecial(s) ? SPECIAL : NONE;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            exponent = true;
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int es = i;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
            }
            if (i == es) {
                return NONE;
            }
        }
        if (i != n) {
            return NONE;
        }
        if (!fraction && !exponent) {
            if (intDigits > 1 && s.charAt(intStart) == '0') {
                return NONE;
            }
            if (intDigits <= 15) {
                return INT;
            }
            try {
                long v = Long.parseLong(s);
                return v > TWO_53 || v < -TWO_53 ? WIDE_INT : INT;
            } catch (NumberFormatException e) {
                return BIG_INT;
            }
        }
        if (exponent || intDigits + fracDigits > 300) {
            double d = Double.parseDouble(s);
            if (Double.isInfinite(d) || (d == 0.0 && !isZero(s))) {
                return HUGE_DECIMAL;
            }
        }
        return DECIMAL;
    }

    private static boolean isZero(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 'e' || c == 'E') {
                return true;
            }
            if (c >= '1' && c <= '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
