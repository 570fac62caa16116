/**
 * Backups of a DictDB database: full snapshots and delta chains, verify, point-in-time restore and retention.
 */
module io.dictdb.backup {
    requires transitive io.dictdb.api;
    requires transitive io.dictdb.core;
    requires org.slf4j;

    exports io.dictdb.backup;

    provides io.dictdb.core.change.ChainRecovery with io.dictdb.backup.BackupChainRecovery;
}
