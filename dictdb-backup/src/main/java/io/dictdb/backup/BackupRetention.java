package io.dictdb.backup;

import io.dictdb.BackupException;
import io.dictdb.file.ImageFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which of a database's backup chains a {@link BackupManager} deletes: those older than its newest
 * {@code keepFullBackups} fulls, whole (the full and its deltas), and only after a newer full was written and read
 * back. Files of other databases and files without a database id (written before ids existed, or by the Python
 * DictDB) are never deleted. A failure deletes nothing more and is logged: the backup itself succeeded.
 */
final class BackupRetention {
    private static final Logger LOG = LoggerFactory.getLogger(BackupRetention.class);

    private final Path dir;
    private final String databaseId;
    private final int keepFullBackups;
    private final ImageFiles files;

    /**
     * The retention of one database's chains in a folder.
     *
     * @param dir the backup folder
     * @param databaseId the database whose chains may be deleted
     * @param keepFullBackups the fulls to keep, at least 1; 0 keeps every chain
     * @param files the image files to read headers and delete through
     */
    BackupRetention(Path dir, String databaseId, int keepFullBackups, ImageFiles files) {
        this.dir = dir;
        this.databaseId = databaseId;
        this.keepFullBackups = keepFullBackups;
        this.files = files;
    }

    /**
     * Deletes this database's chains older than its newest {@code keepFullBackups} fulls, {@code newest} (the full
     * just written and read back) counted first.
     *
     * @param newest the full just written
     */
    void afterFull(BackupFile newest) {
        if (keepFullBackups == 0) {
            return;
        }
        try {
            BackupFolder.Scan scan = BackupFolder.scan(dir, files::inspect);
            List<BackupFile> mine = scan.good().stream().filter(f -> databaseId.equals(f.databaseId())).toList();
            List<BackupFile> fulls = new ArrayList<>(BackupFolder.fulls(mine));
            fulls.sort(Comparator.comparingLong(BackupFile::lastSequence).thenComparing(BackupFile::createdAt)
                    .reversed());
            List<BackupFile> older = fulls.stream().filter(f -> !f.path().equals(newest.path()))
                    .filter(f -> f.lastSequence() < newest.lastSequence() || (f.lastSequence() == newest.lastSequence()
                            && f.createdAt().isBefore(newest.createdAt()))).toList();
            for (int i = keepFullBackups - 1; i < older.size(); i++) {
                deleteChain(older.get(i), mine);
            }
        } catch (RuntimeException e) {
            LOG.atWarn().addKeyValue("op", "backup.retention").addKeyValue("file", dir).setCause(e)
                    .log("Retention in {} failed; older backups are kept: {}", dir, e.toString());
        }
    }

    private void deleteChain(BackupFile full, List<BackupFile> good) {
        List<BackupFile> deltas = new ArrayList<>(BackupFolder.deltasOf(full, good));
        Collections.reverse(deltas);
        // newest delta first, the full last: a crash in between leaves a shorter chain, never a gap
        try {
            for (BackupFile d : deltas) {
                files.fileOps().deleteIfExists(d.path());
            }
            files.fileOps().deleteIfExists(full.path());
            LOG.atInfo().addKeyValue("op", "backup.retention").addKeyValue("file", full.path())
                    .addKeyValue("deltas", deltas.size())
                    .log("Deleted old backup chain {} with {} deltas", full.path().getFileName(), deltas.size());
        } catch (IOException e) {
            throw new BackupException("Cannot delete old backup chain of " + full.path() + ": " + e, e);
        }
    }
}
