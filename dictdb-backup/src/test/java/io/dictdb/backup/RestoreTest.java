package io.dictdb.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dictdb.BackupException;
import io.dictdb.Database;
import io.dictdb.Record;
import io.dictdb.Table;
import io.dictdb.core.DictDB;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RestoreTest {
    @TempDir
    Path dir;

    private final List<BackupFile> files = new ArrayList<>();
    private final List<DbState> states = new ArrayList<>();
    private DictDB db;

    /** A full and four deltas, with the live state recorded after each. */
    private void writeChain(String format) {
        db = DictDB.create();
        Table t = db.createTable("items");
        try (BackupManager m = BackupManager.builder(db, dir).format(format).incremental(true).build()) {
            for (int i = 0; i < 5; i++) {
                t.insert(Map.of("n", (long) i, "label", "item " + i));
                if (i == 2) {
                    t.createIndex("n");
                    db.createTable("extra").insert(Map.of("v", "x"));
                }
                if (i == 3) {
                    t.update(Map.of("label", "changed"), io.dictdb.query.Conditions.field("n").lt(2L));
                    db.dropTable("extra");
                }
                files.add(i == 0 ? m.backupFull() : m.backupDelta().orElseThrow());
                states.add(DbState.of(db));
            }
        }
    }

    @BeforeEach
    void chain() {
        writeChain("json");
    }

    @ParameterizedTest
    @ValueSource(strings = {"cbor", "kryo"})
    void everyCodecRestores(String format) throws Exception {
        Path other = dir.resolve(format);
        Files.createDirectories(other);
        dir = other;
        files.clear();
        states.clear();
        writeChain(format);
        assertThat(files).allMatch(f -> f.format().equals(format));
        assertThat(DbState.of(Backups.restoreLatest(dir))).isEqualTo(states.get(4));
        assertThat(Backups.verify(dir).ok()).isTrue();
    }

    @Test
    void shuffledNamesAndModificationTimesStillRestoreRight() throws Exception {
        List<Path> paths = files.stream().map(BackupFile::path).toList();
        List<Path> shuffled = new ArrayList<>(paths);
        Collections.shuffle(shuffled, new Random(42));
        Collections.reverse(shuffled); // never the identity
        for (int i = 0; i < paths.size(); i++) {
            Files.move(paths.get(i), dir.resolve("tmp-" + i));
        }
        for (int i = 0; i < paths.size(); i++) {
            Path target = shuffled.get(i);
            Files.move(dir.resolve("tmp-" + i), target);
            Files.setLastModifiedTime(target, FileTime.fromMillis(1_000_000_000_000L - i * 1000L));
        }
        assertThat(shuffled).isNotEqualTo(paths);
        RestoreResult r = Backups.restoreReport(dir, RestorePoint.latest());
        assertThat(r.stoppedAt()).isEmpty();
        assertThat(DbState.of(r.database())).isEqualTo(states.get(4));
        assertThat(r.applied()).extracting(BackupFile::lastSequence)
                .containsExactlyElementsOf(files.stream().map(BackupFile::lastSequence).toList());
        assertThat(Backups.list(dir)).extracting(BackupFile::lastSequence)
                .containsExactlyElementsOf(files.stream().map(BackupFile::lastSequence).toList());
        for (int i = 0; i < files.size(); i++) {
            assertThat(DbState.of(Backups.restore(dir, RestorePoint.atSequence(files.get(i).lastSequence()))))
                    .isEqualTo(states.get(i));
        }
        assertThat(Backups.verify(dir).ok()).isTrue();
    }

    @Test
    void aDeletedMiddleDeltaStopsTheChainAndTheReportNamesTheGap() throws Exception {
        Files.delete(files.get(2).path());
        RestoreResult r = Backups.restoreReport(dir, RestorePoint.latest());
        assertThat(DbState.of(r.database())).isEqualTo(states.get(1));
        assertThat(r.sequence()).isEqualTo(files.get(1).lastSequence());
        assertThat(r.applied()).extracting(BackupFile::path).containsExactly(files.get(0).path(),
                files.get(1).path());
        VerifyReport.Problem p = r.stoppedAt().orElseThrow();
        assertThat(p.kind()).isEqualTo(VerifyReport.Problem.Kind.GAP);
        assertThat(p.file()).isEqualTo(files.get(3).path());
        assertThat(p.message()).contains((files.get(1).lastSequence() + 1) + ".." + files.get(2).lastSequence())
                .contains(files.get(1).path().getFileName().toString());
        // restore() returns the same state (and logs the problem at WARN)
        assertThat(DbState.of(Backups.restoreLatest(dir))).isEqualTo(states.get(1));

        VerifyReport report = Backups.verify(dir);
        assertThat(report.ok()).isFalse();
        assertThat(report.problems()).extracting(VerifyReport.Problem::file).containsExactly(files.get(3).path());
        assertThat(report.problems().get(0).kind()).isEqualTo(VerifyReport.Problem.Kind.GAP);
        assertThat(report.toString()).contains(files.get(3).path().getFileName().toString());
    }

    @Test
    void aCorruptedDeltaIsNamedByVerifyAndByRestore() throws Exception {
        Path bad = files.get(2).path();
        byte[] bytes = Files.readAllBytes(bad);
        bytes[bytes.length / 2] ^= 0x20;
        Files.write(bad, bytes);

        VerifyReport report = Backups.verify(dir);
        assertThat(report.ok()).isFalse();
        assertThat(report.problems()).anySatisfy(p -> {
            assertThat(p.file()).isEqualTo(bad);
            assertThat(p.kind()).isEqualTo(VerifyReport.Problem.Kind.CORRUPT);
        });
        assertThat(report.problems()).anySatisfy(p -> {
            assertThat(p.file()).isEqualTo(files.get(3).path());
            assertThat(p.kind()).isEqualTo(VerifyReport.Problem.Kind.GAP);
            assertThat(p.message()).contains(bad.getFileName().toString());
        });
        assertThat(report.checked()).hasSize(4);
        assertThat(report.toString()).contains(bad.getFileName().toString());

        RestoreResult r = Backups.restoreReport(dir, RestorePoint.latest());
        assertThat(DbState.of(r.database())).isEqualTo(states.get(1));
        VerifyReport.Problem p = r.stoppedAt().orElseThrow();
        assertThat(p.file()).isEqualTo(bad);
        assertThat(p.kind()).isEqualTo(VerifyReport.Problem.Kind.CORRUPT);
        assertThat(Backups.list(dir)).extracting(BackupFile::path).doesNotContain(bad);
    }

    @Test
    void aDeltaWithAnIllegibleHeaderIsReportedByARestoreToItsSequence() throws Exception {
        // found by the reliability suite: truncating the last delta before a restore point to 0 bytes (or
        // flipping a bit of its header line) made restore(atSequence) return the state before it without saying so
        Path last = files.get(4).path();
        Files.write(last, new byte[0]);
        RestoreResult r = Backups.restoreReport(dir, RestorePoint.atSequence(files.get(4).lastSequence()));
        assertThat(r.sequence()).isEqualTo(files.get(3).lastSequence());
        assertThat(DbState.of(r.database())).isEqualTo(states.get(3));
        assertThat(r.stoppedAt()).get().extracting(VerifyReport.Problem::file).isEqualTo(last);
        // a restore that reached its point says nothing about the illegible file
        RestoreResult before = Backups.restoreReport(dir, RestorePoint.atSequence(files.get(3).lastSequence()));
        assertThat(before.stoppedAt()).isEmpty();
        assertThat(DbState.of(before.database())).isEqualTo(states.get(3));
    }

    @Test
    void aDeltaWhoseHeaderLiesAfterDamageIsStillReported() throws Exception {
        // found by the reliability suite: a flipped digit ("last=5" read as "last=0") or a cut inside the header
        // line ("last=1" of "last=12") made the damaged file claim old changes only, and the restore stayed silent
        Path last = files.get(4).path();
        byte[] bytes = Files.readAllBytes(last);
        String head = new String(bytes, 0, 200, java.nio.charset.StandardCharsets.ISO_8859_1);
        int at = head.indexOf(" last=") + " last=".length();
        for (byte[] damaged : List.of(flipTo(bytes, at, '0'), java.util.Arrays.copyOf(bytes, at + 1))) {
            Files.write(last, damaged);
            RestoreResult r = Backups.restoreReport(dir, RestorePoint.atSequence(files.get(4).lastSequence()));
            assertThat(r.sequence()).isEqualTo(files.get(3).lastSequence());
            assertThat(r.stoppedAt()).get().extracting(VerifyReport.Problem::file).isEqualTo(last);
            assertThat(Backups.restoreReport(dir, RestorePoint.latest()).stoppedAt()).get()
                    .extracting(VerifyReport.Problem::file).isEqualTo(last);
        }
    }

    private static byte[] flipTo(byte[] bytes, int at, char c) {
        byte[] b = bytes.clone();
        b[at] = (byte) c;
        return b;
    }

    @Test
    void aCorruptedNewestFullFallsBackToTheOlderChainAndSaysSo() throws Exception {
        try (BackupManager m = BackupManager.builder(db, dir).incremental(true).build()) {
            // a new manager starts a new chain with a full
            db.table("items").insert(Map.of("n", 99L));
            BackupFile full2 = m.backupFull();
            byte[] bytes = Files.readAllBytes(full2.path());
            Files.write(full2.path(), java.util.Arrays.copyOf(bytes, bytes.length - 7)); // truncated
            RestoreResult r = Backups.restoreReport(dir, RestorePoint.latest());
            assertThat(DbState.of(r.database())).isEqualTo(states.get(4));
            assertThat(r.stoppedAt()).get().extracting(VerifyReport.Problem::file).isEqualTo(full2.path());
            assertThat(r.stoppedAt().get().kind()).isEqualTo(VerifyReport.Problem.Kind.CORRUPT);
        }
    }

    @Test
    void otherFilesAreIgnoredAndAGarbageFileWithABackupNameIsReported() throws Exception {
        Files.writeString(dir.resolve("notes.txt"), "not a backup");
        Files.writeString(dir.resolve(".dictdb_delta_1_000001.json.0badc0de.tmp"), "DICTDB-IMAGE 1 torn");
        assertThat(Backups.list(dir)).extracting(BackupFile::path)
                .containsExactlyElementsOf(files.stream().map(BackupFile::path).toList());
        assertThat(Backups.verify(dir).ok()).isTrue();

        Path garbage = dir.resolve("dictdb_delta_9999999999_000000.json");
        Files.writeString(garbage, "{ garbage");
        VerifyReport report = Backups.verify(dir);
        assertThat(report.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo(garbage);
            assertThat(p.kind()).isEqualTo(VerifyReport.Problem.Kind.CORRUPT);
        });
        RestoreResult r = Backups.restoreReport(dir, RestorePoint.latest());
        assertThat(DbState.of(r.database())).isEqualTo(states.get(4));
        // it cannot say which changes that file held, so the restore says it may be missing some
        assertThat(r.stoppedAt()).get().extracting(VerifyReport.Problem::file).isEqualTo(garbage);
    }

    @Test
    void aDeltaWithoutItsFullIsAnOrphan() throws Exception {
        Files.delete(files.get(0).path());
        VerifyReport report = Backups.verify(dir);
        assertThat(report.problems()).hasSize(4).allSatisfy(p -> {
            assertThat(p.kind()).isEqualTo(VerifyReport.Problem.Kind.ORPHAN_DELTA);
            assertThat(p.message()).contains("missing");
        });
        assertThatThrownBy(() -> Backups.restoreLatest(dir)).isInstanceOf(BackupException.class)
                .hasMessageContaining(dir.toString());
    }

    @Test
    void restoreToASequenceInsideADeltaAndToAnInstant() {
        BackupFile d3 = files.get(3);
        // one change before the end of delta 3: the state is delta 2 plus all of delta 3's changes but the last
        long seq = d3.lastSequence() - 1;
        RestoreResult r = Backups.restoreReport(dir, RestorePoint.atSequence(seq));
        assertThat(r.sequence()).isEqualTo(seq);
        assertThat(r.stoppedAt()).isEmpty();
        assertThat(r.database().sequence()).isEqualTo(seq);
        assertThat(r.database().table("items").count()).isEqualTo(4);

        for (int i = 0; i < files.size(); i++) {
            Database at = Backups.restore(dir, RestorePoint.at(files.get(i).createdAt()));
            assertThat(DbState.of(at).content()).isEqualTo(states.get(i).content());
        }
        assertThatThrownBy(() -> Backups.restore(dir, RestorePoint.at(files.get(0).createdAt().minusSeconds(1))))
                .isInstanceOf(BackupException.class).hasMessageContaining("before the first backup")
                .hasMessageContaining("the earliest point available is sequence " + files.get(0).lastSequence())
                .hasMessageContaining(files.get(0).createdAt().toString());
    }

    @Test
    void aSequencePastTheNewestBackupFailsNamingTheNewestInsteadOfRestoringTheLatest() {
        long newest = files.get(4).lastSequence();
        assertThat(DbState.of(Backups.restore(dir, RestorePoint.atSequence(newest)))).isEqualTo(states.get(4));
        assertThatThrownBy(() -> Backups.restore(dir, RestorePoint.atSequence(newest + 1)))
                .isInstanceOf(BackupException.class).hasMessageContaining(dir.toString())
                .hasMessageContaining("past the newest backed-up sequence")
                .hasMessageContaining("which is " + newest);
    }

    @Test
    void aSequenceBeforeTheFirstFullFailsNamingTheEarliestPoint() throws Exception {
        Files.delete(files.get(0).path()); // the chain's full is gone: a later full is the first one
        try (BackupManager m = BackupManager.builder(db, dir).build()) {
            BackupFile later = m.backupFull();
            assertThatThrownBy(() -> Backups.restore(dir, RestorePoint.atSequence(later.lastSequence() - 1)))
                    .isInstanceOf(BackupException.class).hasMessageContaining("before the first backup")
                    .hasMessageContaining("earliest point available is sequence " + later.lastSequence())
                    .hasMessageContaining(later.createdAt().toString());
        }
    }

    @Test
    void aRestoreInsideACoalescedDeltaStopsBeforeItAndSaysSo() {
        // a delta whose changes were merged per key: sequence numbers with gaps, written here by hand
        BackupFile last = files.get(4);
        long s = last.lastSequence();
        Path coalesced = dir.resolve("dictdb_delta_9999999999_000001.json");
        io.dictdb.spi.ImageHeader header = io.dictdb.spi.ImageHeader.delta(s + 1, s + 5, files.get(0).imageId(),
                last.createdAt().plusSeconds(1), db.databaseId());
        io.dictdb.file.ImageFiles.standard().write(coalesced, io.dictdb.spi.Codecs.named("json"), header, w -> {
            w.writeChange(new io.dictdb.spi.Change.Upsert(s + 2, "items", Record.of("id", 100L, "n", 100L)));
            w.writeChange(new io.dictdb.spi.Change.Upsert(s + 5, "items", Record.of("id", 101L, "n", 101L)));
            w.writeTableStates(List.of(new io.dictdb.spi.TableState("items", 102)));
        });
        RestoreResult inside = Backups.restoreReport(dir, RestorePoint.atSequence(s + 3));
        assertThat(inside.sequence()).isEqualTo(s);
        assertThat(DbState.of(inside.database())).isEqualTo(states.get(4));
        assertThat(inside.applied()).extracting(BackupFile::path).doesNotContain(coalesced);
        VerifyReport.Problem p = inside.stoppedAt().orElseThrow();
        assertThat(p.kind()).isEqualTo(VerifyReport.Problem.Kind.COALESCED_DELTA);
        assertThat(p.file()).isEqualTo(coalesced);
        assertThat(p.message()).contains("sequence " + (s + 3)).contains("stops at sequence " + s);

        RestoreResult end = Backups.restoreReport(dir, RestorePoint.atSequence(s + 5));
        assertThat(end.stoppedAt()).isEmpty();
        assertThat(end.sequence()).isEqualTo(s + 5);
        assertThat(end.database().table("items").get(101L)).isPresent();
        assertThat(Backups.restoreReport(dir, RestorePoint.latest()).sequence()).isEqualTo(s + 5);
        // a contiguous delta is still restored exactly inside (restoreToASequenceInsideADeltaAndToAnInstant)
    }

    @Test
    void applyDeltaReplacesRecordsAndKeepsIndexes() {
        DictDB base = Backups.restore(dir, RestorePoint.atSequence(files.get(2).lastSequence()));
        assertThat(base.table("items").indexedFields()).containsExactly("n");
        int n = Backups.applyDelta(base, files.get(3).path());
        assertThat(n).isEqualTo((int) (files.get(3).lastSequence() - files.get(3).firstSequence() + 1));
        assertThat(DbState.of(base).content()).isEqualTo(states.get(3).content());
        assertThat(base.table("items").select(io.dictdb.query.Conditions.field("n").eq(1L)))
                .extracting(rec -> rec.get("label")).containsExactly("changed");
        assertThatThrownBy(() -> Backups.applyDelta(base, files.get(3).path())).isInstanceOf(BackupException.class)
                .hasMessageContaining(files.get(3).path().toString());
        assertThatThrownBy(() -> Backups.applyDelta(base, files.get(0).path())).isInstanceOf(BackupException.class)
                .hasMessageContaining("not a delta");
    }

    @Test
    void pythonDictDbBackupsRestoreToTheExpectedState() throws Exception {
        Path src = Path.of(RestoreTest.class.getResource("/python-dictdb/backups").toURI());
        Path copy = dir.resolve("python");
        Files.createDirectories(copy);
        // names reversed: the order comes from the timestamps inside the deltas
        List<Path> originals;
        try (var s = Files.list(src)) {
            originals = s.sorted().toList();
        }
        for (int i = 0; i < originals.size(); i++) {
            String name = originals.get(i).getFileName().toString();
            Files.copy(originals.get(i), copy.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
        Path d1 = copy.resolve(originals.get(1).getFileName());
        Path d2 = copy.resolve(originals.get(2).getFileName());
        Path t = copy.resolve("swap");
        Files.move(d1, t);
        Files.move(d2, d1);
        Files.move(t, d2);

        Database restored = Backups.restoreLatest(copy);
        Map<String, List<Map<String, Object>>> expected = ExpectedJson.read(
                Path.of(RestoreTest.class.getResource("/python-dictdb/expected_after_deltas.json").toURI()));
        assertThat(restored.tableNames()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        for (var e : expected.entrySet()) {
            Table table = restored.table(e.getKey());
            List<Record> records = new ArrayList<>(table.all());
            records.sort(java.util.Comparator.comparing(rec -> String.valueOf(rec.get(table.primaryKey()))));
            List<Record> want = e.getValue().stream().map(Record::of).toList();
            assertThat(records).containsExactlyElementsOf(want);
        }
        assertThat(Backups.verify(copy).ok()).isTrue();
    }
}
