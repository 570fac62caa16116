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

import static com.googlecode.cqengine.query.QueryFactory.between;
import static io.dictdb.query.Conditions.field;

/** A range over 1% of the scores (about 10 000 of a million records) on a sorted index. */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+UseParallelGC", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class RangeBench {

    /**
     * DictDB: {@code select(field("score").between(lo, hi))} on a sorted index.
     *
     * @param s the table
     * @param a the arguments
     * @return the records
     */
    @Benchmark
    public List<Record> dictdb(States.Dict s, States.Args a) {
        a.next();
        return s.table.select(field("score").between(a.low(), a.low() + States.Args.RANGE_1PCT - 1));
    }

    /**
     * CQEngine: {@code between} on a NavigableIndex.
     *
     * @param s the collection
     * @param a the arguments
     * @return the items
     */
    @Benchmark
    public List<Item> cqengine(States.Cq s, States.Args a) {
        a.next();
        return Cq.list(s.cq.items().retrieve(between(Stores.SCORE, a.low(), true,
                a.low() + States.Args.RANGE_1PCT - 1, true)));
    }

    /**
     * H2: {@code BETWEEN} on an index.
     *
     * @param s the database
     * @param a the arguments
     * @return the rows
     * @throws SQLException on failure
     */
    @Benchmark
    public List<Item> h2(States.H2 s, States.Args a) throws SQLException {
        a.next();
        s.range.setLong(1, a.low());
        s.range.setLong(2, a.low() + States.Args.RANGE_1PCT - 1);
        return Stores.h2Items(s.range.executeQuery());
    }

    /**
     * Hand-made: {@code TreeMap.subMap} of the score index, buckets flattened into a list.
     *
     * @param s the store
     * @param a the arguments
     * @return the records
     */
    @Benchmark
    public List<Map<String, Object>> baseline(States.Base s, States.Args a) {
        a.next();
        List<Map<String, Object>> out = new ArrayList<>();
        for (List<Map<String, Object>> bucket
                : s.store.byScore.subMap(a.low(), true, a.low() + States.Args.RANGE_1PCT - 1, true).values()) {
            out.addAll(bucket);
        }
        return out;
    }
}
