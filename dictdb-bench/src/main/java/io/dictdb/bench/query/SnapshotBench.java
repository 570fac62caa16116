package io.dictdb.bench.query;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The snapshot pause: how long {@code DictDB.snapshot()} takes on a million records (one table, three indexes;
 * writers wait for it), against copying the hand-made store's records into a list (the least a consistent copy costs). CQEngine and H2 have no
 * comparable in-process snapshot, so they are not raced here.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+UseParallelGC", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SnapshotBench {

    /**
     * DictDB: {@code snapshot()} of the whole database.
     *
     * @param s the database
     * @return the snapshot
     */
    @Benchmark
    public Object dictdb(States.Dict s) {
        return s.db.snapshot();
    }

    /**
     * Hand-made: the records of the key map copied into a list.
     *
     * @param s the store
     * @return the copy
     */
    @Benchmark
    public List<Map<String, Object>> baseline(States.Base s) {
        return new ArrayList<>(s.store.byId.values());
    }
}
