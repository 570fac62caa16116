package io.dictdb.backup;

import io.dictdb.Database;
import io.dictdb.DictDbException;
import io.dictdb.core.DictDB;
import io.dictdb.core.journal.FolderLock;
import io.dictdb.spi.Codec;
import io.dictdb.spi.Codecs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A warm standby: a read-only database kept current from a folder that another process, the primary
 * ({@code DictDB.open(dir)} with a {@link BackupManager} on the same folder), journals and backs up into.
 *
 * <p>{@link #follow(Path)} loads the newest backup chain of the folder that verifies, then applies, in sequence order
 * and skipping what it has, every delta and journal entry that appears after it. A journal entry the primary is
 * still writing (the end of the last segment) is where it waits, not an error. When the journal segments and deltas
 * it lacks were deleted (a backup covered them, or a compaction started a new chain), it moves to the newest chain
 * without a gap, applying the difference (logged at INFO), so {@link #database()} stays the same object. It never
 * writes to, cuts or locks the folder. It looks at the folder when a file watch ({@link WatchService}) reports a
 * change, and at least every poll interval (200 ms by default) in case the watch misses one (network file systems,
 * platforms that poll anyway).
 *
 * <p>{@link #database()} is readable as any database, with the same locks; a journal entry (one commit, a transaction)
 * becomes visible whole. Every write to it throws {@link IllegalStateException} saying it is a standby and to
 * {@link #promote()} it. Once the primary is gone (its process ended: the folder lock died with it),
 * {@link #promote()} stops following and returns a writable, journalled {@link DictDB} on the folder that continues
 * its sequence; a {@link BackupManager} on it continues the chain.
 *
 * <p>Errors while following (a damaged journal entry before the end of a segment, an unreadable backup) are logged
 * at WARN, once per distinct problem, and tried again at the next look: the standby stays at the last state it
 * reached, and {@link #lag()} grows.
 *
 * <p>Thread: one daemon thread, {@code dictdb-standby-<folder>}, applies the changes; every method may be called from
 * any thread.
 */
public final class Standby implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Standby.class);

    private final Path dir;
    private final String journalFormat;
    private final Duration pollInterval;
    private final FolderFollower follower;
    private final DictDB db;
    private final Thread thread;
    private final WatchService watch;
    /** Notified after every look at the folder, for {@link #awaitSequence}. */
    private final Object progress = new Object();
    private volatile boolean running = true;
    private volatile boolean closed;
    private volatile boolean promoted;
    /** {@link System#nanoTime()} when the standby first found changes it had not applied; 0 when caught up. */
    private volatile long behindSince;
    private volatile long lastSequence;
    /** The last problem logged, so that one that repeats at every look is logged once. */
    private String lastProblem;

    private Standby(Builder b) {
        this.dir = b.dir;
        this.journalFormat = b.journalFormat;
        this.pollInterval = b.pollInterval;
        if (!Files.isDirectory(dir)) {
            throw new io.dictdb.BackupException("Cannot follow " + dir + ": it does not exist or is not a folder");
        }
        Codec codec = Codecs.named(journalFormat);
        this.follower = FolderFollower.load(dir, codec, "the database is a standby of " + dir
                + ", following its primary: promote() it to write");
        this.db = follower.database();
        this.lastSequence = db.sequence();
        this.watch = openWatch(dir);
        this.thread = new Thread(this::run, "dictdb-standby-" + dir.getFileName());
        thread.setDaemon(true);
        LOG.atInfo().addKeyValue("op", "standby.follow").addKeyValue("folder", dir)
                .addKeyValue("sequence", lastSequence).addKeyValue("watch", watch != null)
                .log("Standby following {} from sequence {} ({})", dir, lastSequence,
                        watch != null ? "file watch and a poll every " + pollInterval.toMillis() + " ms"
                                : "a poll every " + pollInterval.toMillis() + " ms");
        thread.start();
    }

    /**
     * Follows a folder with the defaults: journal codec {@code json}, poll every 200 ms besides the file watch.
     *
     * @param dir the primary's folder
     * @return the standby, following
     * @throws io.dictdb.BackupException if the folder does not exist, or holds backups but none restores
     */
    public static Standby follow(Path dir) {
        return builder(dir).follow();
    }

    /**
     * A builder, for a poll interval or journal codec other than the defaults.
     *
     * @param dir the primary's folder
     * @return the builder
     */
    public static Builder builder(Path dir) {
        return new Builder(dir);
    }

    /**
     * The standby's database: read it as any database; every write throws {@link IllegalStateException} (saying it
     * is a standby of the folder and to {@link #promote()} it). It is the same object while following.
     *
     * @return the database
     * @throws IllegalStateException once the standby is closed or promoted
     */
    public Database database() {
        requireFollowing("read its database");
        return db;
    }

    /**
     * The sequence number of the last change applied.
     *
     * @return the sequence number; after {@link #close()} or {@link #promote()}, the last one reached
     */
    public long sequence() {
        if (closed || promoted) {
            return lastSequence;
        }
        try {
            return db.sequence();
        } catch (IllegalStateException e) {
            return lastSequence; // closed between the check and the read: lastSequence was set before
        }
    }

    /**
     * How long the standby has been behind what it has seen of the folder: zero when its last look at the folder
     * found nothing more to apply; otherwise the time since the look that first found changes it had not applied
     * (it is applying them, or waits on a gap or a damaged file it cannot get past). What the primary writes after a
     * look is not counted until the next one: a file-watch event, or one poll interval at most, away.
     *
     * @return the lag, zero when caught up (and once closed or promoted)
     */
    public Duration lag() {
        if (closed || promoted) {
            return Duration.ZERO;
        }
        long since = behindSince;
        return since == 0 ? Duration.ZERO : Duration.ofNanos(Math.max(0, System.nanoTime() - since));
    }

    /**
     * Waits until the standby has applied the change numbered {@code sequence}.
     *
     * @param sequence the sequence number to reach
     * @param timeout how long to wait at most
     * @return true once reached, false if the timeout passed first
     * @throws IllegalStateException if the standby is closed or promoted (before or while waiting)
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    public boolean awaitSequence(long sequence, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (progress) {
            while (true) {
                requireFollowing("wait for sequence " + sequence);
                if (db.sequence() >= sequence) {
                    return true;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(progress, left);
            }
        }
    }

    /**
     * Stops following and returns a writable, journalled database on the folder ({@code DictDB.open(dir)} with the
     * same journal codec), which continues the sequence: it restores the same chain and replays the same journal
     * the standby followed, cutting a torn tail the primary's crash left. The standby's database is closed.
     *
     * @return the promoted database; close it when done
     * @throws IllegalStateException while the primary still holds the folder (its lock), naming the folder (the
     *     standby goes on following), or if the standby is closed or promoted already
     * @throws DictDbException if the folder cannot be opened (then the standby is closed)
     */
    public DictDB promote() {
        synchronized (this) {
            requireFollowing("promote it");
            try (FolderLock probe = FolderLock.acquire(dir)) {
                // the primary is gone: the folder can be taken
            } catch (DictDbException e) {
                throw new IllegalStateException("Cannot promote the standby of " + dir + ": its primary still holds "
                        + "the folder (" + e.getMessage() + "); stop the primary first", e);
            }
            promoted = true;
            stopFollowing();
        }
        long reached = lastSequence;
        DictDB opened = DictDB.builder().journalFormat(journalFormat).open(dir);
        LOG.atInfo().addKeyValue("op", "standby.promote").addKeyValue("folder", dir)
                .addKeyValue("sequence", opened.sequence()).addKeyValue("standby_sequence", reached)
                .log("Promoted the standby of {}: writable at sequence {} (the standby had reached {})", dir,
                        opened.sequence(), reached);
        return opened;
    }

    /** Stops following and closes the database. Calling it again, or after {@link #promote()}, does nothing. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed || promoted) {
                return;
            }
            closed = true;
            stopFollowing();
        }
        LOG.atInfo().addKeyValue("op", "standby.close").addKeyValue("folder", dir)
                .addKeyValue("sequence", lastSequence).log("Closed the standby of {}", dir);
    }

    /**
     * The folder followed.
     *
     * @return the folder
     */
    public Path directory() {
        return dir;
    }

    @Override
    public String toString() {
        return "Standby[" + dir + ", sequence " + sequence() + (closed ? ", closed" : promoted ? ", promoted" : "")
                + "]";
    }

    private void requireFollowing(String what) {
        if (closed || promoted) {
            throw new IllegalStateException("Cannot " + what + ": the standby of " + dir + " is "
                    + (promoted ? "promoted (use the database promote() returned)" : "closed"));
        }
    }

    /** Ends the thread (never interrupted: an interrupt would close the files it reads) and closes the database. */
    private void stopFollowing() {
        running = false;
        if (watch != null) {
            try {
                watch.close(); // wakes the thread out of its wait
            } catch (IOException e) {
                // closed anyway
            }
        }
        synchronized (progress) {
            progress.notifyAll();
        }
        if (Thread.currentThread() != thread) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        lastSequence = db.sequence();
        db.close();
        synchronized (progress) {
            progress.notifyAll();
        }
    }

    private void run() {
        while (running) {
            look();
            if (!running) {
                return;
            }
            waitForChange();
        }
    }

    /** One look at the folder: applies what it holds after the database's sequence number. */
    private void look() {
        long started = System.nanoTime();
        try {
            boolean caughtUp = follower.pass(() -> {
                if (behindSince == 0) {
                    behindSince = started;
                }
            });
            if (caughtUp) {
                behindSince = 0;
            } else if (behindSince == 0) {
                behindSince = started;
            }
            lastProblem = null;
        } catch (RuntimeException e) {
            if (behindSince == 0) {
                behindSince = started;
            }
            if (!running) {
                return; // closed under it
            }
            String problem = String.valueOf(e.getMessage());
            if (!problem.equals(lastProblem)) {
                lastProblem = problem;
                LOG.atWarn().addKeyValue("op", "standby").addKeyValue("folder", dir)
                        .addKeyValue("sequence", db.sequence()).setCause(e)
                        .log("Standby of {} cannot go past sequence {} for now (tried again at every look): {}",
                                dir, db.sequence(), problem);
            }
        } finally {
            synchronized (progress) {
                progress.notifyAll();
            }
        }
    }

    /** Waits for a file-watch event in the folder or its journal, or the poll interval, whichever comes first. */
    private void waitForChange() {
        try {
            if (watch == null) {
                Thread.sleep(pollInterval.toMillis());
                return;
            }
            registerJournal();
            WatchKey key = watch.poll(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
            while (key != null) {
                key.pollEvents();
                key.reset();
                key = watch.poll(); // drain: one look covers every event so far
            }
        } catch (ClosedWatchServiceException e) {
            // stopping
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private boolean journalWatched;

    /** Watches the journal folder too, once the primary has made it. */
    private void registerJournal() {
        Path journal = dir.resolve("journal");
        if (!journalWatched && Files.isDirectory(journal)) {
            try {
                journal.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                        StandardWatchEventKinds.ENTRY_DELETE);
                journalWatched = true;
            } catch (IOException e) {
                journalWatched = true; // the poll covers it
            }
        }
    }

    /** A watch on the folder, or null where the platform gives none (then the poll alone). */
    private static WatchService openWatch(Path dir) {
        try {
            WatchService w = FileSystems.getDefault().equals(dir.getFileSystem())
                    ? dir.getFileSystem().newWatchService() : null;
            if (w != null) {
                dir.register(w, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                        StandardWatchEventKinds.ENTRY_DELETE);
            }
            return w;
        } catch (IOException | UnsupportedOperationException e) {
            LOG.atInfo().addKeyValue("op", "standby.follow").addKeyValue("folder", dir)
                    .log("No file watch on {} ({}): polling only", dir, e.toString());
            return null;
        }
    }

    /** Options of a standby. Build with {@link Standby#builder(Path)}. */
    public static final class Builder {
        private final Path dir;
        private Duration pollInterval = Duration.ofMillis(200);
        private String journalFormat = DictDB.DEFAULT_FORMAT;

        private Builder(Path dir) {
            this.dir = Objects.requireNonNull(dir, "dir");
        }

        /**
         * How often the folder is looked at when no file-watch event comes (200 ms by default): the safety net
         * for file systems whose watch misses changes, and the wait on a platform that has none.
         *
         * @param interval the interval, at least 1 ms
         * @return this builder
         * @throws IllegalArgumentException if shorter than 1 ms
         */
        public Builder pollInterval(Duration interval) {
            if (interval.toMillis() < 1) {
                throw new IllegalArgumentException("pollInterval must be at least 1 ms, got " + interval);
            }
            this.pollInterval = interval;
            return this;
        }

        /**
         * The codec the primary's journal is written with: the primary's {@code DictDB.Builder.journalFormat}
         * ({@value DictDB#DEFAULT_FORMAT} by default).
         *
         * @param format the codec's name
         * @return this builder
         */
        public Builder journalFormat(String format) {
            this.journalFormat = Objects.requireNonNull(format, "format");
            return this;
        }

        /**
         * Loads the folder's newest chain and starts following.
         *
         * @return the standby
         * @throws io.dictdb.BackupException if the folder does not exist, or holds backups but none restores
         * @throws io.dictdb.CodecException if the journal codec is not installed
         */
        public Standby follow() {
            return new Standby(this);
        }
    }
}
