package io.dictdb.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.dictdb.core.DictDB;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A restore at a sequence number never holds part of a commit: it stops right before the commit and says so. */
class TransactionRestoreTest {
    @TempDir
    Path dir;

    private final DictDB db = DictDB.create();
    private BackupManager manager;

    @BeforeEach
    void setUp() {
        db.createTable("a");
        db.createTable("b");
        manager = BackupManager.builder(db, dir).format("json").incremental(true).build();
    }

    @AfterEach
    void tearDown() {
        manager.close();
    }

    private void transfer(long key) {
        db.transaction(List.of("a", "b"), () -> {
            db.table("a").upsert(Map.of("id", key, "m", key));
            db.table("b").upsert(Map.of("id", key, "m", key));
            db.table("b").upsert(Map.of("id", key + 1, "m", key));
        });
    }

    @Test
    void aPointInsideATransactionRestoresTheStateBeforeItAndSaysSo() {
        long s = manager.backupFull().lastSequence();
        db.table("a").insert(Map.of("v", 1L));              // s+1
        transfer(10);                                       // s+2 .. s+4, one commit
        db.table("b").insert(Map.of("v", 2L));              // s+5
        BackupFile delta = manager.backupDelta().orElseThrow();
        assertThat(delta.lastSequence()).isEqualTo(s + 5);

        for (long inside = s + 2; inside <= s + 3; inside++) {
            RestoreResult r = Backups.restoreReport(dir, RestorePoint.atSequence(inside));
            assertThat(r.sequence()).isEqualTo(s + 1);
            assertThat(r.database().sequence()).isEqualTo(s + 1);
            assertThat(r.database().table("a").count()).isEqualTo(1);
            assertThat(r.database().table("b").count()).isZero();
            VerifyReport.Problem p = r.stoppedAt().orElseThrow();
            assertThat(p.kind()).isEqualTo(VerifyReport.Problem.Kind.INSIDE_COMMIT);
            assertThat(p.file()).isEqualTo(delta.path());
            assertThat(p.databaseId()).isEqualTo(db.databaseId());
            assertThat(p.message()).contains("sequence " + inside)
                    .contains("changes " + (s + 2) + ".." + (s + 4))
                    .contains("stops at sequence " + (s + 1));
            assertThat(r.applied()).extracting(BackupFile::path).contains(delta.path());
        }
        RestoreResult end = Backups.restoreReport(dir, RestorePoint.atSequence(s + 4));
        assertThat(end.stoppedAt()).isEmpty();
        assertThat(end.sequence()).isEqualTo(s + 4);
        assertThat(end.database().table("b").count()).isEqualTo(2);
        assertThat(DbState.of(Backups.restoreLatest(dir))).isEqualTo(DbState.of(db));
    }

    @Test
    void aCommitThatOpensADeltaStopsTheRestoreAtThePreviousDelta() {
        manager.backupFull();
        db.table("a").insert(Map.of("v", 1L));
        BackupFile first = manager.backupDelta().orElseThrow();
        db.table("a").insertAll(List.of(Map.of("v", 2L), Map.of("v", 3L), Map.of("v", 4L))); // one commit
        BackupFile second = manager.backupDelta().orElseThrow();
        assertThat(second.firstSequence()).isEqualTo(first.lastSequence() + 1);

        RestoreResult r = Backups.restoreReport(dir, RestorePoint.atSequence(second.firstSequence() + 1));
        assertThat(r.sequence()).isEqualTo(first.lastSequence());
        assertThat(r.applied()).extracting(BackupFile::path).doesNotContain(second.path());
        assertThat(r.stoppedAt()).get().extracting(VerifyReport.Problem::kind)
                .isEqualTo(VerifyReport.Problem.Kind.INSIDE_COMMIT);
        assertThat(DbState.of(r.database()).content()).isEqualTo(DbState.of(
                Backups.restore(dir, RestorePoint.atSequence(first.lastSequence()))).content());
        // the restore says so but returns the state: restore() gives the same database
        assertThat(Backups.restore(dir, RestorePoint.atSequence(second.firstSequence())).table("a").count())
                .isEqualTo(1);
    }

    @Test
    void applyDeltaAppliesEveryCommitWhole() {
        long s = manager.backupFull().lastSequence();
        DictDB copy = Backups.restoreLatest(dir);
        transfer(20);
        db.table("a").insert(Map.of("v", 5L));
        BackupFile delta = manager.backupDelta().orElseThrow();
        assertThat(Backups.applyDelta(copy, delta.path())).isEqualTo(4);
        assertThat(copy.sequence()).isEqualTo(s + 4);
        assertThat(DbState.of(copy)).isEqualTo(DbState.of(db));
    }
}
