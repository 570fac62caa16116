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
import static com.googlecode.cqengine.query.QueryFactory.between;
import static com.googlecode.cqengine.query.QueryFactory.equal;
import static io.dictdb.query.Conditions.field;

/**
 * AND of a hash equality and a range on a sorted field, the AND of issue #15: a department (1% of the records) and
 * 30% of the scores, so that about 0.3% (some 3 000 of a million) match; every returned record read (qty summed).
 * {@link AndBench} is the older, narrower race (a 10% range, results only collected).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+UseParallelGC", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class AndEqualityRangeBench {

    private static long high(long low) {
        return low + States.Args.RANGE_30PCT - 1;
    }

    /**
     * DictDB: {@code field("dept").eq(d).and(field("score").between(lo, hi))}.
     *
     * @param s the table
     * @param a the arguments
     * @return the sum of qty
     */
    @Benchmark
    public long dictdb(States.Dict s, States.Args a) {
        a.next();
        return QtyTotal.records(dictdbRows(s, a.dept(), a.wideLow()));
    }

    static List<Record> dictdbRows(States.Dict s, String dept, long low) {
        return s.table.select(field("dept").eq(dept).and(field("score").between(low, high(low))));
    }

    /**
     * CQEngine: {@code and(equal, between)} with both indexes, the result set iterated and closed.
     *
     * @param s the collection
     * @param a the arguments
     * @return the sum of qty
     */
    @Benchmark
    public long cqengine(States.Cq s, States.Args a) {
        a.next();
        try (var rs = s.cq.items().retrieve(query(a.dept(), a.wideLow()))) {
            return QtyTotal.items(rs);
        }
    }

    private static com.googlecode.cqengine.query.Query<Item> query(String dept, long low) {
        return and(equal(Stores.DEPT, dept), between(Stores.SCORE, low, true, high(low), true));
    }

    static List<Item> cqengineRows(States.Cq s, String dept, long low) {
        return Cq.list(s.cq.items().retrieve(query(dept, low)));
    }

    /**
     * H2: {@code WHERE dept = ? AND score BETWEEN ? AND ?}, every row read.
     *
     * @param s the database
     * @param a the arguments
     * @return the sum of qty
     * @throws SQLException on failure
     */
    @Benchmark
    public long h2(States.H2 s, States.Args a) throws SQLException {
        a.next();
        bind(s, a.dept(), a.wideLow());
        return QtyTotal.h2(s.and.executeQuery());
    }

    private static void bind(States.H2 s, String dept, long low) throws SQLException {
        s.and.setString(1, dept);
        s.and.setLong(2, low);
        s.and.setLong(3, high(low));
    }

    static List<Item> h2Rows(States.H2 s, String dept, long low) throws SQLException {
        bind(s, dept, low);
        return Stores.h2Items(s.and.executeQuery());
    }

    /**
     * Hand-made: the department's bucket (the smaller side) filtered by the score range, matches summed.
     *
     * @param s the store
     * @param a the arguments
     * @return the sum of qty
     */
    @Benchmark
    public long baseline(States.Base s, States.Args a) {
        a.next();
        long lo = a.wideLow();
        long hi = high(lo);
        long sum = 0;
        for (Map<String, Object> m : s.store.byDept.getOrDefault(a.dept(), List.of())) {
            long score = (Long) m.get("score");
            if (score >= lo && score <= hi) {
                sum += (Long) m.get("qty");
            }
        }
        return sum;
    }

    static List<Map<String, Object>> baselineRows(States.Base s, String dept, long low) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> m : s.store.byDept.getOrDefault(dept, List.of())) {
            long score = (Long) m.get("score");
            if (score >= low && score <= high(low)) {
                out.add(m);
            }
        }
        return out;
    }
}
