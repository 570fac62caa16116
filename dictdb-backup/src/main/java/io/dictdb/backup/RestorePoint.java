package io.dictdb.backup;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Which state a restore returns: the latest, the state at a sequence number, or the state of the newest backup
 * created at or before an instant.
 */
public final class RestorePoint {
    private static final RestorePoint LATEST = new RestorePoint(null, Long.MAX_VALUE);

    private final Instant at;
    private final long sequence;

    private RestorePoint(Instant at, long sequence) {
        this.at = at;
        this.sequence = sequence;
    }

    /**
     * The newest state the backups hold.
     *
     * @return the point
     */
    public static RestorePoint latest() {
        return LATEST;
    }

    /**
     * The state of the newest backup (full or delta) created at or before {@code instant}.
     *
     * @param instant the instant
     * @return the point
     */
    public static RestorePoint at(Instant instant) {
        return new RestorePoint(Objects.requireNonNull(instant, "instant"), Long.MAX_VALUE);
    }

    /**
     * The state right after the change numbered {@code sequence}: the newest full at or before it, plus the
     * changes of its deltas up to it (a delta spanning the sequence number is applied up to it). A restore to a
     * sequence number past the newest backed-up one, or before the first full, fails naming the nearest point
     * there is; one inside a delta whose changes were merged per key (sequence numbers with gaps) stops at the
     * state before that delta and says so ({@link VerifyReport.Problem.Kind#COALESCED_DELTA}). A restore never holds
     * part of a commit: a sequence number inside a transaction (or inside one write of several records) gives the
     * state right before it and says so ({@link VerifyReport.Problem.Kind#INSIDE_COMMIT}), when the delta records
     * its commits.
     *
     * @param sequence the sequence number (0 or more)
     * @return the point
     */
    public static RestorePoint atSequence(long sequence) {
        if (sequence < 0) {
            throw new IllegalArgumentException("sequence must not be negative, got " + sequence);
        }
        return new RestorePoint(null, sequence);
    }

    /**
     * The instant, for {@link #at(Instant)}.
     *
     * @return the instant, or empty
     */
    public Optional<Instant> instant() {
        return Optional.ofNullable(at);
    }

    /**
     * The last sequence number to restore ({@link Long#MAX_VALUE} for no limit).
     *
     * @return the sequence limit
     */
    public long sequence() {
        return sequence;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RestorePoint p && Objects.equals(at, p.at) && sequence == p.sequence;
    }

    @Override
    public int hashCode() {
        return Objects.hash(at, sequence);
    }

    @Override
    public String toString() {
        if (at != null) {
            return "RestorePoint.at(" + at + ")";
        }
        return sequence == Long.MAX_VALUE ? "RestorePoint.latest()" : "RestorePoint.atSequence(" + sequence + ")";
    }
}
