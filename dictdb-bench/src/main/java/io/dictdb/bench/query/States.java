package io.dictdb.bench.query;

import io.dictdb.Table;
import io.dictdb.bench.Dataset;
import io.dictdb.core.DictDB;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * The loaded stores, one state per system so that a fork builds only the one its benchmark races (JMH creates a
 * state only for the benchmarks that use it), and the per-thread cursors over query arguments.
 */
public final class States {
    private States() {
    }

    private static final Map<String, Object> LOADED = new HashMap<>();

    /**
     * The data set, or a store loaded with it, made once per JVM: in a forked run each fork makes only what its
     * benchmark uses; in the quick non-forked run ({@code -f 0}) every benchmark of the JVM shares one copy, so a
     * store of a million records is loaded once rather than once per benchmark.
     */
    @SuppressWarnings("unchecked")
    static synchronized <T> T shared(String name, int records, Supplier<T> make) {
        String key = name + "/" + records;
        Object made = LOADED.get(key);
        if (made == null) {
            made = make.get(); // may itself call shared(), for the data set: no computeIfAbsent here
            LOADED.put(key, made);
        }
        return (T) made;
    }

    /** The data set of this JVM. */
    static Dataset data(int records) {
        return shared("data", records, () -> Dataset.generate(records));
    }

    /** DictDB with hash indexes on sku and dept, a sorted index on score, in a database of its own. */
    @State(Scope.Benchmark)
    public static class Dict {
        /** The number of records. */
        @Param("1000000")
        public int records;
        /** The database holding the table. */
        public DictDB db;
        /** The table. */
        public Table table;

        /** Loads the table. */
        @Setup(Level.Trial)
        public void load() {
            db = shared("dictdb", records, () -> {
                DictDB d = DictDB.create();
                Stores.dictdb(d, data(records), Stores.Indexes.ALL);
                return d;
            });
            table = db.table("items");
        }
    }

    /** CQEngine with the same indexes. */
    @State(Scope.Benchmark)
    public static class Cq {
        /** The number of records. */
        @Param("1000000")
        public int records;
        /** The collection. */
        public Stores.Cq cq;

        /** Loads the collection. */
        @Setup(Level.Trial)
        public void load() {
            cq = shared("cqengine", records, () -> Stores.cqengine(data(records).items(), Stores.Indexes.ALL));
        }
    }

    /** H2 in memory with the same indexes and the prepared statements of every query. */
    @State(Scope.Benchmark)
    public static class H2 {
        /** The number of records. */
        @Param("1000000")
        public int records;
        /** The connection. */
        public Connection connection;
        /** Equality on sku. */
        public PreparedStatement bySku;
        /** Score between two bounds. */
        public PreparedStatement range;
        /** dept equal and score between. */
        public PreparedStatement and;
        /** price above a bound. */
        public PreparedStatement scan;
        /** Top 10 by score descending. */
        public PreparedStatement top10Indexed;
        /** Top 10 by price descending. */
        public PreparedStatement top10Unindexed;
        /** Count per dept. */
        public PreparedStatement groupBy;
        /** Equality on city (about 2% of the records). */
        public PreparedStatement byCity;
        /** The half-open score range written as two bounds. */
        public PreparedStatement halfOpen;
        /** Count per qty (no index on qty). */
        public PreparedStatement groupByUnindexed;

        /**
         * Loads the table and prepares the statements.
         *
         * @throws SQLException on failure
         */
        @Setup(Level.Trial)
        public void load() throws SQLException {
            connection = shared("h2", records, () -> {
                try {
                    return Stores.h2(data(records).items(), Stores.Indexes.ALL);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            bySku = connection.prepareStatement("SELECT * FROM items WHERE sku = ?");
            range = connection.prepareStatement("SELECT * FROM items WHERE score BETWEEN ? AND ?");
            and = connection.prepareStatement("SELECT * FROM items WHERE dept = ? AND score BETWEEN ? AND ?");
            scan = connection.prepareStatement("SELECT * FROM items WHERE price > ?");
            top10Indexed = connection.prepareStatement("SELECT * FROM items ORDER BY score DESC LIMIT 10");
            top10Unindexed = connection.prepareStatement("SELECT * FROM items ORDER BY price DESC LIMIT 10");
            groupBy = connection.prepareStatement("SELECT dept, COUNT(*) FROM items GROUP BY dept");
            byCity = connection.prepareStatement("SELECT * FROM items WHERE city = ?");
            halfOpen = connection.prepareStatement("SELECT * FROM items WHERE score >= ? AND score < ?");
            groupByUnindexed = connection.prepareStatement("SELECT qty, COUNT(*) FROM items GROUP BY qty");
        }

        /**
         * Closes the statements; the database stays for the other benchmarks of this JVM.
         *
         * @throws SQLException on failure
         */
        @TearDown(Level.Trial)
        public void close() throws SQLException {
            for (PreparedStatement p : new PreparedStatement[] {bySku, range, and, scan, top10Indexed,
                    top10Unindexed, groupBy, byCity, halfOpen, groupByUnindexed}) {
                p.close();
            }
        }
    }

    /**
     * One reader thread's own connection to the database of {@link H2}, with its own prepared statement: H2
     * connections are not shared between threads, so the two-reader race gives each thread one, as an
     * application with a connection pool would.
     */
    @State(Scope.Thread)
    public static class H2Reader {
        /** The connection of this thread. */
        public Connection connection;
        /** Equality on sku. */
        public PreparedStatement bySku;

        /**
         * Opens the connection.
         *
         * @param db the loaded database
         * @throws SQLException on failure
         */
        @Setup(Level.Trial)
        public void open(H2 db) throws SQLException {
            connection = Stores.h2Another(db.connection);
            bySku = connection.prepareStatement("SELECT * FROM items WHERE sku = ?");
        }

        /**
         * Closes the connection; the database stays open through {@link H2}'s.
         *
         * @throws SQLException on failure
         */
        @TearDown(Level.Trial)
        public void close() throws SQLException {
            bySku.close();
            connection.close();
        }
    }

    /** The hand-made baseline with the same indexes. */
    @State(Scope.Benchmark)
    public static class Base {
        /** The number of records. */
        @Param("1000000")
        public int records;
        /** The store. */
        public Stores.Baseline store;

        /** Loads the store. */
        @Setup(Level.Trial)
        public void load() {
            store = shared("baseline", records, () -> Stores.baseline(data(records).items(), Stores.Indexes.ALL));
        }
    }

    /** Query arguments, drawn in a fixed order so that each system gets the same sequence. */
    @State(Scope.Thread)
    public static class Args {
        private static final int SIZE = 4096;
        /** Width of the 1% range: a hundredth of the score range. */
        public static final long RANGE_1PCT = Dataset.SCORE_RANGE / 100;
        /** Width of the score range in the AND benchmark: a tenth of the scores. */
        public static final long RANGE_10PCT = Dataset.SCORE_RANGE / 10;
        /**
         * Width of the score range in the AND of issue #15: 30% of the scores, so that with a department (1%)
         * about 0.3% of the records match.
         */
        public static final long RANGE_30PCT = Dataset.SCORE_RANGE * 3 / 10;

        /** The number of records (the same parameter as the stores'). */
        @Param("1000000")
        public int records;

        private String[] skus;
        private long[] lows;
        private String[] depts;
        private String[] cities;
        private long[] wideLows;
        private int i;

        /** Draws the arguments. */
        @Setup(Level.Trial)
        public void draw() {
            skus = data(records).lookupSkus(SIZE);
            SplittableRandom rnd = new SplittableRandom(11);
            lows = new long[SIZE];
            depts = new String[SIZE];
            for (int k = 0; k < SIZE; k++) {
                lows[k] = rnd.nextLong(Dataset.SCORE_RANGE - RANGE_10PCT);
                depts[k] = Dataset.dept(rnd.nextInt(Dataset.DEPTS));
            }
            // a stream of its own, so that the draws of the older benchmarks above stay what they were
            SplittableRandom more = new SplittableRandom(13);
            cities = new String[SIZE];
            wideLows = new long[SIZE];
            for (int k = 0; k < SIZE; k++) {
                cities[k] = Dataset.city(more.nextInt(Dataset.CITIES));
                wideLows[k] = more.nextLong(Dataset.SCORE_RANGE - RANGE_30PCT);
            }
        }

        /** Moves to the next set of arguments. */
        public void next() {
            i = (i + 1) & (SIZE - 1);
        }

        /**
         * The sku of the current draw.
         *
         * @return an existing sku
         */
        public String sku() {
            return skus[i];
        }

        /**
         * The low bound of the current range.
         *
         * @return the low bound
         */
        public long low() {
            return lows[i];
        }

        /**
         * The department of the current draw.
         *
         * @return a department
         */
        public String dept() {
            return depts[i];
        }

        /**
         * The city of the current draw.
         *
         * @return a city
         */
        public String city() {
            return cities[i];
        }

        /**
         * The low bound of the current 30% range ({@link #RANGE_30PCT}).
         *
         * @return the low bound
         */
        public long wideLow() {
            return wideLows[i];
        }
    }
}
