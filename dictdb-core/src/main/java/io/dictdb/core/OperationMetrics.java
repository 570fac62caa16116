package io.dictdb.core;

import java.time.Duration;

/**
 * The count and latency of one kind of operation, read at one moment. Numbers only grow while the database lives
 * (they are cumulative, as a monitoring system's counters expect); latency is measured with {@link System#nanoTime()}
 * from the call's start to its return, waiting for locks included.
 *
 * @param count operations finished so far
 * @param totalNanos their latencies added up, in nanoseconds
 * @param maxNanos the longest of them, in nanoseconds (0 before any)
 */
public record OperationMetrics(long count, long totalNanos, long maxNanos) {

    /**
     * The latencies added up.
     *
     * @return the total time
     */
    public Duration totalTime() {
        return Duration.ofNanos(totalNanos);
    }

    /**
     * The mean latency.
     *
     * @return total time over count, zero before any operation
     */
    public Duration mean() {
        return count == 0 ? Duration.ZERO : Duration.ofNanos(totalNanos / count);
    }
}
