package io.dictdb.bench.metrics;

import io.dictdb.Record;
import io.dictdb.Table;
import io.dictdb.core.DictDB;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The cost of the engine's operation counters ({@code DictDB.metrics()}): one {@code insert} of a 3-field record and
 * one {@code get} of an existing key among {@value #RECORDS}, in nanoseconds per call. Counting cannot be switched
 * off, so "without counting" is this class run on a build of the commit before the counters (the class has no
 * dependency on them): see RESULTS.md, "metrics".
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+UseParallelGC"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Benchmark)
public class MetricsCostBench {
    /** Records the lookup table holds. */
    static final int RECORDS = 100_000;

    private Table lookups;
    private Table inserts;
    private long nextKey;
    private long probe;

    /** Fills the lookup table once. */
    @Setup(Level.Trial)
    public void fill() {
        lookups = DictDB.create().createTable("lookups", "id");
        for (long i = 0; i < RECORDS; i++) {
            lookups.insert(Map.of("id", i, "name", "n" + i, "score", i % 100));
        }
    }

    /** A new, empty table per iteration, so that the insert's table does not grow without bound. */
    @Setup(Level.Iteration)
    public void emptyTable() {
        inserts = DictDB.create().createTable("inserts", "id");
        nextKey = 0;
    }

    /**
     * One insert.
     *
     * @return its key
     */
    @Benchmark
    public Object insert() {
        long k = nextKey++;
        return inserts.insert(Map.of("id", k, "name", "n", "score", k % 100));
    }

    /**
     * One lookup by primary key.
     *
     * @return the record
     */
    @Benchmark
    public Optional<Record> lookup() {
        probe = (probe + 7919) % RECORDS;
        return lookups.get(probe);
    }
}
