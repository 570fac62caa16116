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
 * AND of two indexed conditions: a department (1% of the records, hash index) and a score range (10%, sorted
 * index); about 1 000 records match.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+UseParallelGC", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class AndBench {

    /**
     * DictDB: {@code and(dept = d, score between lo and hi)}.
     *
     * @param s the table
     * @param a the arguments
     * @return the records
     */
    @Benchmark
    public List<Record> dictdb(States.Dict s, States.Args a) {
        a.next();
        return s.table.select(field("dept").eq(a.dept())
                .and(field("score").between(a.low(), a.low() + States.Args.RANGE_10PCT - 1)));
    }

    /**
     * CQEngine: {@code and(equal, between)} with both indexes.
     *
     * @param s the collection
     * @param a the arguments
     * @return the items
     */
    @Benchmark
    public List<Item> cqengine(States.Cq s, States.Args a) {
        a.next();
        return Cq.list(s.cq.items().retrieve(and(equal(Stores.DEPT, a.dept()),
                between(Stores.SCORE, a.low(), true, a.low() + States.Args.RANGE_10PCT - 1, true))));
    }

    /**
     * H2: {@code WHERE dept = ? AND score BETWEEN ? AND ?}.
     *
     * @param s the database
     * @param a the arguments
     * @return the rows
     * @throws SQLException on failure
     */
    @Benchmark
    public List<Item> h2(States.H2 s, States.Args a) throws SQLException {
        a.next();
        s.and.setString(1, a.dept());
        s.and.setLong(2, a.low());
        s.and.setLong(3, a.low() + States.Args.RANGE_10PCT - 1);
        return Stores.h2Items(s.and.executeQuery());
    }

    /**
     * Hand-made: the department's bucket (the smaller side) filtered by the score range.
     *
     * @param s the store
     * @param a the arguments
     * @return the records
     */
    @Benchmark
    public List<Map<String, Object>> baseline(States.Base s, States.Args a) {
        a.next();
        long lo = a.low();
        long hi = lo + States.Args.RANGE_10PCT - 1;
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> m : s.store.byDept.getOrDefault(a.dept(), List.of())) {
            long score = (Long) m.get("score");
            if (score >= lo && score <= hi) {
                out.add(m);
            }
        }
        return out;
    }
}
