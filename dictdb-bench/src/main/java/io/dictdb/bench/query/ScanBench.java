package io.dictdb.bench.query;

import io.dictdb.Record;
import io.dictdb.bench.Dataset.Item;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static com.googlecode.cqengine.query.QueryFactory.greaterThan;
import static io.dictdb.query.Conditions.field;

/** A full scan with a predicate on a field without an index: price above 990 (about 1% of the records). */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+UseParallelGC", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ScanBench {
    private static final double BOUND = 990.0;

    /**
     * DictDB: {@code select(field("price").gt(990.0))}, no index.
     *
     * @param s the table
     * @return the records
     */
    @Benchmark
    public List<Record> dictdb(States.Dict s) {
        return s.table.select(field("price").gt(BOUND));
    }

    /**
     * CQEngine: {@code greaterThan} without an index (its scan).
     *
     * @param s the collection
     * @return the items
     */
    @Benchmark
    public List<Item> cqengine(States.Cq s) {
        return Cq.list(s.cq.items().retrieve(greaterThan(Stores.PRICE, BOUND)));
    }

    /**
     * H2: {@code WHERE price > ?} without an index.
     *
     * @param s the database
     * @return the rows
     * @throws SQLException on failure
     */
    @Benchmark
    public List<Item> h2(States.H2 s) throws SQLException {
        s.scan.setDouble(1, BOUND);
        return Stores.h2Items(s.scan.executeQuery());
    }

    /**
     * Hand-made: a plain loop over the list of {@code HashMap} records.
     *
     * @param s the store
     * @return the records
     */
    @Benchmark
    public List<Map<String, Object>> baseline(States.Base s) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> m : s.store.rows) {
            Object p = m.get("price");
            if (p instanceof Double d && d > BOUND) {
                out.add(m);
            }
        }
        return out;
    }
}
