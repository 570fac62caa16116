package io.dictdb.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import io.dictdb.BackupException;
import io.dictdb.Table;
import io.dictdb.backup.BackupFile;
import io.dictdb.backup.BackupManager;
import io.dictdb.backup.BackupStatus;
import io.dictdb.backup.Backups;
import io.dictdb.core.DictDB;
import io.dictdb.file.ForwardingFileOps;
import io.dictdb.file.ImageFiles;

/**
 * Python DictDB's "BackupManager Setup": a manager with an interval, a format and a debounce, started with the
 * application and given a final full backup at shutdown; then what happens when backups fail: the
 * {@code onFailure} callback with progressive alerts, the failure count in {@link BackupManager#status()}, and
 * nothing lost once the disk works again.
 */
public final class BackupManagerSetup {

    private BackupManagerSetup() {
    }

    /**
     * Runs the example in a new temporary folder, printing to standard output.
     *
     * @param args ignored
     * @throws IOException if the temporary folder cannot be created
     */
    public static void main(String[] args) throws IOException {
        run(Files.createTempDirectory("dictdb-backup-setup"), System.out);
    }

    /**
     * Runs both parts of the example.
     *
     * @param dir an empty folder for the backups
     * @param out where to print what it does
     */
    static void run(Path dir, PrintStream out) {
        basicConfiguration(dir.resolve("basic"), out);
        handlingFailures(dir.resolve("failing"), out);
    }

    /**
     * Basic configuration: start with the application, a final full backup at shutdown.
     *
     * @param backupDir the backup folder
     * @param out where to print
     */
    static void basicConfiguration(Path backupDir, PrintStream out) {
        DictDB db = DictDB.create();
        db.createTable("users");
        db.createTable("sessions", "session_id");
        db.createTable("events", "event_id");

        BackupManager backupManager = BackupManager.builder(db, backupDir)
                .interval(Duration.ofMinutes(5))       // a backup every 5 minutes
                .format("json")                        // human-readable, for debugging
                .minInterval(Duration.ofSeconds(10))   // at least 10 s between notifyChange() backups
                .build();
        backupManager.start();
        out.println("Backup manager started: " + backupManager.status().running());

        // ... the application runs ...
        Table users = db.table("users");
        for (int i = 0; i < 25; i++) {
            users.insert(Map.of("name", "User " + i, "email", "user" + i + "@example.com"));
        }

        // On application shutdown: a final full backup, then stop.
        BackupFile last = backupManager.backupFull();
        backupManager.stop();
        out.println("Final backup: " + last.kind() + ", sequence " + last.lastSequence() + ", " + last.sizeBytes()
                + " bytes");
        out.println("Backup manager stopped gracefully: running=" + backupManager.status().running());
        out.println("Restored users from the final backup: "
                + Backups.restoreLatest(backupDir).table("users").count());
    }

    /**
     * Handling backup failures: the callback, the status, and the recovery.
     *
     * @param backupDir the backup folder
     * @param out where to print
     */
    static void handlingFailures(Path backupDir, PrintStream out) {
        DictDB db = DictDB.create();
        Table critical = db.createTable("critical_data");

        DiskThatFills disk = new DiskThatFills();
        BackupManager backupManager = BackupManager.builder(db, backupDir)
                .interval(Duration.ofSeconds(60))
                .onFailure((error, consecutiveFailures) -> onBackupFailure(error, consecutiveFailures, out))
                .imageFiles(ImageFiles.using(disk))    // only to simulate a full disk: leave it out in production
                .build();
        backupManager.start();

        critical.insert(Map.of("payload", "first"));
        backupManager.backupFull();
        out.println("First backup written; consecutive failures: " + backupManager.consecutiveFailures());

        disk.full.set(true);
        for (int attempt = 1; attempt <= 5; attempt++) {
            critical.insert(Map.of("payload", "written while the disk is full #" + attempt));
            try {
                backupManager.backupNow();
            } catch (BackupException e) {
                // onFailure has already been told; the caller may also react here.
            }
        }
        BackupStatus status = backupManager.status();
        out.println("Consecutive failures: " + status.consecutiveFailures()
                + ", last error: " + status.lastError().map(Throwable::getMessage).orElse("none"));

        disk.full.set(false);
        BackupFile recovered = backupManager.backupNow().orElseThrow();
        out.println("Disk freed: next backup " + recovered.kind() + " up to sequence " + recovered.lastSequence()
                + "; consecutive failures: " + backupManager.consecutiveFailures());
        backupManager.stop();
        out.println("Records restored after the failures: " + Backups.restoreLatest(backupDir)
                .table("critical_data").count() + " of " + critical.count());
    }

    /** Python DictDB's callback: an error every time, and alerts that grow with the number of failures in a row. */
    private static void onBackupFailure(Throwable error, int consecutiveFailures, PrintStream out) {
        out.println("Backup failure (" + consecutiveFailures + "x): " + error.getMessage());
        if (consecutiveFailures == 1) {
            out.println("  WARNING: first backup failure - monitoring active");
        } else if (consecutiveFailures == 3) {
            out.println("  ERROR: 3 consecutive failures - check disk space");
        } else if (consecutiveFailures >= 5) {
            out.println("  CRITICAL: 5+ failures - intervention required!");
        }
    }

    /** The file system, except that creating a file fails while {@link #full} is set. */
    static final class DiskThatFills extends ForwardingFileOps {
        final AtomicBoolean full = new AtomicBoolean();

        @Override
        public WritableFile create(Path file) throws IOException {
            if (full.get()) {
                throw new IOException("No space left on device: " + file.getFileName());
            }
            return super.create(file);
        }
    }
}
