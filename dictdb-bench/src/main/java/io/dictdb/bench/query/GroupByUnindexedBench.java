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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.dictdb.query.Aggregates.count;

/**
 * Count of records per {@code qty} (100 groups) over every record, on a field without an index in any system: the
 * counterpart of {@link GroupByBench}, whose field (dept) has a hash index that a system may read instead of the
 * records.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+UseParallelGC", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class GroupByUnindexedBench {

    /**
     * DictDB: {@code query().groupBy("qty").aggregateGroups(count())}.
     *
     * @param s the table
     * @return one row per group
     */
    @Benchmark
    public List<Record> dictdb(States.Dict s) {
        return s.table.query().groupBy("qty").aggregateGroups(count());
    }

    /**
     * CQEngine, which has no group-by: a loop over the collection counting in a {@code HashMap}.
     *
     * @param s the collection
     * @return qty to count
     */
    @Benchmark
    public Map<Long, Long> cqengine(States.Cq s) {
        Map<Long, Long> out = new HashMap<>();
        for (Item it : s.cq.items()) {
            out.merge(it.qty(), 1L, Long::sum);
        }
        return out;
    }

    /**
     * H2: {@code SELECT qty, COUNT(*) GROUP BY qty}.
     *
     * @param s the database
     * @return qty to count
     * @throws SQLException on failure
     */
    @Benchmark
    public Map<Long, Long> h2(States.H2 s) throws SQLException {
        Map<Long, Long> out = new HashMap<>();
        try (java.sql.ResultSet rs = s.groupByUnindexed.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getLong(1), rs.getLong(2));
            }
        }
        return out;
    }

    /**
     * Hand-made: a loop over the records counting in a {@code HashMap}.
     *
     * @param s the store
     * @return qty to count
     */
    @Benchmark
    public Map<Object, Long> baseline(States.Base s) {
        Map<Object, Long> out = new HashMap<>();
        for (Map<String, Object> m : s.store.rows) {
            out.merge(m.get("qty"), 1L, Long::sum);
        }
        return out;
    }
}
