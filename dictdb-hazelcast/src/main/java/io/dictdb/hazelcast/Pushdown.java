package io.dictdb.hazelcast;

import com.hazelcast.nio.serialization.genericrecord.GenericRecord;
import com.hazelcast.query.Predicate;
import com.hazelcast.query.Predicates;
import io.dictdb.query.Condition;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Translates a condition into a Hazelcast predicate the members evaluate, where the translation selects the same
 * records or more (never fewer): the caller tests every returned record against the whole condition again.
 *
 * <p>What is translated: comparisons, {@code between} and {@code in} of numbers (Long, Double, BigDecimal, not NaN
 * or infinities: sent to the field's Long, Double and decimal attributes at once, each bound widened to the
 * attribute's type; a strict bound is sent as an inclusive one), dates, instants (equality only) and strings and
 * booleans (equality only), on fields
 * whose names are plain identifiers; the translatable parts of an {@code and}; an {@code or} whose parts all
 * translate. Everything else (negations, {@code notIn}, null tests, text and regex matching, list membership,
 * {@code matching} lambdas, UUIDs, byte arrays, lists and nested records) is left to the caller.
 */
final class Pushdown {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private Pushdown() {
    }

    static boolean plainName(String field) {
        return PLAIN.matcher(field).matches() && !field.equals("this");
    }

    static String attribute(String field) {
        return RecordCodec.RECORD + "." + field;
    }

    /**
     * The member-side predicate for a condition.
     *
     * @param c the condition
     * @return the predicate, or null when nothing can be sent (every record is a candidate)
     */
    static Predicate<Object, GenericRecord> translate(Condition c) {
        if (c instanceof Condition.Compare cmp) {
            return compare(cmp.field(), cmp.op(), cmp.value());
        }
        if (c instanceof Condition.Between b) {
            return between(b.field(), b.low(), b.high());
        }
        if (c instanceof Condition.In in && !in.negated()) {
            if (in.values().isEmpty()) {
                return null;
            }
            List<Predicate<Object, GenericRecord>> parts = new ArrayList<>();
            for (Object v : in.values()) {
                Predicate<Object, GenericRecord> p = compare(in.field(), Condition.Op.EQ, v);
                if (p == null) {
                    return null;
                }
                parts.add(p);
            }
            return parts.size() == 1 ? parts.get(0) : or(parts);
        }
        if (c instanceof Condition.And and) {
            List<Predicate<Object, GenericRecord>> parts = new ArrayList<>();
            for (Condition part : and.parts()) {
                Predicate<Object, GenericRecord> p = translate(part);
                if (p != null) {
                    parts.add(p);
                }
            }
            if (parts.isEmpty()) {
                return null;
            }
            return parts.size() == 1 ? parts.get(0) : and(parts);
        }
        if (c instanceof Condition.Or or) {
            List<Predicate<Object, GenericRecord>> parts = new ArrayList<>();
            for (Condition part : or.parts()) {
                Predicate<Object, GenericRecord> p = translate(part);
                if (p == null) {
                    return null;
                }
                parts.add(p);
            }
            if (parts.isEmpty()) {
                return null;
            }
            return parts.size() == 1 ? parts.get(0) : or(parts);
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static Predicate<Object, GenericRecord> and(List<Predicate<Object, GenericRecord>> parts) {
        return Predicates.and(parts.toArray(new Predicate[0]));
    }

    @SuppressWarnings("unchecked")
    private static Predicate<Object, GenericRecord> or(List<Predicate<Object, GenericRecord>> parts) {
        return Predicates.or(parts.toArray(new Predicate[0]));
    }

    /**
     * The attributes of a field the pushdown's predicates use, with the {@code IMap} index type each gets: the
     * string, boolean and instant attributes (compared for equality only) the given type, the Long, Double, decimal
     * and date attributes (compared as ranges) SORTED.
     *
     * @param field a plain field name
     * @param equalityType the index type for the equality-only attributes
     * @return attribute to index type, in a stable order
     */
    static java.util.Map<String, com.hazelcast.config.IndexType> indexedAttributes(String field,
            com.hazelcast.config.IndexType equalityType) {
        java.util.Map<String, com.hazelcast.config.IndexType> out = new java.util.LinkedHashMap<>();
        com.hazelcast.config.IndexType sorted = com.hazelcast.config.IndexType.SORTED;
        out.put(attribute(field), equalityType);
        out.put(attr(RecordCodec.LONG, field), sorted);
        out.put(attr(RecordCodec.DOUBLE, field), sorted);
        out.put(attr(RecordCodec.DECIMAL, field), sorted);
        out.put(attr(RecordCodec.DATE, field), sorted);
        out.put(attr(RecordCodec.BOOLEAN, field), equalityType);
        out.put(attr(RecordCodec.INSTANT, field), equalityType);
        return out;
    }

    private static String attr(char kind, String field) {
        return attribute(RecordCodec.stored(kind, field));
    }

    /** A number's exact value, or null for NaN and infinities (not sent). */
    private static BigDecimal exact(Object v) {
        if (v instanceof Long l) {
            return BigDecimal.valueOf(l);
        }
        if (v instanceof Double d) {
            return d.isNaN() || d.isInfinite() ? null : new BigDecimal(d);
        }
        return v instanceof BigDecimal b ? b : null;
    }

    private static long floor(BigDecimal b) {
        BigDecimal f = b.setScale(0, java.math.RoundingMode.FLOOR);
        return f.compareTo(MIN_LONG) <= 0 ? Long.MIN_VALUE : f.compareTo(MAX_LONG) >= 0 ? Long.MAX_VALUE : f.longValue();
    }

    private static long ceil(BigDecimal b) {
        BigDecimal c = b.setScale(0, java.math.RoundingMode.CEILING);
        return c.compareTo(MIN_LONG) <= 0 ? Long.MIN_VALUE : c.compareTo(MAX_LONG) >= 0 ? Long.MAX_VALUE : c.longValue();
    }

    private static final BigDecimal MIN_LONG = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal MAX_LONG = BigDecimal.valueOf(Long.MAX_VALUE);

    /**
     * A numeric range on a field: records hold a number as a Long, a Double or a decimal, each kind in its own
     * attribute, so the range is sent to all three, each bound widened to the attribute's type (a Long bound
     * floored or ceiled, a Double bound one step outwards, so -0.0 and rounding never lose a record).
     */
    private static Predicate<Object, GenericRecord> numeric(String field, BigDecimal low, BigDecimal high) {
        List<Predicate<Object, GenericRecord>> parts = new ArrayList<>(3);
        String l = attr(RecordCodec.LONG, field);
        String d = attr(RecordCodec.DOUBLE, field);
        String m = attr(RecordCodec.DECIMAL, field);
        if (low != null && high != null) {
            parts.add(Predicates.between(l, floor(low), ceil(high)));
            parts.add(Predicates.between(d, Math.nextDown(low.doubleValue()), Math.nextUp(high.doubleValue())));
            parts.add(Predicates.between(m, low, high));
        } else if (low != null) {
            parts.add(Predicates.greaterEqual(l, floor(low)));
            parts.add(Predicates.greaterEqual(d, Math.nextDown(low.doubleValue())));
            parts.add(Predicates.greaterEqual(m, low));
        } else {
            parts.add(Predicates.lessEqual(l, ceil(high)));
            parts.add(Predicates.lessEqual(d, Math.nextUp(high.doubleValue())));
            parts.add(Predicates.lessEqual(m, high));
        }
        return or(parts);
    }

    private static Predicate<Object, GenericRecord> between(String field, Object low, Object high) {
        if (!plainName(field)) {
            return null;
        }
        if (low instanceof Number && high instanceof Number) {
            BigDecimal lo = exact(low);
            BigDecimal hi = exact(high);
            return lo == null || hi == null ? null : numeric(field, lo, hi);
        }
        if (low instanceof LocalDate a && high instanceof LocalDate b) {
            return Predicates.between(attr(RecordCodec.DATE, field), a, b);
        }
        return null;
    }

    private static Predicate<Object, GenericRecord> compare(String field, Condition.Op op, Object v) {
        if (!plainName(field) || op == Condition.Op.NE) {
            return null;
        }
        if (v instanceof Number) {
            BigDecimal n = exact(v);
            if (n == null) {
                return null;
            }
            return switch (op) {
                case EQ -> numeric(field, n, n);
                case LT, LTE -> numeric(field, null, n);
                case GT, GTE -> numeric(field, n, null);
                default -> null;
            };
        }
        if (v instanceof LocalDate d) {
            String a = attr(RecordCodec.DATE, field);
            return switch (op) {
                case EQ -> Predicates.equal(a, d);
                case LT, LTE -> Predicates.lessEqual(a, d);
                case GT, GTE -> Predicates.greaterEqual(a, d);
                default -> null;
            };
        }
        if (op != Condition.Op.EQ) {
            return null;
        }
        if (v instanceof String s && RecordCodec.wellFormed(s)) {
            return Predicates.equal(attribute(field), s);
        }
        if (v instanceof Boolean b) {
            return Predicates.equal(attr(RecordCodec.BOOLEAN, field), b);
        }
        if (v instanceof Instant t && RecordCodec.timestampHolds(t)) {
            return Predicates.equal(attr(RecordCodec.INSTANT, field), OffsetDateTime.ofInstant(t, ZoneOffset.UTC));
        }
        return null;
    }
}
