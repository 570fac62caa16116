package io.dictdb.bench.index;

import io.dictdb.Record;
import io.dictdb.bench.index.PairData.Row;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The ordered walk on a composite sorted index of issue #18: {@code a = x ORDER BY t LIMIT 100} ({@code page=first})
 * and the keyset page after a given {@code t} ({@code page=keyset}), where {@code a = x} holds about 50,000 of a
 * million rows ({@link PairData}): DictDB's {@code IndexSpec.sorted("a", "t")} against H2's index on {@code (a, t)},
 * CQEngine's index ordering (a navigable index on T filtered by {@code a = x}: it has no sorted compound index) and a
 * hand-made {@code HashMap} of {@code a} to a {@code TreeMap} by {@code t}, each in its own fork.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+UseParallelGC", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class CompositeWalkBench {
    /** Which page: the first of {@code a = x}, or the keyset page after a row's {@code t}. */
    @State(Scope.Benchmark)
    public static class Page {
        /** "first" or "keyset". */
        @Param({"first", "keyset"})
        public String page;

        /**
         * Where the page starts.
         *
         * @param a the arguments
         * @return null for the first page, else the t to start after
         */
        Long after(PairStates.Args a) {
            return page.equals("first") ? null : a.t();
        }
    }

    /**
     * DictDB: {@link PairStores#page(io.dictdb.Table, String, Long)} on {@code IndexSpec.sorted("a", "t")}.
     *
     * @param s the table
     * @param p the page
     * @param a the arguments
     * @return the records
     */
    @Benchmark
    public List<Record> dictdb(PairStates.Dict s, Page p, PairStates.Args a) {
        a.next();
        return PairStores.page(s.table, a.a(), p.after(a));
    }

    /**
     * CQEngine: index ordering on T, filtered by {@code a = x}.
     *
     * @param s the collection
     * @param p the page
     * @param a the arguments
     * @return the rows
     */
    @Benchmark
    public List<Row> cqengine(PairStates.CqOrdered s, Page p, PairStates.Args a) {
        a.next();
        return PairStores.page(s.items, a.a(), p.after(a));
    }

    /**
     * H2: {@code WHERE a = ? [AND t > ?] ORDER BY t LIMIT 100} on an index on {@code (a, t)}.
     *
     * @param s the database
     * @param p the page
     * @param a the arguments
     * @return the rows
     * @throws SQLException on failure
     */
    @Benchmark
    public List<Row> h2(PairStates.H2 s, Page p, PairStates.Args a) throws SQLException {
        a.next();
        return PairStores.page(s.firstPage, s.keysetPage, a.a(), p.after(a));
    }

    /**
     * Hand-made: the {@code TreeMap} of {@code a}, from its start or after t.
     *
     * @param s the stores
     * @param p the page
     * @param a the arguments
     * @return the rows
     */
    @Benchmark
    public List<Map<String, Object>> baseline(PairStates.Base s, Page p, PairStates.Args a) {
        a.next();
        return PairStores.page(s.store, a.a(), p.after(a));
    }
}
