package io.dictdb.bench.query;

import io.dictdb.Record;
import io.dictdb.bench.Dataset.Item;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static com.googlecode.cqengine.query.QueryFactory.equal;
import static io.dictdb.query.Conditions.field;

/**
 * Two reader threads on one store, each looking up one record by its unique sku (hash index), as in
 * {@link EqualityBench}: the score is the two threads' throughput together. A one-row lookup is where a shared lock
 * (DictDB reads take a read lock whose two atomic updates hit one cache line from both threads) weighs most.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+UseParallelGC", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(2)
public class TwoReadersBench {

    /**
     * DictDB: {@code select(field("sku").eq(v))} from both threads on one table.
     *
     * @param s the table
     * @param a this thread's arguments
     * @return the records
     */
    @Benchmark
    public List<Record> dictdb(States.Dict s, States.Args a) {
        a.next();
        return s.table.select(field("sku").eq(a.sku()));
    }

    /**
     * CQEngine: {@code retrieve(equal(SKU, v))} from both threads on one collection.
     *
     * @param s the collection
     * @param a this thread's arguments
     * @return the items
     */
    @Benchmark
    public List<Item> cqengine(States.Cq s, States.Args a) {
        a.next();
        return Cq.list(s.cq.items().retrieve(equal(Stores.SKU, a.sku())));
    }

    /**
     * H2: {@code SELECT * WHERE sku = ?}, each thread on its own connection to the one database.
     *
     * @param r this thread's connection
     * @param a this thread's arguments
     * @return the rows
     * @throws SQLException on failure
     */
    @Benchmark
    public List<Item> h2(States.H2Reader r, States.Args a) throws SQLException {
        a.next();
        r.bySku.setString(1, a.sku());
        return Stores.h2Items(r.bySku.executeQuery());
    }

    /**
     * Hand-made: {@code HashMap.get} from both threads on one (unchanging) map.
     *
     * @param s the store
     * @param a this thread's arguments
     * @return the records
     */
    @Benchmark
    public List<Map<String, Object>> baseline(States.Base s, States.Args a) {
        a.next();
        return s.store.bySku.get(a.sku());
    }
}
