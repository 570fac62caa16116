package io.dictdb.backup;

import io.dictdb.core.DictDB;
import io.dictdb.core.Snapshot;
import io.dictdb.core.change.ChainRecovery;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The backup module's {@link ChainRecovery}: {@code DictDB.open(dir)} restores the newest chain of the folder through
 * it ({@link Backups#restoreLatest(Path, String)}), then replays the journal after it.
 */
public final class BackupChainRecovery implements ChainRecovery {

    /** For {@link java.util.ServiceLoader}. */
    public BackupChainRecovery() {
    }

    @Override
    public Optional<Snapshot> restoreLatest(Path dir, String databaseId) {
        if (Backups.list(dir).isEmpty()) {
            return Optional.empty();
        }
        List<String> ids = Backups.databases(dir);
        DictDB db = databaseId != null && ids.contains(databaseId) ? Backups.restoreLatest(dir, databaseId)
                : Backups.restoreLatest(dir);
        try (db) {
            return Optional.of(db.snapshot());
        }
    }
}
