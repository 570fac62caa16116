package io.dictdb.bench.query;

import io.dictdb.InsertOptions;
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
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Inserting {@value #RECORDS} records of 10 fields into a new, empty store, one by one or in one bulk call, with
 * the primary key only or with two more indexes (hash on dept, sorted on score): the insert rows of issue #15.
 * The score is nanoseconds per record (JMH divides each call's time by {@value #RECORDS}).
 *
 * <p>What each system does per record: DictDB copies the caller's map into a canonical record (validation,
 * primary key, change log, indexes); CQEngine adds the caller's object to its object store (a concurrent hash set:
 * its identity) and indexes, without a copy; H2 binds ten parameters and writes a row (one by one: one
 * auto-committed {@code INSERT} each; bulk: JDBC batches of 1000 in one transaction); the hand-made store copies
 * the map into a {@code HashMap} and puts it into a key map and the index maps (it has no bulk path, so both ways
 * run the same loop).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(InsertPerRecordBench.RECORDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+UseParallelGC", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class InsertPerRecordBench {
    /** Records per call. */
    static final int RECORDS = 100_000;

    /** How the records go in. */
    public enum Way {
        /** One call per record: {@code insert}, {@code add}, one auto-committed INSERT. */
        ONE_BY_ONE,
        /** One bulk call for all: {@code insertAll}, {@code addAll}, batched INSERTs in one transaction. */
        INSERT_ALL
    }

    /** Indexes besides the primary key: none, or hash on dept and sorted on score. */
    @Param({"NONE", "TWO"})
    public Stores.Indexes indexes;
    /** One by one or in bulk. */
    @Param({"ONE_BY_ONE", "INSERT_ALL"})
    public Way way;

    private Item[] items;
    private List<Item> itemList;
    private List<Map<String, Object>> maps;

    /** Makes the records once; every call inserts them into a new store. */
    @Setup(Level.Trial)
    public void make() {
        Dataset data = Dataset.generate(RECORDS);
        items = data.items();
        itemList = Arrays.asList(items);
        maps = data.maps();
    }

    /**
     * DictDB: {@code insert} per record, or one {@code insertAll} of all of them, into a new table.
     *
     * @return the table
     */
    @Benchmark
    public Table dictdb() {
        Table t = Stores.dictdbEmpty(DictDB.create(), indexes);
        if (way == Way.INSERT_ALL) {
            t.insertAll(maps, InsertOptions.defaults());
        } else {
            for (Map<String, Object> m : maps) {
                t.insert(m);
            }
        }
        return t;
    }

    /**
     * CQEngine: {@code add} per item, or one {@code addAll}, into a new ConcurrentIndexedCollection.
     *
     * @return the collection
     */
    @Benchmark
    public Object cqengine() {
        Stores.Cq cq = Stores.cqengineEmpty(indexes);
        if (way == Way.INSERT_ALL) {
            cq.items().addAll(itemList);
        } else {
            for (Item it : items) {
                cq.items().add(it);
            }
        }
        return cq;
    }

    /**
     * H2: one auto-committed prepared INSERT per record, or batches of 1000 in one transaction, into a new
     * in-memory database.
     *
     * @return the holdability of the connection, read before it closes (only to give the JIT a result)
     * @throws SQLException on failure
     */
    @Benchmark
    public int h2() throws SQLException {
        try (Connection c = Stores.h2Empty(indexes)) {
            if (way == Way.INSERT_ALL) {
                Stores.h2Insert(c, items);
            } else {
                try (PreparedStatement ps = c.prepareStatement(Stores.H2_INSERT)) {
                    for (Item it : items) {
                        Stores.h2Bind(ps, it);
                        ps.executeUpdate();
                    }
                }
            }
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
