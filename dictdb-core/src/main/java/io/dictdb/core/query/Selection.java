package io.dictdb.core.query;

import io.dictdb.core.storage.Row;

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
    /** The fields whose index (or the primary key) served the query. */
    final List<String> indexes;
    /** Plan steps, rendered as text only when shown. */
    final List<Object> steps;

    private Selection(Collection<Row> keys, boolean exact, List<String> indexes, List<Object> steps) {
        this.keys = keys;
        this.exact = exact;
        this.indexes = indexes;
        this.steps = steps;
    }

    static Selection scan(io.dictdb.query.Condition where) {
        return new Selection(null, false, List.of(), List.of(new ScanStep(where)));
    }

    /** Why a query scans, rendered only when shown. */
    private record ScanStep(io.dictdb.query.Condition where) {
        @Override
        public String toString() {
            return where instanceof io.dictdb.query.Condition.All ? "scan: every record"
                    : "scan: no index serves " + where;
        }
    }

    static Selection of(Collection<Row> keys, boolean exact, List<String> indexes, List<Object> steps) {
        return new Selection(keys, exact, indexes, steps);
    }

    boolean isScan() {
        return keys == null;
    }
}
