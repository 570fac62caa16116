package io.dictdb.backup;

import io.dictdb.BackupException;
import io.dictdb.Database;
import io.dictdb.core.ChangeSet;
import io.dictdb.core.DictDB;
import io.dictdb.core.Snapshot;
import io.dictdb.spi.Change;
import io.dictdb.spi.Codec;
import io.dictdb.spi.Codecs;
import io.dictdb.spi.ImageFiles;
import io.dictdb.spi.ImageHeader;
import io.dictdb.spi.ImageInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes full backups and deltas of a {@link DictDB} into a folder, on its own scheduler thread and on demand.
 *
 * <pre>{@code
 * try (BackupManager backups = BackupManager.builder(db, Path.of("backups"))
 *         .interval(Duration.ofMinutes(5)).incremental(true).keepFullBackups(3).build()) {
 *     backups.start();
 *     ...
 *     backups.notifyChange();     // after writes: a backup within minInterval, never blocking
 * }
 * }</pre>
 *
 * <h2>No change is lost</h2>
 * A full backup is the core's consistent snapshot at a sequence number {@code S} (header {@code first=1, last=S},
 * a new image id); only once it is durable are the tracked changes up to {@code S} dropped. A delta is the set of
 * changes captured since the previous backup, a contiguous range starting right after it, naming its full's image
 * id. If writing a delta fails, the captured changes are given back to the core, so the next delta carries them;
 * after a failed full, the next backup is a full again. Change tracking starts before the first full's snapshot,
 * and only in incremental mode: a full-only manager keeps no change in memory. Deltas carry table and index
 * creation and removal as well as records, and every table's key counter.
 *
 * <h2>Nothing counts until it reads back</h2>
 * Every file written (full or delta) is read back whole through its codec, every record and change decoded, before
 * it counts as written and before retention may delete anything older. A full that does not read back is deleted
 * and reported as a failure (the next backup is a full again); a delta that does not read back is deleted and its
 * changes are given back, so the next delta carries them.
 *
 * <h2>One folder, one database</h2>
 * Every file names its database ({@link DictDB#databaseId()}). {@link #start()} and every backup refuse a folder
 * that holds another database's backups ({@link BackupException} naming the folder and the ids); retention deletes
 * only this database's chains. Files without a database id (written before databases had ids, or by the Python
 * DictDB) are left alone and never deleted. A database restored from the folder keeps its id and continues its
 * chain.
 *
 * <h2>Threads</h2>
 * The scheduler is one daemon thread named {@code dictdb-backup-<folder>}; {@link #notifyChange()} only schedules
 * on it and never blocks. {@link #backupNow()}, {@link #backupFull()} and {@link #backupDelta()} run on the
 * caller's thread, one at a time with the scheduler's backups (a lock). One manager per database: it owns the
 * database's change tracking, and stops it in {@link #stop()}.
 *
 * <h2>Files</h2>
 * {@code dictdb_backup_<epoch seconds>_<micros, 6 digits>.<ext>} and {@code dictdb_delta_...}, written
 * atomically (temporary file, force, rename, directory force; see {@link ImageFiles}); names never collide and
 * sort in creation order, but nothing relies on names: see {@link Backups}. Temporary files left by a crash are
 * deleted by {@link #start()}.
 */
public final class BackupManager implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BackupManager.class);

    private final DictDB db;
    private final Path dir;
    private final Duration interval;
    private final Codec codec;
    private final Duration minInterval;
    private final boolean incremental;
    private final int maxDeltasBeforeFull;
    private final BiConsumer<? super Throwable, ? super Integer> onFailure;
    private final int keepFullBackups;
    private final ImageFiles files;
    private final FolderOwnership ownership;

    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicBoolean notified = new AtomicBoolean();
    private final AtomicInteger state = new AtomicInteger(NEW);
    private static final int NEW = 0;
    private static final int STARTED = 1;
    private static final int STOPPED = 2;
    private volatile ScheduledThreadPoolExecutor scheduler;
    private volatile Thread schedulerThread;

    // guarded by lock
    private String currentFullId;
    private long lastBackupSequence = -1;
    private long lastNameMicros;
    private final AtomicReference<BackupStatus> status = new AtomicReference<>(new BackupStatus(Optional.empty(),
            Optional.empty(), Optional.empty(), 0, 0, -1, 0, Optional.empty(), false));

    private BackupManager(Builder b) {
        this.db = b.db;
        this.dir = b.dir;
        this.interval = b.interval;
        this.codec = Codecs.named(b.format);
        this.minInterval = b.minInterval;
        this.incremental = b.incremental;
        this.maxDeltasBeforeFull = b.maxDeltasBeforeFull;
        this.onFailure = b.onFailure;
        this.keepFullBackups = b.keepFullBackups;
        this.files = b.files;
        this.ownership = new FolderOwnership(dir, db.databaseId(), files::inspect);
    }

    /**
     * A builder for a manager of {@code db}'s backups in {@code dir} (created if missing).
     *
     * @param db the database, a {@link DictDB}
     * @param dir the backup folder
     * @return the builder, with the defaults: interval 5 minutes, minInterval 5 s, format {@code json},
     *     incremental off, maxDeltasBeforeFull 10, every chain kept
     * @throws IllegalArgumentException if {@code db} is not a {@link DictDB}
     */
    public static Builder builder(Database db, Path dir) {
        return new Builder(db, dir);
    }

    // ------------------------------------------------------------------ lifecycle

    /**
     * Starts the scheduler: a backup every {@code interval} (the first one {@code interval} from now), and the
     * backups {@link #notifyChange()} asks for. Deletes temporary files an interrupted write left in the folder.
     *
     * @throws IllegalStateException if already started or stopped
     * @throws BackupException if the folder holds another database's backups (naming the folder and the ids); the
     *     manager is then stopped
     */
    public void start() {
        if (!state.compareAndSet(NEW, STARTED)) {
            throw new IllegalStateException(state.get() == STARTED ? "Backup manager for " + dir
                    + " is already started" : "Backup manager for " + dir + " is stopped");
        }
        lock.lock();
        try {
            ownership.check();
        } catch (RuntimeException e) {
            state.set(STOPPED);
            throw e;
        } finally {
            lock.unlock();
        }
        cleanTemporaryFiles();
        ScheduledThreadPoolExecutor s = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "dictdb-backup-" + dir.getFileName());
            t.setDaemon(true);
            schedulerThread = t;
            return t;
        });
        s.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        s.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
        s.setRemoveOnCancelPolicy(true);
        long ms = interval.toMillis();
        s.scheduleWithFixedDelay(this::scheduledBackup, ms, ms, TimeUnit.MILLISECONDS);
        scheduler = s;
        publish(true);
        LOG.atInfo().addKeyValue("op", "backup.start").addKeyValue("file", dir).addKeyValue("format", codec.name())
                .addKeyValue("incremental", incremental).log("Backup manager started for {}", dir);
    }

    /**
     * Stops the scheduler: waits for a backup in flight, then runs no more, and stops the database's change
     * tracking. Further calls do nothing.
     */
    public void stop() {
        int before = state.getAndSet(STOPPED);
        if (before == STOPPED) {
            return;
        }
        ScheduledThreadPoolExecutor s = scheduler;
        if (s != null) {
            s.shutdown();
        }
        // called from onFailure on the scheduler thread itself, stop() cannot wait for that thread
        if (s != null && Thread.currentThread() != schedulerThread) {
            try {
                while (!s.awaitTermination(1, TimeUnit.MINUTES)) {
                    LOG.atWarn().addKeyValue("op", "backup.stop").addKeyValue("file", dir)
                            .log("Still waiting for the backup in flight to finish");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        lock.lock(); // a manual backup in flight on another thread
        try {
            if (incremental) {
                db.stopChangeTracking(); // a full-only manager never started it
            }
            currentFullId = null;
        } finally {
            lock.unlock();
        }
        publish(false);
        LOG.atInfo().addKeyValue("op", "backup.stop").addKeyValue("file", dir).log("Backup manager stopped");
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    private void requireUsable() {
        if (state.get() == STOPPED) {
            throw new IllegalStateException("Backup manager for " + dir + " is stopped");
        }
    }

    // ------------------------------------------------------------------ triggers

    /**
     * Says the database changed: a backup ({@link #backupNow()}) runs on the scheduler thread {@code minInterval}
     * after the first call not yet served; calls in between are coalesced into it. Never blocks, even while a
     * backup runs.
     *
     * @throws IllegalStateException if the manager is not started or is stopped
     */
    public void notifyChange() {
        if (state.get() != STARTED) {
            throw new IllegalStateException("Backup manager for " + dir + (state.get() == NEW ? " is not started"
                    : " is stopped"));
        }
        if (notified.compareAndSet(false, true)) {
            try {
                scheduler.schedule(() -> {
                    notified.set(false);
                    scheduledBackup();
                }, minInterval.toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                notified.set(false); // stopped meanwhile
            }
        }
    }

    private void scheduledBackup() {
        if (state.get() != STARTED) {
            return;
        }
        try {
            backupIfNeeded(false);
        } catch (RuntimeException e) {
            // counted, logged and reported to onFailure already
        }
    }

    /**
     * Writes a backup now if the database changed since the last one: a full one when there is none yet, when
     * incremental is off or when {@link #deltasSinceFull()} has reached {@code maxDeltasBeforeFull}; a delta
     * otherwise. Runs on the caller's thread and returns when the file is durable.
     *
     * @return the file written, or empty when nothing changed since the last backup
     * @throws BackupException if writing fails (nothing half-written stays; the next backup carries every change)
     * @throws IllegalStateException if the manager is stopped
     */
    public Optional<BackupFile> backupNow() {
        return backupIfNeeded(true);
    }

    /**
     * Writes a full backup now, on the caller's thread.
     *
     * @return the file written, durable
     * @throws BackupException if writing fails; the next backup is then a full one
     * @throws IllegalStateException if the manager is stopped
     */
    public BackupFile backupFull() {
        lock.lock();
        try {
            requireUsable();
            return run(true).orElseThrow();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Writes a delta of the changes since the last backup, on the caller's thread; when there is no full backup yet
     * (or the last full failed), or incremental is off (such a manager keeps no change), writes a full one instead.
     *
     * @return the file written, or empty when nothing changed since the last backup
     * @throws BackupException if writing fails; the changes are given back and the next backup carries them
     * @throws IllegalStateException if the manager is stopped
     */
    public Optional<BackupFile> backupDelta() {
        lock.lock();
        try {
            requireUsable();
            return run(currentFullId == null || !incremental);
        } finally {
            lock.unlock();
        }
    }

    private Optional<BackupFile> backupIfNeeded(boolean manual) {
        lock.lock();
        try {
            if (manual) {
                requireUsable();
            } else if (state.get() != STARTED) {
                return Optional.empty(); // stopped while this scheduled backup waited for the lock
            }
            boolean full = currentFullId == null || !incremental
                    || status.get().deltasSinceFull() >= maxDeltasBeforeFull;
            if (currentFullId != null && db.sequence() == lastBackupSequence) {
                return Optional.empty();
            }
            return run(full);
        } finally {
            lock.unlock();
        }
    }

    /**
     * The number of backups that failed since the last success.
     *
     * @return the count
     */
    public int consecutiveFailures() {
        return status.get().consecutiveFailures();
    }

    /**
     * The number of deltas written since the last full backup.
     *
     * @return the count
     */
    public int deltasSinceFull() {
        return status.get().deltasSinceFull();
    }

    /**
     * The manager's state for health checks.
     *
     * @return the status
     */
    public BackupStatus status() {
        return status.get();
    }

    /**
     * The backup folder.
     *
     * @return the folder
     */
    public Path directory() {
        return dir;
    }

    // ------------------------------------------------------------------ writing

    private Optional<BackupFile> run(boolean full) {
        long started = System.nanoTime();
        try {
            ownership.check();
            Optional<BackupFile> written = full ? Optional.of(writeFull()) : writeDelta();
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            if (written.isPresent()) {
                BackupFile f = written.get();
                Instant now = Instant.now();
                status.updateAndGet(s -> new BackupStatus(Optional.of(now), s.lastFailure(), s.lastError(), 0,
                        full ? 0 : s.deltasSinceFull() + 1, f.lastSequence(), s.bytesWritten() + f.sizeBytes(),
                        Optional.of(took), s.running()));
                LOG.atInfo().addKeyValue("op", "backup").addKeyValue("file", f.path()).addKeyValue("kind", f.kind())
                        .addKeyValue("firstSequence", f.firstSequence()).addKeyValue("lastSequence", f.lastSequence())
                        .addKeyValue("bytes", f.sizeBytes()).addKeyValue("ms", took.toMillis())
                        .log("Wrote {} backup {} (changes {}..{}, {} bytes)", f.kind(), f.path().getFileName(),
                                f.firstSequence(), f.lastSequence(), f.sizeBytes());
                if (full && keepFullBackups > 0) {
                    applyRetention(f);
                }
            }
            return written;
        } catch (RuntimeException | Error raw) {
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            Throwable e = raw instanceof RuntimeException && !(raw instanceof BackupException)
                    ? new BackupException((full ? "Full" : "Delta") + " backup into " + dir + " failed: "
                    + raw.getMessage(), raw) : raw;
            Instant now = Instant.now();
            BackupStatus after = status.updateAndGet(s -> new BackupStatus(s.lastSuccess(), Optional.of(now),
                    Optional.of(e), s.consecutiveFailures() + 1, s.deltasSinceFull(), s.lastSequence(),
                    s.bytesWritten(), Optional.of(took), s.running()));
            int failures = after.consecutiveFailures();
            LOG.atError().addKeyValue("op", "backup").addKeyValue("file", dir)
                    .addKeyValue("kind", full ? "FULL" : "DELTA").addKeyValue("consecutiveFailures", failures)
                    .addKeyValue("ms", took.toMillis()).setCause(e)
                    .log("Backup into {} failed ({} in a row): {}", dir, failures, e.toString());
            try {
                onFailure.accept(e, failures);
            } catch (RuntimeException callbackError) {
                LOG.atWarn().addKeyValue("op", "backup").setCause(callbackError).log("onFailure callback threw");
            }
            if (e instanceof Error err) {
                throw err;
            }
            throw (BackupException) e;
        }
    }

    private BackupFile writeFull() {
        currentFullId = null; // until this full is durable, the next backup is a full one
        createFolder();
        if (incremental) {
            db.startChangeTracking(); // before the snapshot, so that no change falls between it and the next delta
        }
        Snapshot snap = db.snapshot();
        ImageHeader header = snap.fullHeader();
        Path file = newFile("dictdb_backup_");
        ImageInfo info;
        try {
            info = files.write(file, codec, header, snap::writeTo);
        } catch (RuntimeException | Error e) {
            removeUnconfirmed(file, e);
            throw e;
        }
        readBack(file, "Full backup", "no older backup was deleted and the next backup is a full one");
        ownership.own(file);
        db.discardChangesThrough(snap.sequence());
        currentFullId = header.imageId();
        lastBackupSequence = snap.sequence();
        return BackupFolder.toFile(info);
    }

    private Optional<BackupFile> writeDelta() {
        ChangeSet set = db.captureChanges();
        if (set.isEmpty()) {
            return Optional.empty();
        }
        if (set.firstSequence() != lastBackupSequence + 1) {
            db.giveBack(set);
            currentFullId = null;
            throw new BackupException("Changes captured from " + set.firstSequence() + " do not follow the last "
                    + "backup (at " + lastBackupSequence + "): is another manager using this database's change "
                    + "tracking? The next backup is a full one");
        }
        Path file = null;
        try {
            ImageHeader header = ImageHeader.delta(set.firstSequence(), set.lastSequence(), currentFullId,
                    Instant.now(), db.databaseId());
            createFolder();
            file = newFile("dictdb_delta_");
            ImageInfo info = files.write(file, codec, header, w -> {
                for (Change c : set.changes()) {
                    w.writeChange(c);
                }
                w.writeTableStates(set.keyCounters());
            });
            readBack(file, "Delta", "its changes are carried by the next backup");
            ownership.own(file);
            lastBackupSequence = set.lastSequence();
            return Optional.of(BackupFolder.toFile(info));
        } catch (RuntimeException | Error e) {
            removeUnconfirmed(file, e); // before its changes go back: they must not be in two deltas
            db.giveBack(set);
            throw e;
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

    private void createFolder() {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new BackupException("Cannot create backup folder " + dir + ": " + e, e);
        }
    }

    /** A new file name: epoch seconds and micros, bumped past the last name and any existing file. */
    private Path newFile(String prefix) {
        Instant now = Instant.now();
        long micros = Math.max(now.getEpochSecond() * 1_000_000L + now.getNano() / 1000, lastNameMicros + 1);
        while (true) {
            String stem = (micros / 1_000_000L) + "_" + String.format("%06d", micros % 1_000_000L) + "."
                    + codec.fileExtension();
            Path full = dir.resolve("dictdb_backup_" + stem);
            Path delta = dir.resolve("dictdb_delta_" + stem);
            if (!Files.exists(full) && !Files.exists(delta)) {
                lastNameMicros = micros;
                return dir.resolve(prefix + stem);
            }
            micros++;
        }
    }

    // ------------------------------------------------------------------ retention and cleanup

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

    /**
     * Deletes this database's chains older than its newest {@code keepFullBackups} fulls; the newest was read
     * back. Files of other databases and files without a database id are never deleted.
     */
    private void applyRetention(BackupFile newest) {
        try {
            BackupFolder.Scan scan = BackupFolder.scan(dir, files::inspect);
            String own = db.databaseId();
            List<BackupFile> mine = scan.good().stream().filter(f -> own.equals(f.databaseId())).toList();
            scan = new BackupFolder.Scan(mine, scan.bad());
            List<BackupFile> fulls = new ArrayList<>(BackupFolder.fulls(scan.good()));
            fulls.sort(Comparator.comparingLong(BackupFile::lastSequence).thenComparing(BackupFile::createdAt)
                    .reversed());
            List<BackupFile> older = fulls.stream().filter(f -> !f.path().equals(newest.path()))
                    .filter(f -> f.lastSequence() < newest.lastSequence() || (f.lastSequence() == newest.lastSequence()
                            && f.createdAt().isBefore(newest.createdAt()))).toList();
            for (int i = keepFullBackups - 1; i < older.size(); i++) {
                deleteChain(older.get(i), scan.good());
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

    private void cleanTemporaryFiles() {
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

    private void publish(boolean running) {
        status.updateAndGet(s -> new BackupStatus(s.lastSuccess(), s.lastFailure(), s.lastError(),
                s.consecutiveFailures(), s.deltasSinceFull(), s.lastSequence(), s.bytesWritten(), s.lastDuration(),
                running));
    }

    @Override
    public String toString() {
        return "BackupManager[" + dir + ", " + codec.name() + (incremental ? ", incremental" : "") + "]";
    }

    // ------------------------------------------------------------------ builder

    /** Options of a {@link BackupManager}. */
    public static final class Builder {
        private final DictDB db;
        private final Path dir;
        private Duration interval = Duration.ofMinutes(5);
        private String format = "json";
        private Duration minInterval = Duration.ofSeconds(5);
        private boolean incremental;
        private int maxDeltasBeforeFull = 10;
        private BiConsumer<? super Throwable, ? super Integer> onFailure = (e, n) -> { };
        private int keepFullBackups;
        private ImageFiles files = ImageFiles.standard();

        private Builder(Database db, Path dir) {
            Objects.requireNonNull(db, "db");
            if (!(db instanceof DictDB d)) {
                throw new IllegalArgumentException("BackupManager needs a io.dictdb.core.DictDB (it uses its change "
                        + "tracking), got " + db.getClass().getName());
            }
            this.db = d;
            this.dir = Objects.requireNonNull(dir, "dir").toAbsolutePath();
        }

        /**
         * The period of scheduled backups (default 5 minutes).
         *
         * @param interval a positive duration
         * @return this builder
         */
        public Builder interval(Duration interval) {
            this.interval = positive("interval", interval);
            return this;
        }

        /**
         * The codec's name (default {@code json}); it must be installed.
         *
         * @param format the codec name
         * @return this builder
         */
        public Builder format(String format) {
            this.format = Objects.requireNonNull(format, "format");
            return this;
        }

        /**
         * The debounce of {@link BackupManager#notifyChange()} (default 5 s): a notified backup runs this long
         * after the first notification, with every notification meanwhile coalesced into it.
         *
         * @param minInterval zero or a positive duration
         * @return this builder
         */
        public Builder minInterval(Duration minInterval) {
            Objects.requireNonNull(minInterval, "minInterval");
            if (minInterval.isNegative()) {
                throw new IllegalArgumentException("minInterval must not be negative, got " + minInterval);
            }
            this.minInterval = minInterval;
            return this;
        }

        /**
         * Whether scheduled backups and {@link BackupManager#backupNow()} write deltas between fulls (default off).
         *
         * @param incremental true for deltas
         * @return this builder
         */
        public Builder incremental(boolean incremental) {
            this.incremental = incremental;
            return this;
        }

        /**
         * In incremental mode, the number of deltas after which {@link BackupManager#backupNow()} writes a full
         * backup again (default 10).
         *
         * @param max at least 1
         * @return this builder
         */
        public Builder maxDeltasBeforeFull(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxDeltasBeforeFull must be at least 1, got " + max);
            }
            this.maxDeltasBeforeFull = max;
            return this;
        }

        /**
         * Called after every failed backup, scheduled or manual, with the error and the number of consecutive
         * failures (1, 2, 3, ...; back to 1 after a success). Called on the thread that ran the backup.
         *
         * @param onFailure the callback
         * @return this builder
         */
        public Builder onFailure(BiConsumer<? super Throwable, ? super Integer> onFailure) {
            this.onFailure = Objects.requireNonNull(onFailure, "onFailure");
            return this;
        }

        /**
         * Retention: keep the newest {@code n} full backups with their deltas, deleting older chains whole, and
         * only after a newer full was written and read back (default: keep every chain).
         *
         * @param n at least 1
         * @return this builder
         */
        public Builder keepFullBackups(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("keepFullBackups must be at least 1, got " + n);
            }
            this.keepFullBackups = n;
            return this;
        }

        /**
         * The image files to write through (default {@link ImageFiles#standard()}); for example
         * {@code ImageFiles.using(faultyFileOps)} to inject write failures in tests.
         *
         * @param files the image files
         * @return this builder
         */
        public Builder imageFiles(ImageFiles files) {
            this.files = Objects.requireNonNull(files, "files");
            return this;
        }

        /**
         * Builds the manager (not started).
         *
         * @return the manager
         * @throws io.dictdb.CodecException if the format's codec is not installed
         */
        public BackupManager build() {
            return new BackupManager(this);
        }

        private static Duration positive(String what, Duration d) {
            Objects.requireNonNull(d, what);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " must be positive, got " + d);
            }
            return d;
        }
    }
}
