package io.dictdb.core.query;

import io.dictdb.core.storage.Row;
import io.dictdb.query.Plan;

import java.util.Collection;

/**
 * The planner's answer: either the rows of candidate records, found through indexes, or "scan every record";
 * plus the plan step that found them, for {@link io.dictdb.query.Plan}.
 */
final class Selection {
    private static final Selection SCAN = new Selection(null, false, null);

    final Collection<Row> keys;
    /** The candidates are exactly the matching rows: no need to test them again. */
    final boolean exact;
    /** How the candidates were found; null for a scan. */
    final Plan.Node node;

    private Selection(Collection<Row> keys, boolean exact, Plan.Node node) {
        this.keys = keys;
        this.exact = exact;
        this.node = node;
    }

    static Selection scan() {
        return SCAN;
    }

    static Selection of(Collection<Row> keys, boolean exact, Plan.Node node) {
        return new Selection(keys, exact, node);
    }

    boolean isScan() {
        return keys == null;
    }
}
