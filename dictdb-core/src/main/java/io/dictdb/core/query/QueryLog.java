package io.dictdb.core.query;

import io.dictdb.Record;
import io.dictdb.core.OperationKind;
import io.dictdb.core.stats.OperationStats;
import io.dictdb.query.Condition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log of query runs: a WARN with the plan for a query slower than the database's threshold, and a sampled
 * DEBUG event per run; every run is also counted in the table's metrics, with its latency when sampled.
 */
final class QueryLog {
    /** Named for {@link TableQuery}, the logger users have configured since the first release. */
    private static final Logger LOG = LoggerFactory.getLogger(TableQuery.class);

    private QueryLog() {
    }

    /**
     * Whether a run of this table is logged at all: counters worth building.
     *
     * @param source the table
     * @return true when the slow-query log or DEBUG is on
     */
    static boolean wanted(QuerySource source) {
        return source.slowQueryNanos() != Long.MAX_VALUE || LOG.isDebugEnabled();
    }

    /**
     * The start time of a run: always read while the slow-query log is on, else for the metrics' sample
     * ({@link OperationStats#start()}).
     *
     * @param source the table
     * @return the time, or {@link OperationStats#UNTIMED}
     */
    static long start(QuerySource source) {
        return source.slowQueryNanos() == Long.MAX_VALUE ? OperationStats.start() : OperationStats.startTimed();
    }

    /**
     * Counts a finished run in the table's metrics, without logging it (a run that {@link #wanted} says nobody
     * logs).
     *
     * @param source the table
     * @param start what {@link #start} returned
     */
    static void counted(QuerySource source, long start) {
        source.counters().record(OperationKind.QUERY, start);
    }

    /**
     * Logs a finished run: at WARN with its plan when slower than the threshold, and the sampled DEBUG event.
     *
     * @param source the table
     * @param start what {@link #start} returned
     * @param op the operation, for the log's key-values
     * @param stats the run's counters
     * @param where the query's condition
     * @param after the keyset record, or null
     */
    static void logged(QuerySource source, long start, String op, RunStats stats, Condition where, Record after) {
        long elapsed = source.counters().record(OperationKind.QUERY, start); // timed whenever the threshold is set
        if (elapsed > source.slowQueryNanos()) {
            source.counters().slowQuery();
            LOG.atWarn().addKeyValue("op", op).addKeyValue("table", source.name())
                    .addKeyValue("duration_ms", elapsed / 1_000_000.0)
                    .addKeyValue("plan", stats.plan(source.name(), where, after).toString())
                    .log("Slow query on table '{}': {} ms", source.name(), elapsed / 1_000_000);
        }
        source.sampler().debug(LOG).addKeyValue("op", op).addKeyValue("table", source.name())
                .addKeyValue("count", stats.returned).log(op);
    }
}
