package io.dictdb.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import io.dictdb.BackupException;
import io.dictdb.IndexType;
import io.dictdb.Table;
import io.dictdb.TableSpec;
import io.dictdb.core.DictDB;
import io.dictdb.query.Conditions;
import io.dictdb.file.ImageFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Stateful property: random writes from several threads, schema changes, full and delta backups (some while the
 * writers run), and injected write failures at every step of a file write. For every backup taken while the
 * writers were paused, restoring to its sequence number gives exactly the live state recorded from the core's
 * snapshot at that sequence number; backups taken while writers ran lose nothing either, since every later
 * checkpoint's restore goes through them.
 */
class BackupPropertyTest {
    private static final int SCALE = Boolean.getBoolean("dictdb.longTests") ? 10 : 1;
    private static final String[] FORMATS = {"json", "cbor", "kryo"};

    @Test
    void everySuccessfulBackupRestoresTheStateAtItsSequence() {
        qt().withExamples(20 * SCALE).withShrinkCycles(0)
                .forAll(lists().of(integers().between(0, 99)).ofSizeBetween(4, 24), longs().all())
                .checkAssert(this::run);
    }

    private void run(List<Integer> steps, long seed) {
        Path dir;
        try {
            dir = Files.createTempDirectory("dictdb-backup-prop");
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
        Random rnd = new Random(seed);
        DictDB db = DictDB.create();
        db.createTable("t0");
        FaultyFileOps ops = new FaultyFileOps();
        Map<Long, DbState> expected = new LinkedHashMap<>();
        int[] tableCounter = {1};
        String format = FORMATS[rnd.nextInt(FORMATS.length)];
        try (BackupManager m = BackupManager.builder(db, dir).format(format).incremental(true)
                .maxDeltasBeforeFull(3).imageFiles(ImageFiles.using(ops)).build()) {
            for (int step : steps) {
                if (step < 30) {
                    concurrentWritesWithBackup(db, m, ops, rnd, step < 8, expected);
                } else if (step < 45) {
                    schemaChange(db, rnd, tableCounter);
                } else if (step < 65) {
                    checkpoint(db, m, expected, () -> m.backupDelta());
                } else if (step < 75) {
                    checkpoint(db, m, expected, () -> java.util.Optional.of(m.backupFull()));
                } else if (step < 90) {
                    writes(db, rnd, 5); // these may all be refused (nothing to delete or update) ...
                    db.table("t0").insert(Map.of("v", -1L)); // ... so one change for the failing backup to carry
                    ops.failNext(1, FaultyFileOps.Step.values()[rnd.nextInt(5)]);
                    try {
                        if (rnd.nextBoolean()) {
                            m.backupFull();
                        } else {
                            m.backupDelta();
                        }
                        throw new AssertionError("the injected failure did not fail the backup");
                    } catch (BackupException expectedFailure) {
                        assertThat(expectedFailure).hasMessageContaining("injected failure");
                    } finally {
                        ops.failures.set(0);
                    }
                } else {
                    checkpoint(db, m, expected, m::backupNow);
                }
            }
            writes(db, rnd, 3);
            checkpoint(db, m, expected, m::backupNow);
        }
        for (Map.Entry<Long, DbState> e : expected.entrySet()) {
            RestoreResult r = Backups.restoreReport(dir, RestorePoint.atSequence(e.getKey()));
            assertThat(r.stoppedAt()).as("restore to %s in %s", e.getKey(), format).isEmpty();
            assertThat(r.sequence()).isEqualTo(e.getKey());
            assertThat(DbState.of(r.database()).content()).as("state at sequence %s (%s), steps %s, seed %s",
                    e.getKey(), format, steps, seed).isEqualTo(e.getValue().content());
        }
        assertThat(DbState.of(Backups.restoreLatest(dir))).isEqualTo(DbState.of(db));
        VerifyReport report = Backups.verify(dir);
        assertThat(report.ok()).as("%s", report).isTrue();
        deleteTree(dir);
    }

    interface Backup {
        java.util.Optional<BackupFile> run();
    }

    /** A backup with the writers paused: the state at its sequence number is the live state. */
    private static void checkpoint(DictDB db, BackupManager m, Map<Long, DbState> expected, Backup backup) {
        DbState state = DbState.of(db);
        java.util.Optional<BackupFile> f = backup.run();
        if (f.isPresent()) {
            assertThat(f.get().lastSequence()).isEqualTo(state.sequence());
            expected.put(state.sequence(), state);
        } else {
            // nothing written only when the last successful backup already covers every change
            assertThat(m.status().lastSequence()).isEqualTo(state.sequence());
            expected.put(state.sequence(), state);
        }
    }

    /**
     * A backup while writer threads run. The writers take turns (one lock) only to record the state after each of
     * their writes, so whatever sequence number the backup stops at, the state there is known and checked.
     */
    private static void concurrentWritesWithBackup(DictDB db, BackupManager m, FaultyFileOps ops, Random rnd,
                                                   boolean fail, Map<Long, DbState> expected) {
        int threads = 3;
        Object turn = new Object();
        Map<Long, DbState> states = new java.util.concurrent.ConcurrentHashMap<>();
        states.put(db.sequence(), DbState.of(db));
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> writers = new ArrayList<>();
        List<Throwable> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int i = 0; i < threads; i++) {
            long s = rnd.nextLong();
            Thread t = new Thread(() -> {
                try {
                    go.await();
                    Random own = new Random(s);
                    for (int w = 0; w < 30; w++) {
                        synchronized (turn) {
                            writes(db, own, 1);
                            states.put(db.sequence(), DbState.of(db));
                        }
                    }
                } catch (Throwable e) {
                    errors.add(e);
                }
            });
            t.start();
            writers.add(t);
        }
        boolean full = rnd.nextInt(4) == 0;
        if (fail) {
            ops.failNext(1, FaultyFileOps.Step.values()[rnd.nextInt(5)]);
        }
        go.countDown();
        java.util.Optional<BackupFile> f = java.util.Optional.empty();
        try {
            f = full ? java.util.Optional.of(m.backupFull()) : m.backupDelta();
        } catch (BackupException e) {
            assertThat(fail).as("only injected failures, got %s", e).isTrue();
        } finally {
            ops.failures.set(0);
        }
        for (Thread t : writers) {
            try {
                t.join();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
        assertThat(errors).isEmpty();
        if (f.isPresent()) { // checked once the writers are done: the last one may not have recorded its state yet
            long seq = f.get().lastSequence();
            assertThat(states).as("a state recorded at the backup's sequence %s", seq).containsKey(seq);
            expected.put(seq, states.get(seq));
        }
    }

    private static void writes(DictDB db, Random rnd, int count) {
        for (int i = 0; i < count; i++) {
            List<String> names = db.tableNames();
            Table t = db.table(names.get(rnd.nextInt(names.size())));
            long k = 1 + rnd.nextInt(40);
            int op = rnd.nextInt(5);
            try {
                switch (op) {
                    case 0, 1 -> t.insert(Map.of("v", (long) rnd.nextInt(100), "s", "x" + rnd.nextInt(10)));
                    case 2 -> t.upsert(Map.of("id", k, "v", (long) rnd.nextInt(100), "s", "u"));
                    case 3 -> t.delete(Conditions.field("id").eq(k));
                    default -> t.update(Map.of("s", "w" + rnd.nextInt(5)),
                            Conditions.field("v").lt((long) rnd.nextInt(50)));
                }
            } catch (io.dictdb.RecordNotFoundException | io.dictdb.DuplicateKeyException nothingMatched) {
                // deleting or updating nothing is refused, as in the Python DictDB: no change made
            }
        }
    }

    private static void schemaChange(DictDB db, Random rnd, int[] tableCounter) {
        List<String> names = db.tableNames();
        switch (rnd.nextInt(4)) {
            case 0 -> {
                String name = "t" + tableCounter[0]++;
                db.createTable(rnd.nextBoolean() ? TableSpec.named(name).index("v", IndexType.SORTED)
                        : TableSpec.named(name));
                writes(db, rnd, 3);
            }
            case 1 -> {
                String victim = names.get(rnd.nextInt(names.size()));
                if (!victim.equals("t0")) {
                    db.dropTable(victim);
                }
            }
            default -> {
                Table t = db.table(names.get(rnd.nextInt(names.size())));
                if (t.hasIndex("s")) {
                    t.dropIndex("s");
                } else {
                    t.createIndex("s", rnd.nextBoolean() ? IndexType.HASH : IndexType.SORTED);
                }
            }
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a temporary folder: left for the OS
        }
    }
}
