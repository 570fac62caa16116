package io.dictdb.core.table;

import io.dictdb.core.change.ChangeLog;
import io.dictdb.core.log.DebugSampler;

import java.time.Duration;

/**
 * What a table shares with its database: the change log that numbers its writes, the DEBUG log sampler and the
 * slow-query threshold.
 */
public final class TableContext {
    private final ChangeLog changes;
    private final DebugSampler sampler;
    private final long slowQueryNanos;
    /** What the closed database is called in errors; null while open. */
    private volatile String closedDatabase;

    /**
     * Creates the context.
     *
     * @param changes the database's change log
     * @param debugLogSampling log one in this many DEBUG events on hot paths
     * @param slowQueryThreshold queries slower than this are logged at WARN; null for never
     */
    public TableContext(ChangeLog changes, int debugLogSampling, Duration slowQueryThreshold) {
        this.changes = changes;
        this.sampler = new DebugSampler(debugLogSampling);
        this.slowQueryNanos = slowQueryThreshold == null ? Long.MAX_VALUE : slowQueryThreshold.toNanos();
    }

    ChangeLog changes() {
        return changes;
    }

    /**
     * Marks the database closed: every later table operation throws {@link IllegalStateException}.
     *
     * @param database what to call the database in errors
     */
    public void markClosed(String database) {
        closedDatabase = database;
    }

    /**
     * Throws when the database is closed.
     *
     * @param table the table asked, named in the error
     * @throws IllegalStateException if the database is closed
     */
    public void checkOpen(String table) {
        String db = closedDatabase;
        if (db != null) {
            throw new IllegalStateException("Table '" + table + "' belongs to " + db + ", which is closed");
        }
    }

    /**
     * The DEBUG sampler.
     *
     * @return the sampler
     */
    public DebugSampler sampler() {
        return sampler;
    }

    /**
     * The slow-query threshold in nanoseconds, {@code Long.MAX_VALUE} when off.
     *
     * @return the threshold
     */
    public long slowQueryNanos() {
        return slowQueryNanos;
    }
}
