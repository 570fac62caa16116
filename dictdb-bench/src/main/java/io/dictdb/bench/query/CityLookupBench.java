package io.dictdb.bench.query;

import com.googlecode.cqengine.ConcurrentIndexedCollection;
import com.googlecode.cqengine.IndexedCollection;
import com.googlecode.cqengine.attribute.SimpleAttribute;
import com.googlecode.cqengine.index.hash.HashIndex;
import com.googlecode.cqengine.resultset.ResultSet;
import io.dictdb.IndexType;
import io.dictdb.Record;
import io.dictdb.Table;
import io.dictdb.bench.Dataset;
import io.dictdb.bench.Dataset.Item;
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
import org.openjdk.jmh.infra.Blackhole;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static com.googlecode.cqengine.query.QueryFactory.attribute;
import static com.googlecode.cqengine.query.QueryFactory.equal;
import static io.dictdb.query.Conditions.field;

/**
 * Equality on a hash-indexed field of 50 values ({@code city}): about 2% of the records, some 20,000 out of a
 * million, come back per lookup and every one is visited, as a user looking up a city, a department or a status
 * would. {@code read=rows} hands each record to a blackhole (the lookup and the iteration); {@code read=qty} also
 * reads a field of each (the sum of {@code qty}), which adds a cache miss per record to every system.
 * {@link EqualityBench} measures the other end, a unique field returning one record. The stores are its own (only
 * a city index), so that the cost of the lookup and the copy stands alone.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+UseParallelGC", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class CityLookupBench {
    /** The number of distinct cities in the data set ({@link Dataset}: "city-0" to "city-49"). */
    static final int CITIES = 50;

    /** CQEngine attribute on the city. */
    static final SimpleAttribute<Item, String> CITY = attribute(Item.class, String.class, "city", Item::city);

    /** DictDB: the table of {@link Stores#dictdb(io.dictdb.Database, Dataset, Stores.Indexes)} with a hash index on city. */
    @State(Scope.Benchmark)
    public static class Dict {
        /** The number of records. */
        @Param("1000000")
        public int records;
        /** The table. */
        public Table table;

        /** Loads the table, then indexes city. */
        @Setup(Level.Trial)
        public void load() {
            table = States.shared("dictdb-city", records, () -> {
                Table t = Stores.dictdb(DictDB.create(), States.data(records), Stores.Indexes.NONE);
                t.createIndex("city", IndexType.HASH);
                return t;
            });
        }
    }

    /** CQEngine with a hash index on city. */
    @State(Scope.Benchmark)
    public static class Cq {
        /** The number of records. */
        @Param("1000000")
        public int records;
        /** The collection. */
        public IndexedCollection<Item> items;

        /** Loads the collection. */
        @Setup(Level.Trial)
        public void load() {
            items = States.shared("cqengine-city", records, () -> {
                IndexedCollection<Item> c = new ConcurrentIndexedCollection<>();
                c.addIndex(HashIndex.onAttribute(CITY));
                c.addAll(java.util.Arrays.asList(States.data(records).items()));
                return c;
            });
        }
    }

    /** The hand-made baseline: records as {@code HashMap}s in an {@code ArrayList}, city to list of records. */
    @State(Scope.Benchmark)
    public static class Base {
        /** The number of records. */
        @Param("1000000")
        public int records;
        /** City to records, in insertion order. */
        public Map<Object, List<Map<String, Object>>> byCity;

        /** Loads the store. */
        @Setup(Level.Trial)
        public void load() {
            byCity = States.shared("baseline-city", records, () -> {
                List<Map<String, Object>> rows = new ArrayList<>();
                Map<Object, List<Map<String, Object>>> index = new HashMap<>();
                for (Item it : States.data(records).items()) {
                    Map<String, Object> m = new HashMap<>(it.toMap());
                    rows.add(m);
                    index.computeIfAbsent(m.get("city"), k -> new ArrayList<>()).add(m);
                }
                return index;
            });
        }
    }

    /** The cities to look up, drawn in a fixed order so that each system gets the same sequence. */
    @State(Scope.Thread)
    public static class Args {
        private static final int SIZE = 1024;
        /** What is read of each record: "rows" (the record itself) or "qty" (the sum of the field). */
        @Param({"rows", "qty"})
        public String read;
        private final String[] cities = new String[SIZE];
        private boolean qty;
        private int i;

        /** Draws the cities. */
        @Setup(Level.Trial)
        public void draw() {
            qty = read.equals("qty");
            SplittableRandom rnd = new SplittableRandom(15);
            for (int k = 0; k < SIZE; k++) {
                cities[k] = "city-" + rnd.nextInt(CITIES);
            }
        }

        /**
         * The next city.
         *
         * @return a city of the data set
         */
        public String next() {
            i = (i + 1) & (SIZE - 1);
            return cities[i];
        }
    }

    /**
     * DictDB: {@code select(field("city").eq(v))}, then every record.
     *
     * @param s the table
     * @param a the arguments
     * @param bh takes each record
     * @return the sum, or the count
     */
    @Benchmark
    public long dictdb(Dict s, Args a, Blackhole bh) {
        List<Record> records = s.table.select(field("city").eq(a.next()));
        if (!a.qty) {
            for (Record r : records) {
                bh.consume(r);
            }
            return records.size();
        }
        long sum = 0;
        for (Record r : records) {
            sum += (Long) r.get("qty");
        }
        return sum;
    }

    /**
     * CQEngine: {@code retrieve(equal(CITY, v))} on a HashIndex, then every item.
     *
     * @param s the collection
     * @param a the arguments
     * @param bh takes each item
     * @return the sum, or the count
     */
    @Benchmark
    public long cqengine(Cq s, Args a, Blackhole bh) {
        long sum = 0;
        try (ResultSet<Item> rs = s.items.retrieve(equal(CITY, a.next()))) {
            for (Item it : rs) {
                if (a.qty) {
                    sum += it.qty();
                } else {
                    bh.consume(it);
                    sum++;
                }
            }
        }
        return sum;
    }

    /**
     * Hand-made: {@code HashMap<city, List<record>>.get(v)}, then every record.
     *
     * @param s the store
     * @param a the arguments
     * @param bh takes each record
     * @return the sum, or the count
     */
    @Benchmark
    public long baseline(Base s, Args a, Blackhole bh) {
        List<Map<String, Object>> records = s.byCity.get(a.next());
        if (!a.qty) {
            for (Map<String, Object> m : records) {
                bh.consume(m);
            }
            return records.size();
        }
        long sum = 0;
        for (Map<String, Object> m : records) {
            sum += (Long) m.get("qty");
        }
        return sum;
    }
}
