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

import static com.googlecode.cqengine.query.QueryFactory.equal;
import static io.dictdb.query.Conditions.field;

/** Equality on a unique hash-indexed field (sku): one record out of a million. */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+UseParallelGC", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class EqualityBench {

    /**
     * DictDB: {@code select(field("sku").eq(v))} on a hash index.
     *
     * @param s the table
     * @param a the arguments
     * @return the records
     */
    @Benchmark
    public List<Record> dictdb(States.Dict s, States.Args a) {
        a.next();
        return s.table.select(field("sku").eq(a.sku()));
    }

    /**
     * CQEngine: {@code retrieve(equal(SKU, v))} on a HashIndex, results copied to a list.
     *
     * @param s the collection
     * @param a the arguments
     * @return the items
     */
    @Benchmark
    public List<Item> cqengine(States.Cq s, States.Args a) {
        a.next();
        return Cq.list(s.cq.items().retrieve(equal(Stores.SKU, a.sku())));
    }

    /**
     * H2: a prepared {@code SELECT * WHERE sku = ?} on an index, on the calling thread's own connection.
     *
     * @param r the thread's connection
     * @param a the arguments
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
     * Hand-made: {@code HashMap<sku, List<record>>.get(v)}.
     *
     * @param s the store
     * @param a the arguments
     * @return the records
     */
    @Benchmark
    public List<Map<String, Object>> baseline(States.Base s, States.Args a) {
        a.next();
        return s.store.bySku.get(a.sku());
    }
}
