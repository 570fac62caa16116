package io.dictdb.examples;

import io.dictdb.*;
import io.dictdb.backup.*;
import io.dictdb.core.DictDB;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.*;

/**
 * A second backup folder, for a 3-2-1 scheme: two {@link BackupManager}s on one database, one writing json into a
 * local folder and one writing kryo into an "off-site" folder (a mounted remote disk, say), each on its own chain and
 * its own rhythm. Each follows the database on its own, so neither takes changes from the other: both folders restore
 * to the same state.
 */
public final class OffsiteBackups {

    private OffsiteBackups() {
    }

    /**
     * Runs the example in a new temporary folder, printing to standard output.
     *
     * @param args ignored
     * @throws IOException if the temporary folder cannot be created
     */
    public static void main(String[] args) throws IOException {
        run(Files.createTempDirectory("dictdb-offsite"), System.out);
    }

    /**
     * Two managers on one database, backing up at different moments, and both folders restored.
     *
     * @param dir an empty folder, which gets "local" and "offsite"
     * @return the database, the two restores and the files of each folder, by name
     */
    static Map<String, Object> twoFolders(Path dir) {
        Map<String, Object> r = new LinkedHashMap<>();
        // README:begin backup-offsite
        DictDB db = DictDB.create();
        Table orders = db.createTable("orders");
        try (BackupManager local = BackupManager.builder(db, dir.resolve("local")).incremental(true).build();
             BackupManager offsite = BackupManager.builder(db, dir.resolve("offsite"))
                     .format("kryo").incremental(true).build()) {
            local.backupFull();
            orders.insert(Map.of("total", 10));
            local.backupDelta();                         // local: full, delta
            orders.insert(Map.of("total", 20));
            offsite.backupFull();                        // off-site: its own full, of both orders
            orders.insert(Map.of("total", 30));
            local.backupDelta();                         // each manager follows the database on its own:
            offsite.backupDelta();                       // both deltas carry the third order
        }
        Database fromLocal = Backups.restoreLatest(dir.resolve("local"));      // 3 orders
        Database fromOffsite = Backups.restoreLatest(dir.resolve("offsite"));  // the same 3 orders
        // README:end backup-offsite
        r.put("db", db);
        r.put("local", fromLocal);
        r.put("offsite", fromOffsite);
        r.put("localFiles", Backups.list(dir.resolve("local")));
        r.put("offsiteFiles", Backups.list(dir.resolve("offsite")));
        return r;
    }

    /**
     * Runs the example and prints each folder's files and what it restores.
     *
     * @param dir an empty folder
     * @param out where to print
     */
    @SuppressWarnings("unchecked")
    static void run(Path dir, PrintStream out) {
        Map<String, Object> r = twoFolders(dir);
        for (String folder : List.of("local", "offsite")) {
            out.println(folder + " files:");
            for (BackupFile f : (List<BackupFile>) r.get(folder + "Files")) {
                out.printf("  %-5s %s %d..%d%n", f.kind(), f.format(), f.firstSequence(), f.lastSequence());
            }
            Database restored = (Database) r.get(folder);
            out.println(folder + " restores: " + restored.table("orders").all().stream()
                    .map(o -> o.getLong("total")).toList());
        }
    }
}
