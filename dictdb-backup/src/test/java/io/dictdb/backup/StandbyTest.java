package io.dictdb.backup;

import io.dictdb.Database;
import io.dictdb.IndexType;
import io.dictdb.Table;
import io.dictdb.core.DictDB;
import io.dictdb.spi.Codecs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static io.dictdb.query.Conditions.field;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link Standby} in one process: a primary ({@code DictDB.open} and a {@link BackupManager} on the same folder)
 * writes, backs up and compacts; the standby follows it to the same state, refuses writes, moves to a new chain when
 * what it lacked was deleted, and is promoted once the primary is closed.
 */
@Timeout(120)
class StandbyTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    /** Small segments, so that backups delete some while the standby follows. */
    private static DictDB.Builder primaryOptions() {
        return DictDB.builder().journalSegmentSize(400);
    }

    private static BackupManager compactingManager(DictDB db, Path dir) {
        return BackupManager.builder(db, dir).incremental(true).maxDeltasBeforeFull(2).keepFullBackups(1)
                .interval(Duration.ofHours(1)).build();
    }

    /** Inserts, updates, deletes, a transaction over two tables, now and then an index or a table. */
    private static void work(DictDB db, Random rnd, int round) {
        Table t = db.table("t");
        Table u = db.table("u");
        for (int i = 0; i < 15; i++) {
            long k = rnd.nextInt(60);
            switch (rnd.nextInt(4)) {
                case 0 -> t.upsert(Map.of("id", k, "v", "r" + round + "-" + i, "n", (long) i));
                case 1 -> {
                    if (t.get(k).isPresent()) {
                        t.delete(field("id").eq(k));
                    }
                }
                case 2 -> db.transaction(List.of("t", "u"), () -> {
                    t.upsert(Map.of("id", k, "v", "tx" + round));
                    u.upsert(Map.of("id", k, "w", (long) round));
                    return null;
                });
                default -> t.insert(Map.of("v", "auto" + round));
            }
        }
        if (round % 4 == 1) {
            db.createTable("extra" + round, "id").insert(Map.of("id", 1L, "round", (long) round));
        }
        if (round == 2) {
            t.createIndex("v", IndexType.SORTED);
        }
        if (round == 5) {
            db.dropTable("extra1");
        }
    }

    @Test
    void followsAPrimaryThatWritesBacksUpAndCompactsAndRefusesWrites() throws Exception {
        Random rnd = new Random(7);
        try (DictDB primary = primaryOptions().open(dir);
             BackupManager backups = compactingManager(primary, dir)) {
            primary.createTable("t", "id");
            primary.createTable("u", "id");
            backups.start();
            try (Standby standby = Standby.builder(dir).pollInterval(Duration.ofMillis(50)).follow()) {
                Database replica = standby.database();
                for (int round = 0; round < 12; round++) {
                    work(primary, rnd, round);
                    if (round % 2 == 1) {
                        backups.backupNow(); // a full, deltas, a full again (compaction), old chains deleted
                    }
                    assertThat(standby.awaitSequence(primary.sequence(), WAIT)).as("round %d", round).isTrue();
                    assertThat(standby.sequence()).isEqualTo(primary.sequence());
                    assertThat(DbState.of(replica)).as("round %d", round).isEqualTo(DbState.of(primary));
                    assertThat(standby.database()).isSameAs(replica);
                }
                assertThat(standby.lag()).isEqualTo(Duration.ZERO);
                assertThat(fulls()).as("compactions ran").isGreaterThanOrEqualTo(1);

                assertThatThrownBy(() -> replica.table("t").insert(Map.of("id", 1_000L)))
                        .isInstanceOf(IllegalStateException.class).hasMessageContaining("standby of " + dir)
                        .hasMessageContaining("promote()");
                assertThatThrownBy(() -> replica.createTable("new")).isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("standby of " + dir);
                assertThatThrownBy(() -> replica.transaction(List.of("t"), () -> null))
                        .isInstanceOf(IllegalStateException.class).hasMessageContaining("promote()");
                assertThat(replica.table("t").count()).isEqualTo(primary.table("t").count());

                assertThatThrownBy(standby::promote).isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining(dir.toString()).hasMessageContaining("primary still holds");
                // refused: it goes on following
                primary.table("t").insert(Map.of("id", 2_000L));
                assertThat(standby.awaitSequence(primary.sequence(), WAIT)).isTrue();
            }
        }
    }

    @Test
    void movesToTheNewestChainWhenTheJournalAndDeltasItLackedAreGone() throws Exception {
        Random rnd = new Random(11);
        try (DictDB primary = primaryOptions().open(dir);
             BackupManager backups = compactingManager(primary, dir)) {
            primary.createTable("t", "id");
            primary.createTable("u", "id");
            backups.start();
            work(primary, rnd, 0);
            backups.backupFull();
            FolderFollower follower = FolderFollower.load(dir, Codecs.named("json"), "read-only for the test");
            try {
                assertThat(follower.pass(() -> { })).isTrue();
                assertThat(DbState.of(follower.database())).isEqualTo(DbState.of(primary));
                Database same = follower.database();
                long lagged = primary.sequence();
                // The follower does not look while the primary writes, backs up twice (a new chain: the old one and
                // the segments it covers are deleted) and drops a table.
                for (int round = 1; round < 8; round++) {
                    work(primary, rnd, round);
                }
                backups.backupFull();
                work(primary, rnd, 8);
                backups.backupFull();
                work(primary, rnd, 9);
                assertThat(segmentFirsts()).as("the journal no longer reaches back to the follower")
                        .allMatch(first -> first > lagged + 1);
                assertThat(follower.pass(() -> { })).isTrue();
                assertThat(follower.database()).isSameAs(same);
                assertThat(DbState.of(follower.database())).isEqualTo(DbState.of(primary));
                assertThat(follower.database().sequence()).isEqualTo(primary.sequence());
            } finally {
                follower.database().close();
            }
        }
    }

    @Test
    void promoteContinuesTheSequenceAndTheBackupChain() throws Exception {
        Random rnd = new Random(3);
        long closedAt;
        DbState atClose;
        try (DictDB primary = primaryOptions().open(dir);
             BackupManager backups = compactingManager(primary, dir)) {
            primary.createTable("t", "id");
            primary.createTable("u", "id");
            backups.start();
            for (int round = 0; round < 4; round++) {
                work(primary, rnd, round);
                backups.backupNow();
            }
            work(primary, rnd, 4); // journalled only
            closedAt = primary.sequence();
            atClose = DbState.of(primary);
        }
        Standby standby = Standby.follow(dir);
        assertThat(standby.awaitSequence(closedAt, WAIT)).isTrue();
        assertThat(DbState.of(standby.database())).isEqualTo(atClose);
        try (DictDB promoted = standby.promote()) {
            assertThat(promoted.sequence()).isEqualTo(closedAt);
            assertThat(DbState.of(promoted)).isEqualTo(atClose);
            assertThatThrownBy(standby::database).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("promoted");
            assertThat(standby.sequence()).isEqualTo(closedAt);
            promoted.table("t").insert(Map.of("id", 5_000L, "v", "after promote"));
            try (BackupManager m = compactingManager(promoted, dir)) {
                m.start();
                BackupFile f = m.backupNow().orElseThrow();
                assertThat(f.lastSequence()).isEqualTo(closedAt + 1);
                promoted.table("t").insert(Map.of("id", 5_001L));
                BackupFile d = m.backupNow().orElseThrow();
                assertThat(d.kind()).isEqualTo(BackupFile.Kind.DELTA);
                assertThat(d.firstSequence()).isEqualTo(f.lastSequence() + 1);
            }
            assertThat(DbState.of(Backups.restoreLatest(dir))).isEqualTo(DbState.of(promoted));
        }
        standby.close(); // after promote: nothing to do
    }

    private long fulls() {
        return Backups.list(dir).stream().filter(f -> f.kind() == BackupFile.Kind.FULL).count();
    }

    private List<Long> segmentFirsts() throws IOException {
        try (Stream<Path> s = Files.list(dir.resolve("journal"))) {
            return s.map(p -> Long.parseLong(p.getFileName().toString().replace(".log", ""))).sorted().toList();
        }
    }
}
