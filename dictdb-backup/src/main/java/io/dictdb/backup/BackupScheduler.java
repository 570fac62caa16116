package io.dictdb.backup;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When a {@link BackupManager}'s backups run on their own: every {@code interval}, and {@code minInterval} after a
 * change is notified, with the notifications in between coalesced into that one backup. One daemon thread, named
 * {@code dictdb-backup-<folder>}, runs them; what a backup does is the manager's.
 */
final class BackupScheduler {
    private static final Logger LOG = LoggerFactory.getLogger(BackupScheduler.class);

    private final Path dir;
    private final Duration interval;
    private final Duration minInterval;
    private final Runnable backup;
    /** Whether a notified backup is scheduled and has not started yet: later notifications join it. */
    private final AtomicBoolean notified = new AtomicBoolean();
    private final ScheduledThreadPoolExecutor executor;
    private volatile Thread thread;

    /**
     * A scheduler, not started; its thread is created by the first backup it runs.
     *
     * @param dir the backup folder, for the thread's name and the log
     * @param interval the period of scheduled backups
     * @param minInterval the debounce of notified backups
     * @param backup one backup; it reports its own failures and must not throw
     */
    BackupScheduler(Path dir, Duration interval, Duration minInterval, Runnable backup) {
        this.dir = dir;
        this.interval = interval;
        this.minInterval = minInterval;
        this.backup = backup;
        this.executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "dictdb-backup-" + dir.getFileName());
            t.setDaemon(true);
            thread = t;
            return t;
        });
        // once stopped, nothing waiting runs: not the next period, not a notified backup
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        executor.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
        executor.setRemoveOnCancelPolicy(true);
    }

    /**
     * Schedules a backup every {@code interval}, the first one {@code interval} from now; does nothing once
     * {@link #stop()} was called (a stop racing the manager's start).
     */
    void start() {
        long ms = interval.toMillis();
        try {
            executor.scheduleWithFixedDelay(backup, ms, ms, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // stopped meanwhile: nothing to run
        }
    }

    /**
     * Schedules a backup {@code minInterval} from now unless one is scheduled and has not started yet. Never blocks;
     * after {@link #stop()}, does nothing.
     */
    void notifyChange() {
        if (notified.compareAndSet(false, true)) {
            try {
                executor.schedule(() -> {
                    notified.set(false); // a change notified from now on needs a backup after this one
                    backup.run();
                }, minInterval.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                notified.set(false); // stopped meanwhile
            }
        }
    }

    /**
     * Runs no more backups and waits for the one in flight, unless called from that backup's own thread (by an
     * {@code onFailure} callback), which cannot wait for itself.
     */
    void stop() {
        executor.shutdown();
        if (Thread.currentThread() == thread) {
            return;
        }
        try {
            while (!executor.awaitTermination(1, TimeUnit.MINUTES)) {
                LOG.atWarn().addKeyValue("op", "backup.stop").addKeyValue("file", dir)
                        .log("Still waiting for the backup in flight to finish");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
