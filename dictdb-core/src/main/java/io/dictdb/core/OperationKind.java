package io.dictdb.core;

/**
 * The kinds of table operation {@link TableMetrics} counts. Each public call counts once, whether it succeeds or
 * throws, however many records it touches; writes that restore or follow a database (a backup being applied) are not
 * counted.
 */
public enum OperationKind {
    /** {@code Table.get(key)}: a primary-key lookup. */
    LOOKUP,
    /**
     * A query run: {@code select}, {@code count(where)}, {@code query()...toList()/first()/count()/stream()/aggregate},
     * including the query an update or delete by condition runs to find its records.
     */
    QUERY,
    /** {@code insert}, {@code insertAll} (one operation per call), and an {@code upsert} that inserted. */
    INSERT,
    /** {@code update}, {@code updateWhere}, a query's {@code update}, and an {@code upsert} that found its key. */
    UPDATE,
    /** {@code delete}, {@code deleteWhere}, {@code deleteAll} and a query's {@code delete}. */
    DELETE
}
