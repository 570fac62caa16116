package io.dictdb.backup;

import io.dictdb.BackupException;
import io.dictdb.core.DictDB;
import io.dictdb.spi.Codec;
import io.dictdb.spi.Codecs;
import io.dictdb.file.ImageFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
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
 * a new image id); only once it is durable are the changes up to {@code S} that this manager follows dropped. A
 * delta is the set of changes captured since the previous backup, a contiguous range starting right after it,
 * naming its full's image id, in whole commits (a transaction's changes are all in one delta, and the delta records
 * which changes were committed together, so that a restore never stops inside one). If writing a delta fails, the
 * captured changes are given back to this manager's follower, so the next delta carries them; after a failed full,
 * the next backup is a full again. The manager follows the database's changes (a {@code ChangeFollower} of its
 * {@code ChangeChannel}) from before the first full's snapshot, and only in incremental mode: a full-only manager
 * keeps no change in memory. Deltas carry table and index creation and removal as well as records, and every
 * table's key counter.
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
 * caller's thread, one at a time with the scheduler's backups (a lock). Several managers may back one database up
 * into several folders (a local copy and an off-site one): each follows the changes on its own, so each keeps a
 * complete chain, and {@link #stop()} closes only its own follower. Writers may keep calling
 * {@link #notifyChange()} while another thread stops the manager: once stopped, it does nothing.
 *
 * <h2>Stopping takes no backup</h2>
 * {@link #stop()} and {@link #close()} take no final backup: changes made since the last backup are not in the
 * folder. To keep them, call {@link #backupNow()} before closing.
 *
 * <h2>Files</h2>
 * {@code dictdb_backup_<epoch seconds>_<micros, 6 digits>.<ext>} and {@code dictdb_delta_...}, written
 * atomically (temporary file, force, rename, directory force; see {@link ImageFiles}); names never collide and
 * sort in creation order, but nothing relies on names: see {@link Backups}. Temporary files left by a crash are
 * deleted by {@link #start()}.
 */
public final class BackupManager implements AutoCloseable {
    // The manager is the lifecycle and the lock; each concern is a room of its own: BackupScheduler (when backups
    // run), BackupWriter (writing a full or a delta and the chain's position), BackupRetention (which old chains
    // go), BackupStatusTracker (the health-check status), FolderOwnership (whose folder it is), BackupFileName.
    private static final Logger LOG = LoggerFactory.getLogger(BackupManager.class);

    private static final int NEW = 0;
    private static final int STARTED = 1;
    private static final int STOPPED = 2;

    private final Path dir;
    private final Codec codec;
    private final boolean incremental;
    private final int maxDeltasBeforeFull;
    private final BiConsumer<? super Throwable, ? super Integer> onFailure;
    private final FolderOwnership ownership;
    private final BackupScheduler scheduler;
    private final BackupStatusTracker status = new BackupStatusTracker();
    private final AtomicInteger state = new AtomicInteger(NEW);

    /** One backup at a time: the scheduler's and the callers'; it guards the writer, retention and ownership. */
    private final ReentrantLock lock = new ReentrantLock();
    private final BackupWriter writer;
    private final BackupRetention retention;

    private BackupManager(Builder b) {
        this.dir = b.dir;
        this.codec = Codecs.named(b.format);
        this.incremental = b.incremental;
        this.maxDeltasBeforeFull = b.maxDeltasBeforeFull;
        this.onFailure = b.onFailure;
        this.ownership = new FolderOwnership(dir, b.db.databaseId(), b.files::inspect);
        this.writer = new BackupWriter(b.db, dir, codec, b.files, incremental);
        this.retention = new BackupRetention(dir, b.db.databaseId(), b.keepFullBackups, b.files);
        this.scheduler = new BackupScheduler(dir, b.interval, b.minInterval, this::scheduledBackup);
    }

    /**
     * A builder for a manager of {@code db}'s backups in {@code dir} (created if missing).
     *
     * @param db the database (a {@link DictDB}: the manager reads it through its change channel)
     * @param dir the backup folder
     * @return the builder, with the defaults: interval 5 minutes, minInterval 5 s, format {@code json},
     *     incremental off, maxDeltasBeforeFull 10, every chain kept
     * @throws NullPointerException if {@code db} or {@code dir} is null
     */
    public static Builder builder(DictDB db, Path dir) {
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
        RuntimeException refused = null;
        lock.lock(); // a backup notified from now on waits for the check and the cleanup
        try {
            ownership.check();
            writer.cleanTemporaryFiles();
            // under the lock, as stop() marks the status: a stop() racing this start ends with running false
            if (state.get() == STARTED) {
                scheduler.start();
                status.running(true);
            }
        } catch (RuntimeException e) {
            state.set(STOPPED);
            refused = e;
        } finally {
            lock.unlock();
        }
        if (refused != null) {
            scheduler.stop(); // out of the lock, which a backup notified meanwhile may be waiting for; drops it
            throw refused;
        }
        LOG.atInfo().addKeyValue("op", "backup.start").addKeyValue("file", dir).addKeyValue("format", codec.name())
                .addKeyValue("incremental", incremental).log("Backup manager started for {}", dir);
    }

    /**
     * Stops the scheduler: waits for a backup in flight, then runs no more, and stops following the database's
     * changes. Takes no final backup: changes since the last backup are not written (call {@link #backupNow()}
     * first to keep them). Further calls do nothing.
     */
    public void stop() {
        int before = state.getAndSet(STOPPED);
        if (before == STOPPED) {
            return;
        }
        scheduler.stop();
        lock.lock(); // a manual backup in flight on another thread
        try {
            writer.stop();
            status.running(false);
        } finally {
            lock.unlock();
        }
        LOG.atInfo().addKeyValue("op", "backup.stop").addKeyValue("file", dir).log("Backup manager stopped");
    }

    /**
     * Same as {@link #stop()}: takes no final backup (call {@link #backupNow()} first to write the changes since
     * the last one).
     */
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
     * backup runs. Once the manager is stopped it does nothing, so writer threads racing a shutdown never fail.
     *
     * @throws IllegalStateException if the manager is not started yet
     */
    public void notifyChange() {
        int s = state.get();
        if (s == NEW) {
            throw new IllegalStateException("Backup manager for " + dir + " is not started");
        }
        if (s == STARTED) {
            scheduler.notifyChange(); // does nothing once the scheduler is stopped
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
            return run(!writer.hasFull() || !incremental);
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
            boolean full = !writer.hasFull() || !incremental
                    || status.current().deltasSinceFull() >= maxDeltasBeforeFull;
            if (writer.upToDate()) {
                return Optional.empty();
            }
            return run(full);
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ status

    /**
     * The number of backups that failed since the last success.
     *
     * @return the count
     */
    public int consecutiveFailures() {
        return status.current().consecutiveFailures();
    }

    /**
     * The number of deltas written since the last full backup.
     *
     * @return the count
     */
    public int deltasSinceFull() {
        return status.current().deltasSinceFull();
    }

    /**
     * The manager's state for health checks.
     *
     * @return the status
     */
    public BackupStatus status() {
        return status.current();
    }

    /**
     * The backup folder.
     *
     * @return the folder
     */
    public Path directory() {
        return dir;
    }

    // ------------------------------------------------------------------ one backup

    /** One backup, under the lock: the folder checked, the file written, then counted, logged and retention. */
    private Optional<BackupFile> run(boolean full) {
        long started = System.nanoTime();
        try {
            ownership.check();
            Optional<BackupFile> written = full ? Optional.of(writer.writeFull()) : writer.writeDelta();
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            if (written.isPresent()) {
                BackupFile f = written.get();
                ownership.own(f.path());
                status.succeeded(f, took);
                LOG.atInfo().addKeyValue("op", "backup").addKeyValue("file", f.path()).addKeyValue("kind", f.kind())
                        .addKeyValue("firstSequence", f.firstSequence()).addKeyValue("lastSequence", f.lastSequence())
                        .addKeyValue("bytes", f.sizeBytes()).addKeyValue("ms", took.toMillis())
                        .log("Wrote {} backup {} (changes {}..{}, {} bytes)", f.kind(), f.path().getFileName(),
                                f.firstSequence(), f.lastSequence(), f.sizeBytes());
                if (full) {
                    retention.afterFull(f);
                }
            }
            return written;
        } catch (RuntimeException | Error raw) {
            throw failed(full, raw, Duration.ofNanos(System.nanoTime() - started));
        }
    }

    /**
     * Counts, logs and reports a failed backup to {@code onFailure}; returns what the caller throws: the error as
     * it is, a {@link BackupException} as it is, anything else wrapped in one naming the folder.
     */
    private RuntimeException failed(boolean full, Throwable raw, Duration took) {
        Throwable e = raw instanceof RuntimeException && !(raw instanceof BackupException)
                ? new BackupException((full ? "Full" : "Delta") + " backup into " + dir + " failed: "
                + raw.getMessage(), raw) : raw;
        int failures = status.failed(e, took);
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
        return (BackupException) e;
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

        private Builder(DictDB db, Path dir) {
            this.db = Objects.requireNonNull(db, "db");
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
