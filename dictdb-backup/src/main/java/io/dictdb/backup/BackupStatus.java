package io.dictdb.backup;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The state of a {@link BackupManager}, for health checks.
 *
 * @param lastSuccess when the last backup succeeded
 * @param lastFailure when the last backup failed
 * @param lastError the error of the last failure
 * @param consecutiveFailures failures since the last success
 * @param deltasSinceFull deltas written since the last full backup
 * @param lastSequence the sequence number the last successful backup covers (-1 before any)
 * @param bytesWritten bytes written by every successful backup of this manager
 * @param lastDuration how long the last backup (success or failure) took
 * @param running whether the manager's scheduler is started and not stopped
 */
public record BackupStatus(Optional<Instant> lastSuccess, Optional<Instant> lastFailure,
                           Optional<Throwable> lastError, int consecutiveFailures, int deltasSinceFull,
                           long lastSequence, long bytesWritten, Optional<Duration> lastDuration, boolean running) {
}
