package io.dictdb.core.tx;

import io.dictdb.ChangeSubscription;
import io.dictdb.Record;
import io.dictdb.Table;
import io.dictdb.core.DictDB;
import io.dictdb.core.Snapshot;
import io.dictdb.core.change.ChangeChannel;
import io.dictdb.spi.Change;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static io.dictdb.query.Conditions.field;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

/**
 * Random programs of single writes and multi-table transactions, some throwing at a random point, run from three
 * threads while a reader checks consistent views. Each transaction tags the records it inserts with its id and keeps
 * a per-table counter record equal to the number of tagged records in that table; it may also delete every record of
 * an earlier transaction (adjusting the counters). So in every consistent view a transaction's records are all there
 * or none, and each counter equals its table's tagged count.
 *
 * <p>Checked: no view (snapshot) ever breaks those invariants; the final state, and the state a subscriber's history
 * rebuilds when applied serially, are equal; every call the subscriber received is one whole commit; nothing of a
 * rolled-back transaction appears anywhere.
 */
class TransactionPropertyTest {
    private static final int EXAMPLES = Boolean.getBoolean("dictdb.longTests") ? 300 : 25;
    private static final List<String> TABLES = List.of("a", "b", "c");
    /** The tables each transaction inserted into (transaction ids are unique within one run). */
    private static final Map<String, Set<String>> TABLES_OF = new ConcurrentHashMap<>();

    /** One step: a transaction (its tables as a bit mask, how many records it inserts, where it throws, whether it
     *  deletes an earlier transaction's records) or a single untagged write. */
    record Step(int mask, int inserts, int throwAt, boolean deleteEarlier, boolean single) {
        List<String> tables() {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < TABLES.size(); i++) {
                if ((mask & (1 << i)) != 0) {
                    out.add(TABLES.get(i));
                }
            }
            return out;
        }
    }

    private static Gen<Step> steps() {
        return integers().between(1, 7).zip(integers().between(1, 6), integers().between(-8, 6),
                integers().between(0, 9), (mask, inserts, throwAt, other) ->
                        new Step(mask, inserts, throwAt, other < 3, other == 9));
    }

    @Test
    void concurrentTransactionsAreAllOrNothingForReadersSubscribersAndTheFinalState() {
        qt().withExamples(EXAMPLES).forAll(lists().of(steps()).ofSizeBetween(1, 40),
                lists().of(steps()).ofSizeBetween(1, 40), lists().of(steps()).ofSizeBetween(1, 40))
                .checkAssert((p1, p2, p3) -> run(List.of(p1, p2, p3)));
    }

    private static void run(List<List<Step>> programs) {
        DictDB db = DictDB.create();
        for (String t : TABLES) {
            db.createTable(t, "key").insert(Map.of("key", "counter", "count", 0L));
        }
        List<List<Change>> history = new CopyOnWriteArrayList<>();
        ChangeSubscription sub = db.subscribe(history::add, 1_000_000);
        List<List<Change>> second = new CopyOnWriteArrayList<>(); // every subscriber sees the same history
        ChangeSubscription other = db.subscribe(second::add, 1_000_000);
        Snapshot start = db.snapshot();
        Set<String> committed = ConcurrentHashMap.newKeySet();
        Set<String> rolledBack = ConcurrentHashMap.newKeySet();
        Map<String, Integer> sizes = new ConcurrentHashMap<>();
        List<String> problems = new CopyOnWriteArrayList<>();
        AtomicBoolean done = new AtomicBoolean();
        AtomicInteger views = new AtomicInteger();

        Thread reader = new Thread(() -> {
            while (!done.get() || views.get() == 0) {
                problems.addAll(broken(db.snapshot(), sizes, rolledBack));
                views.incrementAndGet();
            }
        });
        reader.start();
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < programs.size(); w++) {
            int writer = w;
            writers.add(new Thread(() -> {
                int n = 0;
                for (Step s : programs.get(writer)) {
                    String tx = "w" + writer + "-" + (n++);
                    if (s.single()) {
                        db.table(TABLES.get(s.mask() % TABLES.size())).upsert(Map.of("key", "noise", "by", tx));
                        continue;
                    }
                    try {
                        db.transaction(s.tables(), () -> transaction(db, tx, s, sizes, committed));
                        committed.add(tx);
                    } catch (Planned e) {
                        rolledBack.add(tx);
                    }
                }
            }));
        }
        writers.forEach(Thread::start);
        for (Thread t : writers) {
            join(t);
        }
        done.set(true);
        join(reader);

        assertThat(problems).as("views that broke a transaction").isEmpty();
        assertThat(broken(db.snapshot(), sizes, rolledBack)).isEmpty();
        awaitPosition(sub, db.sequence());
        awaitPosition(other, db.sequence());
        sub.close();
        other.close();
        assertThat(second).as("the second subscriber's history").isEqualTo(history);

        // every call is one whole commit: tagged inserts in a call come from one transaction, all of them
        Map<String, Integer> taggedPerTx = new HashMap<>();
        for (List<Change> call : history) {
            Set<String> txs = new HashSet<>();
            for (Change c : call) {
                if (c instanceof Change.Upsert u && u.record().get("tx") != null
                        && !u.record().getString("key").equals("counter")) {
                    String tx = u.record().getString("tx");
                    txs.add(tx);
                    taggedPerTx.merge(tx, 1, Integer::sum);
                }
            }
            assertThat(txs.size()).as("transactions in one call").isLessThanOrEqualTo(1);
        }
        assertThat(taggedPerTx.keySet()).as("transactions the subscriber saw").isEqualTo(committed);
        taggedPerTx.forEach((tx, n) -> assertThat(n).as("records of " + tx).isEqualTo(sizes.get(tx)));

        // the history, applied serially to the start, gives the final state
        DictDB replay = DictDB.builder().buildFrom(start);
        for (List<Change> call : history) {
            ChangeChannel.of(replay).apply(call);
        }
        for (String t : TABLES) {
            assertThat(byKey(replay.table(t))).as("table " + t + " replayed").isEqualTo(byKey(db.table(t)));
        }
    }

    private static final class Planned extends RuntimeException {
        Planned() {
            super(null, null, false, false);
        }
    }

    /** One transaction: maybe delete an earlier transaction's records, insert tagged records, keep the counters. */
    private static Void transaction(DictDB db, String tx, Step s, Map<String, Integer> sizes, Set<String> committed) {
        int writes = 0;
        List<String> tables = s.tables();
        if (s.deleteEarlier()) {
            // an earlier committed transaction whose records are all in this transaction's tables
            for (String earlier : committed) {
                if (!tables.containsAll(TABLES_OF.getOrDefault(earlier, Set.of("?")))) {
                    continue; // reading a table outside the transaction is refused
                }
                Map<String, Long> where = new LinkedHashMap<>();
                for (String t : tables) {
                    where.put(t, db.table(t).count(field("tx").eq(earlier)));
                }
                if (where.values().stream().mapToLong(Long::longValue).sum() == 0) {
                    continue;
                }
                for (String t : tables) {
                    long n = where.get(t);
                    if (n > 0) {
                        db.table(t).delete(field("tx").eq(earlier));
                        bump(db.table(t), -n);
                        writes += 2;
                        throwIfPlanned(s, writes);
                    }
                }
                break;
            }
        }
        for (int i = 0; i < s.inserts(); i++) {
            String t = tables.get(i % tables.size());
            db.table(t).insert(Map.of("key", tx + "/" + i, "tx", tx));
            bump(db.table(t), 1);
            writes += 2;
            throwIfPlanned(s, writes);
        }
        sizes.put(tx, s.inserts());
        Set<String> into = new HashSet<>();
        for (int i = 0; i < s.inserts(); i++) {
            into.add(tables.get(i % tables.size()));
        }
        TABLES_OF.put(tx, into);
        return null;
    }

    private static void throwIfPlanned(Step s, int writes) {
        if (s.throwAt() > 0 && writes >= s.throwAt() * 2) {
            throw new Planned();
        }
    }

    private static void bump(Table t, long by) {
        t.update(r -> r.with("count", r.getLong("count") + by), field("key").eq("counter"));
    }

    /** What a consistent view breaks: a counter off its table's tagged count, a transaction partly present. */
    private static List<String> broken(Snapshot snap, Map<String, Integer> sizes, Set<String> rolledBack) {
        List<String> out = new ArrayList<>();
        Map<String, Integer> perTx = new HashMap<>();
        for (Snapshot.TableImage image : snap.tables()) {
            long tagged = 0;
            long counter = -1;
            for (Record r : image.records()) {
                if (r.getString("key").equals("counter")) {
                    counter = r.getLong("count");
                } else if (r.get("tx") != null) {
                    tagged++;
                    perTx.merge(r.getString("tx"), 1, Integer::sum);
                }
            }
            if (counter != tagged) {
                out.add("table " + image.definition().name() + ": counter " + counter + ", tagged " + tagged
                        + " at sequence " + snap.sequence());
            }
        }
        perTx.forEach((tx, n) -> {
            if (rolledBack.contains(tx)) {
                out.add("rolled-back " + tx + " visible");
            } else if (sizes.containsKey(tx) && n.intValue() != sizes.get(tx)) {
                out.add(tx + ": " + n + " of " + sizes.get(tx) + " records at sequence " + snap.sequence());
            }
        });
        return out;
    }

    private static Map<Object, Record> byKey(Table t) {
        Map<Object, Record> out = new LinkedHashMap<>();
        for (Record r : t.all()) {
            out.put(r.get("key"), r);
        }
        return out;
    }

    private static void join(Thread t) {
        try {
            t.join(TimeUnit.SECONDS.toMillis(60));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        assertThat(t.isAlive()).as(t.getName() + " finished").isFalse();
    }

    private static void awaitPosition(ChangeSubscription s, long sequence) {
        try {
            TransactionTest.awaitPosition(s, sequence);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
