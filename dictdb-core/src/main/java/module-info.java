/**
 * The DictDB engine: in-memory tables with hash and sorted indexes, a query planner, per-table reader-writer
 * locks, transactions and the change feed. {@code io.dictdb.core} is the public API; {@code io.dictdb.core.change},
 * the channel backups copy a database through, is exported only to DictDB's own modules.
 */
module io.dictdb.core {
    requires transitive io.dictdb.api;
    requires org.slf4j;

    exports io.dictdb.core;
    exports io.dictdb.core.change to io.dictdb.backup, io.dictdb.cli;
    // the warm standby (dictdb-backup) reads a primary's journal (JournalTail) and tests its folder lock
    exports io.dictdb.core.journal to io.dictdb.backup;

    uses io.dictdb.core.change.ChainRecovery;
}
