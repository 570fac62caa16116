package io.dictdb.core.query;

import io.dictdb.Record;
import io.dictdb.query.Condition;
import io.dictdb.query.Order;
import io.dictdb.query.Plan;

import java.util.List;

/**
 * The counters of one query run and the steps it went through: what {@code explain()} and the slow-query log show.
 */
final class RunStats {
    /** How the candidates were found: a lookup or an ordered walk; null for a scan. */
    Plan.Node source;
    /** Whether the candidates were tested against the condition. */
    boolean filtered;
    /** What they were tested against: the part of the condition the lookups did not settle. */
    Condition tested;
    /** The order of a bounded heap, or null. */
    List<Order> topBy;
    long k;
    /** The order of a full sort, or null. */
    List<Order> sortedBy;
    boolean fullScan;
    boolean orderedByIndex;
    /**
     * Whether the walk of a sorted index gave the records in the query's order already: one sort key, the records
     * of one value put in primary-key order as the walk kept them, so the final sort has nothing to do.
     */
    boolean walkSorted;
    long candidates;
    long examined;
    long returned;

    /** The plan tree of this run: the source, then the filter, keyset, heap or sort it went through. */
    Plan plan(String table, Condition where, Record after) {
        Plan.Node n = source != null ? source : new Plan.Scan(candidates);
        Condition test = tested != null ? tested : where;
        if (filtered && !(test instanceof Condition.All)) {
            n = new Plan.Filter(test, n);
        }
        if (after != null) {
            n = new Plan.Keyset(after, n);
        }
        if (topBy != null) {
            n = new Plan.TopK(topBy, k, n);
        } else if (sortedBy != null) {
            n = new Plan.Sort(sortedBy, n);
        }
        io.dictdb.IndexSpec advice = fullScan ? IndexAdvice.suggest(where, examined, returned) : null;
        if (advice != null) {
            n = new Plan.Suggestion(advice, n);
        }
        return new Plan(table, n, fullScan, candidates, examined, orderedByIndex, returned);
    }
}
