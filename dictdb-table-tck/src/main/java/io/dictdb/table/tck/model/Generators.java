package io.dictdb.table.tck.model;

import io.dictdb.FieldType;
import io.dictdb.IndexType;
import io.dictdb.OnConflict;
import io.dictdb.Schema;
import io.dictdb.query.Condition;
import io.dictdb.query.Conditions;
import io.dictdb.query.Field;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.impl.Constraint;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import static io.dictdb.query.Conditions.field;

/**
 * QuickTheories generators for op sequences. Values come from small pools rich in edge cases (equal numbers of
 * different types, -0.0, NaN, infinities, unsigned-order UUIDs and bytes, case-folding letters, LIKE
 * metacharacters) so that conditions hit stored values often and indexes meet every corner of the total order.
 *
 * <p>The generators are written imperatively on QuickTheories' randomness source, so QuickTheories still owns the
 * seed (a failing run prints it) while op shapes stay easy to read.
 */
final class Generators {
    private Generators() {
    }

    // ------------------------------------------------------------------ profiles

    /** What a run's table looks like: key, data fields, schema. */
    record Profile(String name, String pk, List<String> fields, Schema schema) {
        /** Fields conditions and orders use: the data fields, the key and one that no record has. */
        List<String> conditionFields() {
            List<String> out = new ArrayList<>(fields);
            out.add(pk);
            out.add("zz");
            return out;
        }

        FieldType type(String field) {
            return schema == null ? null : schema.type(field);
        }
    }

    static Profile withoutSchema() {
        return new Profile("no schema", "id", List.of("a", "b", "c", "d", "e"), null);
    }

    static Profile withSchema() {
        Schema schema = Schema.builder()
                .field("name", FieldType.STRING)
                .field("level", FieldType.LONG)
                .optional("score", FieldType.DOUBLE)
                .optional("qty", FieldType.LONG)
                .optional("amount", FieldType.DECIMAL)
                .optional("flag", FieldType.BOOLEAN)
                .optional("at", FieldType.INSTANT)
                .optional("day", FieldType.DATE)
                .optional("uid", FieldType.UUID)
                .optional("blob", FieldType.BYTES)
                .optional("tags", FieldType.LIST)
                .optional("meta", FieldType.MAP)
                .optional("any", FieldType.ANY)
                .build();
        return new Profile("schema", "id", List.copyOf(schema.fields().keySet()), schema);
    }

    // ------------------------------------------------------------------ value pools

    static final List<Object> LONGS = List.of(-2L, -1L, 0L, 1L, 2L, 3L, 5L, 10L, 100L, Long.MIN_VALUE,
            Long.MAX_VALUE, 9007199254740992L, 9007199254740993L);
    /** Not canonical: widen to Long on write. */
    static final List<Object> SMALL_INTS = List.of(0, 1, 2, 3, (short) 2, (byte) 1);
    static final List<Object> DOUBLES = List.of(-0.0, 0.0, 1.0, 2.0, 2.5, -1.5, 0.1, 3.0, 100.0, Double.NaN,
            Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 9007199254740992.0, 1e300, Double.MIN_VALUE,
            1.5f, 2.0f);
    static final List<Object> DECIMALS = List.of(new BigDecimal("1"), new BigDecimal("1.0"), new BigDecimal("1.00"),
            new BigDecimal("2.5"), new BigDecimal("-0"), new BigDecimal("0.000"), new BigDecimal("0.1"),
            new BigDecimal("3"), new BigDecimal("1E+2"), new BigDecimal("9007199254740993"),
            new BigDecimal("1E+400"), new BigDecimal("-1E+400"), BigInteger.TWO, BigInteger.ONE.shiftLeft(70));
    /**
     * Letters chosen for case folding (ß, dotless and dotted i, final sigma), a surrogate pair, the highest char
     * (a prefix range of a sorted index ends at the next string), LIKE metacharacters.
     */
    static final List<String> ALPHABET = List.of("a", "b", "A", "B", "é", "É", "ß", "ı", "İ", "i", "ς", "Σ",
            "日", "\uD83D\uDE00", "\uFFFF", "%", "_", "\\", " ");
    static final List<Object> FIXED_STRINGS = List.of("", "a", "A", "ab", "aB", "b", "abc", "straße", "STRASSE",
            "Σς", "σΣ", "日本", "a%b", "a_b", "a\\b", "I", 'a', 'Z');
    static final List<Object> INSTANTS = List.of(Instant.EPOCH, Instant.EPOCH.plusNanos(1),
            Instant.ofEpochSecond(1), Instant.ofEpochSecond(-1), Instant.parse("2024-01-01T00:00:00Z"));
    static final List<Object> DATES = List.of(LocalDate.of(1970, 1, 1), LocalDate.of(2024, 1, 1),
            LocalDate.of(2024, 2, 29), LocalDate.of(1, 1, 1), LocalDate.of(9999, 12, 31));
    /** UUIDs whose signed and unsigned orders differ. */
    static final List<Object> UUIDS = List.of(new UUID(0, 0), new UUID(0, 1), new UUID(1, 0), new UUID(-1, -1),
            new UUID(Long.MIN_VALUE, 0), UUID.fromString("123e4567-e89b-12d3-a456-426614174000"));
    static final List<byte[]> BYTES = List.of(new byte[0], new byte[] {0}, new byte[] {1}, new byte[] {-1},
            new byte[] {0, 1}, new byte[] {1, 0}, new byte[] {127}, new byte[] {-128});
    /** Containers equal by value but not by type, e.g. [1L], [1.0] and [1.00]: one key for a hash index. */
    static final List<Object> CONTAINERS = List.of(List.of(1L), List.of(1.0), List.of(new BigDecimal("1.00")),
            Map.of("x", 1L), Map.of("x", 1.0), Map.of("x", new BigDecimal("1.0")), List.of(), Map.of(),
            List.of(List.of(2L)), List.of(List.of(2.0)), Arrays.asList((Object) null), List.of(-0.0), List.of(0L));
    static final List<String> REGEXES = List.of("^a", "b$", "[éÉ]", "(?i)^a", "^$", ".", "\uD83D\uDE00", "\\d",
            "a.?b", "^.{2}$", "(?iu)σ");
    /** Values DictDB must reject with IllegalArgumentException, at top level or nested. */
    static final List<Object> UNSUPPORTED = List.of(new java.util.Date(0L), Optional.empty(),
            Arrays.asList(1L, new java.util.Date(0L)));

    /** A source of draws: thin helpers over QuickTheories' randomness. */
    static final class Draw {
        private final RandomnessSource in;

        Draw(RandomnessSource in) {
            this.in = in;
        }

        int between(int lo, int hi) {
            return (int) in.next(Constraint.between(lo, hi));
        }

        boolean percent(int p) {
            return between(0, 99) < p;
        }

        <T> T pick(List<T> l) {
            return l.get(between(0, l.size() - 1));
        }

        /** An index chosen with the given weights. */
        int weighted(int... weights) {
            int total = 0;
            for (int w : weights) {
                total += w;
            }
            int x = between(0, total - 1);
            for (int i = 0; i < weights.length; i++) {
                x -= weights[i];
                if (x < 0) {
                    return i;
                }
            }
            throw new AssertionError();
        }
    }

    // ------------------------------------------------------------------ sequences

    /** Sequences of {@code min..max} ops for the profile. */
    static Gen<List<Op>> sequences(Profile p, int min, int max) {
        Gen<List<Op>> gen = in -> {
            Draw d = new Draw(in);
            int n = d.between(min, max);
            OpGenerator g = new OpGenerator(p, d);
            List<Op> ops = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                ops.add(g.op());
            }
            return ops;
        };
        // The failure message carries the minimised sequence; printing thousands of ops would bury it.
        return gen.describedAs(ops -> ops.size() + " ops");
    }

    /** Draws one op at a time for a profile. */
    static final class OpGenerator {
        private final Profile p;
        private final Draw d;

        OpGenerator(Profile p, Draw d) {
            this.p = p;
            this.d = d;
        }

        /*
         * The cheapest kinds come first and last: QuickTheories' first examples force every draw to its minimum
         * or maximum, which yields a sequence of only lookups or only checks of an empty table.
         */
        Op op() {
            // Weights keep tables at tens to a few hundred records: deletes mostly name a few keys and
            // deleteAll is rare.
            return switch (d.weighted(15, 90, 30, 50, 30, 3, 10, 30, 25, 8, 20, 15, 75, 2)) {
                case 0 -> new Op.Lookup(keyRef(true));
                case 1 -> new Op.Insert(record(false), keyRef(p.schema() == null));
                case 2 -> insertAll();
                case 3 -> new Op.Upsert(record(false), keyRef(true), d.percent(25) ? null
                        : d.pick(List.of(OnConflict.values())));
                case 4 -> new Op.Update(changes(), where(), false);
                case 5 -> new Op.Update(changes(), null, false);
                case 6 -> new Op.Update(changes(), where(), true);
                case 7 -> new Op.UpdateFn(fn(), where());
                case 8 -> new Op.Delete(deleteWhere(), false);
                case 9 -> new Op.Delete(deleteWhere(), true);
                case 10 -> new Op.CreateIndex(d.pick(p.fields()), d.percent(20) ? null
                        : d.pick(List.of(IndexType.HASH, IndexType.SORTED)));
                case 11 -> new Op.DropIndex(d.pick(p.fields()));
                case 12 -> check();
                // A forced-maximum draw lands here too and then gives a cheap check, not a deleteAll.
                default -> d.percent(25) ? new Op.DeleteAll() : check();
            };
        }

        private Op insertAll() {
            // Now and then a bulk load, so indexes meet tables of a few hundred records.
            int n = d.percent(8) ? d.between(10, 40) : d.between(0, 5);
            List<Map<String, Object>> recs = new ArrayList<>();
            List<Op.KeyRef> keys = new ArrayList<>();
            boolean withOptions = d.percent(40);
            boolean skip = withOptions && d.percent(30);
            for (int i = 0; i < n; i++) {
                recs.add(record(skip));
                keys.add(keyRef(p.schema() == null));
            }
            return new Op.InsertAll(recs, keys, withOptions ? d.between(1, 3) : 0, skip, withOptions);
        }

        private Op check() {
            List<String> orders = new ArrayList<>();
            int n = d.weighted(2, 4, 3, 1);
            for (int i = 0; i < n; i++) {
                orders.add(d.pick(List.of("", "+", "-", "-")) + d.pick(p.conditionFields()));
            }
            int limit = !orders.isEmpty() && d.percent(35) ? d.between(0, 12) : -1;
            int offset = !orders.isEmpty() && d.percent(30) ? d.between(0, 6) : 0;
            Op.Where w = d.percent(90) ? new Op.Where.Given(condition(3)) : keysWhere();
            return new Op.Check(w, orders, d.percent(30), limit, offset);
        }

        // -------------------------------------------------------------- keys

        /** {@code otherTypeOk}: whether an existing key may be spelled as another numeric type. */
        private Op.KeyRef keyRef(boolean otherTypeOk) {
            int k = d.weighted(55, 25, 20);
            if (k == 0) {
                return new Op.KeyRef.None();
            }
            if (k == 2) {
                return new Op.KeyRef.Existing(d.between(0, 1000), otherTypeOk && d.percent(40));
            }
            if (p.schema() != null) {
                // Long keys, a few far ahead to move the counter, and a String key the LONG key type rejects.
                return new Op.KeyRef.Literal(switch (d.weighted(70, 10, 10, 10)) {
                    case 0 -> (long) d.between(1, 60);
                    case 1 -> (long) d.between(1000, 1003);
                    case 2 -> d.between(1, 60); // an Integer, widened
                    default -> "k" + d.between(1, 3);
                });
            }
            return new Op.KeyRef.Literal(switch (d.weighted(40, 6, 8, 12, 10, 10, 5, 5, 2, 2)) {
                case 0 -> (long) d.between(1, 60);
                case 1 -> (long) d.between(1000, 1003);
                case 2 -> d.between(1, 60);
                case 3 -> d.pick(List.of(1.0, 2.0, 7.0, 7.5, -0.0, Double.NaN, 30.0));
                case 4 -> d.pick(List.of(new BigDecimal("3"), new BigDecimal("3.0"), new BigDecimal("4.5"),
                        new BigDecimal("8.00"), BigInteger.valueOf(9)));
                case 5 -> "k" + d.between(1, 4);
                case 6 -> d.pick(UUIDS);
                case 7 -> d.pick(DATES);
                case 8 -> d.pick(BYTES).clone();
                default -> d.pick(List.of(Instant.EPOCH, true));
            });
        }

        private Op.Where keysWhere() {
            List<Op.KeyRef> keys = new ArrayList<>();
            int n = d.weighted(6, 3, 1) + 1;
            for (int i = 0; i < n; i++) {
                keys.add(d.percent(90) ? new Op.KeyRef.Existing(d.between(0, 1000), d.percent(30))
                        : keyRef(true));
            }
            return new Op.Where.Keys(keys);
        }

        private Op.Where where() {
            return d.percent(35) ? keysWhere() : new Op.Where.Given(condition(2));
        }

        /** Deletes mostly name a few records, so the table grows to a useful size instead of being wiped. */
        private Op.Where deleteWhere() {
            return d.percent(92) ? keysWhere() : new Op.Where.Given(condition(2));
        }

        // -------------------------------------------------------------- records and values

        /** A record without its key; with a schema, sometimes invalid. {@code exactTypes}: no conversions needed. */
        Map<String, Object> record(boolean exactTypes) {
            Map<String, Object> r = new LinkedHashMap<>();
            for (String f : p.fields()) {
                boolean required = p.schema() != null && p.schema().isRequired(f);
                // Required fields are almost always there; leaving one out is a schema violation to provoke.
                if (required ? d.percent(97) : d.percent(p.schema() == null ? 65 : 45)) {
                    r.put(f, fieldValue(f, exactTypes));
                }
            }
            if (d.percent(p.schema() == null ? 2 : 3)) {
                r.put(d.pick(p.fields()), d.pick(UNSUPPORTED));
            }
            if (p.schema() != null && d.percent(3)) {
                r.put("zz", value()); // outside the schema
            }
            return r;
        }

        private Map<String, Object> changes() {
            Map<String, Object> out = new LinkedHashMap<>();
            int n = d.between(1, 3);
            for (int i = 0; i < n; i++) {
                String f = d.pick(p.fields());
                out.put(f, fieldValue(f, false));
            }
            if (d.percent(2)) {
                out.put(d.pick(p.fields()), d.pick(UNSUPPORTED));
            }
            if (p.schema() != null && d.percent(3)) {
                out.put("zz", value()); // outside the schema
            }
            return out;
        }

        private Op.Fn fn() {
            String f = d.pick(p.fields());
            return switch (d.weighted(4, 2, 2, 3)) {
                case 0 -> new Op.Fn.Set(f, fieldValue(f, false));
                case 1 -> new Op.Fn.Remove(f);
                case 2 -> {
                    // With a schema, copy only between fields of one type: which numbers fit which numeric
                    // type is not all specified.
                    List<String> from = new ArrayList<>();
                    for (String g : p.fields()) {
                        if (p.schema() == null || p.type(g) == p.type(f)) {
                            from.add(g);
                        }
                    }
                    yield new Op.Fn.Copy(d.pick(from), f);
                }
                default -> {
                    // Only a valid value, so a failure can only come from the refusal, whatever the order the
                    // engine visits the records in.
                    Object v = p.schema() == null ? fieldValue(f, false) : rightValue(p.type(f));
                    yield new Op.Fn.RefuseIf(condition(1), f, v);
                }
            };
        }

        /** A value for a field: anything without a schema; with one, mostly right, sometimes null or wrong. */
        private Object fieldValue(String f, boolean exactTypes) {
            FieldType t = p.type(f);
            if (t == null) {
                return value();
            }
            int k = d.weighted(90, 5, 5);
            if (k == 1) {
                return null;
            }
            if (k == 2 && t != FieldType.ANY) {
                return wrongValue(t);
            }
            Object v = rightValue(t);
            if (exactTypes && t == FieldType.DOUBLE && !(v instanceof Double)) {
                v = ((Number) v).doubleValue(); // skipValidation stores as given: no Long-to-Double question
            }
            return v;
        }

        private Object rightValue(FieldType t) {
            return switch (t) {
                case BOOLEAN -> d.percent(50);
                case LONG -> d.percent(80) ? d.pick(LONGS) : d.pick(SMALL_INTS);
                case DOUBLE -> d.percent(70) ? d.pick(DOUBLES) : d.percent(50) ? d.pick(SMALL_INTS)
                        : (long) d.between(-3, 3);
                case DECIMAL -> d.pick(DECIMALS);
                case STRING -> string();
                case INSTANT -> d.pick(INSTANTS);
                case DATE -> d.pick(DATES);
                case UUID -> d.pick(UUIDS);
                case BYTES -> d.pick(BYTES).clone();
                case LIST -> list(2);
                case MAP -> map(2);
                case ANY -> value();
            };
        }

        /** A value of another type; for numeric fields never a number (which numbers fit is not all specified). */
        private Object wrongValue(FieldType t) {
            while (true) {
                Object v = value();
                Object c = Oracle.canon(v);
                if (c == null) {
                    continue;
                }
                boolean number = c instanceof Long || c instanceof Double || c instanceof BigDecimal;
                boolean numeric = t == FieldType.LONG || t == FieldType.DOUBLE || t == FieldType.DECIMAL;
                boolean fits = switch (t) {
                    case BOOLEAN -> c instanceof Boolean;
                    case STRING -> c instanceof String;
                    case INSTANT -> c instanceof Instant;
                    case DATE -> c instanceof LocalDate;
                    case UUID -> c instanceof UUID;
                    case BYTES -> c instanceof byte[];
                    case LIST -> c instanceof List;
                    case MAP -> c instanceof Map;
                    default -> number;
                };
                if (!fits && !(numeric && number)) {
                    return v;
                }
            }
        }

        /** Any value of any canonical type, or one that converts to one. */
        Object value() {
            return switch (d.weighted(8, 5, 12, 4, 12, 8, 14, 4, 4, 4, 4, 6, 4, 3)) {
                case 0 -> null;
                case 1 -> d.percent(50);
                case 2 -> d.pick(LONGS);
                case 3 -> d.pick(SMALL_INTS);
                case 4 -> d.pick(DOUBLES);
                case 5 -> d.pick(DECIMALS);
                case 6 -> string();
                case 7 -> d.pick(INSTANTS);
                case 8 -> d.pick(DATES);
                case 9 -> d.pick(UUIDS);
                case 10 -> d.pick(BYTES).clone();
                case 11 -> list(2);
                case 12 -> map(2);
                default -> d.pick(CONTAINERS);
            };
        }

        private Object scalar() {
            Object v;
            do {
                v = value();
            } while (v instanceof List || v instanceof Map);
            return v;
        }

        private List<Object> list(int depth) {
            int n = d.between(0, 3);
            List<Object> l = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                l.add(depth > 1 && d.percent(15) ? list(depth - 1) : scalar());
            }
            return l;
        }

        private Map<String, Object> map(int depth) {
            int n = d.between(0, 2);
            Map<String, Object> m = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                m.put(d.pick(List.of("x", "y", "a")), depth > 1 && d.percent(15) ? map(depth - 1) : scalar());
            }
            return m;
        }

        private Object string() {
            if (d.percent(40)) {
                return d.pick(FIXED_STRINGS);
            }
            StringBuilder sb = new StringBuilder();
            int n = d.between(0, 3);
            for (int i = 0; i < n; i++) {
                sb.append(d.pick(ALPHABET));
            }
            return sb.toString();
        }

        // -------------------------------------------------------------- conditions

        /** A random condition of nesting depth at most {@code depth}, built through the public API. */
        Condition condition(int depth) {
            int k = d.weighted(30, 10, 8, 14, 8, 4, 3, 2, depth > 0 ? 8 : 0, depth > 0 ? 8 : 0, depth > 0 ? 6 : 0);
            String f = d.pick(p.conditionFields());
            Field field = field(f);
            return switch (k) {
                case 0 -> {
                    Object v = operand(f);
                    yield switch (d.between(0, 5)) {
                        case 0 -> field.eq(v);
                        case 1 -> field.ne(v);
                        case 2 -> field.lt(v);
                        case 3 -> field.lte(v);
                        case 4 -> field.gt(v);
                        default -> field.gte(v);
                    };
                }
                case 1 -> {
                    List<Object> vs = new ArrayList<>();
                    int n = d.between(0, 4);
                    for (int i = 0; i < n; i++) {
                        vs.add(operand(f));
                    }
                    yield d.percent(60) ? (d.percent(50) ? field.in(vs) : field.in(vs.toArray()))
                            : (d.percent(50) ? field.notIn(vs) : field.notIn(vs.toArray()));
                }
                case 2 -> {
                    Object[] bounds = bounds(f);
                    yield field.between(bounds[0], bounds[1]);
                }
                case 3 -> text(field);
                case 4 -> d.percent(50) ? field.isNull() : field.isNotNull();
                case 5 -> field.matches(Pattern.compile(d.pick(REGEXES)));
                case 6 -> Conditions.matching(d.pick(predicates()));
                case 7 -> Conditions.all();
                case 8 -> and(depth);
                case 9 -> or(depth);
                default -> d.percent(50) ? Conditions.not(condition(depth - 1)) : condition(depth - 1).negate();
            };
        }

        private Condition and(int depth) {
            Condition a = condition(depth - 1);
            Condition b = condition(depth - 1);
            return switch (d.between(0, 2)) {
                case 0 -> a.and(b);
                case 1 -> Conditions.and(a, b, condition(depth - 1));
                default -> new Condition.And(List.of(a, b)); // unflattened, as a planner may meet it
            };
        }

        private Condition or(int depth) {
            Condition a = condition(depth - 1);
            Condition b = condition(depth - 1);
            return switch (d.between(0, 2)) {
                case 0 -> a.or(b);
                case 1 -> Conditions.or(a, b, condition(depth - 1));
                default -> new Condition.Or(List.of(a, b));
            };
        }

        /**
         * Bounds for {@code between}: often one value twice or an ordered pair of one type, the cases a sorted
         * index must get exactly right; otherwise anything.
         */
        private Object[] bounds(String f) {
            Object low = operand(f);
            int k = d.weighted(25, 45, 30);
            if (k == 0 || low == null) {
                return new Object[] {low, low};
            }
            Object high = operand(f);
            if (k == 1) {
                for (int i = 0; i < 20 && !Oracle.comparable(Oracle.canon(low), Oracle.canon(high)); i++) {
                    high = operand(f);
                }
                if (Oracle.comparable(Oracle.canon(low), Oracle.canon(high))
                        && Oracle.compare(Oracle.canon(low), Oracle.canon(high)) > 0) {
                    return new Object[] {high, low};
                }
            }
            return new Object[] {low, high};
        }

        /** An operand: usually fit for the field (so it hits), sometimes of any type or null. */
        private Object operand(String f) {
            FieldType t = p.type(f);
            int k = d.weighted(80, 5, 15);
            if (k == 1) {
                return null;
            }
            return t != null && k == 2 ? rightValue(t) : value();
        }

        private Condition text(Field field) {
            int op = d.between(0, 8);
            String s = op <= 1 ? likePattern() : (String) Oracle.canon(string());
            return switch (op) {
                case 0 -> field.like(s);
                case 1 -> field.ilike(s);
                case 2 -> field.startsWith(s);
                case 3 -> field.endsWith(s);
                case 4 -> field.contains(s);
                case 5 -> field.iequals(s);
                case 6 -> field.istartsWith(s);
                case 7 -> field.iendsWith(s);
                default -> field.icontains(s);
            };
        }

        /** A LIKE pattern whose every backslash escapes something: a lone trailing one is left unspecified. */
        private String likePattern() {
            StringBuilder sb = new StringBuilder();
            int n = d.between(0, 4);
            for (int i = 0; i < n; i++) {
                switch (d.weighted(10, 4, 3, 1, 1, 1)) {
                    case 0 -> {
                        String c = d.pick(ALPHABET);
                        sb.append(c.equals("%") || c.equals("_") || c.equals("\\") ? "\\" + c : c);
                    }
                    case 1 -> sb.append('%');
                    case 2 -> sb.append('_');
                    case 3 -> sb.append("\\%");
                    case 4 -> sb.append("\\_");
                    default -> sb.append("\\\\");
                }
            }
            return sb.toString();
        }

        private List<Op.Named> predicates() {
            String f = p.fields().get(0);
            String g = p.fields().get(1);
            return List.of(
                    new Op.Named("r -> r.size() >= 4", r -> r.size() >= 4),
                    new Op.Named("r -> r.get(\"" + f + "\") instanceof Long l && (l & 1) == 1",
                            r -> r.get(f) instanceof Long l && (l & 1) == 1),
                    new Op.Named("r -> r.get(\"" + g + "\") instanceof String s && s.length() == 2",
                            r -> r.get(g) instanceof String s && s.length() == 2),
                    new Op.Named("r -> r.get(\"" + p.pk() + "\") instanceof Long",
                            r -> r.get(p.pk()) instanceof Long));
        }
    }
}
