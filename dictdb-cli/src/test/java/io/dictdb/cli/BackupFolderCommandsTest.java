package io.dictdb.cli;

import static io.dictdb.cli.TestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.dictdb.core.DictDB;
import io.dictdb.core.Snapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dictdb backup} on folders that hold no backup or the backups of several databases (issue 21). */
class BackupFolderCommandsTest {
    @TempDir
    Path tmp;

    private static String databaseOf(TestSupport.BackupFolder folder) {
        return io.dictdb.file.ImageFiles.standard().inspect(folder.files().get(0)).header().databaseId();
    }

    @Test
    void verifyOfAFolderWithoutBackupsExits1WithTheReason() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        TestSupport.Run r = run("backup", "verify", empty.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains("BAD   NO_BACKUP", "no backup found");
        assertThat(r.errLines()).singleElement().asString().startsWith("dictdb: ").contains(empty.toString());
    }

    @Test
    void listAndVerifyShowTheDatabaseOfEachFile() {
        TestSupport.BackupFolder folder = TestSupport.backupFolder(tmp.resolve("backups"), "json");
        String shortId = databaseOf(folder).substring(0, 8);
        TestSupport.Run list = run("backup", "list", folder.dir().toString());
        assertThat(list.exitCode()).isZero();
        assertThat(list.out()).contains("DATABASE");
        assertThat(list.out().lines().filter(l -> l.contains("dictdb_")))
                .hasSize(4).allSatisfy(l -> assertThat(l).contains(shortId));
        TestSupport.Run verify = run("backup", "verify", folder.dir().toString());
        assertThat(verify.exitCode()).isZero();
        assertThat(verify.out().lines().filter(l -> l.startsWith("ok")))
                .hasSize(4).allSatisfy(l -> assertThat(l).contains("(database " + shortId + ")"));
        TestSupport.Run inspect = run("backup", "inspect", folder.files().get(0).toString());
        assertThat(inspect.out()).contains("database:  " + databaseOf(folder));
    }

    @Test
    void restoreOfAFolderWithTwoDatabasesNeedsDatabaseAndTakesItsId() {
        TestSupport.BackupFolder a = TestSupport.backupFolder(tmp.resolve("a"), "json");
        TestSupport.BackupFolder b = TestSupport.backupFolder(tmp.resolve("b"), "json");
        Path shared = TestSupport.copyFolder(a.dir(), tmp.resolve("shared"));
        TestSupport.copyFolder(b.dir(), shared);
        String idA = databaseOf(a);
        String idB = databaseOf(b);

        Path out = tmp.resolve("out.json");
        TestSupport.Run guess = run("backup", "restore", shared.toString(), "--to", out.toString());
        assertThat(guess.exitCode()).isEqualTo(1);
        assertThat(guess.err()).contains(shared.toString(), idA, idB, "--database");
        assertThat(out).doesNotExist();

        TestSupport.Run named = run("backup", "restore", shared.toString(), "--to", out.toString(), "--database",
                idB.substring(0, 8));
        assertThat(named.exitCode()).as(named.err()).isZero();
        Snapshot last = b.states().get(3);
        DictDB restored = DictDB.load(out);
        assertThat(restored.databaseId()).isEqualTo(idB);
        assertThat(DbContent.of(restored.snapshot()).differenceFrom(DbContent.of(last))).isNull();

        TestSupport.Run unknown = run("backup", "restore", shared.toString(), "--to", out.toString(), "--database",
                "zzzz");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).contains("--database zzzz names no database", idA, idB);

        TestSupport.Run list = run("backup", "list", shared.toString());
        assertThat(list.out()).contains("2 databases: ");
    }

    @Test
    void restoreOfASequencePastTheNewestBackupFailsNamingTheNewest() {
        TestSupport.BackupFolder folder = TestSupport.backupFolder(tmp.resolve("backups"), "json");
        long newest = folder.states().get(3).sequence();
        Path out = tmp.resolve("out.json");
        TestSupport.Run r = run("backup", "restore", folder.dir().toString(), "--to", out.toString(),
                "--sequence", Long.toString(newest + 1));
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.errLines()).singleElement().asString().contains("past the newest backed-up sequence",
                "which is " + newest);
        assertThat(out).doesNotExist();
    }
}
