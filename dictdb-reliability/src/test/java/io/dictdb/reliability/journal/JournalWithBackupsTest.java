package io.dictdb.reliability.journal;

import io.dictdb.DictDbException;
import io.dictdb.Table;
import io.dictdb.backup.BackupManager;
import io.dictdb.core.DictDB;
import io.dictdb.reliability.DbDigest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code DictDB.open(dir)} on a folder a {@code BackupManager} also writes into: the newest chain is restored through
 * dictdb-backup's {@code ChainRecovery}, then the journal after it is replayed.
 */
class JournalWithBackupsTest {
    @TempDir
    Path dir;

    @Test
    void openRestoresTheChainThenReplaysTheJournalAfterIt() throws IOException {
        String atBackup;
        long backupSequence;
        String atClose;
        long closeSequence;
        String id;
        try (DictDB db = DictDB.open(dir)) {
            id = db.databaseId();
            Table t = db.createTable("t", "id");
            for (long i = 0; i < 50; i++) {
                t.insert(Map.of("id", i, "v", "before " + i));
            }
            try (BackupManager m = BackupManager.builder(db, dir).build()) {
                m.start();
                m.backupFull();
                atBackup = DbDigest.text(db);
                backupSequence = db.sequence();
                db.transaction(List.of("t"), () -> {
                    t.insert(Map.of("id", 100L, "v", "after"));
                    t.upsert(Map.of("id", 3L, "v", "changed"));
                    return null;
                });
                m.backupDelta();
            }
            t.insert(Map.of("id", 101L, "v", "journal only"));
            atClose = DbDigest.text(db);
            closeSequence = db.sequence();
        }
        try (DictDB db = DictDB.open(dir)) {
            assertThat(DbDigest.text(db)).isEqualTo(atClose);
            assertThat(db.sequence()).isEqualTo(closeSequence);
            assertThat(db.databaseId()).isEqualTo(id);
        }
        // Without the journal, the folder gives the backed-up state: the chain is what open restored first.
        deleteTree(dir.resolve("journal"));
        try (DictDB db = DictDB.open(dir)) {
            assertThat(db.table("t").get(101L)).isEmpty();
            assertThat(db.table("t").get(100L)).isPresent();
            assertThat(db.sequence()).isGreaterThan(backupSequence).isLessThan(closeSequence);
            assertThat(DbDigest.text(db)).isNotEqualTo(atBackup);
        }
    }

    @Test
    void aBackupInTheSameFolderDeletesTheSegmentsItHoldsAndReopenLosesNothing() throws IOException {
        DictDB.Builder smallSegments = DictDB.builder().journalSegmentSize(200);
        String atClose;
        long closeSequence;
        int before;
        try (DictDB db = smallSegments.open(dir)) {
            Table t = db.createTable("t", "id");
            for (long i = 0; i < 40; i++) {
                t.insert(Map.of("id", i, "v", "before " + i));
            }
            before = segments().size();
            long bytesBefore = db.metrics().journalBytes();
            assertThat(bytesBefore).as("journal bytes").isEqualTo(sizes());
            try (BackupManager m = BackupManager.builder(db, dir).incremental(true).build()) {
                m.start();
                m.backupFull();
                assertThat(segments().size()).as("segments left after a full").isLessThan(before).isPositive();
                assertThat(db.metrics().journalBytes()).as("journal bytes after a full").isLessThan(bytesBefore)
                        .isEqualTo(sizes());
                for (long i = 40; i < 60; i++) {
                    t.insert(Map.of("id", i, "v", "between backups " + i));
                }
                int beforeDelta = segments().size();
                m.backupDelta();
                assertThat(segments().size()).as("segments left after a delta").isLessThan(beforeDelta);
            }
            t.insert(Map.of("id", 1_000L, "v", "journal only"));
            atClose = DbDigest.text(db);
            closeSequence = db.sequence();
        }
        try (DictDB db = DictDB.open(dir)) {
            assertThat(DbDigest.text(db)).isEqualTo(atClose);
            assertThat(db.sequence()).isEqualTo(closeSequence);
        }
    }

    private long sizes() throws IOException {
        long total = 0;
        for (Path p : segments()) {
            total += Files.size(p);
        }
        return total;
    }

    private List<Path> segments() throws IOException {
        try (Stream<Path> s = Files.list(dir.resolve("journal"))) {
            return s.sorted().toList();
        }
    }

    @Test
    void aMissingFirstSegmentFailsNamingTheGap() throws IOException {
        DictDB.Builder oneEntryPerSegment = DictDB.builder().journalSegmentSize(1);
        try (DictDB db = oneEntryPerSegment.open(dir)) {
            db.createTable("t", "id").insert(Map.of("id", 1L));
            db.table("t").insert(Map.of("id", 2L));
        }
        Path journal = dir.resolve("journal");
        List<Path> segments;
        try (Stream<Path> s = Files.list(journal)) {
            segments = s.sorted().toList();
        }
        assertThat(segments).hasSize(3);
        Files.delete(segments.get(0));
        assertThatThrownBy(() -> DictDB.open(dir)).isInstanceOf(DictDbException.class)
                .hasMessageContaining(segments.get(1).toString()).hasMessageContaining("missing");
    }

    private static void deleteTree(Path p) throws IOException {
        try (Stream<Path> s = Files.walk(p)) {
            for (Path f : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }
}
