/**
 * Micrometer meter binders for DictDB: {@code io.dictdb.micrometer.DictDbMetrics} publishes a database's metrics
 * ({@code DictDB.metrics()}), {@code io.dictdb.micrometer.BackupMetrics} a backup manager's status and
 * {@code io.dictdb.micrometer.StandbyMetrics} a warm standby's lag and sequence. The binders only read counters the
 * engine keeps anyway; the library modules do not depend on Micrometer. dictdb-backup is an
 * optional dependency: needed only by {@code BackupMetrics} and {@code StandbyMetrics}.
 */
module io.dictdb.micrometer {
    requires transitive io.dictdb.core;
    requires transitive micrometer.core;
    requires static io.dictdb.backup;

    exports io.dictdb.micrometer;
}
