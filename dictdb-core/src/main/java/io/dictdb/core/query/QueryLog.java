package io.dictdb.core.query;

import io.dictdb.Record;
import io.dictdb.query.Condition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log of query runs: a WARN with the plan for a query slower than the database's threshold, and a sampled
 * DEBUG event per run. The clock is read only while the slow-query log is on.
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
     * The start time of a run, read only when the slow-query log is on.
     *
     * @param source the table
     * @return the time, or 0
     */
    static long start(QuerySource source) {
        return source.slowQueryNanos() == Long.MAX_VALUE ? 0 : System.nanoTime();
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
        long elapsed = source.slowQueryNanos() == Long.MAX_VALUE ? 0 : System.nanoTime() - start;
        if (elapsed > source.slowQueryNanos()) {
            LOG.atWarn().addKeyValue("op", op).addKeyValue("table", source.name())
                    .addKeyValue("duration_ms", elapsed / 1_000_000.0)
                    .addKeyValue("plan", stats.plan(source.name(), where, after).toString())
                    .log("Slow query on table '{}': {} ms", source.name(), elapsed / 1_000_000);
        }
        source.sampler().debug(LOG).addKeyValue("op", op).addKeyValue("table", source.name())
                .addKeyValue("count", stats.returned).log(op);
    }
}
