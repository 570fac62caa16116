package io.dictdb.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dictdb.BackupException;
import io.dictdb.IndexType;
import io.dictdb.Record;
import io.dictdb.Table;
import io.dictdb.TableSpec;
import io.dictdb.core.DictDB;
import io.dictdb.file.ImageFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupManagerTest {
    @TempDir
    Path dir;

    private static DictDB sample() {
        DictDB db = DictDB.create();
        Table users = db.createTable("users");
        users.insert(Map.of("name", "Alice", "age", 30L));
        users.insert(Map.of("name", "Bob", "age", 25L));
        users.createIndex("age", IndexType.SORTED);
        return db;
    }

    private static List<String> names(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void fullThenDeltasRestoreTheLiveStateIncludingSchemaChangesAndKeyCounters() throws Exception {
        DictDB db = sample();
        try (BackupManager m = BackupManager.builder(db, dir).incremental(true).build()) {
            BackupFile full = m.backupFull();
            assertThat(full.kind()).isEqualTo(BackupFile.Kind.FULL);
            assertThat(full.firstSequence()).isEqualTo(1);
            assertThat(full.lastSequence()).isEqualTo(db.sequence());
            assertThat(full.path().getFileName().toString()).matches("dictdb_backup_\\d+_\\d{6}\\.json");

            db.table("users").insert(Map.of("name", "Carol", "age", 41L));
            db.table("users").delete(io.dictdb.query.Conditions.field("name").eq("Bob"));
            db.createTable(TableSpec.named("products").primaryKey("sku").index("price"));
            db.table("products").insert(Map.of("sku", "A1", "price", 9.5));
            BackupFile d1 = m.backupDelta().orElseThrow();
            assertThat(d1.kind()).isEqualTo(BackupFile.Kind.DELTA);
            assertThat(d1.firstSequence()).isEqualTo(full.lastSequence() + 1);
            assertThat(d1.lastSequence()).isEqualTo(db.sequence());
            assertThat(d1.baseImageId()).isEqualTo(full.imageId());
            assertThat(d1.path().getFileName().toString()).matches("dictdb_delta_\\d+_\\d{6}\\.json");

            db.table("users").dropIndex("age");
            db.table("users").createIndex("name");
            db.createTable("scratch").insert(Map.of("x", 1L));
            db.dropTable("scratch");
            Object k = db.table("users").insert(Map.of("name", "Dave"));
            db.table("users").delete(io.dictdb.query.Conditions.field("name").eq("Dave")); // counter stays past k
            BackupFile d2 = m.backupDelta().orElseThrow();
            assertThat(d2.firstSequence()).isEqualTo(d1.lastSequence() + 1);
            assertThat(m.backupDelta()).isEmpty();
            assertThat(m.deltasSinceFull()).isEqualTo(2);

            DictDB restored = Backups.restoreLatest(dir);
            assertThat(DbState.of(restored)).isEqualTo(DbState.of(db));
            assertThat(restored.sequence()).isEqualTo(db.sequence());
            assertThat(restored.table("users").indexedFields()).containsExactly("name");
            assertThat(restored.hasTable("scratch")).isFalse();
            assertThat(restored.table("users").insert(Map.of("name", "Eve"))).isEqualTo((Long) k + 1);
            assertThat(Backups.list(dir)).extracting(BackupFile::path).containsExactly(full.path(), d1.path(),
                    d2.path());
            assertThat(Backups.verify(dir).ok()).isTrue();
        }
    }

    @Test
    void backupNowChoosesFullOrDeltaAndSkipsWhenNothingChanged() {
        DictDB db = sample();
        try (BackupManager m = BackupManager.builder(db, dir).incremental(true).maxDeltasBeforeFull(2).build()) {
            assertThat(m.backupNow().orElseThrow().kind()).isEqualTo(BackupFile.Kind.FULL);
            assertThat(m.backupNow()).isEmpty();
            db.table("users").insert(Map.of("name", "x"));
            assertThat(m.backupNow().orElseThrow().kind()).isEqualTo(BackupFile.Kind.DELTA);
            db.table("users").insert(Map.of("name", "y"));
            assertThat(m.backupNow().orElseThrow().kind()).isEqualTo(BackupFile.Kind.DELTA);
            db.table("users").insert(Map.of("name", "z"));
            assertThat(m.backupNow().orElseThrow().kind()).isEqualTo(BackupFile.Kind.FULL);
            assertThat(m.deltasSinceFull()).isZero();
            assertThat(m.status().lastSequence()).isEqualTo(db.sequence());
        }
        DictDB db2 = sample();
        try (BackupManager m = BackupManager.builder(db2, dir.resolve("plain")).build()) {
            assertThat(m.backupNow().orElseThrow().kind()).isEqualTo(BackupFile.Kind.FULL);
            db2.table("users").insert(Map.of("name", "x"));
            assertThat(m.backupNow().orElseThrow().kind()).isEqualTo(BackupFile.Kind.FULL); // incremental off
            assertThat(m.backupNow()).isEmpty();
        }
    }

    @Test
    void aFailedDeltaGivesItsChangesBackAndTheNextDeltaCarriesThem() {
        DictDB db = sample();
        FaultyFileOps ops = new FaultyFileOps();
        List<Integer> seen = new ArrayList<>();
        try (BackupManager m = BackupManager.builder(db, dir).incremental(true).imageFiles(ImageFiles.using(ops))
                .onFailure((e, n) -> seen.add(n)).build()) {
            BackupFile full = m.backupFull();
            db.table("users").insert(Map.of("name", "lost?"));
            for (FaultyFileOps.Step step : List.of(FaultyFileOps.Step.CREATE, FaultyFileOps.Step.WRITE,
                    FaultyFileOps.Step.FORCE, FaultyFileOps.Step.MOVE, FaultyFileOps.Step.FORCE_DIRECTORY)) {
                ops.failNext(1, step);
                assertThatThrownBy(m::backupDelta).isInstanceOf(BackupException.class)
                        .hasMessageContaining("injected failure at " + step);
                db.table("users").insert(Map.of("name", "after " + step));
            }
            assertThat(seen).containsExactly(1, 2, 3, 4, 5);
            assertThat(m.consecutiveFailures()).isEqualTo(5);
            assertThat(m.status().lastError()).get().asString().contains("injected failure at FORCE_DIRECTORY");
            BackupFile d = m.backupDelta().orElseThrow();
            assertThat(d.firstSequence()).isEqualTo(full.lastSequence() + 1);
            assertThat(d.lastSequence()).isEqualTo(db.sequence());
            assertThat(m.consecutiveFailures()).isZero();
            assertThat(m.status().lastSuccess()).isPresent();
            assertThat(DbState.of(Backups.restoreLatest(dir))).isEqualTo(DbState.of(db));
            assertThat(Backups.list(dir)).hasSize(2); // nothing half-written stays
            assertThat(dir.toFile().list()).hasSize(2);
        }
    }

    @Test
    void afterAFailedFullTheNextBackupIsAFullAgain() {
        DictDB db = sample();
        FaultyFileOps ops = new FaultyFileOps();
        try (BackupManager m = BackupManager.builder(db, dir).incremental(true).imageFiles(ImageFiles.using(ops))
                .build()) {
            m.backupFull();
            db.table("users").insert(Map.of("name", "x"));
            ops.failNext(1, FaultyFileOps.Step.FORCE);
            assertThatThrownBy(m::backupFull).isInstanceOf(BackupException.class);
            db.table("users").insert(Map.of("name", "y"));
            assertThat(m.backupNow().orElseThrow().kind()).isEqualTo(BackupFile.Kind.FULL);
            db.table("users").insert(Map.of("name", "z"));
            assertThat(m.backupDelta().orElseThrow().kind()).isEqualTo(BackupFile.Kind.DELTA);
            assertThat(DbState.of(Backups.restoreLatest(dir))).isEqualTo(DbState.of(db));
        }
    }

    @Test
    void onFailureCountsConsecutiveFailuresAndResetsAfterASuccess() {
        DictDB db = sample();
        FaultyFileOps ops = new FaultyFileOps();
        List<Integer> seen = new ArrayList<>();
        List<Throwable> errors = new ArrayList<>();
        try (BackupManager m = BackupManager.builder(db, dir).imageFiles(ImageFiles.using(ops))
                .onFailure((e, n) -> {
                    seen.add(n);
                    errors.add(e);
                }).build()) {
            ops.failNext(3, FaultyFileOps.Step.CREATE);
            for (int i = 1; i <= 3; i++) {
                assertThatThrownBy(m::backupNow).isInstanceOf(BackupException.class);
                assertThat(m.consecutiveFailures()).isEqualTo(i);
                assertThat(m.status().consecutiveFailures()).isEqualTo(i);
            }
            assertThat(seen).containsExactly(1, 2, 3);
            assertThat(m.status().lastFailure()).isPresent();
            assertThat(m.status().lastSuccess()).isEmpty();
            assertThat(errors).allSatisfy(e -> assertThat(e).isInstanceOf(BackupException.class));
            m.backupNow().orElseThrow();
            assertThat(m.consecutiveFailures()).isZero();
            assertThat(m.status().lastSuccess()).isPresent();
            assertThat(m.status().bytesWritten()).isPositive();
            assertThat(m.status().lastDuration()).isPresent();
            ops.failNext(1, FaultyFileOps.Step.WRITE);
            db.table("users").insert(Map.of("name", "x"));
            assertThatThrownBy(m::backupNow).isInstanceOf(BackupException.class);
            assertThat(seen).containsExactly(1, 2, 3, 1);
        }
    }

    @Test
    void scheduledFailuresReachOnFailureToo() throws Exception {
        DictDB db = sample();
        FaultyFileOps ops = new FaultyFileOps();
        ops.failNext(2, FaultyFileOps.Step.MOVE);
        CountDownLatch two = new CountDownLatch(2);
        List<Integer> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (BackupManager m = BackupManager.builder(db, dir).interval(Duration.ofMillis(20))
                .imageFiles(ImageFiles.using(ops)).onFailure((e, n) -> {
                    seen.add(n);
                    two.countDown();
                }).build()) {
            m.start();
            assertThat(m.status().running()).isTrue();
            assertThat(two.await(10, TimeUnit.SECONDS)).isTrue();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (m.status().lastSuccess().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(m.status().lastSuccess()).isPresent();
            assertThat(m.consecutiveFailures()).isZero();
        }
        assertThat(seen).startsWith(1, 2);
    }

    @Test
    void notifyChangeNeverBlocksAndCoalescesIntoOneBackup() throws Exception {
        DictDB db = sample();
        FaultyFileOps ops = new FaultyFileOps();
        try (BackupManager m = BackupManager.builder(db, dir).minInterval(Duration.ofMillis(50))
                .imageFiles(ImageFiles.using(ops)).build()) {
            m.start();
            ops.entered = new CountDownLatch(1);
            ops.release = new CountDownLatch(1);
            m.notifyChange();
            assertThat(ops.entered.await(10, TimeUnit.SECONDS)).isTrue(); // a backup is now blocked mid-write
            db.table("users").insert(Map.of("name", "during"));
            long t0 = System.nanoTime();
            for (int i = 0; i < 10_000; i++) {
                m.notifyChange();
            }
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertThat(ms).as("10,000 notifyChange calls while a backup is blocked").isLessThan(2_000);
            assertThat(ops.creates.get()).isEqualTo(1);
            ops.entered = null;
            ops.release.countDown();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (ops.creates.get() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            Thread.sleep(300); // six more minIntervals: nothing else may come
            assertThat(ops.creates.get()).as("the blocked backup plus one for the 10,000 calls").isEqualTo(2);
        }
        assertThat(Backups.list(dir)).hasSize(2);
        assertThat(DbState.of(Backups.restoreLatest(dir))).isEqualTo(DbState.of(db));
    }

    @Test
    void stopFromOnFailureOnTheSchedulerThreadDoesNotHang() throws Exception {
        DictDB db = sample();
        FaultyFileOps ops = new FaultyFileOps();
        ops.failNext(1, FaultyFileOps.Step.CREATE);
        CountDownLatch stopped = new CountDownLatch(1);
        BackupManager[] holder = new BackupManager[1];
        holder[0] = BackupManager.builder(db, dir).interval(Duration.ofMillis(10)).imageFiles(ImageFiles.using(ops))
                .onFailure((e, n) -> {
                    holder[0].stop();
                    stopped.countDown();
                }).build();
        holder[0].start();
        assertThat(stopped.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(holder[0].status().running()).isFalse();
        assertThatThrownBy(holder[0]::backupNow).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void lifecycleErrors() {
        DictDB db = sample();
        BackupManager m = BackupManager.builder(db, dir).build();
        assertThatThrownBy(m::notifyChange).isInstanceOf(IllegalStateException.class);
        m.start();
        assertThatThrownBy(m::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("already");
        m.stop();
        assertThat(m.status().running()).isFalse();
        assertThatThrownBy(m::start).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(m::backupNow).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(m::backupFull).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(m::backupDelta).isInstanceOf(IllegalStateException.class);
        m.notifyChange(); // a writer racing the shutdown: nothing to do, nothing thrown
        m.stop(); // idempotent
        assertThatThrownBy(() -> BackupManager.builder(db, dir).format("nope").build())
                .hasMessageContaining("nope");
        assertThatThrownBy(() -> BackupManager.builder(db, dir).keepFullBackups(0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void stopWaitsForTheBackupInFlight() throws Exception {
        DictDB db = sample();
        FaultyFileOps ops = new FaultyFileOps();
        BackupManager m = BackupManager.builder(db, dir).minInterval(Duration.ZERO)
                .imageFiles(ImageFiles.using(ops)).build();
        m.start();
        ops.entered = new CountDownLatch(1);
        ops.release = new CountDownLatch(1);
        m.notifyChange();
        assertThat(ops.entered.await(10, TimeUnit.SECONDS)).isTrue();
        Thread stopper = new Thread(m::stop);
        stopper.start();
        stopper.join(200);
        assertThat(stopper.isAlive()).as("stop waits for the backup in flight").isTrue();
        ops.release.countDown();
        stopper.join(10_000);
        assertThat(stopper.isAlive()).isFalse();
        assertThat(Backups.list(dir)).hasSize(1); // the backup in flight completed
    }

    @Test
    void namesNeverCollideAndTemporaryFilesAreIgnoredThenCleaned() throws Exception {
        DictDB db = sample();
        Files.createDirectories(dir);
        Path temp = dir.resolve(".dictdb_backup_1_000001.json.1a2b3c4d.tmp");
        Files.writeString(temp, "DICTDB-IMAGE 1 torn");
        try (BackupManager m = BackupManager.builder(db, dir).build()) {
            List<Path> written = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                db.table("users").insert(Map.of("i", (long) i));
                written.add(m.backupFull().path());
            }
            assertThat(written).doesNotHaveDuplicates();
            List<String> sorted = written.stream().map(p -> p.getFileName().toString()).sorted().toList();
            assertThat(sorted).isEqualTo(written.stream().map(p -> p.getFileName().toString()).toList());
            assertThat(Backups.list(dir)).extracting(BackupFile::path).containsExactlyElementsOf(written);
            assertThat(Backups.verify(dir).ok()).isTrue();
            assertThat(temp).exists();
            m.start();
            assertThat(temp).doesNotExist();
        }
        assertThat(names(dir)).allMatch(n -> n.startsWith("dictdb_backup_"));
    }

    @Test
    void retentionKeepsTheNewestChainsWhole() throws Exception {
        DictDB db = sample();
        List<List<Path>> chains = new ArrayList<>();
        try (BackupManager m = BackupManager.builder(db, dir).incremental(true).keepFullBackups(2).build()) {
            for (int c = 0; c < 4; c++) {
                List<Path> chain = new ArrayList<>();
                db.table("users").insert(Map.of("chain", (long) c));
                chain.add(m.backupFull().path());
                for (int d = 0; d < 3; d++) {
                    db.table("users").insert(Map.of("chain", (long) c, "delta", (long) d));
                    chain.add(m.backupDelta().orElseThrow().path());
                }
                chains.add(chain);
                List<Path> present = Backups.list(dir).stream().map(BackupFile::path).toList();
                List<Path> expected = new ArrayList<>();
                for (int k = Math.max(0, c - 1); k <= c; k++) {
                    expected.addAll(chains.get(k));
                }
                assertThat(present).containsExactlyElementsOf(expected);
            }
            assertThat(Backups.list(dir).stream().filter(f -> f.kind() == BackupFile.Kind.FULL)).hasSize(2);
            assertThat(Backups.verify(dir).ok()).isTrue();
            assertThat(DbState.of(Backups.restoreLatest(dir))).isEqualTo(DbState.of(db));
        }
    }

    @Test
    void retentionDeletesNothingWhenTheNewFullDoesNotReadBack() throws Exception {
        DictDB db = sample();
        FaultyFileOps ops = new FaultyFileOps();
        try (BackupManager m = BackupManager.builder(db, dir).keepFullBackups(1).imageFiles(ImageFiles.using(ops))
                .build()) {
            Path first = m.backupFull().path();
            db.table("users").insert(Map.of("name", "x"));
            ops.failNext(1, FaultyFileOps.Step.CREATE);
            assertThatThrownBy(m::backupFull).isInstanceOf(BackupException.class);
            assertThat(first).exists();
            Path second = m.backupFull().path();
            assertThat(first).doesNotExist();
            assertThat(second).exists();
            assertThat(Optional.of(Backups.list(dir).size())).contains(1);

            // written but damaged on the way to the device: it does not read back, so nothing older is deleted
            db.table("users").insert(Map.of("name", "y"));
            ops.failNext(1, FaultyFileOps.Step.SILENT_FLIP);
            assertThatThrownBy(m::backupFull).isInstanceOf(BackupException.class)
                    .hasMessageContaining("does not read back");
            assertThat(second).exists();
            assertThat(m.consecutiveFailures()).isEqualTo(1);
            Path third = m.backupFull().path(); // the next backup is a full again, and retention runs then
            assertThat(second).doesNotExist();
            assertThat(Backups.list(dir)).extracting(BackupFile::path).containsExactly(third);
            assertThat(Backups.verify(dir).ok()).isTrue();
        }
    }

    @Test
    void aFullOnlyManagerKeepsNoChangeInMemory() {
        DictDB db = sample();
        try (BackupManager m = BackupManager.builder(db, dir).build()) { // incremental off
            m.start();
            m.backupFull();
            for (long i = 0; i < 1_000; i++) {
                Object key = db.table("users").insert(Map.of("name", "n" + i));
                db.table("users").delete(io.dictdb.query.Conditions.field("id").eq(key));
            }
            // no follower: the core keeps nothing for a delta no one will write
            assertThat(io.dictdb.core.change.ChangeChannel.of(db).followerCount()).isZero();
            assertThat(m.backupDelta().orElseThrow().kind()).isEqualTo(BackupFile.Kind.FULL);
            assertThat(io.dictdb.core.change.ChangeChannel.of(db).followerCount()).isZero();
        }
    }

    @Test
    void writersRacingCloseNeverFailAndNotifyChangeAfterStopDoesNothing() throws Exception {
        for (int round = 0; round < 10; round++) {
            DictDB db = sample();
            Path folder = dir.resolve("round" + round);
            BackupManager m = BackupManager.builder(db, folder).incremental(true).minInterval(Duration.ZERO).build();
            m.start();
            int writers = 4;
            CountDownLatch warmedUp = new CountDownLatch(writers);
            java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
            java.util.Queue<Throwable> errors = new java.util.concurrent.ConcurrentLinkedQueue<>();
            List<Thread> threads = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                long writer = w;
                Thread t = new Thread(() -> {
                    try {
                        for (int i = 0; ; i++) {
                            boolean after = closed.get(); // read before the call: true means it runs after close()
                            db.table("users").insert(Map.of("writer", writer, "i", (long) i));
                            m.notifyChange();
                            if (i == 20) {
                                warmedUp.countDown();
                            }
                            if (after && i > 20) {
                                break; // some calls made after close() returned, none of them threw
                            }
                        }
                    } catch (Throwable e) {
                        errors.add(e);
                        warmedUp.countDown();
                    }
                }, "writer-" + w);
                threads.add(t);
                t.start();
            }
            assertThat(warmedUp.await(30, TimeUnit.SECONDS)).isTrue();
            m.close(); // while the writers call notifyChange()
            closed.set(true);
            for (Thread t : threads) {
                t.join(30_000);
                assertThat(t.isAlive()).as(t.getName() + " finished").isFalse();
            }
            assertThat(errors).as("writers racing close()").isEmpty();
            assertThat(m.status().running()).isFalse();
            m.notifyChange(); // stopped: still nothing
            assertThatThrownBy(m::backupNow).isInstanceOf(IllegalStateException.class);
            if (Files.isDirectory(folder) && !Backups.list(folder).isEmpty()) {
                assertThat(Backups.verify(folder).ok()).as("what the scheduler wrote before close() reads back")
                        .isTrue();
            }
        }
    }

    @Test
    void aStopRacingStartLeavesNothingRunning() throws Exception {
        for (int round = 0; round < 20; round++) {
            DictDB db = sample();
            BackupManager m = BackupManager.builder(db, dir.resolve("race" + round)).minInterval(Duration.ZERO)
                    .build();
            CountDownLatch go = new CountDownLatch(1);
            java.util.Queue<Throwable> errors = new java.util.concurrent.ConcurrentLinkedQueue<>();
            Thread starter = new Thread(() -> {
                try {
                    go.await();
                    m.start();
                    m.notifyChange();
                } catch (IllegalStateException stoppedFirst) {
                    // stop() won: start() refuses a stopped manager, as documented
                } catch (Throwable e) {
                    errors.add(e);
                }
            });
            starter.start();
            go.countDown();
            m.stop();
            starter.join(30_000);
            assertThat(starter.isAlive()).isFalse();
            assertThat(errors).isEmpty();
            m.stop(); // once stopped, always stopped
            assertThat(m.status().running()).as("round " + round).isFalse();
            assertThatThrownBy(m::backupNow).isInstanceOf(IllegalStateException.class);
        }
    }
}
