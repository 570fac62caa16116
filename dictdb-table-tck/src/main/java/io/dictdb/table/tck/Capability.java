package io.dictdb.table.tck;

/**
 * Behaviours a {@link io.dictdb.Database} backend may leave out. Everything the kit checks that is not named here
 * is required of every backend. The in-memory engine ({@code DictDB}) has all of them.
 */
public enum Capability {

    /**
     * {@code Database.subscribe}: every commit delivered once, in sequence order, one call per commit.
     */
    CHANGE_FEED,

    /**
     * Transactions are isolated and serialized per table: another thread never sees a transaction's changes before
     * it commits, and two transactions naming the same table run one after the other. Without it a backend still
     * undoes every change of a transaction whose work throws.
     */
    ISOLATED_TRANSACTIONS,

    /**
     * {@code Table.stats()} and {@code Index.stats()} count scans, rows scanned, lookups and rows returned.
     */
    USAGE_STATS,

    /**
     * Unique indexes ({@code IndexSpec.unique()}): a second record with an indexed value already held is refused
     * with {@code DuplicateKeyException}, also under concurrent writers.
     */
    UNIQUE_INDEXES
}
