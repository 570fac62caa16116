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
    /** Why public writes are refused (a warm standby's database); null while writable. */
    private volatile String readOnlyReason;
    /**
     * Per thread: how deep it is in applying changes through the change channel, which a read-only database still
     * takes (the standby's follower is that thread).
     */
    private final ThreadLocal<int[]> applying = ThreadLocal.withInitial(() -> new int[1]);

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
     * Refuses public writes from now on (with {@code reason} in the error) or, with null, takes them again. Changes
     * applied through {@link #applying(java.util.function.Supplier)} go on.
     *
     * @param reason why the database is read-only, or null to make it writable
     */
    public void readOnly(String reason) {
        readOnlyReason = reason;
    }

    /**
     * Why the database is read-only.
     *
     * @return the reason, or null while writable
     */
    public String readOnlyReason() {
        return readOnlyReason;
    }

    /**
     * Runs work that applies changes read elsewhere: a read-only database takes its writes.
     *
     * @param work the work
     * @param <T> its result type
     * @return what it returns
     */
    public <T> T applying(java.util.function.Supplier<T> work) {
        int[] depth = applying.get();
        depth[0]++;
        try {
            return work.get();
        } finally {
            depth[0]--;
        }
    }

    /**
     * Throws when public writes are refused and the calling thread is not applying changes.
     *
     * @param verb what was asked ("change", "create", "drop"), for the error
     * @param table the table, named in the error
     * @throws IllegalStateException if the database is read-only
     */
    public void checkWritable(String verb, String table) {
        // A writable database pays one volatile read here; the message is built only when thrown.
        if (readOnlyReason != null) {
            checkWritable(verb + " table '" + table + "'");
        }
    }

    /**
     * Throws when public writes are refused and the calling thread is not applying changes.
     *
     * @param what what was asked ("start a transaction over [a, b]"), for the error
     * @throws IllegalStateException if the database is read-only
     */
    public void checkWritable(String what) {
        String reason = readOnlyReason;
        if (reason != null && applying.get()[0] == 0) {
            throw new IllegalStateException("Cannot " + what + ": " + reason);
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
