/**
 * The DictDB engine: in-memory tables with hash and sorted indexes, a query planner, per-table reader-writer
 * locks and change tracking. Only {@code io.dictdb.core} is exported.
 */
module io.dictdb.core {
    requires transitive io.dictdb.api;
    requires org.slf4j;

    exports io.dictdb.core;
}
