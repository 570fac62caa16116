package io.dictdb.core.index;

import io.dictdb.IndexStats;

import java.time.Instant;
import java.util.concurrent.atomic.LongAdder;

/**
 * The usage counts of one index: lookups, rows returned, last use. Written by concurrent readers without a lock
 * (adders, and a last-use time written only when the millisecond changed, so that readers do not keep stealing one
 * cache line from each other); read as a {@link IndexStats} snapshot.
 */
public final class IndexUsage {
    private final LongAdder lookups = new LongAdder();
    private final LongAdder rows = new LongAdder();
    private volatile long lastUsedMillis = -1;

    /**
     * Counts one lookup.
     *
     * @param returned the rows it gave the query
     */
    public void used(long returned) {
        lookups.increment();
        rows.add(returned);
        long now = System.currentTimeMillis();
        if (now != lastUsedMillis) {
            lastUsedMillis = now;
        }
    }

    /**
     * The counts now.
     *
     * @return a snapshot
     */
    public IndexStats snapshot() {
        long last = lastUsedMillis;
        return new IndexStats(lookups.sum(), rows.sum(), last < 0 ? null : Instant.ofEpochMilli(last));
    }

    /**
     * Adds counts taken earlier (a durable database's saved usage statistics, restored when it is opened again): the
     * lookups and rows add up, the last use is the later one.
     *
     * @param earlier the counts to add
     */
    public void add(IndexStats earlier) {
        lookups.add(earlier.lookups());
        rows.add(earlier.rowsReturned());
        if (earlier.lastUsedAt() != null) {
            long m = earlier.lastUsedAt().toEpochMilli();
            if (m > lastUsedMillis) {
                lastUsedMillis = m;
            }
        }
    }

    /** Starts counting again from zero, as never used. */
    public void reset() {
        lookups.reset();
        rows.reset();
        lastUsedMillis = -1;
    }
}
