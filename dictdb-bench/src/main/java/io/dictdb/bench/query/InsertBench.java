package io.dictdb.bench.query;

import io.dictdb.InsertOptions;
import io.dictdb.Table;
import io.dictdb.bench.Dataset;
import io.dictdb.core.DictDB;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Inserting 100 000 records of 10 fields into an empty store, with no index or with two (hash on dept, sorted on
 * score): time per batch of 100 000 (divide by 100 000 for a record).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+UseParallelGC", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class InsertBench {
    /** Records per operation. */
    @Param("100000")
    public int inserted;
    /** Indexes on the store: none, or hash on dept and sorted on score. */
    @Param({"NONE", "TWO"})
    public Stores.Indexes indexes;

    private Dataset data;
    private List<Map<String, Object>> maps;

    /** Makes the records once; every operation inserts them into a new store. */
    @Setup(Level.Trial)
    public void make() {
        data = Dataset.generate(inserted);
        maps = data.maps();
    }

    /**
     * DictDB: {@code insertAll} in batches of 10 000 into a new table.
     *
     * @return the table
     */
    @Benchmark
    public Table dictdb() {
        Table t = Stores.dictdbEmpty(DictDB.create(), indexes);
        for (int from = 0; from < maps.size(); from += 10_000) {
            t.insertAll(maps.subList(from, Math.min(maps.size(), from + 10_000)), InsertOptions.defaults());
        }
        return t;
    }

    /**
     * CQEngine: {@code addAll} into a new ConcurrentIndexedCollection.
     *
     * @return the collection
     */
    @Benchmark
    public Object cqengine() {
        return Stores.cqengine(data.items(), indexes);
    }

    /**
     * H2: batched prepared INSERTs (1000 a batch, one transaction) into a new in-memory database.
     *
     * @return the row count seen by the database
     * @throws SQLException on failure
     */
    @Benchmark
    public int h2() throws SQLException {
        try (Connection c = Stores.h2(data.items(), indexes)) {
            return c.getHoldability();
        }
    }

    /**
     * Hand-made: each record copied into a {@code HashMap}, put into a key map (and the index maps).
     *
     * @return the store
     */
    @Benchmark
    public Stores.Baseline baseline() {
        Stores.Baseline b = new Stores.Baseline(indexes);
        for (Map<String, Object> m : maps) {
            b.add(new HashMap<>(m));
        }
        return b;
    }
}
