package io.dictdb;

import io.dictdb.internal.BytesKey;
import io.dictdb.internal.TypeBound;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The rules every DictDB value follows: which Java types a record may hold (the canonical types), how other types
 * convert to them, when two values are equal, and the one total order used for sorting, ranges and sorted indexes.
 *
 * <p>Canonical types: {@code null}, {@link Boolean}, {@link Long}, {@link Double}, {@link BigDecimal},
 * {@link String}, {@link Instant}, {@link LocalDate}, {@link UUID}, {@code byte[]}, an immutable {@link List} of
 * canonical values and {@link Record} (a nested map). Numbers compare by value across Long, Double and BigDecimal;
 * {@code -0.0} equals {@code 0.0}; NaN equals NaN and sorts above every other number.
 *
 * <p>What a value may hold (string, byte array, decimal and collection sizes, depth, names) is the value rule,
 * described in {@link io.dictdb.spi.ImageLimits} and checked by {@link #canonical(String, Object)}: everything it
 * accepts, every codec can save and read back.
 *
 * <p>The total order ranks types first (numbers, strings, booleans, instants, dates, UUIDs, byte arrays, lists,
 * maps, then null) and orders values within a type. Conditions use {@link #comparable(Object, Object)}: an
 * ordering comparison between values of different types, or with null, is false.
 */
public final class Values {
    private static final int NUMBER = 0;
    private static final int STRING = 1;
    private static final int BOOLEAN = 2;
    private static final int INSTANT = 3;
    private static final int DATE = 4;
    private static final int UUID_RANK = 5;
    private static final int BYTES = 6;
    private static final int LIST = 7;
    private static final int MAP = 8;
    private static final int NULL = 9;
    private static final int BOUND = 10;
    private static final double TWO_53 = 9007199254740992.0;

    /** The total order of canonical values, nulls last. Consistent with {@link #equal(Object, Object)}. */
    public static final Comparator<Object> ORDER = Values::compare;

    private Values() {
    }

    /**
     * Converts a value to its canonical type: small integers widen to Long, Float to Double, BigInteger to
     * BigDecimal, Character to String, byte arrays are copied, lists and maps are copied deeply into immutable
     * values.
     *
     * @param field the field the value is for, named in the error
     * @param value any value
     * @return the canonical value
     * @throws IllegalArgumentException if the value has a type DictDB cannot store, or breaks the value rule (a
     *     limit of {@link io.dictdb.spi.ImageLimits}, a bad name in a nested map, a cycle), naming the field's path
     *     and the type or the limit
     */
    public static Object canonical(String field, Object value) {
        try {
            return canonicalAt(value, 0);
        } catch (InvalidValue e) {
            throw e.toException(field);
        }
    }

    /** How deep lists and maps may nest in a value: deeper input is refused rather than overflowing the stack. */
    public static final int MAX_DEPTH = 256;

    /**
     * Converts a value found {@code depth} levels down and checks it against the value rule ({@link ValueRule});
     * errors carry their path for the caller to name. The common types cost a type test (and a length test for a
     * string); only long strings, decimals, byte arrays and containers are checked further.
     */
    static Object canonicalAt(Object value, int depth) {
        if (value == null || value instanceof Long || value instanceof Boolean || value instanceof Double
                || value instanceof Record || value instanceof ValueList) {
            return value; // records and value lists were checked when they were made
        }
        if (value instanceof String s) {
            if (s.length() > ValueRule.STRING_SCAN_THRESHOLD) {
                ValueRule.checkLongString(s);
            }
            return s;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Float f) {
            return f.doubleValue();
        }
        if (value instanceof BigDecimal d) {
            return ValueRule.checkDecimal(d);
        }
        if (value instanceof Instant || value instanceof LocalDate || value instanceof UUID) {
            return value;
        }
        if (value instanceof BigInteger b) {
            return ValueRule.checkDecimal(new BigDecimal(b));
        }
        if (value instanceof Character c) {
            return c.toString();
        }
        if (value instanceof byte[] bytes) {
            ValueRule.checkBytes(bytes);
            return bytes.clone();
        }
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            if (depth >= MAX_DEPTH) {
                // A cycle (a map that contains itself) also ends here; the callers on the way out recognise the
                // container and report the cycle instead, so the usual path pays nothing for finding cycles.
                throw new InvalidValue("lists and maps nest deeper than " + MAX_DEPTH + " levels").culprit(value);
            }
            return value instanceof Map<?, ?> map ? Record.canonicalMap(map, depth + 1)
                    : ValueList.copyOf((List<?>) value, depth + 1);
        }
        throw new InvalidValue("unsupported value type " + value.getClass().getName() + " (supported: null, "
                + "Boolean, Long, Integer, Short, Byte, Double, Float, BigDecimal, BigInteger, String, Character, "
                + "Instant, LocalDate, UUID, byte[], List, Map)");
    }

    /**
     * A value that cannot be stored, found somewhere inside a value: thrown without a stack trace while the path
     * to it is built on the way out, then turned into an {@link IllegalArgumentException} naming the whole path.
     * A container found too deep is remembered, so that the containers on the way out can tell a cycle (the
     * container recurs among them) from mere depth, and name the cycle from its outermost container.
     */
    static final class InvalidValue extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private String path = "";
        /** The container found too deep, then every container passed on the way out up to its first recurrence. */
        private transient List<Object> loop;
        /** The path's length when the culprit recurred: the length of one turn of the cycle. */
        private int turn = -1;
        /** The path's length at the outermost container of the cycle: where the cycle starts. */
        private int cycleStart = -1;

        InvalidValue(String message) {
            super(message, null, false, false);
        }

        InvalidValue culprit(Object container) {
            loop = new ArrayList<>();
            loop.add(container);
            return this;
        }

        InvalidValue under(String segment) {
            path = segment + path;
            return this;
        }

        /** Prepends a path segment inside {@code container}, noting whether the container is on a cycle. */
        InvalidValue under(String segment, Object container) {
            under(segment);
            if (loop != null) {
                if (turn < 0) {
                    if (container == loop.get(0)) {
                        turn = path.length();
                        cycleStart = path.length();
                    } else {
                        loop.add(container);
                    }
                } else if (containsIdentical(loop, container)) {
                    cycleStart = path.length();
                }
            }
            return this;
        }

        private static boolean containsIdentical(List<Object> list, Object o) {
            for (Object x : list) {
                if (x == o) {
                    return true;
                }
            }
            return false;
        }

        IllegalArgumentException toException(String field) {
            String message = getMessage();
            String p = path;
            if (cycleStart >= 0) {
                // the path repeats the turn from where the cycle starts: keep the prefix and one turn
                String prefix = p.substring(0, p.length() - cycleStart);
                p = prefix + p.substring(prefix.length(), prefix.length() + turn);
                String back = join(field, prefix);
                message = "a map or list that contains itself (a cycle back to "
                        + (back.isEmpty() ? "the value itself" : "'" + back + "'") + ")";
            }
            String where = join(field, p);
            if (where.isEmpty()) {
                return new IllegalArgumentException(Character.toUpperCase(message.charAt(0)) + message.substring(1));
            }
            return new IllegalArgumentException("Field '" + where + "': " + message);
        }

        private static String join(String field, String path) {
            String where = (field == null ? "" : field) + path;
            return where.startsWith(".") ? where.substring(1) : where;
        }
    }

    /**
     * Whether two canonical values are equal: numbers by value across types, byte arrays by content, lists and
     * maps element by element. {@code null} equals only {@code null}.
     *
     * @param a a canonical value
     * @param b a canonical value
     * @return true when equal
     */
    public static boolean equal(Object a, Object b) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null) {
            return false;
        }
        int ra = rank(a);
        if (ra != rank(b)) {
            return false;
        }
        return switch (ra) {
            case NUMBER -> compareNumbers((Number) a, (Number) b) == 0;
            case BYTES -> Arrays.equals(rawBytes(a), rawBytes(b));
            case LIST -> listsEqual((List<?>) a, (List<?>) b);
            case MAP -> mapsEqual((Map<?, ?>) a, (Map<?, ?>) b);
            default -> a.equals(b);
        };
    }

    /**
     * Whether two values can be compared by an ordering condition ({@code lt}, {@code gt}, ...): both non-null,
     * of the same type (all numbers are one type), and not maps.
     *
     * @param a a canonical value
     * @param b a canonical value
     * @return true when an ordering comparison between them is meaningful
     */
    public static boolean comparable(Object a, Object b) {
        if (a == null || b == null) {
            return false;
        }
        int ra = rank(a);
        return ra == rank(b) && ra != MAP;
    }

    /**
     * Whether two values are both non-null and of the same type (all numbers are one type): the condition for
     * {@code ne} to be true when they differ.
     *
     * @param a a canonical value
     * @param b a canonical value
     * @return true when both are non-null and of the same type
     */
    public static boolean sameType(Object a, Object b) {
        return a != null && b != null && rank(a) == rank(b);
    }

    /**
     * Compares two canonical values in the total order (type rank first, then value; null last).
     *
     * @param a a canonical value or null
     * @param b a canonical value or null
     * @return negative, zero or positive as {@code a} sorts before, with or after {@code b}
     */
    public static int compare(Object a, Object b) {
        if (a == b) {
            return 0;
        }
        int ra = rank(a);
        int rb = rank(b);
        if (ra == BOUND || rb == BOUND) {
            return compareBound(a, ra, b, rb);
        }
        if (ra != rb) {
            return Integer.compare(ra, rb);
        }
        return switch (ra) {
            case NUMBER -> compareNumbers((Number) a, (Number) b);
            case STRING -> ((String) a).compareTo((String) b);
            case BOOLEAN -> Boolean.compare((Boolean) a, (Boolean) b);
            case INSTANT -> ((Instant) a).compareTo((Instant) b);
            case DATE -> ((LocalDate) a).compareTo((LocalDate) b);
            case UUID_RANK -> compareUuids((UUID) a, (UUID) b);
            case BYTES -> Arrays.compareUnsigned(rawBytes(a), rawBytes(b));
            case LIST -> compareLists((List<?>) a, (List<?>) b);
            case MAP -> compareMaps((Map<?, ?>) a, (Map<?, ?>) b);
            default -> 0;
        };
    }

    /**
     * A short description of a value for messages: strings quoted, other values with their type when that helps.
     *
     * @param value any value
     * @return a readable description
     */
    public static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String s) {
            return "'" + s + "'";
        }
        if (value instanceof byte[] b) {
            return "byte[" + b.length + "]";
        }
        return value.toString();
    }

    /**
     * The name of a value's canonical type for messages, such as {@code LONG} or {@code STRING}.
     *
     * @param value a canonical value
     * @return the type's name
     */
    public static String typeName(Object value) {
        if (value == null) {
            return "NULL";
        }
        if (value instanceof Long) {
            return "LONG";
        }
        if (value instanceof Double) {
            return "DOUBLE";
        }
        if (value instanceof BigDecimal) {
            return "DECIMAL";
        }
        return switch (rank(value)) {
            case STRING -> "STRING";
            case BOOLEAN -> "BOOLEAN";
            case INSTANT -> "INSTANT";
            case DATE -> "DATE";
            case UUID_RANK -> "UUID";
            case BYTES -> "BYTES";
            case LIST -> "LIST";
            case MAP -> "MAP";
            default -> value.getClass().getSimpleName();
        };
    }

    /**
     * Orders a {@link TypeBound} (the engine's end of a type's section, see {@link io.dictdb.internal.ValueKeys})
     * against a value or another bound: by type first, then low end, values, high end. Reached only when a rank is
     * {@code BOUND}, which {@link #rank} tests last, so ordinary values never pay for it.
     */
    private static int compareBound(Object a, int ra, Object b, int rb) {
        int sa = ra == BOUND ? rank(((TypeBound) a).sample()) : ra;
        int sb = rb == BOUND ? rank(((TypeBound) b).sample()) : rb;
        if (sa != sb) {
            return Integer.compare(sa, sb);
        }
        int pa = ra == BOUND ? (((TypeBound) a).high() ? 1 : -1) : 0;
        int pb = rb == BOUND ? (((TypeBound) b).high() ? 1 : -1) : 0;
        return Integer.compare(pa, pb);
    }

    private static int rank(Object v) {
        if (v == null) {
            return NULL;
        }
        if (v instanceof Number) {
            return NUMBER;
        }
        if (v instanceof String) {
            return STRING;
        }
        if (v instanceof Boolean) {
            return BOOLEAN;
        }
        if (v instanceof Instant) {
            return INSTANT;
        }
        if (v instanceof LocalDate) {
            return DATE;
        }
        if (v instanceof UUID) {
            return UUID_RANK;
        }
        if (v instanceof byte[] || v instanceof BytesKey) {
            return BYTES;
        }
        if (v instanceof List) {
            return LIST;
        }
        if (v instanceof Map) {
            return MAP;
        }
        if (v instanceof TypeBound) {
            return BOUND;
        }
        throw new IllegalArgumentException("Not a canonical DictDB value: " + v.getClass().getName());
    }

    private static byte[] rawBytes(Object v) {
        return v instanceof BytesKey k ? k.bytes() : (byte[]) v;
    }

    private static int compareNumbers(Number a, Number b) {
        if (a instanceof Long x && b instanceof Long y) {
            return Long.compare(x, y);
        }
        if (a instanceof Double x && b instanceof Double y) {
            return compareDoubles(x, y);
        }
        boolean aDouble = a instanceof Double;
        boolean bDouble = b instanceof Double;
        if (aDouble || bDouble) {
            double da = a.doubleValue();
            double db = b.doubleValue();
            if (aDouble && (Double.isNaN(da) || Double.isInfinite(da))
                    || bDouble && (Double.isNaN(db) || Double.isInfinite(db))) {
                // a non-finite double against a finite number (Long or BigDecimal) or another non-finite
                if (aDouble && bDouble) {
                    return compareDoubles(da, db);
                }
                double nonFinite = aDouble ? da : db;
                int sign = Double.isNaN(nonFinite) || nonFinite > 0 ? 1 : -1;
                return aDouble ? sign : -sign;
            }
            if (a instanceof Long x && Math.abs((double) x) < TWO_53) {
                return compareDoubles((double) x, db);
            }
            if (b instanceof Long y && Math.abs((double) y) < TWO_53) {
                return compareDoubles(da, (double) y);
            }
        }
        return toBigDecimal(a).compareTo(toBigDecimal(b));
    }

    private static int compareDoubles(double x, double y) {
        if (x == y) {
            return 0; // also makes -0.0 equal to 0.0
        }
        return Double.compare(x, y); // NaN is above everything and equal to itself
    }

    private static BigDecimal toBigDecimal(Number n) {
        if (n instanceof BigDecimal b) {
            return b;
        }
        if (n instanceof Long l) {
            return BigDecimal.valueOf(l);
        }
        return new BigDecimal(n.doubleValue());
    }

    private static int compareUuids(UUID a, UUID b) {
        int c = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return c != 0 ? c : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    }

    private static boolean listsEqual(List<?> a, List<?> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!equal(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean mapsEqual(Map<?, ?> a, Map<?, ?> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (Map.Entry<?, ?> e : a.entrySet()) {
            if (!b.containsKey(e.getKey()) || !equal(e.getValue(), b.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    private static int compareLists(List<?> a, List<?> b) {
        int n = Math.min(a.size(), b.size());
        for (int i = 0; i < n; i++) {
            int c = compare(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    private static int compareMaps(Map<?, ?> a, Map<?, ?> b) {
        List<String> ka = sortedKeys(a);
        List<String> kb = sortedKeys(b);
        int n = Math.min(ka.size(), kb.size());
        for (int i = 0; i < n; i++) {
            int c = ka.get(i).compareTo(kb.get(i));
            if (c != 0) {
                return c;
            }
            c = compare(a.get(ka.get(i)), b.get(kb.get(i)));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(ka.size(), kb.size());
    }

    private static List<String> sortedKeys(Map<?, ?> m) {
        List<String> keys = new ArrayList<>(m.size());
        for (Object k : m.keySet()) {
            keys.add((String) k);
        }
        keys.sort(null);
        return keys;
    }

}
