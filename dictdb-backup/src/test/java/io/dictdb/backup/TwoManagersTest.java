package io.dictdb.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dictdb.BackupException;
import io.dictdb.core.DictDB;
import io.dictdb.core.change.ChangeChannel;
import io.dictdb.file.ImageFiles;
import io.dictdb.query.Conditions;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two managers on one database (a local folder and an off-site copy) each keep a complete chain: each has its own
 * change follower, so one's deltas, fulls and failed writes never take changes from the other's.
 */
class TwoManagersTest {
    @TempDir
    Path root;

    @Test
    void twoManagersIntoTwoFoldersBothRestoreTheLiveState() {
        DictDB db = DictDB.create();
        db.createTable("a");
        db.createTable("b");
        Path local = root.resolve("local");
        Path offsite = root.resolve("offsite");
        FaultyFileOps ops = new FaultyFileOps();
        Random rnd = new Random(16);
        Map<Long, DbState> localStates = new LinkedHashMap<>();
        Map<Long, DbState> offsiteStates = new LinkedHashMap<>();
        try (BackupManager first = BackupManager.builder(db, local).incremental(true).build();
             BackupManager second = BackupManager.builder(db, offsite).format("cbor").incremental(true)
                     .imageFiles(ImageFiles.using(ops)).build()) {
            first.start();
            second.start();
            assertThat(ChangeChannel.of(db).followerCount()).isZero(); // full-only until the first full
            record(localStates, db, first.backupFull());
            writes(db, rnd, 5);
            record(offsiteStates, db, second.backupFull());
            assertThat(ChangeChannel.of(db).followerCount()).isEqualTo(2);
            for (int round = 0; round < 12; round++) {
                writes(db, rnd, 1 + rnd.nextInt(6));
                switch (round % 4) {
                    case 0 -> {
                        record(localStates, db, first.backupDelta().orElseThrow());
                        writes(db, rnd, 3);
                        record(offsiteStates, db, second.backupDelta().orElseThrow());
                    }
                    case 1 -> {
                        // the off-site copy fails a write: its changes go back to its own follower only
                        ops.failNext(1, FaultyFileOps.Step.values()[rnd.nextInt(5)]);
                        assertThatThrownBy(second::backupDelta).isInstanceOf(BackupException.class)
                                .hasMessageContaining("injected failure");
                        ops.failures.set(0);
                        record(localStates, db, first.backupDelta().orElseThrow());
                    }
                    case 2 -> {
                        record(localStates, db, first.backupFull());
                        writes(db, rnd, 2);
                        BackupFile next = second.backupDelta().orElseThrow(); // carries the failed one's changes
                        record(offsiteStates, db, next);
                    }
                    default -> {
                        record(offsiteStates, db, second.backupFull());
                        record(localStates, db, first.backupDelta().orElseThrow());
                    }
                }
            }
            writes(db, rnd, 4);
            record(localStates, db, first.backupNow().orElseThrow());
            record(offsiteStates, db, second.backupNow().orElseThrow());
        }
        assertThat(ChangeChannel.of(db).followerCount()).as("followers after both managers closed").isZero();
        DbState live = DbState.of(db);
        assertThat(DbState.of(Backups.restoreLatest(local))).isEqualTo(live);
        assertThat(DbState.of(Backups.restoreLatest(offsite))).isEqualTo(live);
        assertThat(Backups.verify(local).ok()).isTrue();
        assertThat(Backups.verify(offsite).ok()).isTrue();
        for (Map.Entry<Long, DbState> e : localStates.entrySet()) {
            assertThat(DbState.of(Backups.restore(local, RestorePoint.atSequence(e.getKey()))))
                    .as("local folder at sequence %s", e.getKey()).isEqualTo(e.getValue());
        }
        for (Map.Entry<Long, DbState> e : offsiteStates.entrySet()) {
            assertThat(DbState.of(Backups.restore(offsite, RestorePoint.atSequence(e.getKey()))))
                    .as("off-site folder at sequence %s", e.getKey()).isEqualTo(e.getValue());
        }
    }

    /** The state at a backup's last sequence: the live state, as no writer runs between the backup and this call. */
    private static void record(Map<Long, DbState> states, DictDB db, BackupFile f) {
        assertThat(f.lastSequence()).isEqualTo(db.sequence());
        states.put(f.lastSequence(), DbState.of(db));
    }

    /** Single writes and transactions over both tables (some rolled back on purpose), then one insert at least. */
    private static void writes(DictDB db, Random rnd, int n) {
        for (int i = 0; i < n; i++) {
            long k = 1 + rnd.nextInt(20);
            switch (rnd.nextInt(5)) {
                case 0 -> db.table("a").upsert(Map.of("id", k, "v", rnd.nextLong()));
                case 1 -> db.table("b").insert(Map.of("v", rnd.nextLong()));
                case 2 -> {
                    if (db.table("a").get(k).isPresent()) {
                        db.table("a").delete(Conditions.field("id").eq(k));
                    }
                }
                case 3 -> db.transaction(List.of("a", "b"), () -> {
                    db.table("a").upsert(Map.of("id", k, "tx", k));
                    db.table("b").upsert(Map.of("id", k, "tx", k));
                });
                default -> {
                    try {
                        db.transaction(List.of("a", "b"), () -> {
                            db.table("a").upsert(Map.of("id", k, "rolledBack", true));
                            throw new IllegalStateException("on purpose");
                        });
                    } catch (IllegalStateException expected) {
                        // undone
                    }
                }
            }
        }
        db.table("b").insert(Map.of("last", true)); // so that every round has a change for each manager's delta
    }
}
