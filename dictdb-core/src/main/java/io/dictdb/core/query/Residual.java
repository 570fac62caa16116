package io.dictdb.core.query;

import io.dictdb.Record;
import io.dictdb.query.Condition;
import io.dictdb.query.Conditions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a candidate record must still pass once the index lookups have done their part: the parts of the query's
 * condition that no lookup settled exactly, compiled for a test per record. The bounds on one field (an AND's
 * {@code gte} and {@code lt}, say) become one {@link FieldRange}: one read of the field and a primitive comparison
 * when the bounds allow it, instead of a generic comparison per bound.
 *
 * <p>The field ranges are tested before the other parts, which keep their order. Since a range is true only when
 * all of its bounds are, a part is never evaluated on a record where the whole condition would not have evaluated
 * it: an arbitrary {@code matching} predicate sees no record it would not have seen.
 */
final class Residual {
    private static final Residual NONE = new Residual(Conditions.all(), new FieldRange[0], new Condition[0]);

    private final Condition condition;
    private final FieldRange[] ranges;
    private final String[] rangeFields;
    private final Condition[] others;

    private Residual(Condition condition, FieldRange[] ranges, Condition[] others) {
        this.condition = condition;
        this.ranges = ranges;
        this.others = others;
        this.rangeFields = new String[ranges.length];
        for (int i = 0; i < ranges.length; i++) {
            rangeFields[i] = ranges[i].field();
        }
    }

    /**
     * The whole of a condition, as a scan tests it.
     *
     * @param where the condition
     * @return its residual
     */
    static Residual of(Condition where) {
        return where instanceof Condition.All ? NONE : of(where, List.of(where));
    }

    /**
     * The parts of an AND left to test.
     *
     * @param parts the parts, in the AND's order; none means nothing is left
     * @return their residual
     */
    static Residual of(List<Condition> parts) {
        return parts.isEmpty() ? NONE : of(Conditions.and(parts.toArray(new Condition[0])), parts);
    }

    private static Residual of(Condition shown, List<Condition> parts) {
        Map<String, FieldRange> ranges = new LinkedHashMap<>();
        List<Condition> others = new ArrayList<>();
        for (Condition p : AndParts.flatten(parts)) {
            FieldRange r = FieldRange.of(p);
            if (r == null) {
                others.add(p);
            } else {
                ranges.merge(r.field(), r, FieldRange::and);
            }
        }
        return new Residual(shown, ranges.values().toArray(new FieldRange[0]), others.toArray(new Condition[0]));
    }

    /**
     * Whether nothing is left to test.
     *
     * @return true when every candidate matches
     */
    boolean isNone() {
        return this == NONE;
    }

    /**
     * What is left, as one condition, for plans.
     *
     * @return the condition; {@code all} when nothing is left
     */
    Condition condition() {
        return condition;
    }

    /**
     * Whether a candidate passes what is left.
     *
     * @param r the record
     * @return true when it matches
     */
    boolean test(Record r) {
        return testOne(r);
    }

    /**
     * Which of many candidates pass what is left, as {@link #test} would say of each: a stage at a time, each
     * field range over every candidate still in, then the other parts per candidate, in order, on those left.
     *
     * <p>Why stages: candidates lie anywhere in memory, and testing one is a chain of dependent cache misses
     * (record, its values, the value). Reading one field of every candidate in a loop of its own, then testing the
     * values read in another, makes the iterations independent, so the processor overlaps the misses of many
     * candidates instead of waiting for each in turn. A part is still never evaluated on a record that an earlier
     * part rejected, so a {@code matching} predicate sees exactly the records it saw before.
     *
     * @param records the candidates
     * @param n how many of {@code records} to test
     * @param pass set to whether each passes; entries must come in true
     */
    void test(Record[] records, int n, boolean[] pass) {
        if (ranges.length > 0) {
            Object[] values = new Object[n];
            for (int i = 0; i < ranges.length; i++) {
                String f = rangeFields[i];
                FieldRange range = ranges[i];
                for (int j = 0; j < n; j++) {
                    if (pass[j]) {
                        values[j] = records[j].get(f);
                    }
                }
                for (int j = 0; j < n; j++) {
                    if (pass[j]) {
                        pass[j] = range.test(values[j]);
                    }
                }
            }
        }
        if (others.length > 0) {
            for (int j = 0; j < n; j++) {
                if (pass[j]) {
                    for (Condition c : others) {
                        if (!c.test(records[j])) {
                            pass[j] = false;
                            break;
                        }
                    }
                }
            }
        }
    }

    private boolean testOne(Record r) {
        for (int i = 0; i < ranges.length; i++) {
            if (!ranges[i].test(r.get(rangeFields[i]))) {
                return false;
            }
        }
        for (Condition c : others) {
            if (!c.test(r)) {
                return false;
            }
        }
        return true;
    }
}
