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

import com.googlecode.cqengine.index.support.KeyStatistics;

import java.util.HashMap;

import static io.dictdb.query.Aggregates.count;

/** Count of records per department (100 groups) over every record. */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+UseParallelGC", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class GroupByBench {

    /**
     * DictDB: {@code query().groupBy("dept").aggregateGroups(count())}.
     *
     * @param s the table
     * @return one row per group
     */
    @Benchmark
    public List<Record> dictdb(States.Dict s) {
        return s.table.query().groupBy("dept").aggregateGroups(count());
    }

    /**
     * CQEngine, which has no group-by: the key statistics of its hash index on dept (a count per distinct key).
     *
     * @param s the collection
     * @return department to count
     */
    @Benchmark
    public Map<String, Integer> cqengine(States.Cq s) {
        Map<String, Integer> out = new HashMap<>();
        for (KeyStatistics<String> k : s.cq.deptIndex().getStatisticsForDistinctKeys(
                com.googlecode.cqengine.query.QueryFactory.noQueryOptions())) {
            out.put(k.getKey(), k.getCount());
        }
        return out;
    }

    /**
     * H2: {@code SELECT dept, COUNT(*) GROUP BY dept}.
     *
     * @param s the database
     * @return department to count
     * @throws SQLException on failure
     */
    @Benchmark
    public Map<String, Long> h2(States.H2 s) throws SQLException {
        Map<String, Long> out = new HashMap<>();
        try (java.sql.ResultSet rs = s.groupBy.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getLong(2));
            }
        }
        return out;
    }

    /**
     * Hand-made: a loop over the records counting in a {@code HashMap}.
     *
     * @param s the store
     * @return department to count
     */
    @Benchmark
    public Map<Object, Long> baseline(States.Base s) {
        Map<Object, Long> out = new HashMap<>();
        for (Map<String, Object> m : s.store.rows) {
            out.merge(m.get("dept"), 1L, Long::sum);
        }
        return out;
    }
}
