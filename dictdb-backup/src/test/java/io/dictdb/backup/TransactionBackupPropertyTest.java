package io.dictdb.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import io.dictdb.Record;
import io.dictdb.RecordNotFoundException;
import io.dictdb.core.DictDB;
import io.dictdb.query.Conditions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Stateful property: 2-3 threads run random programs of single writes and multi-table transactions (some throwing
 * at a random point, so rolled back) while a manager takes deltas and now and then a full. Each transaction
 * {@code T} inserts {@code P} records spread over its tables, each marked {@code tx=T, parts=P}; single writes touch
 * only negative keys, so nothing else ever changes a marked record. Then the folder is restored at every sequence
 * number it covers: each restored state holds every transaction whole ({@code P} marked records) or not at all, never
 * one that was rolled back; a restore at a point a delta covers reaches it unless the point is inside a commit, and
 * then says so; a point no file covers gives the newest backed-up state before it; a transaction present
 * at one sequence is present at every later one; the latest restore equals the live database.
 *
 * <p>Bounded: 4 programs of 12-30 operations per thread ({@code -Ddictdb.longTests=true}: 40 programs).
 */
class TransactionBackupPropertyTest {
    private static final int SCALE = Boolean.getBoolean("dictdb.longTests") ? 10 : 1;
    private static final List<String> TABLES = List.of("t0", "t1", "t2");

    /** Thrown by a transaction's block on purpose: the transaction is undone. */
    private static final class RolledBack extends RuntimeException {
        RolledBack() {
            super("rolled back on purpose", null, false, false);
        }
    }

    @Test
    void everyRestoredSequenceHoldsEachTransactionWholeOrNotAtAll() {
        qt().withExamples(4 * SCALE).withShrinkCycles(0)
                .forAll(longs().all(), integers().between(2, 3), integers().between(12, 30))
                .checkAssert(this::run);
    }

    private void run(long seed, int threads, int opsPerThread) {
        Path dir = tempDir();
        DictDB db = DictDB.create();
        TABLES.forEach(db::createTable);
        AtomicLong ids = new AtomicLong();
        Map<Long, Integer> committed = new ConcurrentHashMap<>();
        Set<Long> rolledBack = ConcurrentHashMap.newKeySet();
        Random rnd = new Random(seed);
        String ctx0 = "seed " + seed + ", " + threads + " threads, " + opsPerThread + " operations each";
        String format = List.of("json", "cbor", "kryo").get((int) Math.floorMod(seed, 3L)); // every codec keeps commits
        String ctx = ctx0 + ", " + format;
        try (BackupManager m = BackupManager.builder(db, dir).format(format).incremental(true).build()) {
            m.backupFull();
            CountDownLatch done = new CountDownLatch(threads);
            List<Throwable> errors = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                long threadSeed = rnd.nextLong();
                Thread w = new Thread(() -> {
                    try {
                        program(db, new Random(threadSeed), opsPerThread, ids, committed, rolledBack);
                    } catch (Throwable e) {
                        synchronized (errors) {
                            errors.add(e);
                        }
                    } finally {
                        done.countDown();
                    }
                }, "writer-" + t);
                w.start();
            }
            while (done.getCount() > 0) {
                if (rnd.nextInt(6) == 0) {
                    m.backupFull();
                } else {
                    m.backupDelta();
                }
                try {
                    Thread.sleep(2); // a few changes per delta, not one
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            assertThat(errors).as(ctx).isEmpty();
            m.backupDelta();
        }
        List<BackupFile> files = Backups.list(dir);
        long first = files.stream().filter(f -> f.kind() == BackupFile.Kind.FULL)
                .mapToLong(BackupFile::lastSequence).min().orElseThrow();
        long last = files.stream().mapToLong(BackupFile::lastSequence).max().orElseThrow();
        assertThat(last).as(ctx).isEqualTo(db.sequence());
        Set<Long> before = Set.of();
        int stopped = 0;
        for (long s = first; s <= last; s++) {
            RestoreResult r = Backups.restoreReport(dir, RestorePoint.atSequence(s));
            String at = ctx + ", restore at " + s;
            long point = s;
            boolean covered = files.stream().anyMatch(f -> f.kind() == BackupFile.Kind.FULL
                    ? f.lastSequence() == point : f.firstSequence() <= point && point <= f.lastSequence());
            if (r.stoppedAt().isPresent()) {
                stopped++;
                assertThat(r.stoppedAt().get().kind()).as(at).isEqualTo(VerifyReport.Problem.Kind.INSIDE_COMMIT);
                assertThat(covered).as(at).isTrue();
                assertThat(r.sequence()).as(at).isLessThan(s);
            } else if (covered) {
                assertThat(r.sequence()).as(at).isEqualTo(s);
            } else {
                // between a full and the next full with no delta in between: the newest backed-up state before
                assertThat(r.sequence()).as(at).isEqualTo(files.stream().mapToLong(BackupFile::lastSequence)
                        .filter(end -> end <= point).max().orElseThrow());
            }
            Map<Long, Integer> present = markers(r.database());
            for (Map.Entry<Long, Integer> e : present.entrySet()) {
                assertThat(rolledBack).as("%s: transaction %s was rolled back", at, e.getKey())
                        .doesNotContain(e.getKey());
                assertThat(e.getValue()).as("%s: records of transaction %s", at, e.getKey())
                        .isEqualTo(committed.get(e.getKey()));
            }
            assertThat(present.keySet()).as("%s: transactions present one sequence earlier", at)
                    .containsAll(before);
            before = present.keySet();
        }
        assertThat(before).as(ctx).isEqualTo(committed.keySet());
        assertThat(DbState.of(Backups.restoreLatest(dir))).as(ctx).isEqualTo(DbState.of(db));
        if (committed.values().stream().anyMatch(p -> p > 1)) {
            assertThat(stopped).as("%s: restores that fell inside a commit", ctx).isPositive();
        }
        deleteTree(dir);
    }

    /** One thread's program: single writes on negative keys, transactions inserting marked records. */
    private static void program(DictDB db, Random rnd, int ops, AtomicLong ids, Map<Long, Integer> committed,
                                Set<Long> rolledBack) {
        for (int op = 0; op < ops; op++) {
            if (rnd.nextInt(5) < 2) {
                String table = TABLES.get(rnd.nextInt(TABLES.size()));
                long key = -1 - rnd.nextInt(20);
                try {
                    if (rnd.nextBoolean()) {
                        db.table(table).upsert(Map.of("id", key, "v", rnd.nextLong()));
                    } else {
                        db.table(table).delete(Conditions.field("id").eq(key));
                    }
                } catch (RecordNotFoundException nothingToDelete) {
                    // no change
                }
                continue;
            }
            List<String> tables = new ArrayList<>(TABLES);
            java.util.Collections.shuffle(tables, rnd);
            List<String> chosen = tables.subList(0, 2 + rnd.nextInt(2));
            long tx = ids.incrementAndGet();
            int parts = chosen.size() + rnd.nextInt(3);
            int throwAt = rnd.nextInt(4) == 0 ? rnd.nextInt(parts + 1) : -1; // after that many inserts
            try {
                db.transaction(chosen, () -> {
                    for (int i = 0; i < parts; i++) {
                        if (i == throwAt) {
                            throw new RolledBack();
                        }
                        db.table(chosen.get(i % chosen.size())).insert(Map.of("id", tx * 10 + i, "tx", tx,
                                "parts", (long) parts));
                    }
                    if (throwAt == parts) {
                        throw new RolledBack();
                    }
                });
                committed.put(tx, parts);
            } catch (RolledBack expected) {
                rolledBack.add(tx);
            }
        }
    }

    /** The marked records of a state, counted per transaction. */
    private static Map<Long, Integer> markers(DictDB db) {
        Map<Long, Integer> counts = new TreeMap<>();
        for (String t : TABLES) {
            for (Record r : db.table(t).all()) {
                Object tx = r.get("tx");
                if (tx != null) {
                    counts.merge(((Number) tx).longValue(), 1, Integer::sum);
                }
            }
        }
        return counts;
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("dictdb-tx-backup-prop");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
