package io.dictdb.bench.transaction;

import io.dictdb.Table;
import io.dictdb.bench.Dataset;
import io.dictdb.bench.query.Stores;
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

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * What a transaction costs: the same single write (an upsert of one existing record by key, which moves it in both
 * secondary indexes, and an insert of a new record) outside a transaction and inside
 * {@code db.transaction(List.of("items"), ...)}, in a table of {@value SingleWrite#RECORDS} records with a hash and a
 * sorted index (the goal: the transaction at most 1.5x the bare write); and a transaction of {@code n}
 * updates in a table of {@value BigTable#RECORDS} records that commits, against the same one that throws at its end
 * and is rolled back (undo is O(changes made): the rollback's extra cost grows with {@code n}, not with the table).
 *
 * <p>Every write is a real change: the upserts cycle through {@value #PREPARED} prepared records whose
 * {@code score} and {@code dept} differ from the stored ones, so each moves its record in both indexes.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+UseParallelGC", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class TransactionBench {
    /** Prepared upserts per state: a power of two, so the cycle is a mask. */
    static final int PREPARED = 1 << 14;
    private static final List<String> TABLES = List.of("items");

    /** Why a rolled-back transaction of {@link #rollback} throws; no stack trace, so the throw costs little. */
    static final class Abort extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Abort() {
            super("roll back", null, false, false);
        }
    }

    private static final Abort ABORT = new Abort();

    /**
     * Upserts of existing records by key with a new score and department: {@link #PREPARED} / 2 distinct keys below
     * {@code records}, each in two variants, all the first variants before all the second ones, so that cycling
     * through the array changes every record it writes.
     */
    static Map<String, Object>[] upserts(Dataset data, int records) {
        SplittableRandom rnd = new SplittableRandom(16L);
        int half = PREPARED / 2;
        int stride = records / half;
        @SuppressWarnings("unchecked")
        Map<String, Object>[] out = new Map[PREPARED];
        for (int j = 0; j < half; j++) {
            Dataset.Item item = data.items()[j * stride + rnd.nextInt(stride)];
            for (int variant = 0; variant < 2; variant++) {
                Map<String, Object> m = item.toMap();
                m.put("score", rnd.nextLong(Dataset.SCORE_RANGE));
                m.put("dept", Dataset.dept((2 * j + variant) % Dataset.DEPTS));
                out[j + variant * half] = m;
            }
        }
        return out;
    }

    /** A table of {@value #RECORDS} records with the hash index on dept and the sorted one on score. */
    @State(Scope.Benchmark)
    public static class SingleWrite {
        /** Records loaded before every iteration. */
        static final int RECORDS = 100_000;
        DictDB db;
        Table items;
        Map<String, Object>[] upserts;
        /** Records without an id: every insert gets the next key of the table's counter. */
        Map<String, Object>[] inserts;
        int next;
        private Dataset data;

        /** Generates the records and the prepared writes once. */
        @Setup(Level.Trial)
        public void make() {
            data = Dataset.generate(RECORDS);
            upserts = upserts(data, RECORDS);
            inserts = data.withoutIds(PREPARED);
        }

        /** A new database every iteration, so the inserts of one do not grow the table of the next. */
        @Setup(Level.Iteration)
        public void load() {
            db = DictDB.create();
            items = Stores.dictdb(db, data, Stores.Indexes.TWO);
        }

        Map<String, Object> nextUpsert() {
            return upserts[next++ & (PREPARED - 1)];
        }

        Map<String, Object> nextInsert() {
            return inserts[next++ & (PREPARED - 1)];
        }
    }

    /** A table of {@value #RECORDS} records with the same two indexes, and the size of the transactions. */
    @State(Scope.Benchmark)
    public static class BigTable {
        /** Records in the table. */
        static final int RECORDS = 1_000_000;
        /** Updates per transaction. */
        @Param({"1", "100", "10000"})
        public int n;
        DictDB db;
        Table items;
        Map<String, Object>[] upserts;
        int next;

        /** Loads the table once: a committed transaction changes values, never the record count. */
        @Setup(Level.Trial)
        public void load() {
            Dataset data = Dataset.generate(RECORDS);
            db = DictDB.create();
            items = Stores.dictdb(db, data, Stores.Indexes.TWO);
            upserts = upserts(data, RECORDS);
        }

        void writeN() {
            for (int i = 0; i < n; i++) {
                items.upsert(upserts[next++ & (PREPARED - 1)]);
            }
        }
    }

    /**
     * One upsert, no transaction.
     *
     * @param s the table
     * @return the result
     */
    @Benchmark
    public Object upsertOutside(SingleWrite s) {
        return s.items.upsert(s.nextUpsert());
    }

    /**
     * The same upsert as the only write of a transaction.
     *
     * @param s the table
     * @return the result
     */
    @Benchmark
    public Object upsertInside(SingleWrite s) {
        Map<String, Object> m = s.nextUpsert();
        return s.db.transaction(TABLES, () -> s.items.upsert(m));
    }

    /**
     * One insert of a new record, no transaction.
     *
     * @param s the table
     * @return the new key
     */
    @Benchmark
    public Object insertOutside(SingleWrite s) {
        return s.items.insert(s.nextInsert());
    }

    /**
     * The same insert as the only write of a transaction.
     *
     * @param s the table
     * @return the new key
     */
    @Benchmark
    public Object insertInside(SingleWrite s) {
        Map<String, Object> m = s.nextInsert();
        return s.db.transaction(TABLES, () -> s.items.insert(m));
    }

    /**
     * A transaction of {@code n} upserts that commits.
     *
     * @param b the table
     * @return the sequence number after it
     */
    @Benchmark
    public long commit(BigTable b) {
        b.db.transaction(TABLES, b::writeN);
        return b.db.sequence();
    }

    /**
     * The same transaction, which throws after its {@code n} upserts: they are undone.
     *
     * @param b the table
     * @return the sequence number after it (unchanged)
     */
    @Benchmark
    public long rollback(BigTable b) {
        try {
            b.db.transaction(TABLES, () -> {
                b.writeN();
                throw ABORT;
            });
        } catch (Abort expected) {
            // the point: the n upserts are undone
        }
        return b.db.sequence();
    }
}
