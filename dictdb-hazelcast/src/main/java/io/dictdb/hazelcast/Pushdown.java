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
 * <p>What is translated: comparisons, {@code between} and {@code in} of numbers (Long, Double, BigDecimal; never
 * zero, NaN, infinities or magnitudes past 2^62, whose conversions on the members could lose records; a strict bound
 * is sent as an inclusive one), dates, instants (equality only) and strings and booleans (equality only), on fields
 * whose names are plain identifiers; the translatable parts of an {@code and}; an {@code or} whose parts all
 * translate. Everything else (negations, {@code notIn}, null tests, text and regex matching, list membership,
 * {@code matching} lambdas, UUIDs, byte arrays, lists and nested records) is left to the caller.
 */
final class Pushdown {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final BigDecimal LIMIT = BigDecimal.valueOf(1L << 62);

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
            if (!plainName(b.field())) {
                return null;
            }
            Comparable<?> lo = bound(b.low());
            Comparable<?> hi = bound(b.high());
            if (lo == null || hi == null || !sameFamily(b.low(), b.high())) {
                return null;
            }
            return Predicates.between(attribute(b.field()), lo, hi);
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

    private static boolean sameFamily(Object a, Object b) {
        return (a instanceof Number) == (b instanceof Number) && (a instanceof LocalDate) == (b instanceof LocalDate);
    }

    private static Predicate<Object, GenericRecord> compare(String field, Condition.Op op, Object v) {
        if (!plainName(field) || op == Condition.Op.NE) {
            return null;
        }
        String attr = attribute(field);
        if (v instanceof Number) {
            Comparable<?> n = number(v);
            if (n == null) {
                return null;
            }
            return switch (op) {
                case EQ -> Predicates.between(attr, n, n);
                case LT, LTE -> Predicates.lessEqual(attr, n);
                case GT, GTE -> Predicates.greaterEqual(attr, n);
                default -> null;
            };
        }
        if (v instanceof LocalDate d) {
            return switch (op) {
                case EQ -> Predicates.equal(attr, d);
                case LT, LTE -> Predicates.lessEqual(attr, d);
                case GT, GTE -> Predicates.greaterEqual(attr, d);
                default -> null;
            };
        }
        if (op != Condition.Op.EQ) {
            return null;
        }
        if (v instanceof String s && RecordCodec.wellFormed(s)) {
            return Predicates.equal(attr, s);
        }
        if (v instanceof Boolean b) {
            return Predicates.equal(attr, b);
        }
        if (v instanceof Instant t && RecordCodec.timestampHolds(t)) {
            return Predicates.equal(attr, OffsetDateTime.ofInstant(t, ZoneOffset.UTC));
        }
        return null;
    }

    /** A bound of a between: a number as {@link #number}, a date as it is. */
    private static Comparable<?> bound(Object v) {
        if (v instanceof Number) {
            return number(v);
        }
        return v instanceof LocalDate d ? d : null;
    }

    /**
     * A number as sent to the members, where it is converted to each record's attribute type: a Long as it is, a
     * Double as its exact decimal, a decimal as it is; null for zero (a Double attribute may hold -0.0), NaN,
     * infinities and magnitudes of 2^62 or more.
     */
    private static Comparable<?> number(Object v) {
        BigDecimal exact;
        if (v instanceof Long l) {
            if (l == 0 || Math.abs((double) l) >= 0x1p62) {
                return null;
            }
            return l;
        } else if (v instanceof Double d) {
            if (d.isNaN() || d.isInfinite() || d == 0.0) {
                return null;
            }
            exact = new BigDecimal(d);
        } else if (v instanceof BigDecimal b) {
            exact = b;
        } else {
            return null;
        }
        if (exact.signum() == 0 || exact.abs().compareTo(LIMIT) >= 0) {
            return null;
        }
        return exact;
    }
}
