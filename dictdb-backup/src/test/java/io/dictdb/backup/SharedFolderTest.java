package io.dictdb.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dictdb.BackupException;
import io.dictdb.core.DictDB;
import io.dictdb.spi.Codecs;
import io.dictdb.file.FileOps;
import io.dictdb.file.ForwardingFileOps;
import io.dictdb.file.ImageFiles;
import io.dictdb.spi.ImageHeader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A backup folder belongs to one database: finding 2 of issue 21 and the rules that keep two apart. */
class SharedFolderTest {
    @TempDir
    Path root;

    private static DictDB database(String label, int records) {
        DictDB db = DictDB.create();
        db.createTable("t");
        for (int i = 0; i < records; i++) {
            db.table("t").insert(Map.of("label", label, "i", (long) i));
        }
        return db;
    }

    /** A full and a delta of {@code db} in {@code dir}. */
    private static void backUp(DictDB db, Path dir) {
        try (BackupManager m = BackupManager.builder(db, dir).incremental(true).build()) {
            m.backupFull();
            db.table("t").insert(Map.of("label", "later"));
            m.backupDelta().orElseThrow();
        }
    }

    private static void copyAll(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> s = Files.list(from)) {
            for (Path p : s.toList()) {
                Files.copy(p, to.resolve(p.getFileName()));
            }
        }
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aSecondDatabasesManagerIsRefusedAtStartNamingTheFolderAndBothIds() {
        Path dir = root.resolve("backups");
        DictDB a = database("a", 3);
        DictDB b = database("b", 2);
        try (BackupManager first = BackupManager.builder(a, dir).build()) {
            first.start();
            first.backupFull();
        }
        BackupManager second = BackupManager.builder(b, dir).build();
        assertThatThrownBy(second::start).isInstanceOf(BackupException.class)
                .hasMessageContaining(dir.toString()).hasMessageContaining(a.databaseId())
                .hasMessageContaining(b.databaseId());
        assertThat(second.status().running()).isFalse();
        assertThatThrownBy(second::backupFull).isInstanceOf(IllegalStateException.class); // refused means stopped
    }

    @Test
    void aBackupIntoAFolderAnotherDatabaseWroteMeanwhileFailsCountsAndWritesNothing() throws Exception {
        Path dir = root.resolve("backups");
        DictDB a = database("a", 3);
        DictDB b = database("b", 2);
        List<Throwable> failures = new ArrayList<>();
        try (BackupManager ma = BackupManager.builder(a, dir).build();
             BackupManager mb = BackupManager.builder(b, dir).onFailure((e, n) -> failures.add(e)).build()) {
            ma.start();
            mb.start(); // the folder is still empty: both may start
            Path aFull = ma.backupFull().path();
            assertThatThrownBy(mb::backupFull).isInstanceOf(BackupException.class)
                    .hasMessageContaining(dir.toString()).hasMessageContaining(a.databaseId());
            assertThat(failures).hasSize(1);
            assertThat(mb.status().consecutiveFailures()).isEqualTo(1);
            assertThat(names(dir)).containsExactly(aFull.getFileName().toString());
        }
    }

    @Test
    void retentionNeverDeletesAnotherDatabasesFullNorAFileWithoutADatabaseId() throws Exception {
        Path dir = root.resolve("backups");
        Files.createDirectories(dir);
        // a full written before databases had ids, at an older sequence than anything below
        Path legacy = dir.resolve("dictdb_backup_1000000000_000001.json");
        ImageFiles.standard().write(legacy, Codecs.named("json"), ImageHeader.full(0, Instant.EPOCH),
                DictDB.create().snapshot()::writeTo);
        // another database's full, written by its own manager while this one runs (copied in on this one's write)
        Path elsewhere = root.resolve("a");
        DictDB a = database("a", 1);
        Path aFull;
        try (BackupManager ma = BackupManager.builder(a, elsewhere).build()) {
            aFull = ma.backupFull().path();
        }
        DictDB b = database("b", 5);
        AtomicInteger fulls = new AtomicInteger();
        FileOps copyOnSecondFull = new ForwardingFileOps(FileOps.standard()) {
            @Override
            public void moveAtomically(Path source, Path target) throws IOException {
                super.moveAtomically(source, target);
                if (target.getFileName().toString().startsWith("dictdb_backup_") && fulls.incrementAndGet() == 2) {
                    Files.copy(aFull, dir.resolve(aFull.getFileName()));
                }
            }
        };
        try (BackupManager mb = BackupManager.builder(b, dir).keepFullBackups(1)
                .imageFiles(ImageFiles.using(copyOnSecondFull)).build()) {
            mb.start(); // a file without an id does not make start fail
            Path first = mb.backupFull().path();
            b.table("t").insert(Map.of("label", "more"));
            Path second = mb.backupFull().path();
            assertThat(first).doesNotExist(); // its own older chain goes
            assertThat(names(dir)).containsExactlyInAnyOrder(legacy.getFileName().toString(),
                    aFull.getFileName().toString(), second.getFileName().toString());
        }
    }

    @Test
    void restoresRefuseToGuessBetweenTwoDatabasesAndRestoreTheOneNamed() throws Exception {
        DictDB a = database("a", 3);
        DictDB b = database("b", 4);
        backUp(a, root.resolve("a"));
        backUp(b, root.resolve("b"));
        Path shared = root.resolve("shared");
        copyAll(root.resolve("a"), shared);
        copyAll(root.resolve("b"), shared);

        assertThat(Backups.databases(shared)).containsExactlyElementsOf(
                Stream.of(a.databaseId(), b.databaseId()).sorted().toList());
        for (Runnable guess : List.<Runnable>of(() -> Backups.restoreLatest(shared),
                () -> Backups.restore(shared, RestorePoint.atSequence(1)),
                () -> Backups.restoreReport(shared, RestorePoint.latest()))) {
            assertThatThrownBy(guess::run).isInstanceOf(BackupException.class)
                    .hasMessageContaining(shared.toString()).hasMessageContaining(a.databaseId())
                    .hasMessageContaining(b.databaseId());
        }
        for (DictDB db : List.of(a, b)) {
            DictDB back = Backups.restoreLatest(shared, db.databaseId());
            assertThat(DbState.of(back)).isEqualTo(DbState.of(db));
            assertThat(back.databaseId()).isEqualTo(db.databaseId());
            RestoreResult r = Backups.restoreReport(shared, RestorePoint.latest(), db.databaseId());
            assertThat(r.applied()).extracting(BackupFile::databaseId).containsOnly(db.databaseId());
        }
        assertThatThrownBy(() -> Backups.restoreLatest(shared, "not-a-database"))
                .isInstanceOf(BackupException.class).hasMessageContaining("not-a-database")
                .hasMessageContaining(a.databaseId()).hasMessageContaining(b.databaseId());

        VerifyReport report = Backups.verify(shared);
        assertThat(report.ok()).as("%s", report).isTrue();
        assertThat(report.checked()).hasSize(4).extracting(BackupFile::databaseId)
                .containsOnly(a.databaseId(), b.databaseId());
        // a problem says whose chain it is in
        BackupFile bDelta = report.checked().stream().filter(f -> f.kind() == BackupFile.Kind.DELTA)
                .filter(f -> f.databaseId().equals(b.databaseId())).findFirst().orElseThrow();
        byte[] bytes = Files.readAllBytes(bDelta.path());
        bytes[bytes.length / 2] ^= 1;
        Files.write(bDelta.path(), bytes);
        VerifyReport damaged = Backups.verify(shared);
        assertThat(damaged.problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(VerifyReport.Problem.Kind.CORRUPT);
            assertThat(p.databaseId()).isEqualTo(b.databaseId());
            assertThat(p.toString()).contains(b.databaseId());
        });
    }

    @Test
    void aRestoredDatabaseKeepsItsIdAndContinuesItsChainInTheSameFolder() throws Exception {
        Path dir = root.resolve("backups");
        DictDB a = database("a", 3);
        backUp(a, dir);
        List<String> before = names(dir);
        DictDB restored = Backups.restoreLatest(dir);
        assertThat(restored.databaseId()).isEqualTo(a.databaseId());
        try (BackupManager m = BackupManager.builder(restored, dir).incremental(true).keepFullBackups(1).build()) {
            m.start();
            restored.table("t").insert(Map.of("label", "after restore"));
            BackupFile full = m.backupFull();
            assertThat(full.databaseId()).isEqualTo(a.databaseId());
            restored.table("t").insert(Map.of("label", "and a delta"));
            assertThat(m.backupDelta().orElseThrow().databaseId()).isEqualTo(a.databaseId());
            assertThat(names(dir)).doesNotContainAnyElementsOf(before); // retention took the old chain: its own
        }
        assertThat(DbState.of(Backups.restoreLatest(dir))).isEqualTo(DbState.of(restored));
        assertThat(Backups.verify(dir).ok()).isTrue();
    }

    @Test
    void aSavedDatabaseLoadedAgainKeepsItsIdSoItsManagerAcceptsItsOwnFolder() {
        Path dir = root.resolve("backups");
        DictDB a = database("a", 2);
        try (BackupManager m = BackupManager.builder(a, dir).build()) {
            m.backupFull();
        }
        Path save = root.resolve("a.json");
        a.save(save);
        DictDB loaded = DictDB.load(save);
        assertThat(loaded.databaseId()).isEqualTo(a.databaseId());
        try (BackupManager m = BackupManager.builder(loaded, dir).build()) {
            m.start(); // not refused: the folder holds its own chain
            assertThat(m.backupFull().databaseId()).isEqualTo(a.databaseId());
        }
    }
}
