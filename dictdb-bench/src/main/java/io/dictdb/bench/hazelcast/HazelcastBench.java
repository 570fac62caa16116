package io.dictdb.bench.hazelcast;

import com.hazelcast.core.HazelcastInstance;
import io.dictdb.Record;
import io.dictdb.Table;
import io.dictdb.bench.Dataset;
import io.dictdb.bench.query.Stores;
import io.dictdb.core.DictDB;
import io.dictdb.hazelcast.HazelcastDatabase;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.dictdb.query.Aggregates.count;
import static io.dictdb.query.Conditions.and;
import static io.dictdb.query.Conditions.field;

/**
 * The workloads of issue #10 on four systems, one forked JVM per system and workload ({@link Sys#system}):
 * {@code MEMORY} the in-memory engine ({@code DictDB.create()}), {@code HZ1} the Hazelcast backend on one member
 * in the benchmark's JVM, {@code HZ3} on three members in the benchmark's JVM (one synchronous backup per map: every
 * write also goes to a second member; two thirds of the keys live on the other two members, over loopback TCP), and
 * {@code BASELINE} the hand-made {@code HashMap}/{@code TreeMap} store the other benchmarks race. The same
 * {@link Dataset} everywhere (100,000 records by default: a Hazelcast load of a million takes minutes on two cores),
 * hash indexes on sku, dept and city, a sorted index on score; the benchmark always talks to the first member.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g", "-XX:+UseParallelGC",
        "--add-modules", "java.se", "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED",
        "--add-opens", "java.base/java.lang=ALL-UNNAMED", "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
        "--add-opens", "java.management/sun.management=ALL-UNNAMED",
        "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class HazelcastBench {

    /** The system a fork runs. */
    public enum Store {
        /** The in-memory engine. */
        MEMORY,
        /** The Hazelcast backend, one member in this JVM. */
        HZ1,
        /** The Hazelcast backend, three members in this JVM. */
        HZ3,
        /** The hand-made baseline. */
        BASELINE
    }

    /** The loaded store of one system, and the query arguments. */
    @State(Scope.Benchmark)
    public static class Sys {
        /** The system. */
        @Param({"MEMORY", "HZ1", "HZ3", "BASELINE"})
        public Store system;
        /** The number of records. */
        @Param("100000")
        public int records;

        /** The table, or null for the baseline. */
        Table table;
        /** The baseline's store, or null. */
        Stores.Baseline base;
        HazelcastInstance[] members;
        Dataset data;
        String[] skus;
        String[] cities;
        String[] depts;
        long[] lows;
        long[] ids;
        Map<String, Object>[] fresh;

        /** Loads the store and draws the arguments. */
        @Setup(Level.Trial)
        public void load() {
            data = Dataset.generate(records);
            switch (system) {
                case MEMORY -> table = Stores.dictdb(DictDB.create(), data, Stores.Indexes.ALL);
                case HZ1, HZ3 -> {
                    members = BenchCluster.start(system == Store.HZ1 ? 1 : 3);
                    table = Stores.dictdbEmpty(HazelcastDatabase.on(members[0], "bench"), Stores.Indexes.ALL);
                    loadInParallel(table, data);
                    BenchCluster.awaitSafe(members);
                }
                case BASELINE -> base = Stores.baseline(data.items(), Stores.Indexes.ALL);
                default -> throw new IllegalStateException("unknown system " + system);
            }
            skus = data.lookupSkus(SIZE);
            SplittableRandom rnd = new SplittableRandom(17);
            cities = new String[SIZE];
            depts = new String[SIZE];
            lows = new long[SIZE];
            ids = new long[SIZE];
            for (int k = 0; k < SIZE; k++) {
                cities[k] = Dataset.city(rnd.nextInt(Dataset.CITIES));
                depts[k] = Dataset.dept(rnd.nextInt(Dataset.DEPTS));
                lows[k] = rnd.nextLong(Dataset.SCORE_RANGE - RANGE_10PCT);
                ids[k] = rnd.nextLong(records);
            }
            fresh = data.withoutIds(Math.min(records, 10_000));
        }

        /** Shuts the members down. */
        @TearDown(Level.Trial)
        public void stop() {
            BenchCluster.stop(members);
        }
    }

    /** A thread's position in the arguments and its next new key. */
    @State(Scope.Thread)
    public static class Cursor {
        int i;
        long nextId = -1;

        int next() {
            i = (i + 1) & (SIZE - 1);
            return i;
        }
    }

    static final int SIZE = 4096;
    static final long RANGE_1PCT = Dataset.SCORE_RANGE / 100;
    static final long RANGE_10PCT = Dataset.SCORE_RANGE / 10;

    /**
     * Equality on the unique sku (hash index): one row.
     *
     * @param s the system
     * @param c the cursor
     * @return the qty of the row
     */
    @Benchmark
    public long equalityOneRow(Sys s, Cursor c) {
        String sku = s.skus[c.next()];
        if (s.base != null) {
            return sumMaps(s.base.bySku.get(sku));
        }
        return sumRecords(s.table.select(field("sku").eq(sku)));
    }

    /**
     * Equality on city (hash index), about 2% of the records: 2,000 rows of 100,000, every row read.
     *
     * @param s the system
     * @param c the cursor
     * @return the sum of qty
     */
    @Benchmark
    public long equalityManyRows(Sys s, Cursor c) {
        String city = s.cities[c.next()];
        if (s.base != null) {
            return sumMaps(s.base.byCity.getOrDefault(city, List.of()));
        }
        return sumRecords(s.table.select(field("city").eq(city)));
    }

    /**
     * A 1% range of score (sorted index): about 1,000 rows, every row read.
     *
     * @param s the system
     * @param c the cursor
     * @return the sum of qty
     */
    @Benchmark
    public long range(Sys s, Cursor c) {
        long low = s.lows[c.next()];
        if (s.base != null) {
            long sum = 0;
            for (List<Map<String, Object>> rows : s.base.byScore.subMap(low, true, low + RANGE_1PCT, true)
                    .values()) {
                sum += sumMaps(rows);
            }
            return sum;
        }
        return sumRecords(s.table.select(field("score").between(low, low + RANGE_1PCT)));
    }

    /**
     * dept equal (1%) and score in a 10% range: about 100 rows.
     *
     * @param s the system
     * @param c the cursor
     * @return the sum of qty
     */
    @Benchmark
    public long equalityAndRange(Sys s, Cursor c) {
        int k = c.next();
        String dept = s.depts[k];
        long low = s.lows[k];
        long high = low + RANGE_10PCT;
        if (s.base != null) {
            long sum = 0;
            for (Map<String, Object> m : s.base.byDept.getOrDefault(dept, List.of())) {
                long score = (Long) m.get("score");
                if (score >= low && score <= high) {
                    sum += (Long) m.get("qty");
                }
            }
            return sum;
        }
        return sumRecords(s.table.select(and(field("dept").eq(dept), field("score").between(low, high))));
    }

    /**
     * Count per dept over every record (100 groups).
     *
     * @param s the system
     * @return the number of groups
     */
    @Benchmark
    public int groupBy(Sys s) {
        if (s.base != null) {
            Map<Object, Long> counts = new HashMap<>();
            for (Map<String, Object> m : s.base.rows) {
                counts.merge(m.get("dept"), 1L, Long::sum);
            }
            return counts.size();
        }
        return s.table.query().groupBy("dept").aggregateGroups(count().as("n")).size();
    }

    /**
     * The 10 highest scores (sorted index).
     *
     * @param s the system
     * @return the rows
     */
    @Benchmark
    public Object top10(Sys s) {
        if (s.base != null) {
            List<Map<String, Object>> top = new ArrayList<>(10);
            NavigableMap<Long, List<Map<String, Object>>> desc = s.base.byScore.descendingMap();
            for (List<Map<String, Object>> rows : desc.values()) {
                for (Map<String, Object> m : rows) {
                    top.add(m);
                    if (top.size() == 10) {
                        return top;
                    }
                }
            }
            return top;
        }
        return s.table.query().orderBy("-score").limit(10).toList();
    }

    /**
     * One record by primary key.
     *
     * @param s the system
     * @param c the cursor
     * @return the record
     */
    @Benchmark
    public Object getByKey(Sys s, Cursor c) {
        long id = s.ids[c.next()];
        if (s.base != null) {
            return s.base.byId.get(id);
        }
        return s.table.get(id).orElseThrow();
    }

    /**
     * One new record of 10 fields (four indexes to maintain); the table grows through the run.
     *
     * @param s the system
     * @param c the cursor
     * @return the key
     */
    @Benchmark
    public Object insert(Sys s, Cursor c) {
        if (c.nextId < 0) {
            c.nextId = s.records + 1_000_000_000L * (Thread.currentThread().getId() % 8);
        }
        Map<String, Object> m = new HashMap<>(s.fresh[c.next() % s.fresh.length]);
        long id = c.nextId++;
        m.put("id", id);
        if (s.base != null) {
            s.base.add(m);
            return id;
        }
        return s.table.insert(m);
    }

    /**
     * An atomic read-modify-write of one record by key: {@code update(r -> r.with("qty", qty + 1), id == k)}; the
     * baseline changes its mutable map in place under the map's monitor.
     *
     * @param s the system
     * @param c the cursor
     * @return the number of records changed
     */
    @Benchmark
    public int update(Sys s, Cursor c) {
        long id = s.ids[c.next()];
        if (s.base != null) {
            Map<String, Object> m = s.base.byId.get(id);
            synchronized (m) {
                m.put("qty", (Long) m.get("qty") + 1); // in place: the index lists hold the same map
            }
            return 1;
        }
        return s.table.update(r -> r.with("qty", r.getLong("qty") + 1), field("id").eq(id));
    }

    /**
     * Loads the records with {@code insertAll} in batches of 1,000 from 8 threads: one caller loads a Hazelcast table
     * at the speed of one round trip per record, minutes for 100,000 on this machine's loopback; the measured
     * operations run from one thread.
     */
    static void loadInParallel(Table table, Dataset data) {
        List<Map<String, Object>> maps = data.maps();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int from = 0; from < maps.size(); from += 1_000) {
                List<Map<String, Object>> batch = maps.subList(from, Math.min(maps.size(), from + 1_000));
                done.add(pool.submit(() -> table.insertAll(batch)));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading the Hazelcast table", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("loading the Hazelcast table failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
        if (table.count() != maps.size()) {
            throw new IllegalStateException("loaded " + table.count() + " records of " + maps.size());
        }
    }

    static long sumRecords(List<Record> rows) {
        long sum = 0;
        for (Record r : rows) {
            sum += r.getLong("qty");
        }
        return sum;
    }

    static long sumMaps(List<Map<String, Object>> rows) {
        long sum = 0;
        if (rows != null) {
            for (Map<String, Object> m : rows) {
                sum += (Long) m.get("qty");
            }
        }
        return sum;
    }
}
