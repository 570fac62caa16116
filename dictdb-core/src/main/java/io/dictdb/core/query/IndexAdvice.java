package io.dictdb.core.query;

import io.dictdb.IndexSpec;
import io.dictdb.query.Condition;

import java.util.List;

/**
 * The index a scan was missing: when a scan examined many records ({@value #MANY} or more) and returned few (at most
 * a tenth), the first AND-part of its condition one single-field index would serve names that index. Kept simple:
 * equality and {@code in} ask for a hash index, a range or prefix for a sorted one, {@code has...} for an elements
 * index; a condition with no such part gets no advice.
 */
final class IndexAdvice {
    /** Below this many examined records a scan is cheap enough to need no advice. */
    static final long MANY = 1_000;

    private IndexAdvice() {
    }

    /**
     * The index to suggest for a scan.
     *
     * @param where the query's condition
     * @param examined the records the scan examined
     * @param returned the records it returned
     * @return the index, or null for no advice
     */
    static IndexSpec suggest(Condition where, long examined, long returned) {
        if (where == null || examined <= MANY || examined <= 10 * returned) {
            return null;
        }
        for (Condition c : AndParts.flatten(List.of(where))) {
            IndexSpec spec = serving(c);
            if (spec != null) {
                return spec;
            }
        }
        return null;
    }

    private static IndexSpec serving(Condition c) {
        if (c instanceof Condition.Compare x && x.op() == Condition.Op.EQ && x.value() != null
                || c instanceof Condition.In in && !in.negated()) {
            return IndexSpec.hash(c instanceof Condition.Compare x ? x.field() : ((Condition.In) c).field());
        }
        if (c instanceof Condition.Has x) {
            return IndexSpec.elements(x.field());
        }
        FieldRange range = FieldRange.of(c);
        return range != null ? IndexSpec.sorted(range.field()) : null;
    }
}
