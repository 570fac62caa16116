package io.dictdb.bench.metrics;

import io.dictdb.core.stats.OperationStats;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * What counting one operation adds, alone, in one run: {@code OperationStats.record(System.nanoTime())} (two clock
 * reads, two {@code LongAdder} additions, a {@code LongAccumulator} maximum) against the clock read alone, from one
 * thread and from two threads counting into the same counters (contention: the striped cells should keep it flat).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Benchmark)
public class CounterCostBench {
    private final OperationStats stats = new OperationStats();

    /**
     * One clock read: what any timing costs.
     *
     * @return the time
     */
    @Benchmark
    public long clockOnly() {
        return System.nanoTime();
    }

    /** Counting one operation, as the engine does around each call. */
    @Benchmark
    public void record() {
        stats.record(System.nanoTime());
    }

    /** Counting from two threads into the same counters. */
    @Benchmark
    @Threads(2)
    public void recordTwoThreads() {
        stats.record(System.nanoTime());
    }
}
