package io.dictdb.core.query;

import io.dictdb.core.storage.Row;
import io.dictdb.query.Plan;

import java.util.Collection;

/**
 * The planner's answer: either the rows of candidate records, found through indexes, or "scan every record";
 * the plan step that found them, for {@link io.dictdb.query.Plan}; and what each candidate must still pass.
 */
final class Selection {
    final Collection<Row> keys;
    /** The candidates are exactly the matching rows: no need to test them again (never for a scan). */
    final boolean exact;
    /** How the candidates were found; null for a scan. */
    final Plan.Node node;
    /** The part of the condition the lookups did not settle, to test on each candidate. */
    final Residual residual;

    private Selection(Collection<Row> keys, Plan.Node node, Residual residual) {
        this.keys = keys;
        this.exact = keys != null && residual.isNone();
        this.node = node;
        this.residual = residual;
    }

    /** Every record, each tested against {@code residual} (the whole condition). */
    static Selection scan(Residual residual) {
        return new Selection(null, null, residual);
    }

    static Selection of(Collection<Row> keys, Plan.Node node, Residual residual) {
        return new Selection(keys, node, residual);
    }

    boolean isScan() {
        return keys == null;
    }
}
