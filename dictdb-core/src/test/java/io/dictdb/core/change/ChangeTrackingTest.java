package io.dictdb.core.change;

import io.dictdb.core.Tracking;
import io.dictdb.DuplicateKeyException;
import io.dictdb.FieldType;
import io.dictdb.IndexType;
import io.dictdb.OnConflict;
import io.dictdb.Record;
import io.dictdb.RecordNotFoundException;
import io.dictdb.Schema;
import io.dictdb.SchemaValidationException;
import io.dictdb.Table;
import io.dictdb.TableSpec;
import io.dictdb.Values;
import io.dictdb.core.change.ChangeSet;
import io.dictdb.core.DictDB;
import io.dictdb.core.Snapshot;
import io.dictdb.internal.ValueKeys;
import io.dictdb.spi.Change;
import io.dictdb.spi.IndexDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static io.dictdb.query.Conditions.all;
import static io.dictdb.query.Conditions.field;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/**
 * The change-tracking contract backups build on: sequence numbers, consistent snapshots while writers run,
 * contiguous captures that lose nothing and count nothing twice, give-back, discard, and replay.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)   // long tests run the main property for 30 s
class ChangeTrackingTest {

    private static final boolean LONG = Boolean.getBoolean("dictdb.longTests");
    private static final long RUN_MILLIS = LONG ? 30_000 : 2_500;

    private static Map<String, Object> row(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    // ------------------------------------------------------------------ comparing databases

    /** Checks that two databases hold the same tables, definitions, indexes, key counters and records. */
    static void assertSameDatabase(DictDB expected, DictDB actual) {
        assertThat(actual.tableNames()).as("table names").isEqualTo(expected.tableNames());
        Map<String, Snapshot.TableImage> e = images(expected.snapshot());
        Map<String, Snapshot.TableImage> a = images(actual.snapshot());
        for (String name : expected.tableNames()) {
            Table te = expected.table(name);
            Table ta = actual.table(name);
            assertThat(ta.primaryKey()).as("primary key of %s", name).isEqualTo(te.primaryKey());
            assertThat(ta.schema()).as("schema of %s", name).isEqualTo(te.schema());
            assertThat(ta.indexedFields()).as("indexed fields of %s", name).isEqualTo(te.indexedFields());
            for (String f : te.indexedFields()) {
                assertThat(ta.index(f).orElseThrow().type()).as("index type %s.%s", name, f)
                        .isEqualTo(te.index(f).orElseThrow().type());
                assertThat(ta.index(f).orElseThrow().distinctKeys()).as("index keys %s.%s", name, f)
                        .isEqualTo(te.index(f).orElseThrow().distinctKeys());
            }
            assertThat(byKey(ta.primaryKey(), ta.all())).as("records of %s by key", name)
                    .isEqualTo(byKey(te.primaryKey(), te.all()));
            assertThat(a.get(name).nextKey()).as("key counter of %s", name).isEqualTo(e.get(name).nextKey());
            assertThat(a.get(name).definition()).as("definition of %s", name).isEqualTo(e.get(name).definition());
        }
    }

    private static Map<String, Snapshot.TableImage> images(Snapshot s) {
        Map<String, Snapshot.TableImage> m = new LinkedHashMap<>();
        for (Snapshot.TableImage i : s.tables()) {
            m.put(i.definition().name(), i);
        }
        return m;
    }

    private static Map<Object, Record> byKey(String pk, List<Record> records) {
        Map<Object, Record> m = new HashMap<>();
        for (Record r : records) {
            assertThat(m.put(ValueKeys.hashKey(r.get(pk)), r)).as("key %s twice", r.get(pk)).isNull();
        }
        return m;
    }

    /**
     * Every capture continues exactly where the previous one ended, its changes numbered in increasing order within
     * its range, one per number when the set is exact (a set in net form has gaps).
     */
    static void assertContiguous(long after, List<ChangeSet> sets) {
        long next = after + 1;
        for (ChangeSet s : sets) {
            assertThat(s.firstSequence()).as("first sequence of a capture").isEqualTo(next);
            long previous = s.firstSequence() - 1;
            for (Change c : s.changes()) {
                assertThat(c.sequence()).as("sequence of %s", c).isGreaterThan(previous)
                        .isLessThanOrEqualTo(s.lastSequence());
                assertThat(s.isExact() && c.sequence() != previous + 1).as("gap before %s in an exact set", c)
                        .isFalse();
                previous = c.sequence();
            }
            next = s.lastSequence() + 1;
        }
    }

    // ------------------------------------------------------------------ the main property

    @Test
    void capturesAppliedInOrderToTheFirstSnapshotRebuildTheDatabaseWhileFourWritersRun() throws Exception {
        DictDB db = DictDB.create();
        Schema schema = Schema.builder().field("color", FieldType.STRING).field("size", FieldType.LONG)
                .optional("price", FieldType.DOUBLE).optional("tag", FieldType.STRING).build();
        Table items = db.createTable(TableSpec.named("items").schema(schema).index("color", IndexType.HASH));
        Table accounts = db.createTable("accounts", "number");
        String[] colors = {"red", "green", "blue", "black"};
        for (int i = 0; i < 300; i++) {
            items.insert(row("color", colors[i % 4], "size", (long) i, "price", i * 1.5));
        }
        for (int i = 0; i < 20; i++) {
            accounts.insert(row("number", "ACC-" + i, "balance", 100L));
        }

        long tracked = Tracking.start(db);
        assertThat(tracked).isLessThanOrEqualTo(db.sequence());

        AtomicBoolean stop = new AtomicBoolean();
        ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
        CountDownLatch done = new CountDownLatch(4);
        AtomicLong ops = new AtomicLong();
        AtomicLong accountNumbers = new AtomicLong(); // unique: random numbers collided once in a while
        List<Runnable> writers = List.of(
                () -> {                                          // inserts
                    ThreadLocalRandom rnd = ThreadLocalRandom.current();
                    while (!stop.get()) {
                        switch (rnd.nextInt(4)) {
                            case 0 -> items.insert(row("color", colors[rnd.nextInt(4)], "size", rnd.nextLong(1000)));
                            case 1 -> {
                                List<Map<String, Object>> batch = new ArrayList<>();
                                for (int j = 0; j < 1 + rnd.nextInt(20); j++) {
                                    batch.add(row("color", colors[rnd.nextInt(4)], "size", rnd.nextLong(1000),
                                            "tag", "batch"));
                                }
                                items.insertAll(batch);
                            }
                            case 2 -> accounts.insert(row("number", "N-" + accountNumbers.incrementAndGet(),
                                    "balance", rnd.nextLong(500)));
                            default -> {
                                // a failing batch: must leave no change behind
                                List<Map<String, Object>> bad = List.of(
                                        row("color", "red", "size", 1L), row("color", "red", "size", "x"));
                                try {
                                    items.insertAll(bad);
                                    fail("bad batch accepted");
                                } catch (SchemaValidationException expected) {
                                    // nothing changed
                                }
                            }
                        }
                        ops.incrementAndGet();
                    }
                },
                () -> {                                          // updates and upserts
                    ThreadLocalRandom rnd = ThreadLocalRandom.current();
                    while (!stop.get()) {
                        try {
                            switch (rnd.nextInt(5)) {
                                case 0 -> items.update(r -> r.with("size", r.getLong("size") + 1),
                                        field("color").eq(colors[rnd.nextInt(4)]).and(field("size").lt(100L)));
                                case 1 -> items.update(row("price", rnd.nextDouble()),
                                        field("id").eq(1L + rnd.nextInt(400)));
                                case 2 -> items.upsert(row("id", 1L + rnd.nextInt(500), "color", "green",
                                        "size", 5L), rnd.nextBoolean() ? OnConflict.UPDATE : OnConflict.IGNORE);
                                case 3 -> accounts.update(r -> r.with("balance", r.getLong("balance") + 1),
                                        field("number").startsWith("ACC-1"));
                                default -> items.update(r -> {
                                    throw new IllegalStateException("failing update must leave no change");
                                }, field("color").eq("red"));
                            }
                        } catch (RecordNotFoundException | IllegalStateException expected) {
                            // no match, or the failing update
                        }
                        ops.incrementAndGet();
                    }
                },
                () -> {                                          // deletes
                    ThreadLocalRandom rnd = ThreadLocalRandom.current();
                    while (!stop.get()) {
                        try {
                            switch (rnd.nextInt(3)) {
                                case 0 -> items.delete(field("id").eq(1L + rnd.nextInt(2_000)));
                                case 1 -> items.delete(field("size").gt(990L));
                                default -> accounts.delete(field("number").startsWith("N-" + rnd.nextInt(10)));
                            }
                        } catch (RecordNotFoundException expected) {
                            // nothing matched
                        }
                        ops.incrementAndGet();
                        Thread.yield();
                    }
                },
                () -> {                                          // indexes and tables
                    int i = 0;
                    while (!stop.get()) {
                        switch (i++ % 4) {
                            case 0 -> items.createIndex("size", IndexType.SORTED);
                            case 1 -> {
                                Table scratch = db.createTable(TableSpec.named("scratch").index("k", IndexType.HASH));
                                for (int j = 0; j < 5; j++) {
                                    scratch.insert(row("k", "v" + j));
                                }
                                scratch.update(r -> r.with("k", "w"), field("k").eq("v1"));
                                accounts.createIndex("balance", IndexType.HASH);
                            }
                            case 2 -> {
                                items.dropIndex("size");
                                db.table("scratch").delete(field("k").eq("v2"));
                            }
                            default -> {
                                db.dropTable("scratch");
                                accounts.dropIndex("balance");
                            }
                        }
                        ops.incrementAndGet();
                        try {
                            Thread.sleep(1);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                });
        List<Thread> threads = new ArrayList<>();
        for (int k = 0; k < writers.size(); k++) {
            Runnable w = writers.get(k);
            Thread t = new Thread(() -> {
                try {
                    w.run();
                } catch (Throwable e) {
                    errors.add(e);
                } finally {
                    done.countDown();
                }
            }, "test-writer-" + k);
            t.setDaemon(true);
            threads.add(t);
        }
        threads.forEach(Thread::start);

        // let the writers run a little, then take the base snapshot and forget what it already holds
        Thread.sleep(50);
        Snapshot first = db.snapshot();
        Tracking.discardThrough(db, first.sequence());

        List<ChangeSet> sets = new ArrayList<>();
        List<Snapshot> snapshots = new ArrayList<>();
        int givenBack = 0;
        long end = System.currentTimeMillis() + RUN_MILLIS;
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        int round = 0;
        while (System.currentTimeMillis() < end && errors.isEmpty()) {
            Thread.sleep(rnd.nextInt(1, 15));
            ChangeSet set = Tracking.capture(db);
            if (round++ % 3 == 1) {
                // writing it "failed": give it back; the next capture starts with it, then newer changes
                Tracking.giveBack(db, set);
                Thread.sleep(rnd.nextInt(1, 5));
                ChangeSet again = Tracking.capture(db);
                assertThat(again.firstSequence()).as("given-back set comes first").isEqualTo(set.firstSequence());
                if (again.isExact()) { // else the given-back set and newer changes were merged into net form
                    assertThat(again.size()).isGreaterThanOrEqualTo(set.size());
                    assertThat(again.changes().subList(0, set.size())).isEqualTo(set.changes());
                }
                givenBack++;
                set = again;
            }
            sets.add(set);
            if (round % 5 == 0) {
                snapshots.add(db.snapshot());
            }
        }
        stop.set(true);
        assertThat(done.await(20, TimeUnit.SECONDS)).as("writers stopped").isTrue();
        if (!errors.isEmpty()) {
            AssertionError e = new AssertionError("a writer failed", errors.peek());
            errors.forEach(e::addSuppressed);
            throw e;
        }
        sets.add(Tracking.capture(db));
        assertThat(Tracking.capture(db).isEmpty()).as("nothing left after the last capture").isTrue();

        // contiguous, no gap, no overlap, ending at the database's sequence
        assertContiguous(first.sequence(), sets);
        assertThat(sets.get(sets.size() - 1).lastSequence()).isEqualTo(db.sequence());
        assertThat(givenBack).isPositive();
        long changes = sets.stream().mapToLong(ChangeSet::size).sum();
        assertThat(changes).as("changes captured").isGreaterThan(100);
        Set<Class<?>> kinds = new HashSet<>();
        sets.forEach(s -> s.changes().forEach(c -> kinds.add(c.getClass())));
        assertThat(kinds).as("kinds of change seen").contains(Change.Upsert.class, Change.Delete.class,
                Change.CreateTable.class, Change.DropTable.class, Change.CreateIndex.class, Change.DropIndex.class);

        // replaying every capture on the first snapshot gives the final database
        DictDB replica = Tracking.fromSnapshot(first);
        assertThat(replica.sequence()).isEqualTo(first.sequence());
        for (ChangeSet s : sets) {
            assertThat(Tracking.apply(replica, s)).isEqualTo(s.size());
        }
        assertSameDatabase(db, replica);
        assertThat(replica.sequence()).as("replica sequence").isEqualTo(db.sequence());

        // every intermediate snapshot equals the first one plus the changes up to its sequence, where the set
        // holding that sequence is exact (a set in net form gives a state only as a whole)
        List<Change> everything = new ArrayList<>();
        sets.forEach(s -> everything.addAll(s.changes()));
        List<Snapshot> checkable = snapshots.stream().filter(s -> sets.stream().allMatch(set -> set.isExact()
                || s.sequence() >= set.lastSequence() || s.sequence() < set.firstSequence())).limit(4).toList();
        for (Snapshot s : checkable) {
            DictDB upTo = Tracking.fromSnapshot(first);
            io.dictdb.core.change.ChangeChannel.of(upTo).apply(everything.stream().filter(c -> c.sequence() <= s.sequence()).toList());
            assertSameDatabase(Tracking.fromSnapshot(s), upTo);
        }
    }

    // ------------------------------------------------------------------ snapshots while writers run

    @Test
    void aSnapshotTakenWhileWritersRunHoldsBothTablesOfAnAtomicPairOrNeither() throws Exception {
        DictDB db = DictDB.create();
        Table left = db.createTable("left");
        Table right = db.createTable("right");
        Table money = db.createTable("money");
        money.insert(row("n", 1_000L));
        money.insert(row("n", 1_000L));
        AtomicBoolean stop = new AtomicBoolean();
        ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
        AtomicLong pairs = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            int kind = k;
            Thread t = new Thread(() -> {
                try {
                    ThreadLocalRandom rnd = ThreadLocalRandom.current();
                    while (!stop.get()) {
                        if (kind == 2) {
                            // move money between two records of one table in one update
                            long amount = rnd.nextLong(1, 50);
                            money.update(r -> r.with("n", r.getLong("n") + (r.getLong("id") == 1L ? -amount
                                    : amount)), field("id").in(1L, 2L));
                            continue;
                        }
                        long p = pairs.incrementAndGet();
                        List<String> order = kind == 0 ? List.of("left", "right") : List.of("right", "left");
                        db.atomically(order, () -> {
                            left.insert(row("id", p, "pair", p));
                            right.insert(row("id", p, "pair", p));
                            return null;
                        });
                        if (p % 3 == 0) {
                            db.atomically(order, () -> {
                                // the pair may not be written yet by the thread that drew it
                                if (left.count(field("pair").eq(p - 1)) > 0) {
                                    left.delete(field("pair").eq(p - 1));
                                    right.delete(field("pair").eq(p - 1));
                                }
                                return null;
                            });
                        }
                    }
                } catch (Throwable e) {
                    errors.add(e);
                }
            }, "test-pair-writer-" + k);
            t.setDaemon(true);
            threads.add(t);
        }
        threads.forEach(Thread::start);
        int snaps = 0;
        long end = System.currentTimeMillis() + Math.min(RUN_MILLIS, 1_500);
        while (System.currentTimeMillis() < end || snaps < 20) {
            Snapshot s = db.snapshot();
            Map<String, Snapshot.TableImage> img = images(s);
            Set<Object> l = new HashSet<>();
            Set<Object> r = new HashSet<>();
            img.get("left").records().forEach(x -> l.add(x.get("pair")));
            img.get("right").records().forEach(x -> r.add(x.get("pair")));
            assertThat(l).as("pairs in left vs right at sequence %s", s.sequence()).isEqualTo(r);
            long total = img.get("money").records().stream().mapToLong(x -> x.getLong("n")).sum();
            assertThat(total).as("money at sequence %s", s.sequence()).isEqualTo(2_000L);
            assertThat(s.recordCount()).isEqualTo(l.size() * 2L + 2);
            snaps++;
        }
        stop.set(true);
        for (Thread t : threads) {
            t.join(10_000);
            assertThat(t.isAlive()).as(t.getName() + " stopped").isFalse();
        }
        assertThat(errors).isEmpty();
        assertThat(pairs.get()).isPositive();
    }

    @Test
    @Timeout(60)
    void aCaptureCarriesTheKeyCountersAsTheyWereRightAfterItsLastChange() throws Exception {
        DictDB db = DictDB.create();
        Table a = db.createTable("a");
        Tracking.start(db);
        AtomicBoolean stop = new AtomicBoolean();
        ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            Thread t = new Thread(() -> {
                try {
                    while (!stop.get()) {
                        a.insert(row("v", 1L)); // keys generated 1, 2, 3, ...
                    }
                } catch (Throwable e) {
                    errors.add(e);
                }
            });
            t.start();
            writers.add(t);
        }
        long maxKey = 0;
        int captures = 0;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
        while (System.nanoTime() < deadline || captures < 50) {
            ChangeSet set = Tracking.capture(db);
            for (Change c : set.changes()) {
                if (c instanceof Change.Upsert u) {
                    maxKey = Math.max(maxKey, (Long) u.record().get("id"));
                }
            }
            assertThat(set.keyCounters()).as("capture ending at %s", set.lastSequence())
                    .containsExactly(new io.dictdb.spi.TableState("a", maxKey + 1));
            captures++;
        }
        stop.set(true);
        for (Thread t : writers) {
            t.join();
        }
        assertThat(errors).isEmpty();
        assertThat(maxKey).isPositive();
    }

    @Test
    void aSnapshotIsNotChangedByLaterWrites() {
        DictDB db = DictDB.create();
        Table t = db.createTable("big");
        t.createIndex("g", IndexType.HASH);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            rows.add(row("g", i % 10, "v", (long) i));
        }
        t.insertAll(rows);
        Snapshot s = db.snapshot();
        List<Record> frozen = new ArrayList<>(s.tables().get(0).records());
        long nextKey = s.tables().get(0).nextKey();
        assertThat(frozen).hasSize(5_000);
        assertThat(nextKey).isEqualTo(5_001L);
        assertThat(s.sequence()).isEqualTo(db.sequence());

        t.update(r -> r.with("v", -1L), field("g").eq(3));
        t.delete(field("v").lt(4_000L));            // enough deletes to make the store compact itself
        t.insertAll(List.of(row("g", 99, "v", 1L), row("g", 99, "v", 2L)));
        t.upsert(row("id", 4_999L, "v", 123L));
        t.createIndex("v", IndexType.SORTED);
        Snapshot later = db.snapshot();

        assertThat(s.tables().get(0).records()).as("first snapshot after writes").isEqualTo(frozen);
        assertThat(s.tables().get(0).records()).hasSize(5_000);
        assertThat(s.tables().get(0).nextKey()).isEqualTo(nextKey);
        assertThat(s.tables().get(0).definition().indexes()).containsExactly(
                new IndexDefinition("g", IndexType.HASH));
        assertThat(later.tables().get(0).records()).isEqualTo(t.all());
        assertThat(later.sequence()).isGreaterThan(s.sequence());

        // a database restored from the old snapshot is the old state, independent of the live one
        DictDB restored = Tracking.fromSnapshot(s);
        assertThat(restored.table("big").all()).isEqualTo(frozen);
        assertThat(restored.table("big").indexedFields()).containsExactly("g");
        assertThat(restored.table("big").select(field("g").eq(3))).hasSize(500)
                .allSatisfy(r -> assertThat(r.getLong("v")).isNotEqualTo(-1L));
        List<Record> live = t.all();
        assertThat(live).hasSize(902);
        assertThat(restored.table("big").insert(row("g", 1, "v", 0L))).isEqualTo(5_001L);
        restored.table("big").deleteAll();
        assertThat(s.tables().get(0).records()).isEqualTo(frozen);
        assertThat(t.all()).as("live table untouched by the restored one").isEqualTo(live);
    }

    // ------------------------------------------------------------------ discard, give back, errors

    @Test
    void discardThroughASnapshotThenCapturesContinueRightAfterIt() {
        DictDB db = DictDB.create();
        Table t = db.createTable("t");
        Tracking.start(db);
        for (int i = 0; i < 5; i++) {
            t.insert(row("n", i));
        }
        Snapshot s = db.snapshot();
        t.insert(row("n", 5));
        t.update(row("n", 50), field("id").eq(1L));
        t.delete(field("id").eq(2L));
        Tracking.discardThrough(db, s.sequence());
        ChangeSet set = Tracking.capture(db);
        assertThat(set.firstSequence()).isEqualTo(s.sequence() + 1);
        assertThat(set.lastSequence()).isEqualTo(db.sequence());
        assertThat(set.changes()).hasSize(3);
        assertThat(set.changes().get(0)).isInstanceOf(Change.Upsert.class);
        assertThat(((Change.Upsert) set.changes().get(0)).record()).isEqualTo(Record.of("n", 5L, "id", 6L));
        assertThat(set.changes().get(1)).isEqualTo(new Change.Upsert(s.sequence() + 2, "t",
                Record.of("n", 50L, "id", 1L)));
        assertThat(set.changes().get(2)).isEqualTo(new Change.Delete(s.sequence() + 3, "t", 2L));

        DictDB replica = Tracking.fromSnapshot(s);
        Tracking.apply(replica, set);
        assertSameDatabase(db, replica);

        // discarding what was already captured, or beyond the present, changes nothing
        Tracking.discardThrough(db, 0);
        t.insert(row("n", 7));
        Tracking.discardThrough(db, db.sequence() + 1_000);
        ChangeSet empty = Tracking.capture(db);
        assertThat(empty.isEmpty()).isTrue();
        assertThat(empty.firstSequence()).isEqualTo(db.sequence() + 1);
        t.insert(row("n", 8));
        ChangeSet next = Tracking.capture(db);
        assertThat(next.firstSequence()).isEqualTo(db.sequence());
        assertThat(next.size()).isEqualTo(1);
    }

    @Test
    void discardThroughASnapshotTakenWhileWritersRunLosesNothing() throws Exception {
        DictDB db = DictDB.create();
        Table t = db.createTable("t");
        Tracking.start(db);
        AtomicBoolean stop = new AtomicBoolean();
        Thread writer = new Thread(() -> {
            long i = 0;
            while (!stop.get()) {
                t.insert(row("n", i++));
                if (i % 7 == 0) {
                    t.update(r -> r.with("n", -r.getLong("n")), field("id").eq(i - 3));
                }
            }
        }, "test-writer");
        writer.setDaemon(true);
        writer.start();
        Thread.sleep(30);
        Snapshot s = db.snapshot();
        Tracking.discardThrough(db, s.sequence());
        Thread.sleep(30);
        ChangeSet a = Tracking.capture(db);
        Thread.sleep(30);
        stop.set(true);
        writer.join(10_000);
        ChangeSet b = Tracking.capture(db);
        assertThat(a.firstSequence()).isEqualTo(s.sequence() + 1);
        assertContiguous(s.sequence(), List.of(a, b));
        DictDB replica = Tracking.fromSnapshot(s);
        Tracking.apply(replica, a);
        Tracking.apply(replica, b);
        assertSameDatabase(db, replica);
    }

    // ------------------------------------------------------------------ bounded pending changes

    @Test
    void insertDeletePairsOnAnEmptyTableLeaveAlmostNothingPendingAndTheCaptureStillRebuildsTheDatabase() {
        int pairs = LONG ? 1_600_000 : 30_000;
        DictDB db = DictDB.create();
        Table kept = db.createTable("kept");
        kept.insert(row("n", 1L));
        kept.insert(row("n", 2L));
        Table events = db.createTable("events");
        Tracking.start(db);
        Snapshot full = db.snapshot(); // as a backup manager does: a full image, then the changes after it
        Tracking.discardThrough(db, full.sequence());

        for (int i = 0; i < pairs; i++) {
            Object key = events.insert(row("n", (long) i));
            events.delete(field("id").eq(key));
        }
        kept.update(row("n", 20L), field("id").eq(2L));
        kept.delete(field("id").eq(1L));
        ChangeSet set = Tracking.capture(db);

        // every change was kept before (2 x 30,000 here): now at most a threshold's worth stays pending
        assertThat(set.size()).as("changes pending after %s insert/delete pairs", pairs)
                .isLessThan(ChangeLog.DEFAULT_COALESCE_THRESHOLD);
        assertThat(set.isExact()).isFalse();
        assertThat(set.firstSequence()).isEqualTo(full.sequence() + 1);
        assertThat(set.lastSequence()).as("the set still covers every change").isEqualTo(db.sequence())
                .isEqualTo(full.sequence() + 2L * pairs + 2);
        assertThat(set.changes()).as("the changes of records that existed before are kept")
                .contains(new Change.Upsert(db.sequence() - 1, "kept", Record.of("n", 20L, "id", 2L)),
                        new Change.Delete(db.sequence(), "kept", 1L));

        DictDB replica = Tracking.fromSnapshot(full);
        Tracking.apply(replica, set);
        assertSameDatabase(db, replica);
        assertThat(replica.sequence()).isEqualTo(db.sequence());
        assertThat(replica.table("events").insert(row("n", 0L))).as("the key counter came with the set")
                .isEqualTo(pairs + 1L);
    }

    @Test
    void aRecordInsertedBeforeAFullSnapshotAndDeletedAfterItKeepsItsDeleteWhenTheChangesAreCoalesced() {
        DictDB db = DictDB.create();
        Table t = db.createTable("t");
        Tracking.start(db);
        Object before = t.insert(row("n", "in the full image"));
        Snapshot full = db.snapshot();
        // the full image is being written while writers go on, long enough for the pending list to be coalesced
        t.delete(field("id").eq(before));
        for (int i = 0; i < 2 * ChangeLog.DEFAULT_COALESCE_THRESHOLD; i++) {
            Object key = t.insert(row("n", i));
            t.delete(field("id").eq(key));
        }
        Tracking.discardThrough(db, full.sequence());
        ChangeSet set = Tracking.capture(db);

        assertThat(set.changes()).as("inserted before the snapshot, its delete must reach the full image")
                .contains(new Change.Delete(full.sequence() + 1, "t", before));
        assertThat(set.size()).isLessThan(ChangeLog.DEFAULT_COALESCE_THRESHOLD);
        DictDB replica = Tracking.fromSnapshot(full);
        assertThat(replica.table("t").get(before)).isPresent();
        Tracking.apply(replica, set);
        assertSameDatabase(db, replica);
        assertThat(replica.table("t").count()).isZero();
    }

    @Test
    void aSetGivenBackAfterCoalescingStillRebuildsTheDatabase() {
        DictDB db = DictDB.create();
        Table t = db.createTable("t");
        t.insert(row("n", "old"));
        DictDB replica = Tracking.fromSnapshot(db.snapshot());
        Tracking.start(db);
        for (int i = 0; i < ChangeLog.DEFAULT_COALESCE_THRESHOLD; i++) {
            t.insert(row("n", i));
        }
        ChangeSet failed = Tracking.capture(db);
        // new keys of the failed set, deleted after it: the merged list must know they were new, or keep deletes
        t.delete(field("n").lt(100L));
        t.delete(field("n").eq("old"));
        for (int i = 0; i < ChangeLog.DEFAULT_COALESCE_THRESHOLD; i++) {
            Object key = t.insert(row("n", "tmp"));
            t.delete(field("id").eq(key));
        }
        Tracking.giveBack(db, failed);
        ChangeSet set = Tracking.capture(db);
        assertThat(set.firstSequence()).isEqualTo(failed.firstSequence());
        assertThat(set.size()).as("the 100 new keys deleted again leave nothing, the old key its delete")
                .isEqualTo(ChangeLog.DEFAULT_COALESCE_THRESHOLD - 100 + 1);
        Tracking.apply(replica, set);
        assertSameDatabase(db, replica);
    }

    @Test
    void aGivenBackSetReappearsInTheNextCaptureBeforeNewerChanges() {
        DictDB db = DictDB.create();
        Table t = db.createTable("t");
        Tracking.start(db);
        t.insert(row("n", 1));
        t.insert(row("n", 2));
        ChangeSet first = Tracking.capture(db);
        assertThat(first.size()).isEqualTo(2);
        t.insert(row("n", 3));
        Tracking.giveBack(db, first);
        t.insert(row("n", 4));
        ChangeSet second = Tracking.capture(db);
        assertThat(second.firstSequence()).isEqualTo(first.firstSequence());
        assertThat(second.size()).isEqualTo(4);
        assertThat(second.changes().subList(0, 2)).isEqualTo(first.changes());
        assertThat(second.changes()).extracting(c -> ((Change.Upsert) c).record().get("n"))
                .containsExactly(1L, 2L, 3L, 4L);
        assertContiguous(first.firstSequence() - 1, List.of(second));

        // giving back twice in a row, and an empty set, also work
        Tracking.giveBack(db, second);
        ChangeSet third = Tracking.capture(db);
        assertThat(third.changes()).isEqualTo(second.changes());
        ChangeSet empty = Tracking.capture(db);
        assertThat(empty.isEmpty()).isTrue();
        Tracking.giveBack(db, empty);
        t.insert(row("n", 5));
        ChangeSet fourth = Tracking.capture(db);
        assertThat(fourth.firstSequence()).isEqualTo(third.lastSequence() + 1);
        assertThat(fourth.size()).isEqualTo(1);
    }

    @Test
    void onlyTheMostRecentCaptureCanBeGivenBack() {
        DictDB db = DictDB.create();
        Table t = db.createTable("t");
        Tracking.start(db);
        t.insert(row("n", 1));
        ChangeSet older = Tracking.capture(db);
        t.insert(row("n", 2));
        ChangeSet newer = Tracking.capture(db);
        assertThatThrownBy(() -> Tracking.giveBack(db, older)).isInstanceOf(IllegalStateException.class);
        Tracking.giveBack(db, newer);
        ChangeSet again = Tracking.capture(db);
        assertThat(again.changes()).isEqualTo(newer.changes());
    }

    @Test
    void captureBeforeStartChangeTrackingThrows() {
        DictDB db = DictDB.create();
        db.createTable("t").insert(row("n", 1));
        assertThatThrownBy(() -> Tracking.capture(db)).isInstanceOf(IllegalStateException.class);
        long start = Tracking.start(db);
        assertThat(start).isEqualTo(db.sequence());
        assertThat(Tracking.start(db)).as("starting twice is harmless").isEqualTo(start);
        ChangeSet set = Tracking.capture(db);
        assertThat(set.isEmpty()).isTrue();
        assertThat(set.firstSequence()).isEqualTo(start + 1);
        Tracking.stop(db);
        assertThatThrownBy(() -> Tracking.capture(db)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void sequenceNumbersStrictlyIncreaseWithEveryCommittedChangeOnly() {
        DictDB db = DictDB.create();
        assertThat(db.sequence()).isZero();
        long last = db.sequence();
        Table t = db.createTable(TableSpec.named("t").schema(Schema.builder().field("n", FieldType.LONG).build()));
        last = increased(db, last);
        t.insert(row("n", 1));
        last = increased(db, last);
        t.insertAll(List.of(row("n", 2), row("n", 3)));
        last = increased(db, last);
        t.upsert(row("id", 1L, "n", 10));
        last = increased(db, last);
        t.update(r -> r.with("n", r.getLong("n") + 1), all());
        last = increased(db, last);
        t.createIndex("n", IndexType.SORTED);
        last = increased(db, last);
        t.dropIndex("n");
        last = increased(db, last);
        t.delete(field("id").eq(2L));
        last = increased(db, last);

        // failed or empty writes commit nothing
        assertThatThrownBy(() -> t.insert(row("n", "x"))).isInstanceOf(SchemaValidationException.class);
        assertThatThrownBy(() -> t.insert(row("id", 1L, "n", 1))).isInstanceOf(DuplicateKeyException.class);
        assertThatThrownBy(() -> t.insertAll(List.of(row("n", 5), row("n", "y"))))
                .isInstanceOf(SchemaValidationException.class);
        assertThatThrownBy(() -> t.update(r -> {
            throw new IllegalStateException();
        }, all())).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> t.delete(field("id").eq(99L))).isInstanceOf(RecordNotFoundException.class);
        assertThatThrownBy(() -> t.dropIndex("n")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> db.createTable("t")).isInstanceOf(RuntimeException.class);
        t.upsert(row("id", 1L, "n", 0), OnConflict.IGNORE);
        assertThat(db.sequence()).as("sequence after failed writes").isEqualTo(last);

        Tracking.start(db);
        t.insertAll(List.of(row("n", 20), row("n", 21), row("n", 22)));
        t.update(row("n", 0), all());
        t.deleteAll();
        db.dropTable("t");
        ChangeSet set = Tracking.capture(db);
        long previous = last;
        for (Change c : set.changes()) {
            assertThat(c.sequence()).isGreaterThan(previous);
            previous = c.sequence();
        }
        assertThat(previous).isEqualTo(db.sequence());
        assertThat(set.changes()).filteredOn(c -> c instanceof Change.Upsert).hasSizeGreaterThanOrEqualTo(3);
        assertThat(set.changes().get(set.size() - 1)).isInstanceOf(Change.DropTable.class);
    }

    private static long increased(DictDB db, long last) {
        assertThat(db.sequence()).isGreaterThan(last);
        return db.sequence();
    }

    @Test
    void deltasHoldTableAndIndexChanges() {
        DictDB db = DictDB.create();
        db.createTable("keep");
        Tracking.start(db);
        Schema schema = Schema.builder().field("name", FieldType.STRING).build();
        Table t = db.createTable(TableSpec.named("people").primaryKey("pid").schema(schema)
                .index("name", IndexType.HASH));
        t.insert(row("name", "Ada"));
        t.createIndex("age", IndexType.SORTED);
        t.dropIndex("name");
        t.delete(field("name").eq("Ada"));
        db.dropTable("people");

        List<Change> changes = Tracking.capture(db).changes();
        assertThat(changes).hasSize(6);
        assertThat(changes.get(0)).isInstanceOfSatisfying(Change.CreateTable.class, c -> {
            assertThat(c.table()).isEqualTo("people");
            assertThat(c.definition().primaryKey()).isEqualTo("pid");
            assertThat(c.definition().schema().fields()).containsEntry("name", FieldType.STRING)
                    .containsEntry("pid", FieldType.LONG);
            assertThat(c.definition().indexes()).containsExactly(new IndexDefinition("name", IndexType.HASH));
        });
        assertThat(changes.get(1)).isInstanceOfSatisfying(Change.Upsert.class, c -> {
            assertThat(c.table()).isEqualTo("people");
            assertThat(c.record()).isEqualTo(Record.of("name", "Ada", "pid", 1L));
        });
        assertThat(changes.get(2)).isInstanceOfSatisfying(Change.CreateIndex.class, c -> {
            assertThat(c.table()).isEqualTo("people");
            assertThat(c.index()).isEqualTo(new IndexDefinition("age", IndexType.SORTED));
        });
        assertThat(changes.get(3)).isInstanceOfSatisfying(Change.DropIndex.class, c -> {
            assertThat(c.table()).isEqualTo("people");
            assertThat(c.field()).isEqualTo("name");
        });
        assertThat(changes.get(4)).isInstanceOfSatisfying(Change.Delete.class, c -> {
            assertThat(c.table()).isEqualTo("people");
            assertThat(c.key()).isEqualTo(1L);
        });
        assertThat(changes.get(5)).isInstanceOfSatisfying(Change.DropTable.class,
                c -> assertThat(c.table()).isEqualTo("people"));

        // replaying them on an image taken before gives the same database, including the dropped table's absence
        DictDB before = DictDB.create();
        before.createTable("keep");
        DictDB replica = Tracking.fromSnapshot(before.snapshot());
        io.dictdb.core.change.ChangeChannel.of(replica).apply(changes);
        assertSameDatabase(db, replica);
    }

    @Test
    void aRestoredDatabaseContinuesTheSequenceAndKeyCounters() {
        DictDB db = DictDB.create();
        Table t = db.createTable("t");
        t.insert(row("n", 1));
        t.insert(row("id", 40L, "n", 2));
        t.delete(field("id").eq(40L));
        Snapshot s = db.snapshot();
        DictDB restored = Tracking.fromSnapshot(s);
        assertThat(restored.sequence()).isEqualTo(s.sequence());
        assertThat(restored.table("t").insert(row("n", 3))).isEqualTo(41L);
        assertThat(restored.sequence()).isGreaterThan(s.sequence());
        Tracking.start(restored);
        restored.table("t").insert(row("n", 4));
        assertThat(Tracking.capture(restored).firstSequence()).isEqualTo(s.sequence() + 2);
    }
}
