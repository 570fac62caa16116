package io.dictdb.core;

import java.time.Duration;

/**
 * The count and latency of one kind of operation, read at one moment. Numbers only grow while the database lives
 * (they are cumulative, as a monitoring system's counters expect). Latency is measured with {@link System#nanoTime()}
 * from the call's start to its return, waiting for locks included, on a sample: every operation is counted, and one
 * table operation in 16 (chosen at random) is timed, since a clock read on both sides costs a fast lookup more than
 * the lookup itself. Transactions, and queries while the slow-query log is on, are all timed. {@link #mean()} is the
 * mean of the timed ones.
 *
 * @param count operations finished so far
 * @param timedCount those of them that were timed (the sample), at most {@code count}
 * @param totalNanos the latencies of the timed ones added up, in nanoseconds
 * @param maxNanos the longest timed one, in nanoseconds (0 before any)
 */
public record OperationMetrics(long count, long timedCount, long totalNanos, long maxNanos) {

    /**
     * The latencies of the timed operations added up.
     *
     * @return the total time
     */
    public Duration totalTime() {
        return Duration.ofNanos(totalNanos);
    }

    /**
     * The mean latency.
     *
     * @return total time over the timed count, zero before any timed operation
     */
    public Duration mean() {
        return timedCount == 0 ? Duration.ZERO : Duration.ofNanos(totalNanos / timedCount);
    }
}
