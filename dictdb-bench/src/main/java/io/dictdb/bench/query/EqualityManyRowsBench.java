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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static com.googlecode.cqengine.query.QueryFactory.equal;
import static io.dictdb.query.Conditions.field;

/**
 * Equality on a hash-indexed field that about 2% of the records share (a city: some 20 000 of a million), every
 * returned record read (its {@code qty} summed). This is the lookup users make (departments, cities, tags,
 * statuses); {@link EqualityBench} looks up one row by a unique sku, which hides the cost per returned row.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+UseParallelGC", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class EqualityManyRowsBench {

    /**
     * DictDB: {@code select(field("city").eq(v))} on a hash index, then every record read.
     *
     * @param s the table
     * @param a the arguments
     * @return the sum of qty
     */
    @Benchmark
    public long dictdb(States.Dict s, States.Args a) {
        a.next();
        return QtyTotal.records(dictdbRows(s, a.city()));
    }

    static List<Record> dictdbRows(States.Dict s, String city) {
        return s.table.select(field("city").eq(city));
    }

    /**
     * CQEngine: {@code retrieve(equal(CITY, v))} on a HashIndex, the result set iterated (no copy) and closed.
     *
     * @param s the collection
     * @param a the arguments
     * @return the sum of qty
     */
    @Benchmark
    public long cqengine(States.Cq s, States.Args a) {
        a.next();
        try (var rs = s.cq.items().retrieve(equal(Stores.CITY, a.city()))) {
            return QtyTotal.items(rs);
        }
    }

    static List<Item> cqengineRows(States.Cq s, String city) {
        return Cq.list(s.cq.items().retrieve(equal(Stores.CITY, city)));
    }

    /**
     * H2: a prepared {@code SELECT * WHERE city = ?} on an index, every row read.
     *
     * @param s the database
     * @param a the arguments
     * @return the sum of qty
     * @throws SQLException on failure
     */
    @Benchmark
    public long h2(States.H2 s, States.Args a) throws SQLException {
        a.next();
        s.byCity.setString(1, a.city());
        return QtyTotal.h2(s.byCity.executeQuery());
    }

    static List<Item> h2Rows(States.H2 s, String city) throws SQLException {
        s.byCity.setString(1, city);
        return Stores.h2Items(s.byCity.executeQuery());
    }

    /**
     * Hand-made: {@code HashMap<city, List<record>>.get(v)}, the bucket iterated in place.
     *
     * @param s the store
     * @param a the arguments
     * @return the sum of qty
     */
    @Benchmark
    public long baseline(States.Base s, States.Args a) {
        a.next();
        return QtyTotal.maps(baselineRows(s, a.city()));
    }

    static List<Map<String, Object>> baselineRows(States.Base s, String city) {
        return s.store.byCity.getOrDefault(city, List.of());
    }
}
