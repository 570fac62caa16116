package io.dictdb.reliability.standby;

import io.dictdb.Table;
import io.dictdb.backup.BackupManager;
import io.dictdb.core.DictDB;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.dictdb.query.Conditions.field;

/**
 * The primary of {@link StandbyKillTest}, in a child JVM: a durable database ({@code DictDB.open}, SYNC, small
 * journal segments) with an incremental {@link BackupManager} on the same folder that starts a new chain every third
 * backup and keeps one (a compaction: the old chain and the journal segments it covers are deleted). It writes
 * (inserts, updates, deletes, two-table transactions, now and then a table or an index) and backs up every dozen
 * writes or so (printing {@code BACKUP <kind> <sequence>}), until it is killed. Arguments: folder, seed.
 */
public final class StandbyPrimary {
    private StandbyPrimary() {
    }

    /**
     * Runs until killed.
     *
     * @param args folder, seed
     * @throws Exception never expected: the parent kills the process
     */
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Random rnd = new Random(Long.parseLong(args[1]));
        DictDB db = DictDB.builder().journalSegmentSize(2_000).open(dir);
        Table t = db.createTable("t", "id");
        Table u = db.createTable("u", "id");
        // the folder is new for each trial: the tables are the first changes
        BackupManager backups = BackupManager.builder(db, dir).incremental(true).maxDeltasBeforeFull(2)
                .keepFullBackups(1).interval(Duration.ofHours(1)).build();
        backups.start();
        System.out.println("READY");
        System.out.flush();
        for (long i = 0; ; i++) {
            long n = i;
            long k = rnd.nextInt(200);
            switch (rnd.nextInt(5)) {
                case 0 -> t.upsert(Map.of("id", k, "v", "w" + n));
                case 1 -> {
                    if (t.get(k).isPresent()) {
                        t.delete(field("id").eq(k));
                    }
                }
                case 2 -> db.transaction(List.of("t", "u"), () -> {
                    t.upsert(Map.of("id", k, "v", "tx" + n));
                    u.upsert(Map.of("id", k, "n", n));
                    return null;
                });
                case 3 -> t.insert(Map.of("v", "auto" + n));
                default -> u.upsert(Map.of("id", k, "n", -n));
            }
            if (n % 500 == 250) {
                db.createTable("extra" + n, "id").insert(Map.of("id", 1L));
            }
            if (n == 700) {
                t.createIndex("v");
            }
            if (rnd.nextInt(12) == 0) {
                backups.backupNow().ifPresent(f -> {
                    System.out.println("BACKUP " + f.kind() + " " + f.lastSequence());
                    System.out.flush();
                });
            }
        }
    }
}
