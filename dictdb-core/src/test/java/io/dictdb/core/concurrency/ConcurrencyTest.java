package io.dictdb.core.concurrency;

import io.dictdb.IndexType;
import io.dictdb.Record;
import io.dictdb.RecordNotFoundException;
import io.dictdb.Table;
import io.dictdb.TableNotFoundException;
import io.dictdb.core.DictDB;
import io.dictdb.core.Snapshot;
import io.dictdb.table.tck.Workers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static io.dictdb.query.Aggregates.count;
import static io.dictdb.query.Conditions.all;
import static io.dictdb.query.Conditions.field;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Real threads, bounded time, with the engine's atomically and snapshots: no deadlock across tables in either lock
 * order, no torn batches. Each test takes well under 20 s on 2 cores; {@code -Ddictdb.longTests=true} runs longer.
 * Atomic read-modify-write and a writer among continuous readers are the table compatibility kit's
 * {@code ConcurrencyKit}.
 */
@Timeout(value = 360, unit = TimeUnit.SECONDS)   // a backstop: the workers fail a hang after 15 s (300 s with long tests)
class ConcurrencyTest {

    private static final boolean LONG = Boolean.getBoolean("dictdb.longTests");
    private static final int SCALE = LONG ? 10 : 1;
    private static final Duration DEADLINE = Duration.ofSeconds(LONG ? 300 : 15);

    private static Map<String, Object> row(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    // ------------------------------------------------------------------ deadlock freedom

    @Test
    void mixedReadersAndWritersAcrossThreeTablesInBothLockOrdersFinishWithoutDeadlock() {
        DictDB db = DictDB.create();
        Table a = db.createTable("a");
        Table b = db.createTable("b");
        Table c = db.createTable("c");
        for (Table t : List.of(a, b, c)) {
            t.createIndex("kind", IndexType.HASH);
            t.createIndex("units", IndexType.SORTED);
            t.insert(row("kind", "bank", "units", 1_000L));          // id 1 in each: the money
            for (int i = 0; i < 50; i++) {
                t.insert(row("kind", "filler", "units", (long) i));
            }
        }
        long total = 3_000L;
        int ops = 5_000 * SCALE;
        AtomicLong moves = new AtomicLong();

        Workers w = new Workers();
        w.add("abc", () -> {
            for (int i = 0; i < ops; i++) {
                db.atomically(List.of("a", "b", "c"), () -> {
                    move(a, c, 3);
                    move(b, a, 1);
                    a.insert(row("kind", "log", "units", -1L));
                    b.count();
                    return null;
                });
                moves.incrementAndGet();
            }
        });
        w.add("cba", () -> {
            for (int i = 0; i < ops; i++) {
                db.atomically(List.of("c", "b", "a"), () -> {
                    move(c, a, 2);
                    move(c, b, 1);
                    c.select(field("kind").eq("bank"));
                    return null;
                });
                moves.incrementAndGet();
            }
        });
        w.add("ba-ca", () -> {
            for (int i = 0; i < ops; i++) {
                Table other = i % 2 == 0 ? b : c;
                db.atomically(List.of(other.name(), "a"), () -> {
                    move(a, other, 1);
                    return null;
                });
            }
        });
        w.add("single", () -> {
            ThreadLocalRandom rnd = ThreadLocalRandom.current();
            for (int i = 0; i < ops; i++) {
                Table t = List.of(a, b, c).get(rnd.nextInt(3));
                switch (i % 5) {
                    case 0 -> t.insert(row("kind", "filler", "units", (long) rnd.nextInt(100)));
                    case 1 -> {
                        try {
                            t.update(r -> r.with("units", r.getLong("units") + 1),
                                    field("kind").eq("filler").and(field("units").lt(5)));
                        } catch (RecordNotFoundException ignored) {
                            // every small filler has grown
                        }
                    }
                    case 2 -> {
                        try {
                            t.delete(field("kind").eq("log").and(field("units").eq(-1L)));
                        } catch (RecordNotFoundException ignored) {
                            // nothing logged yet
                        }
                    }
                    case 3 -> t.upsert(row("id", 10_000L + rnd.nextInt(20), "kind", "filler", "units", 7L));
                    default -> {
                        if (t.hasIndex("extra")) {
                            t.dropIndex("extra");
                        } else {
                            t.createIndex("extra", IndexType.SORTED);
                        }
                    }
                }
            }
        });
        for (int r = 0; r < 2; r++) {
            w.add("reader-" + r, () -> {
                while (!w.stop.get()) {
                    a.all();
                    b.query().where(field("units").gt(10)).orderBy("-units").limit(5).toList();
                    c.query().groupBy("kind").aggregateGroups(count());
                    Snapshot s = db.snapshot();
                    assertThat(bankUnits(s)).as("money in a snapshot").isEqualTo(total);
                }
            });
        }
        w.run(DEADLINE, "abc", "cba", "ba-ca", "single");

        assertThat(moves.get()).isEqualTo(2L * ops);
        long sum = 0;
        for (Table t : List.of(a, b, c)) {
            sum += t.get(1L).orElseThrow().getLong("units");
        }
        assertThat(sum).isEqualTo(total);
        assertThat(bankUnits(db.snapshot())).isEqualTo(total);
    }

    private static void move(Table from, Table to, long units) {
        from.update(r -> r.with("units", r.getLong("units") - units), field("id").eq(1L));
        to.update(r -> r.with("units", r.getLong("units") + units), field("id").eq(1L));
    }

    private static long bankUnits(Snapshot s) {
        long sum = 0;
        for (Snapshot.TableImage image : s.tables()) {
            for (Record r : image.records()) {
                if (Long.valueOf(1L).equals(r.get("id")) && "bank".equals(r.get("kind"))) {
                    sum += r.getLong("units");
                }
            }
        }
        return sum;
    }

    @Test
    void atomicWorkThatLooksUpTablesByNameDoesNotDeadlockWithSnapshotsAndTableCreation() {
        DictDB db = DictDB.create();
        db.createTable("a").insert(row("n", 0L));
        db.createTable("b").insert(row("n", 0L));
        int ops = 3_000 * SCALE;
        Workers w = new Workers();
        w.add("atomic-ab", () -> {
            for (int i = 0; i < ops; i++) {
                db.atomically(List.of("a", "b"), () -> {
                    // a natural thing to write: look the tables up inside the atomic work
                    db.table("a").update(r -> r.with("n", r.getLong("n") + 1), all());
                    db.table("b").update(r -> r.with("n", r.getLong("n") + 1), all());
                    return null;
                });
            }
        });
        w.add("atomic-ba", () -> {
            for (int i = 0; i < ops; i++) {
                db.atomically(List.of("b", "a"), () -> {
                    assertThat(db.hasTable("a")).isTrue();
                    db.table("b").update(r -> r.with("n", r.getLong("n") + 1), all());
                    db.table("a").update(r -> r.with("n", r.getLong("n") + 1), all());
                    return null;
                });
            }
        });
        w.add("snapshots", () -> {
            while (!w.stop.get()) {
                Snapshot s = db.snapshot();
                Map<String, Long> n = new HashMap<>();
                for (Snapshot.TableImage image : s.tables()) {
                    if (!image.records().isEmpty() && image.records().get(0).containsKey("n")) {
                        n.put(image.definition().name(), image.records().get(0).getLong("n"));
                    }
                }
                assertThat(n.get("a")).isEqualTo(n.get("b"));
            }
        });
        w.add("catalog", () -> {
            int i = 0;
            while (!w.stop.get()) {
                String name = "scratch-" + (i++ % 3);
                if (db.hasTable(name)) {
                    db.dropTable(name);
                } else {
                    db.createTable(name);
                }
            }
        });
        w.run(DEADLINE, "atomic-ab", "atomic-ba");
        assertThat(db.table("a").get(1L).orElseThrow().getLong("n")).isEqualTo(2L * ops);
        assertThat(db.table("b").get(1L).orElseThrow().getLong("n")).isEqualTo(2L * ops);
    }

    /**
     * The smallest, deterministic form of the case above: work inside {@code atomically} looks a table up by name
     * while a snapshot waits for that table's lock and a table creation waits for the catalog.
     */
    @Test
    void lookingUpATableInsideAtomicallyWhileASnapshotAndACreateTableWaitDoesNotDeadlock() throws Exception {
        DictDB db = DictDB.create();
        db.createTable("a").insert(row("n", 1));
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch go = new CountDownLatch(1);
        AtomicLong seen = new AtomicLong(-1);
        Thread worker = daemon("test-atomic", () -> seen.set(db.atomically(List.of("a"), () -> {
            inside.countDown();
            awaitQuietly(go);
            return db.table("a").count();            // needs the catalog while holding table a
        })));
        worker.start();
        assertThat(inside.await(5, TimeUnit.SECONDS)).isTrue();
        Thread snapshot = daemon("test-snapshot", db::snapshot);   // holds the catalog, waits for table a
        snapshot.start();
        awaitWaiting(snapshot);
        Thread creator = daemon("test-create", () -> db.createTable("x"));   // queues for the catalog
        creator.start();
        awaitWaiting(creator);
        go.countDown();
        worker.join(5_000);
        if (worker.isAlive()) {
            fail("atomically(...) work calling db.table(...) hung behind a waiting snapshot and createTable\n"
                    + Workers.threadDump());
        }
        assertThat(seen.get()).isEqualTo(1L);
        snapshot.join(5_000);
        creator.join(5_000);
        assertThat(db.tableNames()).containsExactly("a", "x");
    }

    private static Thread daemon(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitWaiting(Thread t) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (t.getState() != Thread.State.WAITING && System.nanoTime() < until) {
            Thread.sleep(5);
        }
        Thread.sleep(50);
        assertThat(t.getState()).as(t.getName() + " blocked").isEqualTo(Thread.State.WAITING);
    }

    @Test
    void droppingATableWhileOthersUseItNeverHangs() {
        DictDB db = DictDB.create();
        AtomicInteger generation = new AtomicInteger();
        db.createTable("shared");
        Workers w = new Workers();
        w.add("dropper", () -> {
            for (int i = 0; i < 2_000 * SCALE; i++) {
                db.dropTable("shared");
                db.createTable("shared").insert(row("gen", generation.incrementAndGet()));
            }
        });
        for (int k = 0; k < 3; k++) {
            w.add("user-" + k, () -> {
                while (!w.stop.get()) {
                    try {
                        Table t = db.table("shared");
                        t.insert(row("x", 1));
                        t.query().where(field("x").eq(1)).count();
                        db.atomically(List.of("shared"), () -> t.all());
                        db.snapshot();
                    } catch (TableNotFoundException expected) {
                        // raced with the drop: the documented outcome
                    }
                }
            });
        }
        w.run(DEADLINE, "dropper");
        assertThat(db.tableNames()).containsExactly("shared");
    }

    // ------------------------------------------------------------------ torn batches

    @Test
    void readersNeverSeeAHalfAppliedBatch() {
        DictDB db = DictDB.create();
        Table t = db.createTable("batches");
        t.createIndex("batch", IndexType.HASH);
        t.createIndex("v", IndexType.SORTED);
        int size = 100;
        int batchesPerWriter = 400 * SCALE;
        ConcurrentLinkedQueue<String> written = new ConcurrentLinkedQueue<>();
        AtomicLong checks = new AtomicLong();

        Workers w = new Workers();
        for (int k = 0; k < 2; k++) {
            String prefix = "w" + k + "-";
            w.add("writer-" + k, () -> {
                for (int i = 0; i < batchesPerWriter; i++) {
                    String id = prefix + i;
                    List<Map<String, Object>> batch = new ArrayList<>(size);
                    for (int j = 0; j < size; j++) {
                        batch.add(row("batch", id, "j", j, "v", 0L));
                    }
                    t.insertAll(batch);
                    written.add(id);
                }
            });
        }
        w.add("mutator", () -> {
            ThreadLocalRandom rnd = ThreadLocalRandom.current();
            while (!w.stop.get()) {
                String id = written.poll();
                if (id == null) {
                    Thread.yield();
                    continue;
                }
                long v = rnd.nextLong(1, 1_000_000);
                t.update(row("v", v), field("batch").eq(id));                           // whole batch, one value
                t.update(r -> r.with("v", r.getLong("v") + 1), field("batch").eq(id));  // whole batch again
                if (rnd.nextBoolean()) {
                    t.delete(field("batch").eq(id));                                     // whole batch gone
                }
            }
        });
        for (int r = 0; r < 4; r++) {
            int mode = Math.min(r, 2);      // two readers take snapshots at the same time
            w.add("reader-" + r, () -> {
                while (!w.stop.get()) {
                    switch (mode) {
                        case 0 -> checkWhole(t.all(), size);
                        case 1 -> {
                            for (Record g : t.query().groupBy("batch").aggregateGroups(count().as("n"),
                                    io.dictdb.query.Aggregates.min("v"), io.dictdb.query.Aggregates.max("v"))) {
                                assertThat(g.getLong("n")).as("batch %s", g.get("batch")).isEqualTo(size);
                                assertThat(g.get("min_v")).as("batch %s", g.get("batch")).isEqualTo(g.get("max_v"));
                            }
                            assertThat(t.count() % size).isZero();
                        }
                        default -> {
                            Snapshot s = db.snapshot();
                            checkWhole(s.tables().get(0).records(), size);
                            String probe = "w" + ThreadLocalRandom.current().nextInt(2) + "-"
                                    + ThreadLocalRandom.current().nextInt(batchesPerWriter);
                            List<Record> one = t.select(field("batch").eq(probe));
                            assertThat(one.size()).as("batch %s by index", probe).isIn(0, size);
                            checkWhole(one, size);
                        }
                    }
                    checks.incrementAndGet();
                }
            });
        }
        w.run(DEADLINE, "writer-0", "writer-1");
        assertThat(checks.get()).isPositive();
        checkWhole(t.all(), size);
    }

    private static void checkWhole(List<Record> records, int size) {
        Map<Object, List<Record>> byBatch = new HashMap<>();
        for (Record r : records) {
            byBatch.computeIfAbsent(r.get("batch"), k -> new ArrayList<>()).add(r);
        }
        for (Map.Entry<Object, List<Record>> e : byBatch.entrySet()) {
            assertThat(e.getValue()).as("records of batch %s", e.getKey()).hasSize(size);
            assertThat(e.getValue().stream().map(r -> r.get("v")).distinct().count())
                    .as("values of batch %s", e.getKey()).isEqualTo(1);
        }
    }

}
