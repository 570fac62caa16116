package io.dictdb.table.tck.model;

import io.dictdb.query.Condition;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The test's own statement of DictDB's value and condition semantics, written from the contract (API.md and the
 * javadoc of {@code Values} and {@code Condition}) without calling the engine or {@code Values}: it is the oracle
 * the engine is judged against, so it must not share code with what it judges.
 */
final class Oracle {
    private Oracle() {
    }

    // ------------------------------------------------------------------ canonical values

    /** Thrown by {@link #canon} for a value DictDB must reject; the engine throws IllegalArgumentException. */
    static final class Unsupported extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unsupported(Object value) {
            super("unsupported value type " + value.getClass().getName());
        }
    }

    /**
     * The canonical form of a written value as the model stores it: Integer/Short/Byte widen to Long, Float to
     * Double, BigInteger to BigDecimal, Character to String, byte[] copied, lists and maps copied deeply (maps
     * stay plain maps here; the engine's nested Record compares equal field by field).
     */
    static Object canon(Object v) {
        if (v == null || v instanceof Boolean || v instanceof Long || v instanceof Double || v instanceof BigDecimal
                || v instanceof String || v instanceof Instant || v instanceof LocalDate || v instanceof UUID) {
            return v;
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof Float f) {
            return (double) f;
        }
        if (v instanceof BigInteger b) {
            return new BigDecimal(b);
        }
        if (v instanceof Character c) {
            return String.valueOf(c);
        }
        if (v instanceof byte[] b) {
            return b.clone();
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (Object o : l) {
                out.add(canon(o));
            }
            return Collections.unmodifiableList(out);
        }
        if (v instanceof Map<?, ?> m) {
            return canonMap(m);
        }
        throw new Unsupported(v);
    }

    static Map<String, Object> canonMap(Map<?, ?> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            out.put((String) e.getKey(), canon(e.getValue()));
        }
        return out;
    }

    // ------------------------------------------------------------------ exact equality (stored state)

    /**
     * Equality of stored values with their exact type and representation: 1L differs from 1.0, -0.0 from 0.0,
     * BigDecimal 1.0 from 1.00; NaN equals NaN; byte arrays, lists and maps by content. This is what "the table
     * equals the model" means: the engine must store what was written, converted only as documented.
     */
    static boolean exactEquals(Object a, Object b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a instanceof byte[] x) {
            return b instanceof byte[] y && Arrays.equals(x, y);
        }
        if (a instanceof List<?> x) {
            if (!(b instanceof List<?> y) || x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!exactEquals(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Map<?, ?> x) {
            if (!(b instanceof Map<?, ?> y) || x.size() != y.size()) {
                return false;
            }
            for (Map.Entry<?, ?> e : x.entrySet()) {
                if (!y.containsKey(e.getKey()) || !exactEquals(e.getValue(), y.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        // Double.equals compares bits: -0.0 != 0.0 and NaN == NaN, which is what "stored exactly" needs.
        return a.getClass() == b.getClass() && a.equals(b);
    }

    // ------------------------------------------------------------------ the total order

    private static final int NUMBER = 0;
    private static final int NULL = 9;

    static int rank(Object v) {
        if (v == null) {
            return NULL;
        }
        if (v instanceof Long || v instanceof Double || v instanceof BigDecimal) {
            return NUMBER;
        }
        if (v instanceof String) {
            return 1;
        }
        if (v instanceof Boolean) {
            return 2;
        }
        if (v instanceof Instant) {
            return 3;
        }
        if (v instanceof LocalDate) {
            return 4;
        }
        if (v instanceof UUID) {
            return 5;
        }
        if (v instanceof byte[]) {
            return 6;
        }
        if (v instanceof List) {
            return 7;
        }
        if (v instanceof Map) {
            return 8;
        }
        throw new IllegalArgumentException("not canonical: " + v.getClass());
    }

    /**
     * The documented total order: types ranked numbers, strings, booleans, instants, dates, UUIDs, byte arrays,
     * lists, maps, null; numbers by exact value (via BigDecimal), -0.0 equal to 0.0, -inf below and +inf above
     * every finite number, NaN above everything and equal to itself; UUIDs and bytes unsigned; lists and maps
     * lexicographically.
     */
    static int compare(Object a, Object b) {
        int ra = rank(a);
        int rb = rank(b);
        if (ra != rb) {
            return Integer.compare(ra, rb);
        }
        return switch (ra) {
            case NUMBER -> compareNumbers(a, b);
            case 1 -> ((String) a).compareTo((String) b);
            case 2 -> Boolean.compare((Boolean) a, (Boolean) b);
            case 3 -> ((Instant) a).compareTo((Instant) b);
            case 4 -> ((LocalDate) a).compareTo((LocalDate) b);
            case 5 -> compareUuid((UUID) a, (UUID) b);
            case 6 -> compareBytes((byte[]) a, (byte[]) b);
            case 7 -> compareLists((List<?>) a, (List<?>) b);
            case 8 -> compareMaps((Map<?, ?>) a, (Map<?, ?>) b);
            default -> 0;
        };
    }

    /** Numbers as (class, exact value): class 0 is -inf, 1 finite, 2 +inf, 3 NaN. */
    private static int numberClass(Object n) {
        if (n instanceof Double d) {
            if (d.isNaN()) {
                return 3;
            }
            if (d.isInfinite()) {
                return d > 0 ? 2 : 0;
            }
        }
        return 1;
    }

    private static BigDecimal exact(Object n) {
        if (n instanceof Long l) {
            return BigDecimal.valueOf(l);
        }
        if (n instanceof Double d) {
            return new BigDecimal(d); // exact binary value; -0.0 becomes 0
        }
        return (BigDecimal) n;
    }

    private static int compareNumbers(Object a, Object b) {
        if (a instanceof Long x && b instanceof Long y) {
            return Long.compare(x, y); // the common case, without allocating
        }
        int ca = numberClass(a);
        int cb = numberClass(b);
        if (ca != cb) {
            return Integer.compare(ca, cb);
        }
        return ca == 1 ? exact(a).compareTo(exact(b)) : 0;
    }

    private static int compareUuid(UUID a, UUID b) {
        int c = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return c != 0 ? c : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    }

    private static int compareBytes(byte[] a, byte[] b) {
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            int c = Integer.compare(a[i] & 0xff, b[i] & 0xff);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.length, b.length);
    }

    private static int compareLists(List<?> a, List<?> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
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
        for (int i = 0; i < Math.min(ka.size(), kb.size()); i++) {
            int c = ka.get(i).compareTo(kb.get(i));
            if (c == 0) {
                c = compare(a.get(ka.get(i)), b.get(kb.get(i)));
            }
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(ka.size(), kb.size());
    }

    private static List<String> sortedKeys(Map<?, ?> m) {
        List<String> keys = new ArrayList<>();
        for (Object k : m.keySet()) {
            keys.add((String) k);
        }
        Collections.sort(keys);
        return keys;
    }

    /** Value equality: numbers by value across types, containers by content. Also decides primary key identity. */
    static boolean valueEquals(Object a, Object b) {
        return compare(a, b) == 0;
    }

    /** Ordering comparisons need two non-null values of one type (all numbers are one type), and never maps. */
    static boolean comparable(Object a, Object b) {
        return a != null && b != null && rank(a) == rank(b) && !(a instanceof Map);
    }

    // ------------------------------------------------------------------ conditions

    /** Evaluates a condition on a model record, from the documented rules only. */
    static boolean matches(Condition c, Map<String, Object> r) {
        if (c instanceof Condition.All) {
            return true;
        }
        if (c instanceof Condition.Compare x) {
            Object v = r.get(x.field());
            Object w = x.value();
            if (v == null || w == null) {
                return false; // comparisons with null or missing are false, whatever the operator
            }
            return switch (x.op()) {
                case EQ -> valueEquals(v, w);
                // ne: only a non-null value of the same type that differs
                case NE -> rank(v) == rank(w) && !valueEquals(v, w);
                case LT -> comparable(v, w) && compare(v, w) < 0;
                case LTE -> comparable(v, w) && compare(v, w) <= 0;
                case GT -> comparable(v, w) && compare(v, w) > 0;
                case GTE -> comparable(v, w) && compare(v, w) >= 0;
            };
        }
        if (c instanceof Condition.In x) {
            Object v = r.get(x.field());
            if (v == null) {
                return false; // in and notIn are both false for null or missing
            }
            boolean found = false;
            for (Object w : x.values()) {
                if (w != null && valueEquals(v, w)) {
                    found = true;
                    break;
                }
            }
            return found != x.negated();
        }
        if (c instanceof Condition.Between x) {
            Object v = r.get(x.field());
            return comparable(v, x.low()) && comparable(v, x.high())
                    && compare(v, x.low()) >= 0 && compare(v, x.high()) <= 0;
        }
        if (c instanceof Condition.Text x) {
            return r.get(x.field()) instanceof String s && text(x.op(), s, x.operand());
        }
        if (c instanceof Condition.IsNull x) {
            return (r.get(x.field()) == null) != x.negated();
        }
        if (c instanceof Condition.Regex x) {
            return r.get(x.field()) instanceof String s && x.pattern().matcher(s).find();
        }
        if (c instanceof Condition.And x) {
            for (Condition p : x.parts()) {
                if (!matches(p, r)) {
                    return false;
                }
            }
            return true;
        }
        if (c instanceof Condition.Or x) {
            for (Condition p : x.parts()) {
                if (matches(p, r)) {
                    return true;
                }
            }
            return false;
        }
        if (c instanceof Condition.Not x) {
            return !matches(x.inner(), r);
        }
        if (c instanceof Condition.Matching x) {
            return x.predicate().test(io.dictdb.Record.of(r));
        }
        throw new IllegalStateException("unknown condition " + c);
    }

    private static boolean text(Condition.TextOp op, String s, String operand) {
        return switch (op) {
            case LIKE -> like(operand, s, false);
            case ILIKE -> like(operand, s, true);
            case STARTS_WITH -> s.startsWith(operand);
            case ENDS_WITH -> s.endsWith(operand);
            case CONTAINS -> s.contains(operand);
            case IEQUALS -> Arrays.equals(fold(s), fold(operand));
            case ISTARTS_WITH -> startsWith(fold(s), fold(operand), 0);
            case IENDS_WITH -> {
                int[] a = fold(s);
                int[] b = fold(operand);
                yield a.length >= b.length && startsWith(a, b, a.length - b.length);
            }
            case ICONTAINS -> {
                int[] a = fold(s);
                int[] b = fold(operand);
                boolean found = false;
                for (int i = 0; i + b.length <= a.length && !found; i++) {
                    found = startsWith(a, b, i);
                }
                yield found;
            }
        };
    }

    /** Case folding per code point, the usual Java "ignore case" rule (upper, then lower). */
    private static int fold(int cp) {
        return Character.toLowerCase(Character.toUpperCase(cp));
    }

    private static int[] fold(String s) {
        return s.codePoints().map(Oracle::fold).toArray();
    }

    private static boolean startsWith(int[] a, int[] b, int from) {
        if (from < 0 || from + b.length > a.length) {
            return false;
        }
        for (int i = 0; i < b.length; i++) {
            if (a[from + i] != b[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * SQL LIKE by dynamic programming over code points: {@code %} any run, {@code _} exactly one code point,
     * {@code \x} the literal x.
     */
    static boolean like(String pattern, String text, boolean ignoreCase) {
        List<int[]> tokens = new ArrayList<>(); // {kind, codePoint}: kind 0 literal, 1 one, 2 any
        int[] p = pattern.codePoints().toArray();
        for (int i = 0; i < p.length; i++) {
            if (p[i] == '\\' && i + 1 < p.length) {
                tokens.add(new int[] {0, p[++i]});
            } else if (p[i] == '%') {
                tokens.add(new int[] {2, 0});
            } else if (p[i] == '_') {
                tokens.add(new int[] {1, 0});
            } else {
                tokens.add(new int[] {0, p[i]});
            }
        }
        int[] s = text.codePoints().toArray();
        // ok[j] = the tokens seen so far can match exactly the first j code points
        boolean[] ok = new boolean[s.length + 1];
        ok[0] = true;
        for (int[] t : tokens) {
            boolean[] next = new boolean[s.length + 1];
            for (int j = 0; j <= s.length; j++) {
                if (t[0] == 2) {
                    next[j] = ok[j] || (j > 0 && next[j - 1]);
                } else if (j > 0 && ok[j - 1]) {
                    next[j] = t[0] == 1 || t[1] == s[j - 1] || ignoreCase && fold(t[1]) == fold(s[j - 1]);
                }
            }
            ok = next;
        }
        return ok[s.length];
    }
}
