package io.dictdb.bench.index;

import com.googlecode.cqengine.IndexedCollection;
import io.dictdb.Index;
import io.dictdb.IndexSpec;
import io.dictdb.Table;
import io.dictdb.bench.index.PairData.Row;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The JMH states of the composite-index race: one per system, so that a fork builds only the store its benchmark
 * races, and the per-thread arguments. Every state of a run sees the same {@link PairData} (same size, same seed).
 */
public final class PairStates {
    private PairStates() {
    }

    /** The number of rows of every state: a million by default. */
    @State(Scope.Benchmark)
    public static class Size {
        /** The number of rows. */
        @Param("1000000")
        public int records;
    }

    /** DictDB with {@code IndexSpec.hash("a", "b")} and {@code IndexSpec.sorted("a", "t")}. */
    @State(Scope.Benchmark)
    public static class Dict extends Size {
        /** The table. */
        public Table table;

        /** Loads the table with its two composite indexes, and refuses to race a table that would scan. */
        @Setup(Level.Trial)
        public void load() {
            List<IndexSpec> specs = List.of(IndexSpec.hash("a", "b"), IndexSpec.sorted("a", "t"));
            table = PairStores.dictdb(PairData.generate(records), specs.toArray(IndexSpec[]::new));
            List<IndexSpec> built = table.indexes().stream().map(Index::spec).toList();
            if (!built.containsAll(specs)) {
                throw new IllegalStateException("the table has the indexes " + built + ", not " + specs
                        + ": this build of DictDB does not make composite indexes, and a race would time scans");
            }
        }
    }

    /** CQEngine with a compound index on (A, B). */
    @State(Scope.Benchmark)
    public static class CqCompound extends Size {
        /** The collection. */
        public IndexedCollection<Row> items;

        /** Loads the collection. */
        @Setup(Level.Trial)
        public void load() {
            items = PairStores.cqCompound(PairData.generate(records));
        }
    }

    /** CQEngine with a hash index on A and a navigable index on T. */
    @State(Scope.Benchmark)
    public static class CqOrdered extends Size {
        /** The collection. */
        public IndexedCollection<Row> items;

        /** Loads the collection. */
        @Setup(Level.Trial)
        public void load() {
            items = PairStores.cqOrdered(PairData.generate(records));
        }
    }

    /** H2 in memory with indexes on (a, b) and (a, t), and the prepared queries. */
    @State(Scope.Benchmark)
    public static class H2 extends Size {
        /** The connection. */
        public Connection connection;
        /** {@link PairStores#H2_LOOKUP}. */
        public PreparedStatement lookup;
        /** {@link PairStores#H2_FIRST_PAGE}. */
        public PreparedStatement firstPage;
        /** {@link PairStores#H2_KEYSET_PAGE}. */
        public PreparedStatement keysetPage;

        /**
         * Loads the table and prepares the queries.
         *
         * @throws SQLException on failure
         */
        @Setup(Level.Trial)
        public void load() throws SQLException {
            connection = PairStores.h2(PairData.generate(records));
            lookup = connection.prepareStatement(PairStores.H2_LOOKUP);
            firstPage = connection.prepareStatement(PairStores.H2_FIRST_PAGE);
            keysetPage = connection.prepareStatement(PairStores.H2_KEYSET_PAGE);
        }

        /**
         * Closes the connection, and with it the in-memory database.
         *
         * @throws SQLException on failure
         */
        @TearDown(Level.Trial)
        public void close() throws SQLException {
            connection.close();
        }
    }

    /** The hand-made stores. */
    @State(Scope.Benchmark)
    public static class Base extends Size {
        /** The stores. */
        public PairStores.Baseline store;

        /** Loads the stores. */
        @Setup(Level.Trial)
        public void load() {
            store = PairStores.Baseline.of(PairData.generate(records));
        }
    }

    /**
     * The arguments, drawn in a fixed order so that every system gets the same sequence: rows picked at random give
     * the pairs {@code (a, b)} looked up (so a pair comes up as often as it holds rows) and the {@code (a, t)} a
     * keyset page starts after.
     */
    @State(Scope.Thread)
    public static class Args {
        private static final int SIZE = 1024;
        /** The number of rows, as the stores'. */
        @Param("1000000")
        public int records;
        private final String[] as = new String[SIZE];
        private final long[] bs = new long[SIZE];
        private final long[] ts = new long[SIZE];
        private int i;

        /** Draws the arguments. */
        @Setup(Level.Trial)
        public void draw() {
            Row[] rows = PairData.generate(records).rows();
            SplittableRandom rnd = new SplittableRandom(1818);
            for (int k = 0; k < SIZE; k++) {
                Row r = rows[rnd.nextInt(rows.length)];
                as[k] = r.a();
                bs[k] = r.b();
                ts[k] = r.t();
            }
        }

        /** Moves to the next arguments. */
        public void next() {
            i = (i + 1) & (SIZE - 1);
        }

        /**
         * The current value of a.
         *
         * @return a value of a
         */
        public String a() {
            return as[i];
        }

        /**
         * The current value of b.
         *
         * @return a value of b
         */
        public long b() {
            return bs[i];
        }

        /**
         * The current t a keyset page starts after.
         *
         * @return the t of a row whose a is {@link #a()}
         */
        public long t() {
            return ts[i];
        }
    }
}
