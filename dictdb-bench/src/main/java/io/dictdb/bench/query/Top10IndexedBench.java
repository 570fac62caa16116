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

import static com.googlecode.cqengine.query.QueryFactory.all;
import static com.googlecode.cqengine.query.QueryFactory.applyThresholds;
import static com.googlecode.cqengine.query.QueryFactory.descending;
import static com.googlecode.cqengine.query.QueryFactory.orderBy;
import static com.googlecode.cqengine.query.QueryFactory.queryOptions;
import static com.googlecode.cqengine.query.QueryFactory.threshold;

/** The top 10 records by a field, descending, on a field with a sorted index (score); against a full sort of every record too. */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+UseParallelGC", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class Top10IndexedBench {
    /** Descending order of the field, for the hand-made store. */
    private static final java.util.Comparator<Map<String, Object>> BY_FIELD =
            java.util.Comparator.comparing((Map<String, Object> m) -> (Long) m.get("score")).reversed();

    /**
     * DictDB: {@code query().orderBy("-score").limit(10)}.
     *
     * @param s the table
     * @return the records
     */
    @Benchmark
    public List<Record> dictdb(States.Dict s) {
        return s.table.query().orderBy("-score").limit(10).toList();
    }

    /**
     * CQEngine: every item ordered by the field descending (using index ordering when there is an index), first 10.
     *
     * @param s the collection
     * @return the items
     */
    @Benchmark
    public List<Item> cqengine(States.Cq s) {
        return Cq.first(s.cq.items().retrieve(all(Item.class), queryOptions(orderBy(descending(Stores.SCORE)),
                applyThresholds(threshold(com.googlecode.cqengine.query.option.EngineThresholds
                        .INDEX_ORDERING_SELECTIVITY, 1.0)))), 10);
    }

    /**
     * H2: {@code ORDER BY score DESC LIMIT 10}.
     *
     * @param s the database
     * @return the rows
     * @throws SQLException on failure
     */
    @Benchmark
    public List<Item> h2(States.H2 s) throws SQLException {
        return Stores.h2Items(s.top10Indexed.executeQuery());
    }

    /**
     * Hand-made: walks the {@code TreeMap} index on score backwards and stops after 10.
     *
     * @param s the store
     * @return the records
     */
    @Benchmark
    public List<Map<String, Object>> baseline(States.Base s) {
        List<Map<String, Object>> out = new ArrayList<>(10);
        for (List<Map<String, Object>> bucket : s.store.byScore.descendingMap().values()) {
            for (Map<String, Object> m : bucket) {
                out.add(m);
                if (out.size() == 10) {
                    return out;
                }
            }
        }
        return out;
    }

    /**
     * The naive way: sorts a copy of every record by the field, keeps the first 10.
     *
     * @param s the store
     * @return the records
     */
    @Benchmark
    public List<Map<String, Object>> fullSort(States.Base s) {
        List<Map<String, Object>> all = new ArrayList<>(s.store.rows);
        all.sort(BY_FIELD);
        return new ArrayList<>(all.subList(0, Math.min(10, all.size())));
    }
}
