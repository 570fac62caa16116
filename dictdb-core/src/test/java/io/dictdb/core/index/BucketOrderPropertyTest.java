package io.dictdb.core.index;

import io.dictdb.core.Tracking;
import io.dictdb.IndexType;
import io.dictdb.Record;
import io.dictdb.Table;
import io.dictdb.core.DictDB;
import io.dictdb.core.Snapshot;
import io.dictdb.query.Condition;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.impl.Constraint;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

import static io.dictdb.query.Aggregates.count;
import static io.dictdb.query.Conditions.and;
import static io.dictdb.query.Conditions.field;
import static io.dictdb.query.Conditions.matching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

/**
 * Index lookups come back in insertion order, as a scan gives them, through every change that moves a row within
 * or between buckets: inserts, updates that move records between values (one or a whole value at a time), deletes,
 * re-inserts of deleted keys (which go last), the store's compaction after mass deletes, indexes created on a
 * populated table and dropped, snapshots (which must keep the records they saw) and tables rebuilt from them.
 *
 * <p>A few values over thousands of records make buckets of several chunks ({@link OrderedRows#CHUNK}); deleting
 * more than {@code 1,024} records compacts the store. The model is a map from key to value in insertion order.
 */
class BucketOrderPropertyTest {
    private static final String PK = "id";
    private static final String G = "g";
    /** A second field, always hash-indexed: an AND of g and h intersects two large buckets (Set.contains). */
    private static final String H = "h";
    private static final int HS = 3;
    /** The values of g: longs and a double equal to one of them (one hash key), and null or missing. */
    private static final List<Object> VALUES = List.of(0L, 1L, 2L, 3L, 2.0);
    private static final Object MISSING = new Object() {
        @Override
        public String toString() {
            return "missing";
        }
    };

    /** One change to the table. */
    sealed interface Op {
        /** Inserts {@code n} new records whose values cycle from {@code first}. */
        record Insert(int n, int first) implements Op {
        }

        /** Sets the value of the record at {@code pick} (modulo the live records). */
        record UpdateOne(int pick, int value) implements Op {
        }

        /** Moves every record of one value to another. */
        record UpdateAll(int from, int to) implements Op {
        }

        /** Deletes the record at {@code pick}. */
        record DeleteOne(int pick) implements Op {
        }

        /**
         * Deletes the records of one value (or of every value, in one call, past the last value) whose key is not a
         * multiple of {@code keepEvery}: mass deletes, which compact the store.
         */
        record DeleteMost(int value, int keepEvery) implements Op {
        }

        /** Inserts again the deleted key at {@code pick}, with a value: it goes last. */
        record Reinsert(int pick, int value) implements Op {
        }

        /** Creates an index on g of a type when there is none, else drops it. */
        record ToggleIndex(IndexType type) implements Op {
        }

        /** Takes a snapshot, to be checked against the records of this moment at the end. */
        record TakeSnapshot() implements Op {
        }
    }

    private static Gen<List<Op>> sequences() {
        Gen<List<Op>> gen = in -> {
            int n = (int) in.next(Constraint.between(1, 40));
            List<Op> ops = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int kind = (int) in.next(Constraint.between(0, 15));
                int a = (int) in.next(Constraint.between(0, 5_000));
                int v = (int) in.next(Constraint.between(0, VALUES.size() + 2));
                int w = (int) in.next(Constraint.between(0, VALUES.size() + 1));
                ops.add(switch (kind) {
                    case 0, 1, 2 -> new Op.Insert(a % 2_500 + 1, v);
                    case 3, 4, 5 -> new Op.UpdateOne(a, w);
                    case 6 -> new Op.UpdateAll(w, v % (VALUES.size() + 2));
                    case 7, 8 -> new Op.DeleteOne(a);
                    case 9 -> new Op.DeleteMost(v, 2 + a % 9);
                    case 10, 11 -> new Op.Reinsert(a, w);
                    case 12 -> new Op.ToggleIndex(IndexType.HASH);
                    case 13 -> new Op.ToggleIndex(IndexType.SORTED);
                    default -> new Op.TakeSnapshot();
                });
            }
            return ops;
        };
        return gen.describedAs(Object::toString);
    }

    private static final AtomicInteger COMPACTIONS = new AtomicInteger();
    private static final Object ANY = new Object();

    @Test
    void lookupsReturnTheScansRecordsInInsertionOrderThroughEveryChange() {
        qt().withExamples(60)
                .forAll(sequences())
                .checkAssert(BucketOrderPropertyTest::run);
        assertThat(COMPACTIONS.get()).as("mass deletes that compact the store").isPositive();
    }

    /** The model: key to value (or {@link #MISSING}) in insertion order; an update keeps the place. */
    private static final class Model {
        final LinkedHashMap<Long, Object> live = new LinkedHashMap<>();
        final List<Long> deleted = new ArrayList<>();
        long nextKey;

        Long pick(int i) {
            int k = i % live.size();
            for (Long key : live.keySet()) {
                if (k-- == 0) {
                    return key;
                }
            }
            throw new AssertionError();
        }
    }

    private static Object value(int v) {
        return v < VALUES.size() ? VALUES.get(v) : v == VALUES.size() ? null : MISSING;
    }

    private static Map<String, Object> record(long key, Object value) {
        Map<String, Object> m = new HashMap<>();
        m.put(PK, key);
        if (value != MISSING) {
            m.put(G, value);
        }
        m.put(H, key % HS);
        m.put("pad", "r" + key);
        return m;
    }

    private static void run(List<Op> ops) {
        DictDB db = DictDB.create();
        Table t = db.createTable("t", PK);
        t.createIndex(G, IndexType.HASH);
        t.createIndex(H, IndexType.HASH);
        Model m = new Model();
        List<Snapshot> snapshots = new ArrayList<>();
        List<List<Long>> snapshotKeys = new ArrayList<>();
        for (Op op : ops) {
            apply(op, db, t, m, snapshots, snapshotKeys);
            check(t, m);
        }
        for (int i = 0; i < snapshots.size(); i++) {
            List<Long> keys = new ArrayList<>();
            for (Snapshot.TableImage image : snapshots.get(i).tables()) {
                image.records().forEach(r -> keys.add((Long) r.get(PK)));
            }
            assertThat(keys).as("snapshot %d keeps its records", i).isEqualTo(snapshotKeys.get(i));
        }
        // a table rebuilt from a snapshot builds its indexes on a populated table
        Table rebuilt = Tracking.fromSnapshot(db.snapshot()).table("t");
        check(rebuilt, m);
    }

    private static void apply(Op op, DictDB db, Table t, Model m, List<Snapshot> snapshots,
                              List<List<Long>> snapshotKeys) {
        if (op instanceof Op.Insert x) {
            List<Map<String, Object>> batch = new ArrayList<>();
            for (int i = 0; i < x.n(); i++) {
                Object v = value((x.first() + i) % (VALUES.size() + 2));
                long key = m.nextKey++;
                batch.add(record(key, v));
                m.live.put(key, v);
            }
            t.insertAll(batch);
        } else if (op instanceof Op.UpdateOne x && !m.live.isEmpty()) {
            Long key = m.pick(x.pick());
            Object v = value(x.value());
            t.upsert(record(key, v));
            if (v != MISSING) { // upsert merges: a missing g leaves the old value
                m.live.put(key, v);
            }
        } else if (op instanceof Op.UpdateAll x && value(x.from()) != MISSING && value(x.to()) != MISSING
                && !expected(m, value(x.from())).isEmpty()) { // an update that matches nothing is refused
            Object from = value(x.from());
            Object to = value(x.to());
            t.update(Collections.singletonMap(G, to), withValue(from));
            m.live.replaceAll((k, v) -> same(v, from) ? to : v);
        } else if (op instanceof Op.DeleteOne x && !m.live.isEmpty()) {
            Long key = m.pick(x.pick());
            assertThat(t.delete(field(PK).eq(key))).isEqualTo(1);
            m.live.remove(key);
            m.deleted.add(key);
        } else if (op instanceof Op.DeleteMost x) {
            // one value at a time, record by record, or every value in one call
            Object v = x.value() < VALUES.size() + 2 ? value(x.value()) : ANY;
            List<Long> gone = new ArrayList<>();
            m.live.forEach((k, val) -> {
                if ((v == ANY || same(val, v)) && k % x.keepEvery() != 0) {
                    gone.add(k);
                }
            });
            int n = 0;
            if (gone.isEmpty()) {
                return; // a delete that matches nothing is refused
            }
            if (v == ANY) {
                n = t.delete(matching(r -> (Long) r.get(PK) % x.keepEvery() != 0));
                if (gone.size() > Math.max(1_024, m.live.size() - gone.size())) {
                    COMPACTIONS.incrementAndGet(); // more empty slots than records: the store compacts
                }
            } else if (v != MISSING) {
                for (Record r : t.select(withValue(v))) {
                    long k = (Long) r.get(PK);
                    if (k % x.keepEvery() != 0) {
                        n += t.delete(field(PK).eq(k));
                    }
                }
            } else {
                return;
            }
            assertThat(n).isEqualTo(gone.size());
            gone.forEach(m.live::remove);
            m.deleted.addAll(gone);
        } else if (op instanceof Op.Reinsert x && !m.deleted.isEmpty()) {
            Long key = m.deleted.remove(x.pick() % m.deleted.size());
            Object v = value(x.value());
            t.insert(record(key, v));
            m.live.put(key, v);
        } else if (op instanceof Op.ToggleIndex x) {
            if (t.hasIndex(G)) {
                t.dropIndex(G);
            } else {
                t.createIndex(G, x.type());
            }
        } else if (op instanceof Op.TakeSnapshot) {
            snapshots.add(db.snapshot());
            snapshotKeys.add(new ArrayList<>(m.live.keySet()));
        }
    }

    private static Condition withValue(Object v) {
        return v == null ? field(G).isNull() : field(G).eq(v);
    }

    /** Value equality as the table sees it: numbers by value, null and missing alike. */
    private static boolean same(Object a, Object b) {
        if (a == MISSING || a == null) {
            return b == MISSING || b == null;
        }
        return b != MISSING && b != null && ((Number) a).doubleValue() == ((Number) b).doubleValue();
    }

    private static List<Long> expected(Model m, Object v) {
        List<Long> out = new ArrayList<>();
        m.live.forEach((k, val) -> {
            if (same(val, v)) {
                out.add(k);
            }
        });
        return out;
    }

    private static List<Long> keys(List<Record> records) {
        List<Long> out = new ArrayList<>(records.size());
        records.forEach(r -> out.add((Long) r.get(PK)));
        return out;
    }

    private static void check(Table t, Model m) {
        assertThat(keys(t.all())).as("scan").containsExactlyElementsOf(m.live.keySet());
        for (int v = 0; v <= VALUES.size(); v++) {
            Object value = value(v);
            List<Long> expected = expected(m, value);
            String what = "g = " + value + (t.hasIndex(G) ? " through " + t.index(G).orElseThrow().type() : "");
            assertThat(keys(t.select(withValue(value)))).as(what).isEqualTo(expected);
            assertThat(keys(t.query().where(withValue(value)).limit(3).toList())).as(what + ", limit 3")
                    .isEqualTo(expected.subList(0, Math.min(3, expected.size())));
            assertThat(keys(t.select(and(withValue(value), field(PK).gte(0L))))).as(what + " and a range")
                    .isEqualTo(expected);
        }
        for (long h = 0; h < HS; h++) {
            for (int v = 0; v < VALUES.size(); v++) {
                Object value = value(v);
                List<Long> expected = new ArrayList<>();
                for (Long k : expected(m, value)) {
                    if (k % HS == h) {
                        expected.add(k);
                    }
                }
                assertThat(keys(t.select(and(field(H).eq(h), withValue(value))))).as("h = %d and g = %s", h, value)
                        .isEqualTo(expected);
            }
        }
        List<Long> inBoth = new ArrayList<>();
        m.live.forEach((k, val) -> {
            if (same(val, 1L) || same(val, 3L)) {
                inBoth.add(k);
            }
        });
        assertThat(keys(t.select(field(G).in(1L, 3L)))).as("g in (1, 3)").isEqualTo(inBoth);
        // groups come in the order of their first record, found through the index's first row of each value
        List<Object> firsts = new ArrayList<>();
        List<Long> counts = new ArrayList<>();
        for (Record r : t.query().groupBy(G).aggregateGroups(count())) {
            firsts.add(r.get(G));
            counts.add(((Number) r.get("count")).longValue());
        }
        List<Object> expectedFirsts = new ArrayList<>();
        List<Long> expectedCounts = new ArrayList<>();
        for (Object val : m.live.values()) {
            Object canon = val == MISSING ? null : val instanceof Double d ? (Object) d.longValue() : val;
            int at = indexOfSame(expectedFirsts, canon);
            if (at < 0) {
                expectedFirsts.add(canon);
                expectedCounts.add(1L);
            } else {
                expectedCounts.set(at, expectedCounts.get(at) + 1);
            }
        }
        assertThat(counts).as("group counts").isEqualTo(expectedCounts);
        assertThat(firsts.size()).isEqualTo(expectedFirsts.size());
        for (int i = 0; i < firsts.size(); i++) {
            assertThat(same(firsts.get(i), expectedFirsts.get(i))).as("group %d", i).isTrue();
        }
    }

    private static int indexOfSame(List<Object> values, Object v) {
        for (int i = 0; i < values.size(); i++) {
            if (same(values.get(i), v) || Objects.equals(values.get(i), v)) {
                return i;
            }
        }
        return -1;
    }
}
