package io.dictdb.core.stats;

import io.dictdb.core.OperationMetrics;

import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * The count and latency of one kind of operation. Writers from many threads add to striped cells ({@link LongAdder}),
 * so recording takes no lock and rarely contends; the maximum is a {@link LongAccumulator}, which writes only when a
 * new maximum is seen. Readers sum the cells: a read taken while operations run may see one operation's count and not
 * yet its time, never a torn number.
 */
public final class OperationStats {
    private final LongAdder count = new LongAdder();
    private final LongAdder nanos = new LongAdder();
    private final LongAccumulator max = new LongAccumulator(Math::max, 0);

    /**
     * Records one operation that started at {@code startNanos}.
     *
     * @param startNanos what {@link System#nanoTime()} returned when it started
     */
    public void record(long startNanos) {
        long elapsed = System.nanoTime() - startNanos;
        count.increment();
        nanos.add(elapsed);
        max.accumulate(elapsed);
    }

    /**
     * The numbers now.
     *
     * @return count, total and maximum latency
     */
    public OperationMetrics read() {
        return new OperationMetrics(count.sum(), nanos.sum(), max.get());
    }
}
