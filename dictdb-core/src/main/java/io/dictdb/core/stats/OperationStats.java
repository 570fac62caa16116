package io.dictdb.core.stats;

import io.dictdb.core.OperationMetrics;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * The count and latency of one kind of operation. Writers from many threads add to striped cells ({@link LongAdder}),
 * so recording takes no lock and rarely contends; the maximum is a {@link LongAccumulator}, which writes only when a
 * new maximum is seen. Readers sum the cells: a read taken while operations run may see one operation's count and not
 * yet its time, never a torn number.
 *
 * <p><b>Latency is sampled</b> for table operations ({@link #start()}): one operation in {@value #SAMPLE_EVERY},
 * chosen at random per thread, is timed; every one is counted. On this project's machine (a KVM guest, whose clock
 * is {@code kvm-clock}) {@link System#nanoTime()} costs about 26 ns, and a clock read on both sides of a lookup also
 * keeps the CPU from overlapping one lookup's cache misses with the next: timing every {@code get} made it about 3x
 * slower (80 to 290 ns, see the bench module's {@code MetricsCostBench}). Sampled, the mean is the same in
 * expectation and the cost is divided by {@value #SAMPLE_EVERY}. Transactions and queries under the slow-query log
 * are timed every time ({@link #startTimed()}): they need the time anyway, or are heavy enough not to notice.
 */
public final class OperationStats {
    /** One table operation in this many is timed. */
    public static final int SAMPLE_EVERY = 16;
    /** What {@link #start()} returns for an operation that is counted but not timed. */
    public static final long UNTIMED = Long.MIN_VALUE;

    private final LongAdder count = new LongAdder();
    private final LongAdder timed = new LongAdder();
    private final LongAdder nanos = new LongAdder();
    private final LongAccumulator max = new LongAccumulator(Math::max, 0);

    /**
     * The start of an operation that may be timed: the clock for one in {@value #SAMPLE_EVERY}, else {@link #UNTIMED}.
     *
     * @return the start time, or {@link #UNTIMED}
     */
    public static long start() {
        return (ThreadLocalRandom.current().nextInt() & (SAMPLE_EVERY - 1)) == 0 ? System.nanoTime() : UNTIMED;
    }

    /**
     * The start of an operation that is always timed.
     *
     * @return {@link System#nanoTime()}
     */
    public static long startTimed() {
        return System.nanoTime();
    }

    /**
     * Counts one operation and, when it was timed, adds its latency.
     *
     * @param start what {@link #start()} or {@link #startTimed()} returned when it started
     * @return its latency in nanoseconds, or -1 when it was not timed
     */
    public long record(long start) {
        count.increment();
        if (start == UNTIMED) {
            return -1;
        }
        long elapsed = System.nanoTime() - start;
        timed.increment();
        nanos.add(elapsed);
        max.accumulate(elapsed);
        return elapsed;
    }

    /**
     * The numbers now.
     *
     * @return count, timed count, total and maximum latency of the timed ones
     */
    public OperationMetrics read() {
        return new OperationMetrics(count.sum(), timed.sum(), nanos.sum(), max.get());
    }
}
