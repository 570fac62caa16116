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

import static com.googlecode.cqengine.query.QueryFactory.and;
import static com.googlecode.cqengine.query.QueryFactory.greaterThanOrEqualTo;
import static com.googlecode.cqengine.query.QueryFactory.lessThan;
import static io.dictdb.query.Conditions.field;

/**
 * A range over 1% of the scores (sorted index) written the commonest way, half-open as an AND of two bounds
 * ({@code score >= lo AND score < hi}), every returned record read (qty summed): the planner gap of issue #15,
 * where DictDB examined half the table instead of merging the bounds into one range. {@link RangeBench} is the
 * same range written with {@code between}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+UseParallelGC", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class HalfOpenRangeBench {

    private static long high(long low) {
        return low + States.Args.RANGE_1PCT;
    }

    /**
     * DictDB: {@code and(field("score").gte(lo), field("score").lt(hi))}.
     *
     * @param s the table
     * @param a the arguments
     * @return the sum of qty
     */
    @Benchmark
    public long dictdb(States.Dict s, States.Args a) {
        a.next();
        return QtyTotal.records(dictdbRows(s, a.low()));
    }

    static List<Record> dictdbRows(States.Dict s, long low) {
        return s.table.select(io.dictdb.query.Conditions.and(field("score").gte(low), field("score").lt(high(low))));
    }

    /**
     * CQEngine: {@code and(greaterThanOrEqualTo, lessThan)} on a NavigableIndex, iterated and closed.
     *
     * @param s the collection
     * @param a the arguments
     * @return the sum of qty
     */
    @Benchmark
    public long cqengine(States.Cq s, States.Args a) {
        a.next();
        try (var rs = s.cq.items().retrieve(query(a.low()))) {
            return QtyTotal.items(rs);
        }
    }

    private static com.googlecode.cqengine.query.Query<Item> query(long low) {
        return and(greaterThanOrEqualTo(Stores.SCORE, low), lessThan(Stores.SCORE, high(low)));
    }

    static List<Item> cqengineRows(States.Cq s, long low) {
        return Cq.list(s.cq.items().retrieve(query(low)));
    }

    /**
     * H2: {@code WHERE score >= ? AND score < ?} on an index, every row read.
     *
     * @param s the database
     * @param a the arguments
     * @return the sum of qty
     * @throws SQLException on failure
     */
    @Benchmark
    public long h2(States.H2 s, States.Args a) throws SQLException {
        a.next();
        bind(s, a.low());
        return QtyTotal.h2(s.halfOpen.executeQuery());
    }

    private static void bind(States.H2 s, long low) throws SQLException {
        s.halfOpen.setLong(1, low);
        s.halfOpen.setLong(2, high(low));
    }

    static List<Item> h2Rows(States.H2 s, long low) throws SQLException {
        bind(s, low);
        return Stores.h2Items(s.halfOpen.executeQuery());
    }

    /**
     * Hand-made: {@code TreeMap.subMap(lo, true, hi, false)} of the score index, buckets iterated in place.
     *
     * @param s the store
     * @param a the arguments
     * @return the sum of qty
     */
    @Benchmark
    public long baseline(States.Base s, States.Args a) {
        a.next();
        long sum = 0;
        for (List<Map<String, Object>> bucket : s.store.byScore.subMap(a.low(), true, high(a.low()), false).values()) {
            sum += QtyTotal.maps(bucket);
        }
        return sum;
    }

    static List<Map<String, Object>> baselineRows(States.Base s, long low) {
        List<Map<String, Object>> out = new ArrayList<>();
        s.store.byScore.subMap(low, true, high(low), false).values().forEach(out::addAll);
        return out;
    }
}
