package io.dictdb.core;

import io.dictdb.core.feed.ChangeFeed;
import io.dictdb.core.stats.OperationStats;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The metrics of a database, read-only, from {@link DictDB#metrics()}: per table ({@link TableMetrics}) records and
 * operation counts and latencies by {@link OperationKind}, slow queries; for the database, transactions committed and
 * rolled back with their latency, and the lag of each change-feed subscriber. Every read returns the numbers of that
 * moment; counters are cumulative and only grow. {@code dictdb-micrometer} publishes them to Micrometer.
 *
 * <p><b>Cost.</b> The engine counts every operation with an addition to a striped counter
 * ({@link java.util.concurrent.atomic.LongAdder}) and no lock, so threads writing at once do not wait on each other for
 * the counting. Latency is timed on a sample, one table operation in 16, since two {@link System#nanoTime()} reads
 * around a fast lookup cost more than the lookup (see {@link OperationMetrics}). Reading the metrics takes no lock
 * either, except {@link TableMetrics#records()} (the table's read lock) and {@link #subscriberLags()} (each
 * subscription's monitor, briefly).
 */
public final class DatabaseMetrics {
    private final DictDB db;
    private final OperationStats commits;
    private final OperationStats rollbacks;
    private final ChangeFeed feed;

    DatabaseMetrics(DictDB db, OperationStats commits, OperationStats rollbacks, ChangeFeed feed) {
        this.db = db;
        this.commits = commits;
        this.rollbacks = rollbacks;
        this.feed = feed;
    }

    /**
     * The metrics of every table the database holds now, in creation order. A table created later is in a later
     * call's list; a dropped one is not.
     *
     * @return one view per table
     */
    public List<TableMetrics> tables() {
        List<String> names = db.tableNames();
        List<TableMetrics> out = new ArrayList<>(names.size());
        for (String n : names) {
            table(n).ifPresent(out::add);
        }
        return out;
    }

    /**
     * The metrics of one table.
     *
     * @param name the table's name
     * @return its metrics, or empty if there is no such table (now)
     */
    public Optional<TableMetrics> table(String name) {
        return db.tableMetrics(name);
    }

    /**
     * Transactions ({@link DictDB#transaction}) that committed: their count, and their latency from the call to the
     * commit, waiting for the tables' locks included. A nested transaction is part of its outer one and is not
     * counted on its own.
     *
     * @return the numbers now
     */
    public OperationMetrics commits() {
        return commits.read();
    }

    /**
     * Transactions that rolled back (their block threw, or a write doomed them): count and latency, as
     * {@link #commits()}.
     *
     * @return the numbers now
     */
    public OperationMetrics rollbacks() {
        return rollbacks.read();
    }

    /**
     * The slow queries of every table the database holds now ({@link TableMetrics#slowQueries()} added up).
     *
     * @return the count
     */
    public long slowQueries() {
        long n = 0;
        for (TableMetrics t : tables()) {
            n += t.slowQueries();
        }
        return n;
    }

    /**
     * The lag of each active change-feed subscriber ({@link DictDB#subscribe}): the changes committed but not yet
     * handed to its listener (a blocked listener's lag grows until it reaches its {@code maxPendingChanges} and the
     * subscription fails; then it is no longer listed).
     *
     * @return one pending-change count per active subscription, in subscription order
     */
    public List<Long> subscriberLags() {
        return feed.pendingCounts();
    }

    /**
     * The bytes of the journal's segment files on disk, for a database opened with {@link DictDB#open}: it grows with
     * every commit and shrinks when a backup in the database's folder releases the segments it holds. Lists the
     * journal folder (a poll, not a hot-path counter).
     *
     * @return the size in bytes; 0 for an in-memory database or after {@link DictDB#close()}
     */
    public long journalBytes() {
        return db.journalBytes();
    }

    /**
     * The forces ({@code fsync}) of the journal, for a database opened with {@link DictDB#open}: every one counted
     * and timed, from the call to its return. In {@link JournalSync#SYNC} mode a write waits for one (shared by the
     * writers waiting with it: group commit), so this is the part of a write's latency the disk takes; in
     * {@link JournalSync#ASYNC} mode the background forces. Recording is two clock reads and striped counters, next
     * to a force that takes hundreds of microseconds.
     *
     * @return count (every force is timed: {@code timedCount == count}), total and longest; all zero for an
     *     in-memory database
     */
    public OperationMetrics journalSyncs() {
        return db.journalSyncs();
    }
}
