package io.dictdb.bench.index;

import com.googlecode.cqengine.resultset.ResultSet;
import io.dictdb.Record;
import io.dictdb.bench.index.PairData.Row;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The composite lookup {@code a = x AND b = y} of issue #18, each pair holding about 2,500 of a million rows
 * ({@link PairData}), every row returned read (the sum of {@code qty}): DictDB's composite hash index against
 * CQEngine's {@code CompoundIndex}, H2's index on {@code (a, b)} and a hand-made {@code HashMap} keyed by the pair,
 * each in its own fork. The goal: DictDB at least as fast as CQEngine, and at least half the baseline.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+UseParallelGC", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class CompositeLookupBench {
    /**
     * DictDB: {@link PairStores#lookup(io.dictdb.Table, String, long)} on {@code IndexSpec.hash("a", "b")}.
     *
     * @param s the table
     * @param a the arguments
     * @return the sum of qty
     */
    @Benchmark
    public long dictdb(PairStates.Dict s, PairStates.Args a) {
        a.next();
        long sum = 0;
        for (Record r : PairStores.lookup(s.table, a.a(), a.b())) {
            sum += (Long) r.get("qty");
        }
        return sum;
    }

    /**
     * CQEngine: {@code and(equal(A, x), equal(B, y))} on a {@code CompoundIndex}.
     *
     * @param s the collection
     * @param a the arguments
     * @return the sum of qty
     */
    @Benchmark
    public long cqengine(PairStates.CqCompound s, PairStates.Args a) {
        a.next();
        long sum = 0;
        try (ResultSet<Row> rs = PairStores.lookup(s.items, a.a(), a.b())) {
            for (Row r : rs) {
                sum += r.qty();
            }
        }
        return sum;
    }

    /**
     * H2: {@code SELECT * FROM pairs WHERE a = ? AND b = ?} on an index on {@code (a, b)}.
     *
     * @param s the database
     * @param a the arguments
     * @return the sum of qty
     * @throws SQLException on failure
     */
    @Benchmark
    public long h2(PairStates.H2 s, PairStates.Args a) throws SQLException {
        a.next();
        long sum = 0;
        for (Row r : PairStores.lookup(s.lookup, a.a(), a.b())) {
            sum += r.qty();
        }
        return sum;
    }

    /**
     * Hand-made: a {@code HashMap} from the pair to its rows.
     *
     * @param s the stores
     * @param a the arguments
     * @return the sum of qty
     */
    @Benchmark
    public long baseline(PairStates.Base s, PairStates.Args a) {
        a.next();
        long sum = 0;
        for (Map<String, Object> m : PairStores.lookup(s.store, a.a(), a.b())) {
            sum += (Long) m.get("qty");
        }
        return sum;
    }
}
