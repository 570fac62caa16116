package io.dictdb.backup;

import io.dictdb.BackupException;
import io.dictdb.core.change.ChangeSet;
import io.dictdb.core.DictDB;
import io.dictdb.core.change.ChangeChannel;
import io.dictdb.spi.CommitRange;
import io.dictdb.file.FrameHeaderLine;
import io.dictdb.file.ImageFiles;
import io.dictdb.spi.ImageHeader;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listing, verifying and restoring a backup folder written by {@link BackupManager} (or by the Python DictDB).
 *
 * <p>Files are recognised by their names ({@code dictdb_backup_*} and {@code dictdb_delta_*}; temporary files of
 * interrupted writes are ignored) but ordered only by their headers: a delta names the full it builds on (its
 * image id) and the contiguous range of sequence numbers it covers, so a chain is the full followed by the deltas
 * each starting right after the one before. Names and modification times never decide anything.
 *
 * <p>A restore takes the newest readable full at or before the restore point and applies its chain. A corrupt or
 * missing link stops the chain at the last good state: {@link #restoreReport(Path, RestorePoint)} says which file
 * and why; {@link #restore(Path, RestorePoint)} and {@link #restoreLatest(Path)} return that state and log the
 * problem at WARN (event {@code op=restore}, key-values {@code file}, {@code problem}, {@code sequence}). They never
 * return less than the backups hold without saying so.
 *
 * <p>A backup folder belongs to one database: every file names its database ({@link BackupFile#databaseId()}).
 * When a folder holds the chains of several databases, the restores refuse to guess and name the ids present
 * ({@link #databases(Path)}); the overloads taking a database id restore that one. Files without an id (written
 * before databases had ids) go with the folder's only database.
 *
 * <p>The Python DictDB's files (no frame, no ids, no sequence numbers) are restored by their own rule: the full
 * backup (when there are several, the one whose file name is the newest, as the Python library does: its files
 * carry no other order), then its deltas in the order of the timestamps written inside them.
 */
public final class Backups {
    private static final Logger LOG = LoggerFactory.getLogger(Backups.class);

    private Backups() {
    }

    /**
     * The backup files of a folder that read back with a valid header and checksum, oldest first (by creation
     * time, then sequence numbers). Unreadable files are left out: {@link #verify(Path)} names them.
     *
     * @param dir the backup folder
     * @return the files, oldest first
     * @throws BackupException if the folder cannot be read
     */
    public static List<BackupFile> list(Path dir) {
        return BackupFolder.scan(dir, ImageFiles.standard()::inspect).good();
    }

    /**
     * The ids of the databases whose backups a folder holds ({@link BackupFile#databaseId()} of its readable
     * files), sorted. Files without an id (written before databases had ids, or by the Python DictDB) are not
     * counted.
     *
     * @param dir the backup folder
     * @return the ids, possibly none
     * @throws BackupException if the folder does not exist or cannot be read
     */
    public static List<String> databases(Path dir) {
        return List.copyOf(BackupFolder.scan(dir, ImageFiles.standard()::inspect).databaseIds());
    }

    /**
     * Reads every backup file of a folder completely (checksum and every record and change through its codec) and
     * checks every chain link, of every database the folder holds; each problem names its database. A folder with no
     * backup at all (empty, only temporary files, or missing) is not ok: one {@link VerifyReport.Problem.Kind#NO_BACKUP}
     * problem names it.
     *
     * @param dir the backup folder
     * @return the report, one problem per bad file
     * @throws BackupException if the folder cannot be read
     */
    public static VerifyReport verify(Path dir) {
        return verify(dir, ImageFiles.standard());
    }

    static VerifyReport verify(Path dir, ImageFiles files) {
        if (!java.nio.file.Files.exists(dir)) {
            return noBackup(dir, "the folder does not exist");
        }
        BackupFolder.Scan scan = BackupFolder.scan(dir, files::verify);
        if (scan.good().isEmpty() && scan.bad().isEmpty()) {
            return noBackup(dir, "the folder holds no backup file (dictdb_backup_* or dictdb_delta_*)");
        }
        List<VerifyReport.Problem> problems = new ArrayList<>();
        for (BackupFolder.Bad b : scan.bad()) {
            problems.add(new VerifyReport.Problem(b.path(), VerifyReport.Problem.Kind.CORRUPT, b.reason(),
                    b.claim("db").orElse(null)));
        }
        List<BackupFile> fulls = BackupFolder.fulls(scan.good());
        Set<String> fullIds = new HashSet<>();
        for (BackupFile f : fulls) {
            fullIds.add(f.imageId());
            for (VerifyReport.Problem p : BackupFolder.chain(f, scan.good(), scan.bad()).problems()) {
                problems.add(new VerifyReport.Problem(p.file(), p.kind(), p.message(), f.databaseId()));
            }
        }
        boolean foreignFull = PythonBackupFolder.hasFull(scan.good());
        for (BackupFile d : scan.good()) {
            if (d.kind() != BackupFile.Kind.DELTA) {
                continue;
            }
            if (d.foreign() ? !foreignFull : !fullIds.contains(d.baseImageId())) {
                String why = d.foreign() ? PythonBackupFolder.ORPHAN_DELTA
                        : scan.bad().stream().filter(b -> d.baseImageId().equals(b.claimed().get("id"))).findFirst()
                        .map(b -> "its full backup " + b.path().getFileName() + " cannot be read: " + b.reason())
                        .orElse("its full backup (image " + d.baseImageId() + ") is missing");
                problems.add(new VerifyReport.Problem(d.path(), VerifyReport.Problem.Kind.ORPHAN_DELTA, why,
                        d.databaseId()));
            }
        }
        VerifyReport report = new VerifyReport(scan.good(), problems);
        if (!report.ok()) {
            LOG.atWarn().addKeyValue("op", "verify").addKeyValue("file", dir).addKeyValue("problems", problems.size())
                    .log("Backup folder {} has {} problem(s): {}", dir, problems.size(), report);
        } else {
            LOG.atInfo().addKeyValue("op", "verify").addKeyValue("file", dir).addKeyValue("files",
                    scan.good().size()).log("Backup folder {} verified: {} files", dir, scan.good().size());
        }
        return report;
    }

    private static VerifyReport noBackup(Path dir, String why) {
        VerifyReport report = new VerifyReport(List.of(), List.of(new VerifyReport.Problem(dir,
                VerifyReport.Problem.Kind.NO_BACKUP, "no backup found: " + why)));
        LOG.atWarn().addKeyValue("op", "verify").addKeyValue("file", dir).addKeyValue("problems", 1)
                .log("Backup folder {} holds no backup: {}", dir, why);
        return report;
    }

    /**
     * Restores the newest state the folder holds: the newest readable full backup and its deltas in sequence
     * order. If a link is corrupt or missing, the state before it is returned and the problem logged at WARN; use
     * {@link #restoreReport(Path, RestorePoint)} to get it as a value.
     *
     * @param dir the backup folder
     * @return the restored database
     * @throws BackupException if the folder holds no readable full backup, or the backups of several databases
     *     (naming their ids)
     */
    public static DictDB restoreLatest(Path dir) {
        return restore(dir, RestorePoint.latest());
    }

    /**
     * Restores the newest state of one database whose backups the folder holds, as {@link #restoreLatest(Path)}
     * does; the files of other databases are ignored.
     *
     * @param dir the backup folder
     * @param databaseId the database's id (see {@link #databases(Path)})
     * @return the restored database, with that id
     * @throws BackupException if the folder holds no backup of that database (naming the ids it holds) or no
     *     readable full backup of it
     */
    public static DictDB restoreLatest(Path dir, String databaseId) {
        return restore(dir, RestorePoint.latest(), databaseId);
    }

    /**
     * Restores the state at a point: see {@link RestorePoint}. If a link before the point is corrupt or missing,
     * the state before it is returned and the problem logged at WARN; use {@link #restoreReport(Path, RestorePoint)}
     * to get it as a value.
     *
     * @param dir the backup folder
     * @param point the point
     * @return the restored database
     * @throws BackupException if the folder holds no readable full backup at or before the point (naming the
     *     earliest point it holds), if a sequence number is past the newest backed-up one (naming it), or if the
     *     folder holds the backups of several databases (naming their ids)
     */
    public static DictDB restore(Path dir, RestorePoint point) {
        return restoreReport(dir, point).database();
    }

    /**
     * Restores the state of one database at a point, as {@link #restore(Path, RestorePoint)} does; the files of
     * other databases are ignored.
     *
     * @param dir the backup folder
     * @param point the point
     * @param databaseId the database's id (see {@link #databases(Path)})
     * @return the restored database
     * @throws BackupException as {@link #restore(Path, RestorePoint)} does, and if the folder holds no backup of
     *     that database
     */
    public static DictDB restore(Path dir, RestorePoint point, String databaseId) {
        return restoreReport(dir, point, databaseId).database();
    }

    /**
     * Restores the state at a point and says which files were applied and, if the chain stopped early, on which
     * file and why.
     *
     * @param dir the backup folder
     * @param point the point
     * @return the database, the files applied and the problem that stopped the chain, if any
     * @throws BackupException as {@link #restore(Path, RestorePoint)} does
     */
    public static RestoreResult restoreReport(Path dir, RestorePoint point) {
        return restoreReport(dir, point, null, ImageFiles.standard());
    }

    /**
     * Restores the state of one database at a point and says which files were applied, as
     * {@link #restoreReport(Path, RestorePoint)} does; the files of other databases are ignored.
     *
     * @param dir the backup folder
     * @param point the point
     * @param databaseId the database's id (see {@link #databases(Path)})
     * @return the database, the files applied and the problem that stopped the chain, if any
     * @throws BackupException as {@link #restore(Path, RestorePoint, String)} does
     */
    public static RestoreResult restoreReport(Path dir, RestorePoint point, String databaseId) {
        return restoreReport(dir, point, Objects.requireNonNull(databaseId, "databaseId"), ImageFiles.standard());
    }

    static RestoreResult restoreReport(Path dir, RestorePoint point, ImageFiles files) {
        return restoreReport(dir, point, null, files);
    }

    static RestoreResult restoreReport(Path dir, RestorePoint point, String databaseId, ImageFiles files) {
        Objects.requireNonNull(point, "point");
        long started = System.nanoTime();
        BackupFolder.Scan scan = BackupFolder.select(dir, BackupFolder.scan(dir, files::inspect), databaseId);
        RestoreResult result;
        List<BackupFile> own = BackupFolder.fulls(scan.good());
        if (!own.isEmpty()) {
            requireWithinBackups(dir, scan, own, point);
        }
        List<BackupFile> fulls = new ArrayList<>(own.stream()
                .filter(f -> f.lastSequence() <= point.sequence())
                .filter(f -> point.instant().map(t -> !f.createdAt().isAfter(t)).orElse(true)).toList());
        if (fulls.isEmpty() && scan.good().stream().anyMatch(BackupFile::foreign)) {
            result = PythonBackupFolder.restore(dir, scan, point, files);
        } else {
            fulls.sort(Comparator.comparingLong(BackupFile::lastSequence).thenComparing(BackupFile::createdAt)
                    .reversed());
            result = null;
            List<String> unreadable = new ArrayList<>();
            for (BackupFile full : fulls) {
                try {
                    result = restoreChain(full, scan, point, files);
                    break;
                } catch (RuntimeException e) {
                    unreadable.add(full.path() + ": " + e.getMessage());
                    scan = withBad(scan, full, e);
                }
            }
            if (result == null) {
                throw new BackupException("No readable full backup in " + dir + " for " + point
                        + (scan.bad().isEmpty() ? "" : "; unreadable files: " + BackupFolder.describe(scan.bad()))
                        + (unreadable.isEmpty() ? "" : "; fulls that failed to load: " + unreadable));
            }
            if (result.stoppedAt().isEmpty()) {
                result = noteLaterCorruption(result, scan, point);
            }
        }
        if (result.stoppedAt().isPresent()) {
            VerifyReport.Problem p = result.stoppedAt().get();
            LOG.atWarn().addKeyValue("op", "restore").addKeyValue("file", p.file()).addKeyValue("problem", p.kind())
                    .addKeyValue("sequence", result.sequence()).addKeyValue("point", point)
                    .log("Restore from {} stopped early at sequence {}: {}", dir, result.sequence(), p);
        } else {
            LOG.atInfo().addKeyValue("op", "restore").addKeyValue("file", dir)
                    .addKeyValue("files", result.applied().size()).addKeyValue("sequence", result.sequence())
                    .addKeyValue("ms", (System.nanoTime() - started) / 1_000_000)
                    .log("Restored {} files from {} up to sequence {}", result.applied().size(), dir,
                            result.sequence());
        }
        return result;
    }

    /**
     * Refuses a point the backups cannot reach: before the first full (naming the earliest point there is) or, for
     * a sequence number, past the newest one the files hold when every file is readable (naming it), which would
     * otherwise silently restore the latest state.
     */
    private static void requireWithinBackups(Path dir, BackupFolder.Scan scan, List<BackupFile> fulls,
                                             RestorePoint point) {
        BackupFile earliest = fulls.stream().min(Comparator.comparingLong(BackupFile::lastSequence)
                .thenComparing(BackupFile::createdAt)).orElseThrow();
        BackupFile first = fulls.stream().min(Comparator.comparing(BackupFile::createdAt)).orElseThrow();
        boolean beforeSequence = point.sequence() < earliest.lastSequence();
        boolean beforeInstant = point.instant().map(t -> t.isBefore(first.createdAt())).orElse(false);
        if (beforeSequence || beforeInstant) {
            BackupFile named = beforeInstant ? first : earliest;
            // an unreadable file may have been an earlier full: name it, it is why the point cannot be reached
            throw new BackupException(point + " is before the first " + (scan.bad().isEmpty() ? "" : "readable ")
                    + "backup in " + dir + ": the earliest point available is sequence " + named.lastSequence()
                    + ", taken at " + named.createdAt() + " (" + named.path().getFileName() + "; RestorePoint"
                    + ".atSequence(" + named.lastSequence() + ") or RestorePoint.at(" + named.createdAt() + "))"
                    + (scan.bad().isEmpty() ? "" : "; unreadable files: " + BackupFolder.describe(scan.bad())));
        }
        // an unreadable file may hold later changes whatever its header claims (damage can make it lie): then the
        // restore goes on and names it when it stops early
        if (point.sequence() != Long.MAX_VALUE && point.instant().isEmpty() && scan.bad().isEmpty()) {
            long newest = scan.good().stream().mapToLong(BackupFile::lastSequence).max().orElse(-1);
            if (point.sequence() > newest) {
                throw new BackupException(point + " is past the newest backed-up sequence in " + dir + ", which is "
                        + newest + ": the changes after it were never backed up");
            }
        }
    }

    private static BackupFolder.Scan withBad(BackupFolder.Scan scan, BackupFile f, RuntimeException e) {
        List<BackupFile> good = new ArrayList<>(scan.good());
        good.remove(f);
        List<BackupFolder.Bad> bad = new ArrayList<>(scan.bad());
        bad.add(new BackupFolder.Bad(f.path(), String.valueOf(e.getMessage()),
                FrameHeaderLine.claimed(f.path())));
        return new BackupFolder.Scan(good, bad);
    }

    /** A full and its chain, up to the point. */
    private static RestoreResult restoreChain(BackupFile full, BackupFolder.Scan scan, RestorePoint point,
                                              ImageFiles files) {
        DictDB db = DictDB.builder().load(full.path(), null, files);
        List<BackupFile> applied = new ArrayList<>();
        applied.add(full);
        BackupFolder.Chain chain = BackupFolder.chain(full, scan.good(), scan.bad());
        VerifyReport.Problem stop = null;
        boolean reachedPoint = false;
        long sequence = full.lastSequence();
        for (BackupFile d : chain.links()) {
            if (d.firstSequence() > point.sequence()
                    || point.instant().map(t -> d.createdAt().isAfter(t)).orElse(false)) {
                reachedPoint = true;
                break;
            }
            ChangeSet set;
            try {
                DeltaContent content = DeltaContent.read(d.path(), files);
                set = new ChangeSet(d.firstSequence(), d.lastSequence(), content.changes(), content.states(),
                        content.commits());
            } catch (RuntimeException e) {
                stop = new VerifyReport.Problem(d.path(), VerifyReport.Problem.Kind.CORRUPT, "the delta holding "
                        + "changes " + d.firstSequence() + ".." + d.lastSequence() + " cannot be read ("
                        + e.getMessage() + "); the restore stops at sequence " + sequence);
                break;
            }
            if (d.lastSequence() <= point.sequence()) {
                // as a set: the sequence moves to the delta's last (a coalesced delta's last change may come earlier)
                // and the key counters to those it carries
                ChangeChannel.of(db).apply(set);
                applied.add(d);
                sequence = d.lastSequence();
                continue;
            }
            reachedPoint = true;
            if (!set.isExact()) {
                stop = new VerifyReport.Problem(d.path(), VerifyReport.Problem.Kind.COALESCED_DELTA, "the delta "
                        + "holding changes " + d.firstSequence() + ".." + d.lastSequence() + " keeps only the last "
                        + "change of each key (its sequence numbers have gaps), so the state at sequence "
                        + point.sequence() + " cannot be reproduced; the restore stops at sequence " + sequence
                        + ", before it", d.databaseId());
                break;
            }
            // never part of a commit: a state inside one never existed, so stop right before it
            long reach = set.commitBoundaryAtOrBefore(point.sequence());
            if (reach < point.sequence()) {
                stop = new VerifyReport.Problem(d.path(), VerifyReport.Problem.Kind.INSIDE_COMMIT, "sequence "
                        + point.sequence() + " falls inside changes " + (reach + 1) + ".."
                        + commitEndingAfter(set, reach) + " of the delta holding changes " + d.firstSequence() + ".."
                        + d.lastSequence() + ", which were committed together (a transaction, or one write of "
                        + "several records), so the state there never existed; the restore stops at sequence "
                        + reach + ", before that commit", d.databaseId());
            }
            if (reach >= d.firstSequence()) {
                ChangeChannel.of(db).apply(set.changes().stream().filter(c -> c.sequence() <= reach).toList());
                applied.add(d);
                sequence = reach;
            }
            break;
        }
        if (stop == null && !reachedPoint && chain.stop().isPresent()) {
            VerifyReport.Problem gap = chain.stop().get();
            long expected = sequence + 1;
            stop = BackupFolder.claimant(full, expected, scan.bad())
                    .map(b -> new VerifyReport.Problem(b.path(), VerifyReport.Problem.Kind.CORRUPT, "the delta "
                            + "holding changes " + expected + ".." + b.claim("last").orElse("?") + " cannot be read ("
                            + b.reason() + "); the restore stops at sequence " + (expected - 1)))
                    .orElse(gap);
        }
        return new RestoreResult(db, applied, sequence, Optional.ofNullable(stop));
    }

    /** The last sequence number of the set's commit that starts right after {@code before}. */
    private static long commitEndingAfter(ChangeSet set, long before) {
        return set.commits().stream().filter(c -> c.first() == before + 1).mapToLong(CommitRange::last).findFirst()
                .orElse(before + 1);
    }

    /**
     * When the chain went to its end but not to the requested point, a file that cannot be read may have held the
     * missing changes: say so. Its header claims are not trusted (its checksum fails: a flipped digit or a cut in
     * the header line makes them lie), so every unreadable file is reported; one that claims changes between the
     * restored sequence and the point is named first.
     */
    private static RestoreResult noteLaterCorruption(RestoreResult r, BackupFolder.Scan scan, RestorePoint point) {
        if (r.sequence() >= point.sequence() || scan.bad().isEmpty()) {
            return r;
        }
        BackupFolder.Bad named = null;
        for (BackupFolder.Bad b : scan.bad()) {
            long last = b.claimedLast();
            boolean claimsMissing = last > r.sequence() && last <= point.sequence()
                    && point.instant().map(t -> b.claim("created").map(c -> !parseInstant(c).isAfter(t))
                    .orElse(true)).orElse(true);
            if (claimsMissing) {
                named = b;
                break;
            }
        }
        String msg;
        if (named != null) {
            msg = "the file claims changes up to " + named.claimedLast() + " but cannot be read (" + named.reason()
                    + "); the restore stops at sequence " + r.sequence();
        } else {
            named = scan.bad().get(0);
            msg = "the file cannot be read and its header cannot be trusted (" + (named.claimedLast() < 0
                    ? "illegible" : "it claims changes up to " + named.claimedLast()) + "), so it may hold changes "
                    + "after sequence " + r.sequence() + ": " + named.reason();
        }
        return new RestoreResult(r.database(), r.applied(), r.sequence(),
                Optional.of(new VerifyReport.Problem(named.path(), VerifyReport.Problem.Kind.CORRUPT, msg)));
    }

    private static Instant parseInstant(String text) {
        try {
            return Instant.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            return Instant.MIN; // illegible: counted as before the point, so the problem is reported
        }
    }

    /**
     * Applies one delta file to a database, in order: records are replaced whole or deleted by key, and tables and
     * indexes created or dropped; indexes are kept up to date. A delta written by {@link BackupManager} must start
     * right after the database's sequence number ({@code DictDB.sequence()}).
     *
     * @param db the database
     * @param deltaFile the delta file
     * @return the number of changes applied
     * @throws BackupException if the file cannot be read, is not a delta or does not follow the database's state;
     *     nothing is applied then
     * @throws NullPointerException if {@code db} or {@code deltaFile} is null
     */
    public static int applyDelta(DictDB db, Path deltaFile) {
        DictDB dict = Objects.requireNonNull(db, "db");
        Objects.requireNonNull(deltaFile, "deltaFile");
        DeltaContent content;
        try {
            content = DeltaContent.read(deltaFile, ImageFiles.standard());
        } catch (BackupException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new BackupException("Cannot read delta " + deltaFile + ": " + e.getMessage(), e);
        }
        ImageHeader h = content.header();
        if (h.formatVersion() != ImageHeader.FOREIGN_FORMAT_VERSION && dict.sequence() != h.firstSequence() - 1) {
            throw new BackupException("Delta " + deltaFile + " holds changes " + h.firstSequence() + ".."
                    + h.lastSequence() + " but the database is at sequence " + dict.sequence()
                    + ": it applies only to the state at " + (h.firstSequence() - 1));
        }
        int n = h.formatVersion() == ImageHeader.FOREIGN_FORMAT_VERSION ? ChangeChannel.of(dict).apply(content.changes())
                : ChangeChannel.of(dict).apply(new ChangeSet(h.firstSequence(), h.lastSequence(), content.changes(), content.states(),
                        content.commits()));
        LOG.atInfo().addKeyValue("op", "applyDelta").addKeyValue("file", deltaFile).addKeyValue("count", n)
                .log("Applied {} changes from {}", n, deltaFile);
        return n;
    }
}
