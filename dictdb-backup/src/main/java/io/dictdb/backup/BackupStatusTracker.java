package io.dictdb.backup;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The {@link BackupStatus} of a {@link BackupManager}, updated as backups succeed and fail and as the manager starts
 * and stops. Each update replaces the whole value atomically, so a health check never reads half of one.
 */
final class BackupStatusTracker {
    private final AtomicReference<BackupStatus> status = new AtomicReference<>(new BackupStatus(Optional.empty(),
            Optional.empty(), Optional.empty(), 0, 0, -1, 0, Optional.empty(), false));

    /**
     * The current status.
     *
     * @return the status
     */
    BackupStatus current() {
        return status.get();
    }

    /**
     * Records whether the scheduler runs.
     *
     * @param running true once started, false once stopped
     */
    void running(boolean running) {
        status.updateAndGet(s -> new BackupStatus(s.lastSuccess(), s.lastFailure(), s.lastError(),
                s.consecutiveFailures(), s.deltasSinceFull(), s.lastSequence(), s.bytesWritten(), s.lastDuration(),
                running));
    }

    /**
     * Records a backup written and read back: the failures in a row go back to 0, and a full starts the count of
     * deltas again.
     *
     * @param file the file written
     * @param took how long the backup took
     */
    void succeeded(BackupFile file, Duration took) {
        boolean full = file.kind() == BackupFile.Kind.FULL;
        Instant now = Instant.now();
        status.updateAndGet(s -> new BackupStatus(Optional.of(now), s.lastFailure(), s.lastError(), 0,
                full ? 0 : s.deltasSinceFull() + 1, file.lastSequence(), s.bytesWritten() + file.sizeBytes(),
                Optional.of(took), s.running()));
    }

    /**
     * Records a failed backup.
     *
     * @param error what failed
     * @param took how long the attempt took
     * @return the number of failures in a row, this one included
     */
    int failed(Throwable error, Duration took) {
        Instant now = Instant.now();
        return status.updateAndGet(s -> new BackupStatus(s.lastSuccess(), Optional.of(now), Optional.of(error),
                s.consecutiveFailures() + 1, s.deltasSinceFull(), s.lastSequence(), s.bytesWritten(),
                Optional.of(took), s.running())).consecutiveFailures();
    }
}
