package io.dictdb.examples.guides;

import io.dictdb.*;
import io.dictdb.backup.*;
import io.dictdb.core.DictDB;
import java.nio.file.Path;
import java.time.Duration;
import java.util.*;

/** The blocks of docs/backups.md. */
public final class BackupsAndRestore {

    private BackupsAndRestore() {
    }

    /**
     * A chain of a full backup and deltas, and where {@code maxDeltasBeforeFull} applies.
     *
     * @param dir the backup folder
     * @return the kinds of the files written, by name
     */
    static Map<String, Object> chain(Path dir) {
        // README:begin backups-chain
        DictDB db = DictDB.create();
        Table t = db.createTable("t");
        List<BackupFile.Kind> kinds = new ArrayList<>();
        try (BackupManager backups = BackupManager.builder(db, dir)
                .incremental(true).maxDeltasBeforeFull(2).build()) {  // not started: manual backups only
            for (int i = 0; i < 5; i++) {
                t.insert(Map.of("n", i));
                kinds.add(backups.backupNow().orElseThrow().kind());
            }
            // kinds: [FULL, DELTA, DELTA, FULL, DELTA]: backupNow() (and every scheduled backup) starts a new
            // chain after maxDeltasBeforeFull deltas
            t.insert(Map.of("n", 5));
            kinds.add(backups.backupDelta().orElseThrow().kind());   // DELTA
            t.insert(Map.of("n", 6));
            kinds.add(backups.backupDelta().orElseThrow().kind());   // DELTA again: backupDelta() ignores the count
            Optional<BackupFile> none = backups.backupNow();         // empty: nothing changed since
        }
        // README:end backups-chain
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("kinds", kinds.stream().map(Enum::name).toList());
        r.put("files", Backups.list(dir).stream().map(f -> f.kind() + " " + f.firstSequence() + ".."
                + f.lastSequence()).toList());
        return r;
    }

    /**
     * What {@code close()} does and does not do.
     *
     * @param dir the backup folder
     * @return the record counts, by name
     */
    static Map<String, Object> shutdown(Path dir) {
        Map<String, Object> r = new LinkedHashMap<>();
        // README:begin backups-close
        DictDB db = DictDB.create();
        Table t = db.createTable("t");
        BackupManager backups = BackupManager.builder(db, dir).incremental(true).build();
        backups.start();
        t.insert(Map.of("n", 1));
        backups.backupFull();
        t.insert(Map.of("n", 2));
        backups.close();                                  // stops the scheduler: no final backup
        long restored = Backups.restoreLatest(dir).table("t").count();     // 1: n=2 is in no file

        // For a final backup at shutdown, take it before closing:
        BackupManager again = BackupManager.builder(db, dir).incremental(true).build();
        again.start();
        again.backupNow();                                // a full: this manager has none yet
        again.close();
        long after = Backups.restoreLatest(dir).table("t").count();        // 2
        // README:end backups-close
        r.put("restored", restored);
        r.put("after", after);
        return r;
    }

    /**
     * Retention, verification and restores.
     *
     * @param dir the backup folder
     * @return the files, the report and what was restored, by name
     */
    static Map<String, Object> restores(Path dir) {
        Map<String, Object> r = new LinkedHashMap<>();
        // README:begin backups-restore
        DictDB db = DictDB.create();
        Table t = db.createTable("t");
        try (BackupManager backups = BackupManager.builder(db, dir).format("kryo")
                .incremental(true).keepFullBackups(2).build()) {       // older chains are deleted whole
            for (int chain = 0; chain < 3; chain++) {
                t.insert(Map.of("chain", chain));
                backups.backupFull();
                t.insert(Map.of("chain", chain, "delta", true));
                backups.backupDelta();
            }
            BackupStatus status = backups.status();       // lastSuccess, consecutiveFailures, bytesWritten, ...
        }
        List<BackupFile> files = Backups.list(dir);                          // 4: the first chain was deleted
        VerifyReport report = Backups.verify(dir);                           // ok(): every file reads back whole
        Database latest = Backups.restoreLatest(dir);                        // 6 records
        Database earlier = Backups.restore(dir, RestorePoint.atSequence(5)); // 4 records
        RestoreResult result = Backups.restoreReport(dir, RestorePoint.at(files.get(1).createdAt()));
        long sequence = result.sequence();                                   // 5: the state at that instant
        // README:end backups-restore
        r.put("files", files.stream().map(f -> f.kind() + " " + f.firstSequence() + ".." + f.lastSequence())
                .toList());
        r.put("ok", report.ok());
        r.put("latest", latest.table("t").count());
        r.put("earlier", earlier.table("t").count());
        r.put("sequence", sequence);
        r.put("applied", result.applied().size());
        return r;
    }

    /**
     * Several databases in one folder.
     *
     * @param dir the backup folder
     * @return the ids and what was restored, by name
     */
    static Map<String, Object> severalDatabases(Path dir) {
        Map<String, Object> r = new LinkedHashMap<>();
        // README:begin backups-several
        DictDB orders = DictDB.create();
        orders.createTable("orders").insert(Map.of("total", 10));
        try (BackupManager backups = BackupManager.builder(orders, dir).build()) {
            backups.backupFull();
        }
        DictDB other = DictDB.create();                       // another database, another id
        String refused = null;
        try (BackupManager backups = BackupManager.builder(other, dir).build()) {
            backups.start();                                  // refused: the folder holds orders' backups
        } catch (BackupException e) {
            refused = e.getMessage();                         // names the folder and both ids
        }
        // A restored database keeps its id, so a new manager continues its chain in the same folder.
        DictDB restored = Backups.restoreLatest(dir);
        boolean same = restored.databaseId().equals(orders.databaseId());        // true
        // README:end backups-several
        r.put("refused", refused);
        r.put("same", same);
        Path elsewhere = dir.resolveSibling(dir.getFileName() + "-other");
        try (BackupManager backups = BackupManager.builder(other, elsewhere).build()) {
            other.createTable("other");
            backups.backupFull();
        }
        copyFiles(elsewhere, dir); // two folders merged by hand
        // README:begin backups-merged
        List<String> ids = Backups.databases(dir);                 // two ids
        String guess = null;
        try {
            Backups.restoreLatest(dir);                            // refuses to guess
        } catch (BackupException e) {
            guess = e.getMessage();                                // names the ids: say which one
        }
        Database one = Backups.restoreLatest(dir, orders.databaseId());
        // README:end backups-merged
        r.put("guess", guess);
        r.put("ids", ids.size());
        r.put("one", one.tableNames());
        return r;
    }

    /**
     * A durable database: a journal in its folder keeps what the last backup does not hold.
     *
     * @param dir the database's folder
     * @return what a reopen found, by name
     */
    static Map<String, Object> durable(Path dir) {
        // README:begin backups-journal
        long acknowledged;
        try (DictDB db = DictDB.open(dir);                                  // SYNC: a write returns once on disk
             BackupManager backups = BackupManager.builder(db, dir).incremental(true).build()) {
            Table orders = db.createTable("orders");
            orders.insert(Map.of("item", "tea", "qty", 2));
            backups.backupFull();                                           // releases the journal it holds
            orders.insert(Map.of("item", "cake", "qty", 1));                // in the journal only
            acknowledged = db.sequence();
        }                                                                   // no final backup: nothing lost either
        long reopened;
        long count;
        try (DictDB db = DictDB.open(dir)) {                                // the chain, then the journal after it
            reopened = db.sequence();                                       // == acknowledged
            count = db.table("orders").count();                             // 2
        }
        // README:end backups-journal
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("acknowledged", acknowledged);
        r.put("reopened", reopened);
        r.put("count", count);
        return r;
    }

    private static void copyFiles(Path from, Path to) {
        try (var files = java.nio.file.Files.list(from)) {
            for (Path f : files.toList()) {
                java.nio.file.Files.copy(f, to.resolve(f.getFileName()));
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
