package io.dictdb.core.change;

import io.dictdb.core.Snapshot;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Restores the newest verifying backup chain of a folder, for {@code DictDB.open(dir)}, which then replays the
 * journal after it. Core cannot depend on the backup module, so the module provides this service
 * ({@link java.util.ServiceLoader}); without a provider, {@code open} replays the journal alone, and refuses a folder
 * that holds backup files (whose state it could not restore).
 */
public interface ChainRecovery {
    /** The start of every full backup's file name: core recognises a folder with backups by it. */
    String FULL_BACKUP_PREFIX = "dictdb_backup_";

    /**
     * The state of the newest chain that verifies in {@code dir}.
     *
     * @param dir the folder
     * @param databaseId the database whose chain to restore, or null (a folder opened for the first time) for the
     *     only database whose backups the folder holds
     * @return the state, or empty if the folder holds no backup
     * @throws RuntimeException (a {@code BackupException}) if the folder holds backups but none restores
     */
    Optional<Snapshot> restoreLatest(Path dir, String databaseId);
}
