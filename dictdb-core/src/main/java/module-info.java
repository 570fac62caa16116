/**
 * The DictDB engine: in-memory tables with hash and sorted indexes, a query planner, per-table reader-writer
 * locks, transactions and the change feed. {@code io.dictdb.core} is the public API; {@code io.dictdb.core.change},
 * the channel backups copy a database through, is exported only to DictDB's own modules.
 */
// "module": the modules named by the qualified exports are not observable while this module compiles
@SuppressWarnings("module")
module io.dictdb.core {
    requires transitive io.dictdb.api;
    requires org.slf4j;

    exports io.dictdb.core;
    exports io.dictdb.core.change to io.dictdb.backup, io.dictdb.cli;
    // the warm standby (dictdb-backup) reads a primary's journal (JournalTail) and tests its folder lock
    exports io.dictdb.core.journal to io.dictdb.backup, io.dictdb.hazelcast;
    // the Hazelcast backend runs the query engine over the candidates its members return
    exports io.dictdb.core.query to io.dictdb.hazelcast;
    exports io.dictdb.core.storage to io.dictdb.hazelcast;
    exports io.dictdb.core.index to io.dictdb.hazelcast;
    exports io.dictdb.core.log to io.dictdb.hazelcast;
    exports io.dictdb.core.stats to io.dictdb.hazelcast;
    exports io.dictdb.core.table to io.dictdb.hazelcast;

    uses io.dictdb.core.change.ChainRecovery;
}
