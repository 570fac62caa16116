package io.dictdb.core.stats;

import io.dictdb.core.OperationKind;

import java.util.concurrent.atomic.LongAdder;

/**
 * The counters of one table: one {@link OperationStats} per {@link OperationKind} and the number of slow queries.
 */
public final class TableCounters {
    private final OperationStats[] byKind = new OperationStats[OperationKind.values().length];
    private final LongAdder slowQueries = new LongAdder();

    /** Zeroed counters. */
    public TableCounters() {
        for (int i = 0; i < byKind.length; i++) {
            byKind[i] = new OperationStats();
        }
    }

    /**
     * Records one operation of a kind.
     *
     * @param kind the kind
     * @param start what {@link OperationStats#start()} or {@link OperationStats#startTimed()} returned when it
     *     started
     * @return its latency in nanoseconds, or -1 when it was not timed
     */
    public long record(OperationKind kind, long start) {
        return byKind[kind.ordinal()].record(start);
    }

    /** Counts a query slower than the database's slow-query threshold. */
    public void slowQuery() {
        slowQueries.increment();
    }

    /**
     * The counters of one kind.
     *
     * @param kind the kind
     * @return its counters
     */
    public OperationStats of(OperationKind kind) {
        return byKind[kind.ordinal()];
    }

    /**
     * The queries slower than the threshold so far.
     *
     * @return the count
     */
    public long slowQueries() {
        return slowQueries.sum();
    }
}
