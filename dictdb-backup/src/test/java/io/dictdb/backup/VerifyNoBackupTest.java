package io.dictdb.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding 7 of issue 21: a health check pointed at a folder without backups must not pass. */
class VerifyNoBackupTest {
    @TempDir
    Path root;

    private static void assertNoBackup(Path dir) {
        VerifyReport report = Backups.verify(dir);
        assertThat(report.ok()).isFalse();
        assertThat(report.checked()).isEmpty();
        assertThat(report.problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(VerifyReport.Problem.Kind.NO_BACKUP);
            assertThat(p.file()).isEqualTo(dir);
            assertThat(p.message()).contains("no backup found");
        });
        assertThat(report.toString()).contains(dir.toString());
    }

    @Test
    void anEmptyFolderIsNotOk() {
        assertNoBackup(root);
    }

    @Test
    void aFolderWithOnlyTemporaryAndOtherFilesIsNotOk() throws Exception {
        Files.writeString(root.resolve(".dictdb_backup_1_000001.json.1a2b3c4d.tmp"), "half");
        Files.writeString(root.resolve("notes.txt"), "not a backup");
        assertNoBackup(root);
    }

    @Test
    void aMissingFolderIsNotOk() {
        assertNoBackup(root.resolve("typo"));
    }
}
