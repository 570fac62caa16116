package io.dictdb.backup;

import io.dictdb.BackupException;
import io.dictdb.core.DictDB;
import io.dictdb.core.change.ChangeChannel;
import io.dictdb.file.ImageFiles;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The Python DictDB's rules for a backup folder. Its files ({@link BackupFile#foreign()}) have no frame, no image
 * ids and no sequence numbers, so they cannot be chained by their headers as this library's are: a restore takes
 * the full whose file name is the newest (as the Python library does: its fulls carry no time inside), then the
 * deltas from that name's instant on, in the order of the timestamps written inside them.
 */
final class PythonBackupFolder {
    private PythonBackupFolder() {
    }

    /**
     * Whether the files hold a full backup of the Python DictDB, which its deltas need.
     *
     * @param good the readable files of a folder
     * @return true if one of them is a Python full
     */
    static boolean hasFull(List<BackupFile> good) {
        return good.stream().anyMatch(f -> f.foreign() && f.kind() == BackupFile.Kind.FULL);
    }

    /** Why a Python delta is an orphan: verify's words when {@link #hasFull} is false. */
    static final String ORPHAN_DELTA = "there is no full backup of the Python DictDB in the folder";

    /**
     * Restores the Python DictDB's backups of a folder: its full, then its deltas by the timestamps inside them.
     *
     * @param dir the folder, for messages
     * @param scan what the folder holds
     * @param point the point: the latest state or an instant (the files carry no sequence numbers)
     * @param files the image files to read through
     * @return the database and the files applied; a delta that cannot be read stops the restore before it
     * @throws BackupException for a sequence-number point, or if there is no readable Python full
     */
    static RestoreResult restore(Path dir, BackupFolder.Scan scan, RestorePoint point, ImageFiles files) {
        if (point.sequence() != Long.MAX_VALUE) {
            throw new BackupException("The backups in " + dir + " were written by the Python DictDB and carry no "
                    + "sequence numbers: restore them to the latest state or to an instant");
        }
        List<BackupFile> fulls = scan.good().stream()
                .filter(f -> f.foreign() && f.kind() == BackupFile.Kind.FULL)
                .sorted(Comparator.comparing(PythonBackupFolder::nameInstant)).toList();
        if (fulls.isEmpty()) {
            throw new BackupException("No readable full backup in " + dir + " (only deltas of the Python DictDB"
                    + (scan.bad().isEmpty() ? "" : "; unreadable files: " + BackupFolder.describe(scan.bad())) + ")");
        }
        BackupFile full = fulls.get(fulls.size() - 1);
        Instant since = fulls.size() == 1 ? Instant.MIN : nameInstant(full);
        DictDB db = DictDB.builder().load(full.path(), null, files);
        List<BackupFile> applied = new ArrayList<>();
        applied.add(full);
        List<BackupFile> deltas = scan.good().stream()
                .filter(f -> f.foreign() && f.kind() == BackupFile.Kind.DELTA && !f.createdAt().isBefore(since))
                .filter(f -> point.instant().map(t -> !f.createdAt().isAfter(t)).orElse(true))
                .sorted(Comparator.comparing(BackupFile::createdAt)).toList();
        VerifyReport.Problem stop = null;
        for (BackupFile d : deltas) {
            DeltaContent content;
            try {
                content = DeltaContent.read(d.path(), files);
            } catch (RuntimeException e) {
                stop = new VerifyReport.Problem(d.path(), VerifyReport.Problem.Kind.CORRUPT,
                        "the delta cannot be read (" + e.getMessage() + "); the restore stops before it");
                break;
            }
            ChangeChannel.of(db).apply(content.changes());
            applied.add(d);
        }
        return new RestoreResult(db, applied, db.sequence(), Optional.ofNullable(stop));
    }

    /** The instant in a file's name, used only for the Python DictDB's fulls, which carry no time inside. */
    static Instant nameInstant(BackupFile f) {
        return BackupFileName.parse(f.path().getFileName().toString()).map(BackupFileName::instant)
                .orElse(Instant.EPOCH);
    }
}
