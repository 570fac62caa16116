package io.dictdb.core.query;

import io.dictdb.core.storage.Row;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The planner's answer: either the rows of candidate records, found through indexes, or "scan every record";
 * plus readable steps and the indexed fields used, for {@link io.dictdb.query.Plan}.
 */
final class Selection {
    final Collection<Row> keys;
    /** The candidates are exactly the matching rows: no need to test them again. */
    final boolean exact;
    final List<String> indexes = new ArrayList<>();
    final List<Object> steps = new ArrayList<>();

    private Selection(Collection<Row> keys, boolean exact) {
        this.keys = keys;
        this.exact = exact;
    }

    static Selection scan(io.dictdb.query.Condition where) {
        Selection s = new Selection(null, false);
        s.steps.add(new ScanStep(where));
        return s;
    }

    /** Why a query scans, rendered only when shown. */
    private record ScanStep(io.dictdb.query.Condition where) {
        @Override
        public String toString() {
            return where instanceof io.dictdb.query.Condition.All ? "scan: every record"
                    : "scan: no index serves " + where;
        }
    }

    static Selection of(Collection<Row> keys, boolean exact) {
        return new Selection(keys, exact);
    }

    boolean isScan() {
        return keys == null;
    }
}
