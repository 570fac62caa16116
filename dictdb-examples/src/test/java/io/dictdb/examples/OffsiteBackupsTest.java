package io.dictdb.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.dictdb.Database;
import io.dictdb.Record;
import io.dictdb.backup.BackupFile;
import io.dictdb.backup.Backups;
import io.dictdb.backup.RestorePoint;
import io.dictdb.core.DictDB;

/** Two managers on one database: two complete chains, both restoring to the database's state. */
class OffsiteBackupsTest {

    @TempDir
    Path dir;

    private static List<Long> totals(Database db) {
        return db.table("orders").all().stream().map(r -> r.getLong("total")).toList();
    }

    @Test
    @SuppressWarnings("unchecked")
    void bothFoldersRestoreToTheSameState() {
        Map<String, Object> r = OffsiteBackups.twoFolders(dir);
        DictDB db = (DictDB) r.get("db");
        assertThat(totals(db)).containsExactly(10L, 20L, 30L);
        Database local = (Database) r.get("local");
        Database offsite = (Database) r.get("offsite");
        assertThat(totals(local)).containsExactly(10L, 20L, 30L);
        assertThat(totals(offsite)).containsExactly(10L, 20L, 30L);
        List<Record> records = db.table("orders").all();
        assertThat(local.table("orders").all()).isEqualTo(records);
        assertThat(offsite.table("orders").all()).isEqualTo(records);

        List<BackupFile> localFiles = (List<BackupFile>) r.get("localFiles");
        List<BackupFile> offsiteFiles = (List<BackupFile>) r.get("offsiteFiles");
        assertThat(localFiles).extracting(f -> f.kind() + " " + f.firstSequence() + ".." + f.lastSequence())
                .containsExactly("FULL 1..1", "DELTA 2..2", "DELTA 3..4");
        assertThat(offsiteFiles).extracting(f -> f.kind() + " " + f.firstSequence() + ".." + f.lastSequence())
                .containsExactly("FULL 1..3", "DELTA 4..4");
        assertThat(offsiteFiles).allMatch(f -> f.format().equals("kryo"));
        // at the sequence both chains hold, they agree too
        assertThat(totals(Backups.restore(dir.resolve("local"), RestorePoint.atSequence(3))))
                .isEqualTo(totals(Backups.restore(dir.resolve("offsite"), RestorePoint.atSequence(3))))
                .containsExactly(10L, 20L);
        assertThat(Backups.verify(dir.resolve("local")).ok()).isTrue();
        assertThat(Backups.verify(dir.resolve("offsite")).ok()).isTrue();
    }

    @Test
    void printsEachFolder() throws Exception {
        Printed printed = Printed.by(out -> OffsiteBackups.run(dir, out));
        assertThat(printed.line("local restores: ")).isEqualTo("local restores: [10, 20, 30]");
        assertThat(printed.line("offsite restores: ")).isEqualTo("offsite restores: [10, 20, 30]");
    }
}
