package io.dictdb.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.dictdb.Database;
import io.dictdb.Table;
import io.dictdb.backup.BackupFile;
import io.dictdb.backup.BackupManager;
import io.dictdb.backup.Backups;
import io.dictdb.backup.RestorePoint;
import io.dictdb.backup.RestoreResult;
import io.dictdb.backup.VerifyReport;
import io.dictdb.core.DictDB;

/**
 * Python DictDB's "Incremental Backups": deltas instead of full copies, a full backup every N deltas (compaction), the
 * backup folder's files, and the restores: the latest state, Python DictDB's hand-made restore (the latest full, then
 * its deltas), and a point in time.
 */
public final class IncrementalBackups {

    private IncrementalBackups() {
    }

    /**
     * Runs the example in a new temporary folder, printing to standard output.
     *
     * @param args ignored
     * @throws IOException if the temporary folder cannot be created
     * @throws InterruptedException if interrupted while waiting for a backup
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        run(Files.createTempDirectory("dictdb-incremental"), System.out);
    }

    /**
     * Runs the example.
     *
     * @param backupDir an empty folder for the backups
     * @param out where to print what it does
     * @throws InterruptedException if interrupted while waiting for the notified backup
     */
    static void run(Path backupDir, PrintStream out) throws InterruptedException {
        DictDB db = DictDB.create();
        Table transactions = db.createTable("transactions", "tx_id");

        // Incremental mode: only the changes are written, and every 10th backup is a full one again.
        BackupManager backupManager = BackupManager.builder(db, backupDir)
                .interval(Duration.ofMinutes(1))
                .minInterval(Duration.ofMillis(100))  // debounce of notifyChange(); the default is 5 s
                .incremental(true)
                .maxDeltasBeforeFull(10)
                .build();
        backupManager.start();
        backupManager.backupFull();                   // the base every delta builds on

        for (int i = 0; i < 100; i++) {
            transactions.insert(Map.of("tx_id", String.format("TX%05d", i), "amount", i * 10.0));
        }
        // After a large batch: ask for a backup. It runs on the manager's thread minInterval later.
        backupManager.notifyChange();
        long target = db.sequence();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (backupManager.status().lastSequence() < target && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        out.println("Deltas since last full backup: " + backupManager.deltasSinceFull());

        // More work, one delta after each step.
        transactions.update(Map.of("amount", 0.0), transactions.field("tx_id").eq("TX00000"));
        backupManager.backupDelta();
        long sequenceBeforeDelete = db.sequence();
        transactions.delete(transactions.field("amount").gte(900.0));
        backupManager.backupDelta();
        out.println("Deltas since last full backup: " + backupManager.deltasSinceFull());

        // Force a full backup (compaction): the next deltas build on it.
        backupManager.backupFull();
        out.println("Deltas after compaction: " + backupManager.deltasSinceFull());
        transactions.insert(Map.of("tx_id", "TX99999", "amount", 1.0));
        backupManager.backupDelta();
        backupManager.stop();

        out.println("Backup files:");
        for (BackupFile f : Backups.list(backupDir)) {
            out.println("  " + f.path().getFileName() + "  " + f.kind() + " " + f.firstSequence() + ".."
                    + f.lastSequence());
        }
        VerifyReport report = Backups.verify(backupDir);
        out.println("Verify: " + (report.ok() ? "ok" : report.problems()) + ", " + report.checked().size()
                + " files checked");

        Database latest = Backups.restoreLatest(backupDir);
        out.println("Restored latest: " + latest.tableNames().size() + " table(s), "
                + latest.table("transactions").count() + " transactions");

        Database byHand = restoreByHand(backupDir, out);
        out.println("Restored by hand equals latest: "
                + byHand.table("transactions").all().equals(latest.table("transactions").all()));

        RestoreResult then = Backups.restoreReport(backupDir, RestorePoint.atSequence(sequenceBeforeDelete));
        out.println("Restored at sequence " + then.sequence() + " (before the delete): "
                + then.database().table("transactions").count() + " transactions, from " + then.applied().size()
                + " files");
    }

    /**
     * Python DictDB's {@code restore_database()}: the latest full backup, then the deltas that follow it, in order.
     * {@link Backups#restoreLatest(Path)} does the same (and checks every chain link); this shows the steps.
     *
     * @param backupDir the backup folder
     * @param out where to print
     * @return the restored database
     */
    static Database restoreByHand(Path backupDir, PrintStream out) {
        List<BackupFile> files = Backups.list(backupDir);           // oldest first, from the files' headers
        BackupFile latestFull = files.stream().filter(f -> f.kind() == BackupFile.Kind.FULL)
                .reduce((a, b) -> b).orElseThrow(() -> new IllegalStateException("No full backup in " + backupDir));
        out.println("Loading full backup: " + latestFull.path().getFileName());
        DictDB db = DictDB.load(latestFull.path());
        for (BackupFile delta : files) {
            if (delta.kind() == BackupFile.Kind.DELTA && latestFull.imageId().equals(delta.baseImageId())) {
                int affected = Backups.applyDelta(db, delta.path());
                out.println("Delta applied: " + delta.path().getFileName() + " (" + affected + " changes)");
            }
        }
        return db;
    }
}
