package io.dictdb.core.query;

import io.dictdb.Values;
import io.dictdb.core.index.FieldIndex;
import io.dictdb.core.index.SortedIndex;
import io.dictdb.core.storage.Row;
import io.dictdb.internal.ValueKeys;
import io.dictdb.query.Condition;
import io.dictdb.query.Conditions;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The values one field may hold under the bounds put on it inside an AND ({@code eq}, {@code gt}, {@code gte},
 * {@code lt}, {@code lte}, {@code between}, {@code startsWith}), intersected into one interval of the total order of
 * {@link Values}: at most one lower and one upper bound, of one type (all numbers are one type), or empty.
 *
 * <p>The interval holds exactly the values that pass every one of its conditions, which is what lets the planner
 * read it from a sorted index as one range and the filter test it with one read of the field:
 * <ul>
 *   <li>an ordering comparison, {@code eq} and {@code between} are true only for a value comparable with their
 *   bounds (same type, not null, not a map), so bounds of two types, a null bound or a map bound leave nothing;</li>
 *   <li>{@code eq(v)} is {@code [v, v]}: for every comparable type, equality is a comparison of 0;</li>
 *   <li>{@code startsWith(p)} is the strings from {@code p} up to, not including, the smallest string above every
 *   string starting with {@code p} (none when {@code p} is made of {@code U+FFFF} only; every string when {@code p}
 *   is empty): string order is UTF-16 code unit order, as {@code startsWith} is.</li>
 * </ul>
 * {@code eq} of a map is not an interval (maps are equal or not, but never ordered): {@link #of} leaves it out.
 */
final class FieldRange {
    private final String field;
    /** A value of the interval's type: the type a value must have to lie in it; null when empty. */
    private final Object sample;
    /** The lower bound, or null for the lowest value of the type. */
    private final Object low;
    private final boolean lowInclusive;
    /** The upper bound, or null for the highest value of the type. */
    private final Object high;
    private final boolean highInclusive;
    private final boolean empty;
    /** The conditions intersected, in the order met. */
    private final List<Condition> parts;
    /** The conditions that set the lower and the upper bound (the type alone, for an empty prefix). */
    private final Condition lowFrom;
    private final Condition highFrom;
    /** How {@link #test} compares: which primitive comparison its bounds allow before the general one. */
    private final Kind kind;
    private final long lowLong;
    private final long highLong;
    private final double lowDouble;
    private final double highDouble;

    /** The primitive comparison the bounds allow: numbers of one Java type, strings, or the general order. */
    private enum Kind { LONG, DOUBLE, STRING, GENERAL }

    private FieldRange(String field, Object sample, Object low, boolean lowInclusive, Condition lowFrom, Object high,
                       boolean highInclusive, Condition highFrom, boolean empty, List<Condition> parts) {
        this.field = field;
        this.parts = List.copyOf(parts);
        this.lowFrom = lowFrom;
        this.highFrom = highFrom;
        boolean none = empty || sample == null || isAbove(low, lowInclusive, high, highInclusive);
        this.empty = none;
        this.sample = none ? null : sample;
        this.low = none ? null : low;
        this.lowInclusive = lowInclusive;
        this.high = none ? null : high;
        this.highInclusive = highInclusive;
        this.kind = none ? Kind.GENERAL : kindOf(this.sample, this.low, this.high);
        this.lowLong = this.low instanceof Long l ? l : 0;
        this.highLong = this.high instanceof Long h ? h : 0;
        this.lowDouble = this.low instanceof Double d ? d : 0;
        this.highDouble = this.high instanceof Double d ? d : 0;
    }

    /** Whether the lower bound lies above the upper one, or on it while one of them is exclusive. */
    private static boolean isAbove(Object low, boolean lowInclusive, Object high, boolean highInclusive) {
        if (low == null || high == null) {
            return false;
        }
        int c = Values.compare(low, high);
        return c > 0 || c == 0 && !(lowInclusive && highInclusive);
    }

    private static Kind kindOf(Object sample, Object low, Object high) {
        if ((low == null || low instanceof Long) && (high == null || high instanceof Long) && sample instanceof Long) {
            return Kind.LONG;
        }
        if ((low == null || low instanceof Double l && !Double.isNaN(l))
                && (high == null || high instanceof Double h && !Double.isNaN(h)) && sample instanceof Double) {
            return Kind.DOUBLE; // NaN sorts above every number and equals itself: the general order handles it
        }
        return sample instanceof String ? Kind.STRING : Kind.GENERAL;
    }

    /**
     * The interval of one bound condition.
     *
     * @param c a condition
     * @return its interval, or null when {@code c} is not a bound ({@code ne}, {@code in}, LIKE, {@code eq} of a
     *     map, ...)
     */
    static FieldRange of(Condition c) {
        if (c instanceof Condition.Compare x) {
            Object v = x.value();
            return switch (x.op()) {
                case EQ -> v instanceof Map<?, ?> ? null : bounded(c, x.field(), v, v, true, v, true);
                case NE -> null;
                case LT -> bounded(c, x.field(), v, null, true, v, false);
                case LTE -> bounded(c, x.field(), v, null, true, v, true);
                case GT -> bounded(c, x.field(), v, v, false, null, true);
                case GTE -> bounded(c, x.field(), v, v, true, null, true);
            };
        }
        if (c instanceof Condition.Between x) {
            boolean sameType = Values.comparable(x.low(), x.high());
            return bounded(c, x.field(), sameType ? x.low() : null, x.low(), true, x.high(), true);
        }
        if (c instanceof Condition.Text x && x.op() == Condition.TextOp.STARTS_WITH) {
            String p = x.operand();
            return new FieldRange(x.field(), p, p.isEmpty() ? null : p, true, c, SortedIndex.prefixEnd(p), false, c,
                    false, List.of(c));
        }
        return null;
    }

    /** An interval whose type is {@code sample}'s; empty when the sample is null or a map (nothing compares). */
    private static FieldRange bounded(Condition c, String field, Object sample, Object low, boolean lowInclusive,
                                      Object high, boolean highInclusive) {
        boolean none = !Values.comparable(sample, sample);
        return new FieldRange(field, sample, low, lowInclusive, c, high, highInclusive, c, none, List.of(c));
    }

    /**
     * The values in both intervals: the higher lower bound and the lower upper bound, an exclusive bound winning
     * over an inclusive one of the same value.
     *
     * @param other an interval on the same field
     * @return the intersection
     */
    FieldRange and(FieldRange other) {
        List<Condition> all = new ArrayList<>(parts);
        all.addAll(other.parts);
        if (empty || other.empty || !Values.comparable(sample, other.sample)) {
            return new FieldRange(field, null, null, true, null, null, true, null, true, all);
        }
        Object lo = low;
        boolean loIn = lowInclusive;
        Condition loFrom = lowFrom;
        if (other.low != null) {
            int c = low == null ? -1 : Values.compare(low, other.low);
            if (c < 0 || c == 0 && lowInclusive && !other.lowInclusive) {
                lo = other.low;
                loIn = other.lowInclusive;
                loFrom = other.lowFrom;
            }
        }
        Object hi = high;
        boolean hiIn = highInclusive;
        Condition hiFrom = highFrom;
        if (other.high != null) {
            int c = high == null ? 1 : Values.compare(high, other.high);
            if (c > 0 || c == 0 && highInclusive && !other.highInclusive) {
                hi = other.high;
                hiIn = other.highInclusive;
                hiFrom = other.highFrom;
            }
        }
        return new FieldRange(field, sample, lo, loIn, loFrom, hi, hiIn, hiFrom, false, all);
    }

    /**
     * The field bounded.
     *
     * @return the field's name
     */
    String field() {
        return field;
    }

    /**
     * The conditions intersected, in the order met.
     *
     * @return the conditions
     */
    List<Condition> parts() {
        return parts;
    }

    /**
     * Whether no value lies in the interval.
     *
     * @return true when empty
     */
    boolean isEmpty() {
        return empty;
    }

    /**
     * Whether the interval holds one value, as {@code eq} does: it is then one entry of an index.
     *
     * @return true when both bounds are one inclusive value
     */
    boolean isPoint() {
        return !empty && low != null && high != null && lowInclusive && highInclusive
                && Values.compare(low, high) == 0;
    }

    /**
     * The one value of a {@link #isPoint() point} interval.
     *
     * @return the value
     */
    Object point() {
        return low;
    }

    /**
     * The interval as the conditions that set its bounds, for plans: {@code score >= 50.0 and score < 51.0}, one
     * condition when one sets both, every condition intersected when it is empty.
     *
     * @return the condition
     */
    Condition condition() {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        if (empty) {
            return Conditions.and(parts.toArray(new Condition[0]));
        }
        return lowFrom == highFrom ? lowFrom : Conditions.and(lowFrom, highFrom);
    }

    /**
     * The rows of the interval in a sorted index of its field, in value order.
     *
     * @param index the sorted index on {@link #field()}
     * @param cap the most rows wanted
     * @return the rows, or null when there are more than {@code cap}
     */
    List<Row> read(SortedIndex index, int cap) {
        return read(index, cap, 0);
    }

    /** The most rows a guess may reserve room for up front (256 KB of references): a wrong guess wastes no more. */
    private static final int MOST_EXPECTED = 1 << 16;

    /**
     * As {@link #read(SortedIndex, int)}, with room made for the rows a guess expects (see {@link #estimatedRows}),
     * at most the cap and {@value #MOST_EXPECTED}.
     *
     * @param index the sorted index on {@link #field()}
     * @param cap the most rows wanted
     * @param expected the rows expected, or any number when unknown (only a capacity)
     * @return the rows, or null when there are more than {@code cap}
     */
    List<Row> read(SortedIndex index, int cap, long expected) {
        if (empty) {
            return List.of();
        }
        int room = (int) Math.max(0, Math.min(expected, Math.min((long) cap + 1, MOST_EXPECTED)));
        if (low == null && high == null) {
            // the whole section of one type (an empty prefix: every string): the index takes a type's limits
            return index.range(ValueKeys.lowestOf(sample), true, ValueKeys.highestOf(sample), true, cap, room);
        }
        return index.range(low, lowInclusive, high, highInclusive, cap, room);
    }

    /**
     * The rows of a composite sorted index whose tuples start with {@code prefix} and whose next value lies in this
     * interval. A bound is followed by null (which sorts after every value) where longer tuples must fall on its
     * side: {@code [x, lo, null]} excludes every {@code [x, lo, ...]}, {@code [x, hi, null]} includes them.
     *
     * @param index the composite index, whose field after the prefix is {@link #field()}
     * @param prefix the equal values of the fields before it
     * @param cap the most rows wanted
     * @return the rows, or null when there are more than {@code cap}
     */
    List<Row> readAfter(SortedIndex index, List<Object> prefix, int cap) {
        if (empty) {
            return List.of();
        }
        Object lo = low != null ? low : ValueKeys.lowestOf(sample);
        Object hi = high != null ? high : ValueKeys.highestOf(sample);
        List<Object> from = new ArrayList<>(prefix);
        from.add(lo);
        if (low != null && !lowInclusive) {
            from.add(null);
        }
        List<Object> to = new ArrayList<>(prefix);
        to.add(hi);
        if (high == null || highInclusive) {
            to.add(null);
        }
        return index.tuples(from, true, to, false, cap);
    }

    /**
     * A guess at the rows of the interval in a sorted index, without reading it (see
     * {@link SortedIndex#estimatedRows}).
     *
     * @param index the sorted index on {@link #field()}
     * @param rows the rows with a non-null value in the index
     * @return the estimate, or -1 when there is none
     */
    long estimatedRows(SortedIndex index, long rows) {
        if (empty) {
            return 0;
        }
        // no bound: a whole type's section (an empty prefix), which need not be the index's numbers
        return low == null && high == null ? -1 : index.estimatedRows(low, high, rows);
    }

    /**
     * The rows of a point interval, as the index keeps them: one lookup instead of a range walk.
     *
     * @param index an index on {@link #field()}
     * @return the rows
     */
    Collection<Row> readPoint(FieldIndex index) {
        return index.equalTo(low);
    }

    /**
     * Whether a value lies in the interval, as testing every condition intersected would say: the bounds' own
     * primitive comparison first when the value is of their Java type, the general order otherwise.
     *
     * @param v a field's value, or null
     * @return true when inside
     */
    boolean test(Object v) {
        switch (kind) {
            case LONG -> {
                if (v instanceof Long boxed) {
                    long x = boxed;
                    return (low == null || x > lowLong || lowInclusive && x == lowLong)
                            && (high == null || x < highLong || highInclusive && x == highLong);
                }
            }
            case DOUBLE -> {
                // -0.0 == 0.0 in both the primitive comparison and the total order
                if (v instanceof Double boxed && !Double.isNaN(boxed)) {
                    double x = boxed;
                    return (low == null || x > lowDouble || lowInclusive && x == lowDouble)
                            && (high == null || x < highDouble || highInclusive && x == highDouble);
                }
            }
            case STRING -> {
                if (v instanceof String s) {
                    int lo = low == null ? 1 : s.compareTo((String) low);
                    int hi = high == null ? -1 : s.compareTo((String) high);
                    return (lo > 0 || lo == 0 && lowInclusive) && (hi < 0 || hi == 0 && highInclusive);
                }
                return false;
            }
            default -> {
                if (empty) {
                    return false;
                }
            }
        }
        if (!Values.comparable(v, sample)) {
            return false;
        }
        if (low != null) {
            int c = Values.compare(v, low);
            if (c < 0 || c == 0 && !lowInclusive) {
                return false;
            }
        }
        if (high != null) {
            int c = Values.compare(v, high);
            return c < 0 || c == 0 && highInclusive;
        }
        return true;
    }

    @Override
    public String toString() {
        return empty ? field + " in nothing" : field + " in " + (lowInclusive ? "[" : "(") + Values.describe(low)
                + ", " + Values.describe(high) + (highInclusive ? "]" : ")");
    }
}
