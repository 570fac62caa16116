package io.dictdb.backup;

import io.dictdb.BackupException;
import io.dictdb.core.DictDB;
import io.dictdb.core.change.ChangeChannel;
import io.dictdb.core.change.ChangeFollower;
import io.dictdb.core.change.ChangeSet;
import io.dictdb.core.Snapshot;
import io.dictdb.spi.Change;
import io.dictdb.spi.Codec;
import io.dictdb.file.ImageFiles;
import io.dictdb.spi.ImageHeader;
import io.dictdb.file.ImageInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a {@link BackupManager}'s files: a full backup (the core's snapshot) or a delta (the changes captured since
 * the previous backup), each written atomically, read back whole and only then counted. It keeps the chain's
 * position: the image id of the current full and the sequence number the last backup reached, so that each delta
 * starts right after it. A write that fails leaves no file and loses no change (see {@link BackupManager}).
 * Not thread-safe: the manager calls it under its lock.
 */
final class BackupWriter {
    private static final Logger LOG = LoggerFactory.getLogger(BackupWriter.class);

    private final ChangeChannel db;
    private final Path dir;
    private final Codec codec;
    private final ImageFiles files;
    private final boolean incremental;

    /** The image id of the full the next delta builds on; null when the next backup must be a full one. */
    private String currentFullId;
    private long lastBackupSequence = -1;
    /** This manager's record of the changes since its last backup; null before the first full and after stop. */
    private ChangeFollower follower;
    /** The time in the last file name given, so that the next one is later even if the clock goes back. */
    private long lastNameMicros;

    BackupWriter(DictDB db, Path dir, Codec codec, ImageFiles files, boolean incremental) {
        this.db = ChangeChannel.of(db);
        this.dir = dir;
        this.codec = codec;
        this.files = files;
        this.incremental = incremental;
    }

    /**
     * Whether a delta can be written: there is a durable full it builds on.
     *
     * @return false before the first full, after a failed one and after {@link #stop()}
     */
    boolean hasFull() {
        return currentFullId != null;
    }

    /**
     * Whether the database is where the last backup left it (there is a full, and no change since).
     *
     * @return true when a backup now would hold nothing new
     */
    boolean upToDate() {
        return currentFullId != null && db.sequence() == lastBackupSequence;
    }

    /**
     * Writes a full backup: tracking changes from before the snapshot in incremental mode, then the snapshot, then
     * reading it back; only then are the changes it holds dropped.
     *
     * @return the file written, durable
     * @throws BackupException if writing or reading back fails; the next backup is then a full one
     */
    BackupFile writeFull() {
        currentFullId = null; // until this full is durable, the next backup is a full one
        createFolder();
        if (incremental && follower == null) {
            follower = db.follow(); // before the snapshot, so that no change falls between it and the next delta
        }
        Snapshot snap = db.snapshot();
        ImageHeader header = snap.fullHeader();
        Path file = newFile(BackupFile.Kind.FULL);
        ImageInfo info;
        try {
            info = files.write(file, codec, header, snap::writeTo);
        } catch (RuntimeException | Error e) {
            removeUnconfirmed(file, e);
            throw e;
        }
        readBack(file, "Full backup", "no older backup was deleted and the next backup is a full one");
        if (follower != null) {
            follower.discardThrough(snap.sequence());
        }
        currentFullId = header.imageId();
        lastBackupSequence = snap.sequence();
        db.backedUp(dir, lastBackupSequence); // the journal's segments this full holds can go
        return BackupFolder.toFile(info);
    }

    /**
     * Writes a delta of the changes captured since the last backup; on any failure they are given back to the core,
     * so the next delta carries them.
     *
     * @return the file written, or empty when there was no change
     * @throws BackupException if the changes do not follow the last backup (the next backup is then a full one), or
     *     writing or reading back fails
     */
    Optional<BackupFile> writeDelta() {
        if (follower == null) {
            throw new IllegalStateException("No full backup to build a delta on");
        }
        ChangeSet set = db.capture(follower);
        if (set.isEmpty()) {
            return Optional.empty();
        }
        if (set.firstSequence() != lastBackupSequence + 1) {
            follower.giveBack(set);
            currentFullId = null;
            throw new BackupException("Changes captured from " + set.firstSequence() + " do not follow the last "
                    + "backup (at " + lastBackupSequence + ") in " + dir + ": the next backup is a full one");
        }
        Path file = null;
        try {
            ImageHeader header = ImageHeader.delta(set.firstSequence(), set.lastSequence(), currentFullId,
                    Instant.now(), db.databaseId());
            createFolder();
            file = newFile(BackupFile.Kind.DELTA);
            ImageInfo info = files.write(file, codec, header, w -> {
                for (Change c : set.changes()) {
                    w.writeChange(c);
                }
                w.writeTableStates(set.keyCounters());
                w.writeCommits(set.commits());
            });
            readBack(file, "Delta", "its changes are carried by the next backup");
            lastBackupSequence = set.lastSequence();
            db.backedUp(dir, lastBackupSequence);
            return Optional.of(BackupFolder.toFile(info));
        } catch (RuntimeException | Error e) {
            removeUnconfirmed(file, e); // before its changes go back: they must not be in two deltas
            follower.giveBack(set);
            throw e;
        }
    }

    /** Stops following the database's changes (a full-only manager never did); the next full follows them again. */
    void stop() {
        if (follower != null) {
            follower.close();
            follower = null;
        }
        currentFullId = null;
    }

    /** Deletes the temporary files an interrupted write left in the folder (a crash, or a kill mid-write). */
    void cleanTemporaryFiles() {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try {
            for (Path p : BackupFolder.temporaryFiles(dir)) {
                files.fileOps().deleteIfExists(p);
                LOG.atInfo().addKeyValue("op", "backup.cleanup").addKeyValue("file", p)
                        .log("Deleted temporary file {} left by an interrupted backup", p.getFileName());
            }
        } catch (IOException e) {
            LOG.atWarn().addKeyValue("op", "backup.cleanup").addKeyValue("file", dir).setCause(e)
                    .log("Cannot clean temporary files in {}: {}", dir, e.toString());
        }
    }

    /**
     * Deletes a file whose write failed after its rename (forcing the folder failed): it is not known to be
     * durable, and the next backup carries its changes. The name is new, so an existing file is this one.
     */
    private void removeUnconfirmed(Path file, Throwable failure) {
        if (file == null) {
            return;
        }
        try {
            files.fileOps().deleteIfExists(file);
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    /**
     * Reads a file just written back whole (every record or change decoded, not only the checksum): a file that
     * does not read back is deleted (nothing damaged stays) and the backup fails.
     */
    private void readBack(Path file, String what, String consequence) {
        try {
            files.verify(file);
        } catch (RuntimeException e) {
            try {
                files.fileOps().deleteIfExists(file);
            } catch (IOException | RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new BackupException(what + " " + file + " was written but does not read back (" + e.getMessage()
                    + "); it was deleted, " + consequence, e);
        }
    }

    private void createFolder() {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new BackupException("Cannot create backup folder " + dir + ": " + e, e);
        }
    }

    /** A new file: now, bumped past the last name given and past any existing file of either kind. */
    private Path newFile(BackupFile.Kind kind) {
        Instant now = Instant.now();
        long micros = Math.max(now.getEpochSecond() * 1_000_000L + now.getNano() / 1000, lastNameMicros + 1);
        BackupFileName name = BackupFileName.free(dir, kind, micros, codec.fileExtension());
        lastNameMicros = name.micros();
        return dir.resolve(name.toString());
    }
}
