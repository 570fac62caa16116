package io.dictdb.reliability.concurrency;

import static org.assertj.core.api.Assertions.assertThat;

import io.dictdb.Record;
import io.dictdb.RecordNotFoundException;
import io.dictdb.Table;
import io.dictdb.TableSpec;
import io.dictdb.core.DictDB;
import io.dictdb.core.Snapshot;
import io.dictdb.query.Conditions;
import io.dictdb.reliability.Bounds;
import io.dictdb.reliability.Figures;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Concurrency trials. Worker threads run, for a bounded time, single-table operations on a small key set of four
 * tables (upsert of a unique value, delete, get), recording each operation's start and end times, while others
 * move amounts between accounts held in three tables under {@link DictDB#atomically} (tables listed in random
 * order), an auditor checks the total in snapshots and atomic reads, and a DDL thread creates and drops indexes.
 *
 * <p>Checks: per key, the history is that of an atomic register: every read returns the value of a write (or the
 * absence left by a delete or the initial state) that started before the read ended, and never one that was
 * overwritten before the read started (a write that began after it ended and ended before the read began); the
 * total of the accounts never changes in any snapshot or atomic read (cross-table atomicity); and every thread
 * ends within the bound plus 30 s, else a thread dump (with {@link ThreadMXBean#findDeadlockedThreads()}) is
 * printed and the test fails.
 *
 * <p>Bounds: 6 s and 50,000 operations per worker (normal), 60 s and 400,000 (long);
 * {@code -Ddictdb.concurrencySeconds}, {@code -Ddictdb.concurrencyOps}.
 */
class ConcurrencyTrialTest {
    private static final int TABLES = 4;
    private static final int KEYS = 6;
    private static final int ACCOUNTS = 4;
    private static final long START_BALANCE = 1_000;
    private static final String ABSENT = "<absent>";

    /** One operation of the history: a write (upsert or effective delete) or a read. */
    record Op(boolean write, int table, long key, String value, long start, long end) {
    }

    @Test
    void historiesAreAtomicRegistersAndCrossTableWorkNeverDeadlocks() throws Exception {
        int seconds = Integer.getInteger("dictdb.concurrencySeconds", Bounds.LONG ? 60 : 6);
        int maxOps = Integer.getInteger("dictdb.concurrencyOps", Bounds.LONG ? 400_000 : 50_000);
        long seed = Bounds.seed("ConcurrencyTrialTest");
        DictDB db = DictDB.create();
        for (int t = 0; t < TABLES; t++) {
            db.createTable(TableSpec.named("t" + t).index("v"));
        }
        List<String> bank = List.of("b0", "b1", "b2");
        for (String b : bank) {
            Table table = db.createTable(b);
            for (long a = 0; a < ACCOUNTS; a++) {
                table.upsert(Map.of("id", a, "bal", START_BALANCE));
            }
        }
        long total = bank.size() * ACCOUNTS * START_BALANCE;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        int workers = 6;
        int movers = 3;
        ConcurrentLinkedQueue<Op> history = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
        AtomicLong transfers = new AtomicLong();
        AtomicLong audits = new AtomicLong();
        AtomicLong ddl = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        CountDownLatch go = new CountDownLatch(1);
        Random seeds = new Random(seed);
        for (int w = 0; w < workers; w++) {
            int id = w;
            long s = seeds.nextLong();
            threads.add(new Thread(() -> work(db, id, new Random(s), deadline, maxOps, history, errors, go),
                    "worker-" + w));
        }
        for (int w = 0; w < movers; w++) {
            long s = seeds.nextLong();
            threads.add(new Thread(() -> move(db, bank, new Random(s), deadline, transfers, errors, go), "mover-" + w));
        }
        threads.add(new Thread(() -> audit(db, bank, total, deadline, audits, errors, go), "auditor"));
        long ddlSeed = seeds.nextLong();
        threads.add(new Thread(() -> indexes(db, new Random(ddlSeed), deadline, ddl, errors, go), "ddl"));
        threads.forEach(Thread::start);
        go.countDown();
        long joinBy = deadline + TimeUnit.SECONDS.toNanos(30);
        for (Thread t : threads) {
            t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(joinBy - System.nanoTime())));
        }
        List<Thread> stuck = threads.stream().filter(Thread::isAlive).toList();
        if (!stuck.isEmpty()) {
            String dump = threadDump();
            System.out.println(dump);
            threads.forEach(Thread::interrupt);
            throw new AssertionError("threads still running 30 s after the bound (deadlock?): " + stuck + "\n" + dump);
        }
        List<String> violations = check(new ArrayList<>(history));
        long reads = history.stream().filter(o -> !o.write()).count();
        long sum = 0;
        for (String b : bank) {
            for (Record r : db.table(b).all()) {
                sum += (Long) r.get("bal");
            }
        }
        Figures.of("concurrency").put("seed", seed).put("seconds", seconds).put("threads", threads.size())
                .put("operations", history.size()).put("reads", reads).put("writes", history.size() - reads)
                .put("transfers", transfers.get()).put("audits", audits.get()).put("indexChanges", ddl.get())
                .put("violations", violations.size()).put("errors", errors.size()).put("deadlocks", 0).report();
        assertThat(errors).as("errors in the threads").isEmpty();
        assertThat(violations).as("reads no serial order explains (seed %s)", seed).isEmpty();
        assertThat(sum).as("total of the accounts after the transfers").isEqualTo(total);
        assertThat(reads).as("reads checked").isGreaterThan(1000);
        assertThat(transfers.get()).as("cross-table transfers").isGreaterThan(100);
    }

    @Test
    void theHistoryCheckRejectsStaleAndInventedReads() {
        // the check itself can fail: a read of a value overwritten before it started, a read of a value never
        // written, a read of a value whose write started after the read ended, and a stale absence
        List<Op> stale = List.of(new Op(true, 0, 1, "a", 0, 10), new Op(true, 0, 1, "b", 20, 30),
                new Op(false, 0, 1, "a", 40, 50));
        assertThat(check(stale)).hasSize(1).allMatch(v -> v.contains("overwritten"));
        List<Op> invented = List.of(new Op(true, 0, 1, "a", 0, 10), new Op(false, 0, 1, "zzz", 40, 50));
        assertThat(check(invented)).hasSize(1).allMatch(v -> v.contains("no write"));
        List<Op> future = List.of(new Op(false, 0, 1, "a", 0, 10), new Op(true, 0, 1, "a", 20, 30));
        assertThat(check(future)).hasSize(1).allMatch(v -> v.contains("before its write started"));
        List<Op> staleAbsence = List.of(new Op(true, 0, 1, "a", 0, 10), new Op(false, 0, 1, ABSENT, 40, 50));
        assertThat(check(staleAbsence)).hasSize(1);
        List<Op> fine = List.of(new Op(true, 0, 1, "a", 0, 10), new Op(true, 0, 1, "b", 20, 60),
                new Op(false, 0, 1, "a", 40, 50), new Op(false, 0, 1, "b", 40, 50), new Op(true, 0, 1, ABSENT, 70, 80),
                new Op(false, 0, 1, ABSENT, 90, 95), new Op(false, 0, 1, ABSENT, -5, 5));
        assertThat(check(fine)).isEmpty();
    }

    private static void work(DictDB db, int id, Random rnd, long deadline, int maxOps,
                             ConcurrentLinkedQueue<Op> history, ConcurrentLinkedQueue<String> errors,
                             CountDownLatch go) {
        try {
            go.await();
            long counter = 0;
            List<Op> local = new ArrayList<>();
            while (System.nanoTime() - deadline < 0 && local.size() < maxOps) {
                int t = rnd.nextInt(TABLES);
                long key = rnd.nextInt(KEYS);
                Table table = db.table("t" + t);
                int op = rnd.nextInt(10);
                long start = System.nanoTime();
                if (op < 4) {
                    String v = id + ":" + counter++;
                    table.upsert(Map.of("id", key, "v", v));
                    local.add(new Op(true, t, key, v, start, System.nanoTime()));
                } else if (op < 5) {
                    boolean deleted;
                    try {
                        deleted = table.delete(Conditions.field("id").eq(key)) > 0;
                    } catch (RecordNotFoundException e) {
                        deleted = false;
                    }
                    // an effective delete writes the absence; one that found nothing read it
                    local.add(new Op(deleted, t, key, ABSENT, start, System.nanoTime()));
                } else {
                    Optional<Record> r = table.get(key);
                    local.add(new Op(false, t, key, r.map(x -> (String) x.get("v")).orElse(ABSENT), start,
                            System.nanoTime()));
                }
            }
            history.addAll(local);
        } catch (Throwable e) {
            errors.add(Thread.currentThread().getName() + ": " + e);
        }
    }

    private static void move(DictDB db, List<String> bank, Random rnd, long deadline, AtomicLong transfers,
                             ConcurrentLinkedQueue<String> errors, CountDownLatch go) {
        try {
            go.await();
            while (System.nanoTime() - deadline < 0) {
                List<String> tables = new ArrayList<>(bank);
                Collections.shuffle(tables, rnd);
                List<String> locked = tables.subList(0, 2 + rnd.nextInt(2));
                String from = locked.get(0);
                String to = locked.get(1);
                long a = rnd.nextInt(ACCOUNTS);
                long b = rnd.nextInt(ACCOUNTS);
                long amount = 1 + rnd.nextInt(50);
                db.atomically(locked, () -> {
                    long fromBal = (Long) db.table(from).get(a).orElseThrow().get("bal");
                    long toBal = (Long) db.table(to).get(b).orElseThrow().get("bal");
                    db.table(from).upsert(Map.of("id", a, "bal", fromBal - amount));
                    db.table(to).upsert(Map.of("id", b, "bal", toBal + amount));
                    return null;
                });
                transfers.incrementAndGet();
            }
        } catch (Throwable e) {
            errors.add(Thread.currentThread().getName() + ": " + e);
        }
    }

    private static void audit(DictDB db, List<String> bank, long total, long deadline, AtomicLong audits,
                              ConcurrentLinkedQueue<String> errors, CountDownLatch go) {
        try {
            go.await();
            while (System.nanoTime() - deadline < 0) {
                Snapshot snap = db.snapshot();
                long sum = 0;
                for (Snapshot.TableImage t : snap.tables()) {
                    if (bank.contains(t.definition().name())) {
                        for (Record r : t.records()) {
                            sum += (Long) r.get("bal");
                        }
                    }
                }
                if (sum != total) {
                    errors.add("snapshot at sequence " + snap.sequence() + " totals " + sum + ", not " + total);
                }
                List<String> order = new ArrayList<>(bank);
                Collections.reverse(order);
                long atomic = db.atomically(order, () -> {
                    long s = 0;
                    for (String b : bank) {
                        for (Record r : db.table(b).all()) {
                            s += (Long) r.get("bal");
                        }
                    }
                    return s;
                });
                if (atomic != total) {
                    errors.add("an atomic read totals " + atomic + ", not " + total);
                }
                audits.incrementAndGet();
                Thread.sleep(2);
            }
        } catch (Throwable e) {
            errors.add(Thread.currentThread().getName() + ": " + e);
        }
    }

    private static void indexes(DictDB db, Random rnd, long deadline, AtomicLong ddl,
                                ConcurrentLinkedQueue<String> errors, CountDownLatch go) {
        try {
            go.await();
            while (System.nanoTime() - deadline < 0) {
                Table t = db.table("t" + rnd.nextInt(TABLES));
                if (t.hasIndex("v")) {
                    t.dropIndex("v");
                } else {
                    t.createIndex("v");
                }
                ddl.incrementAndGet();
                Thread.sleep(5);
            }
        } catch (Throwable e) {
            errors.add(Thread.currentThread().getName() + ": " + e);
        }
    }

    /** The per-key register check; see the class comment. */
    static List<String> check(List<Op> history) {
        Map<String, List<Op>> byKey = new HashMap<>();
        for (Op o : history) {
            byKey.computeIfAbsent(o.table() + "/" + o.key(), k -> new ArrayList<>()).add(o);
        }
        List<String> violations = new ArrayList<>();
        for (Map.Entry<String, List<Op>> e : byKey.entrySet()) {
            List<Op> writes = new ArrayList<>(e.getValue().stream().filter(Op::write).toList());
            writes.sort(Comparator.comparingLong(Op::start));
            long[] starts = new long[writes.size()];
            long[] suffixMinEnd = new long[writes.size() + 1];
            suffixMinEnd[writes.size()] = Long.MAX_VALUE;
            for (int i = writes.size() - 1; i >= 0; i--) {
                starts[i] = writes.get(i).start();
                suffixMinEnd[i] = Math.min(suffixMinEnd[i + 1], writes.get(i).end());
            }
            List<Op> deletes = writes.stream().filter(w -> w.value().equals(ABSENT)).toList(); // by start
            long[] deleteStarts = new long[deletes.size()];
            long[] deletePrefixMaxEnd = new long[deletes.size()];
            for (int i = 0; i < deletes.size(); i++) {
                deleteStarts[i] = deletes.get(i).start();
                deletePrefixMaxEnd[i] = Math.max(i == 0 ? Long.MIN_VALUE : deletePrefixMaxEnd[i - 1],
                        deletes.get(i).end());
            }
            Map<String, Op> byValue = new HashMap<>();
            for (Op w : writes) {
                if (!w.value().equals(ABSENT) && byValue.put(w.value(), w) != null) {
                    violations.add(e.getKey() + ": value " + w.value() + " written twice");
                }
            }
            for (Op r : e.getValue()) {
                if (r.write()) {
                    continue;
                }
                long writtenEnd; // the end of the write the read is explained by (the latest-ending candidate)
                if (r.value().equals(ABSENT)) {
                    // the initial absence, or the latest-ending delete that started before the read ended
                    int before = firstStartAtOrAfter(deleteStarts, r.end());
                    writtenEnd = before == 0 ? Long.MIN_VALUE : deletePrefixMaxEnd[before - 1];
                } else {
                    Op w = byValue.get(r.value());
                    if (w == null) {
                        violations.add(e.getKey() + ": read " + r.value() + ", which no write wrote");
                        continue;
                    }
                    if (w.start() >= r.end()) {
                        violations.add(e.getKey() + ": read " + r.value() + " before its write started");
                        continue;
                    }
                    writtenEnd = w.end();
                }
                int i = firstStartAfter(starts, writtenEnd);
                if (suffixMinEnd[i] < r.start()) {
                    violations.add(e.getKey() + ": read " + r.value() + " at [" + r.start() + "," + r.end()
                            + "], but it was overwritten by a write that ended at " + suffixMinEnd[i]
                            + " before the read started");
                }
                if (violations.size() > 20) {
                    return violations;
                }
            }
        }
        return violations;
    }

    /** The index of the first start not before {@code t} (starts sorted). */
    private static int firstStartAtOrAfter(long[] starts, long t) {
        int lo = 0;
        int hi = starts.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (starts[mid] < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static int firstStartAfter(long[] starts, long t) {
        int i = Arrays.binarySearch(starts, t == Long.MIN_VALUE ? Long.MIN_VALUE : t + 1);
        if (i < 0) {
            return -i - 1;
        }
        while (i > 0 && starts[i - 1] > t) {
            i--;
        }
        while (i < starts.length && starts[i] <= t) {
            i++;
        }
        return i;
    }

    private static String threadDump() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        StringBuilder sb = new StringBuilder("Thread dump:\n");
        long[] deadlocked = mx.findDeadlockedThreads();
        sb.append("deadlocked: ").append(deadlocked == null ? "none" : Arrays.toString(deadlocked)).append('\n');
        for (ThreadInfo info : mx.dumpAllThreads(true, true)) {
            sb.append(info);
        }
        return sb.toString();
    }
}
