package io.dictdb.hazelcast;

import com.hazelcast.core.HazelcastInstance;
import io.dictdb.BackupException;
import io.dictdb.CodecException;
import io.dictdb.backup.BackupFile;
import io.dictdb.backup.Backups;
import io.dictdb.backup.VerifyReport;
import io.dictdb.core.Snapshot;
import io.dictdb.file.ImageFiles;
import io.dictdb.file.ImageInfo;
import io.dictdb.spi.Codec;
import io.dictdb.spi.Codecs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Full backups of a {@link HazelcastDatabase} into a backup folder of {@code dictdb-backup}, through DictDB's codecs:
 * each backup is a full image named {@code dictdb_backup_<epoch seconds>_<micros>.<ext>}, as {@code BackupManager}
 * names its fulls, so {@link Backups#list(Path)}, {@link Backups#verify(Path)} and {@link Backups#restoreLatest(Path)}
 * (into the in-memory engine) accept the folder, and {@link #restoreLatest(HazelcastInstance, String, Path)} restores
 * the newest full that verifies into a Hazelcast database.
 *
 * <p><b>One database per folder.</b> Each file's header names the database's id ({@link
 * HazelcastDatabase#databaseId()}, stable across the cluster); a backup into a folder holding another database's
 * files is refused, as {@code BackupManager} refuses it for in-memory databases, and the in-memory engine's managers
 * refuse a folder holding this database's files.
 *
 * <p><b>Sequence numbers.</b> A full's header carries the sequence number of the last change it holds; the in-memory
 * engine numbers its commits, but a Hazelcast cluster has no commit order across partitions, so that meaning cannot
 * hold here. The header carries instead a cluster-wide counter of this database's backups (1 for the first, then 2,
 * 3 ...), so later backups have higher numbers; an in-memory database restored from one continues its own
 * sequence from that number.
 *
 * <p><b>Consistency</b> is that of {@link HazelcastDatabase#save(Path, String)}: tables are read one after the other,
 * each map partition by partition, while writes go on; stop the writers for a point-in-time image.
 *
 * <p><b>Left out:</b> deltas (incremental backups from the maps' event journal) are not written, and
 * {@code BackupManager}'s schedules and retention do not apply to these files (delete old ones yourself or with the
 * backup module's tools). A restore into Hazelcast reads a full only: deltas an in-memory database wrote on top of
 * it in the same folder are not applied (use {@link Backups#restoreLatest(Path)} and
 * {@link HazelcastDatabase#load} for that).
 */
public final class HazelcastBackups {
    private static final Logger LOG = LoggerFactory.getLogger(HazelcastBackups.class);
    /** The codec of {@link #backup(HazelcastDatabase, Path)}, as {@code BackupManager}'s default. */
    public static final String DEFAULT_FORMAT = "json";

    private HazelcastBackups() {
    }

    /**
     * Writes a full backup of the database in JSON into a backup folder (created if missing).
     *
     * @param db the database
     * @param dir the backup folder
     * @return the file written, read back and verified
     * @throws BackupException if the folder holds another database's backups (naming the ids), or the file cannot be
     *     written or read back (naming it)
     */
    public static Path backup(HazelcastDatabase db, Path dir) {
        return backup(db, dir, DEFAULT_FORMAT);
    }

    /**
     * Writes a full backup of the database with the named codec into a backup folder (created if missing): the
     * file is written atomically, then read back completely; a file that does not read back is deleted.
     *
     * @param db the database
     * @param dir the backup folder
     * @param format the codec's name ({@code json}, {@code cbor}, {@code kryo} ...)
     * @return the file written
     * @throws BackupException if the folder holds another database's backups (naming the ids), or the file cannot be
     *     written or read back (naming it)
     * @throws CodecException if no codec has that name
     */
    public static Path backup(HazelcastDatabase db, Path dir, String format) {
        Objects.requireNonNull(db, "db");
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(format, "format");
        db.checkOpen();
        Codec codec = Codecs.named(format);
        String id = db.databaseId();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new BackupException("Cannot create the backup folder " + dir + ": " + e.getMessage(), e);
        }
        List<String> others = new ArrayList<>(Backups.databases(dir));
        others.remove(id);
        if (!others.isEmpty()) {
            throw new BackupException("Backup folder " + dir + " holds the backups of another database (id "
                    + String.join(", ", others) + "); the Hazelcast database '" + db.name() + "' is " + id
                    + ". A folder belongs to one database: give each its own folder");
        }
        long started = System.nanoTime();
        long sequence = db.nextBackupSequence();
        Snapshot snap = db.snapshot(sequence, id);
        Path file = freeName(dir, snap.takenAt(), codec.fileExtension());
        ImageFiles files = ImageFiles.standard();
        ImageInfo info;
        try {
            info = files.write(file, codec, snap.fullHeader(), snap::writeTo);
        } catch (RuntimeException e) {
            throw new BackupException("Full backup of the Hazelcast database '" + db.name() + "' to " + file
                    + " failed: " + e.getMessage(), e);
        }
        try {
            files.verify(file);
        } catch (RuntimeException e) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // named in the exception below
            }
            throw new BackupException("Full backup " + file + " of the Hazelcast database '" + db.name()
                    + "' does not read back (" + e.getMessage() + "); it was deleted", e);
        }
        LOG.atInfo().addKeyValue("op", "backup").addKeyValue("file", file).addKeyValue("codec", codec.name())
                .addKeyValue("sequence", sequence).addKeyValue("records", snap.recordCount())
                .addKeyValue("bytes", info.size()).addKeyValue("ms", (System.nanoTime() - started) / 1_000_000)
                .addKeyValue("database", db.name())
                .log("Full backup {} of Hazelcast database '{}': {} records", file, db.name(), snap.recordCount());
        return file;
    }

    /** The first {@code dictdb_backup_...} name at or after the instant that no full or delta of the folder has. */
    private static Path freeName(Path dir, Instant at, String extension) {
        long micros = Math.max(0, Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L),
                at.getNano() / 1000));
        while (true) {
            String time = (micros / 1_000_000L) + "_" + String.format("%06d", micros % 1_000_000L) + "." + extension;
            Path full = dir.resolve("dictdb_backup_" + time);
            if (!Files.exists(full) && !Files.exists(dir.resolve("dictdb_delta_" + time))) {
                return full;
            }
            micros++;
        }
    }

    /**
     * Restores the newest full backup of a folder that verifies into a new Hazelcast database: fulls are tried
     * newest first, each read completely ({@link ImageFiles#verify(Path)}) before anything is loaded; one that
     * does not verify is skipped (logged at WARN, event {@code op=restore}) and the one before it is tried. The
     * restored database takes the backup's database id, and its backup counter continues after the backup's
     * sequence number. Deltas are not applied (see the class comment).
     *
     * @param hazelcast the instance
     * @param name the database's name; it must have no tables
     * @param dir the backup folder
     * @return the restored database
     * @throws BackupException if the folder holds the backups of several databases (naming their ids), or no full
     *     backup that verifies (naming the folder and each full's problem)
     * @throws IllegalStateException if the database already has tables, naming it
     */
    public static HazelcastDatabase restoreLatest(HazelcastInstance hazelcast, String name, Path dir) {
        Objects.requireNonNull(dir, "dir");
        if (!Files.isDirectory(dir)) {
            throw new BackupException("Cannot restore from " + dir + ": the backup folder does not exist");
        }
        List<String> ids = Backups.databases(dir);
        if (ids.size() > 1) {
            throw new BackupException("Backup folder " + dir + " holds the backups of several databases (ids "
                    + String.join(", ", ids) + "): restore one with restoreLatest(hazelcast, name, dir, databaseId)");
        }
        return restoreLatest(hazelcast, name, dir, ids.isEmpty() ? null : ids.get(0));
    }

    /**
     * Restores the newest full backup of one database whose backups a folder holds, as
     * {@link #restoreLatest(HazelcastInstance, String, Path)} does; other databases' files are ignored.
     *
     * @param hazelcast the instance
     * @param name the database's name; it must have no tables
     * @param dir the backup folder
     * @param databaseId the id of the database to restore (see {@link Backups#databases(Path)}), or null for files
     *     without an id
     * @return the restored database
     * @throws BackupException if the folder holds no full backup of that database that verifies (naming the folder
     *     and each full's problem)
     * @throws IllegalStateException if the database already has tables, naming it
     */
    public static HazelcastDatabase restoreLatest(HazelcastInstance hazelcast, String name, Path dir,
                                                  String databaseId) {
        Objects.requireNonNull(hazelcast, "hazelcast");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dir, "dir");
        HazelcastDatabase target = HazelcastDatabase.on(hazelcast, name);
        if (!target.tableNames().isEmpty()) {
            throw new IllegalStateException("Cannot restore " + dir + " into the Hazelcast database '" + name
                    + "': it already has tables " + target.tableNames());
        }
        List<BackupFile> fulls = new ArrayList<>();
        for (BackupFile f : Backups.list(dir)) {
            if (f.kind() == BackupFile.Kind.FULL && Objects.equals(f.databaseId(), databaseId)) {
                fulls.add(f);
            }
        }
        List<String> problems = new ArrayList<>();
        for (int i = fulls.size() - 1; i >= 0; i--) {
            BackupFile f = fulls.get(i);
            try {
                ImageFiles.standard().verify(f.path());
            } catch (RuntimeException e) {
                problems.add(f.path().getFileName() + ": " + e.getMessage());
                LOG.atWarn().addKeyValue("op", "restore").addKeyValue("file", f.path())
                        .addKeyValue("problem", e.getMessage()).addKeyValue("sequence", f.lastSequence())
                        .addKeyValue("database", name)
                        .log("Full backup {} does not verify ({}); trying the one before it", f.path(),
                                e.getMessage());
                continue;
            }
            HazelcastDatabase db = HazelcastDatabase.load(hazelcast, name, f.path(), f.format());
            if (f.databaseId() != null) {
                db.adoptDatabaseId(f.databaseId());
            }
            db.backupSequenceAtLeast(f.lastSequence());
            LOG.atInfo().addKeyValue("op", "restore").addKeyValue("file", f.path())
                    .addKeyValue("sequence", f.lastSequence()).addKeyValue("database", name)
                    .log("Restored Hazelcast database '{}' from {}", name, f.path());
            return db;
        }
        for (VerifyReport.Problem p : Backups.verify(dir).problems()) {
            boolean tried = fulls.stream().anyMatch(f -> f.path().equals(p.file()));
            if (p.kind() == VerifyReport.Problem.Kind.CORRUPT && !tried) {
                problems.add(p.file().getFileName() + ": " + p.message()); // not listed: header or checksum
            }
        }
        throw new BackupException("Backup folder " + dir + " holds no full backup"
                + (databaseId == null ? "" : " of database " + databaseId) + " that verifies"
                + (problems.isEmpty() ? "" : ": " + String.join("; ", problems)));
    }
}
