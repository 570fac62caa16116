package io.dictdb.examples.guides;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the blocks of docs/backups.md and checks what their comments say. */
class BackupsAndRestoreTest {

    @TempDir
    Path dir;

    @Test
    void maxDeltasBeforeFullAppliesToBackupNowNotToBackupDelta() {
        Map<String, Object> r = BackupsAndRestore.chain(dir.resolve("b"));
        assertThat(r.get("kinds")).isEqualTo(List.of("FULL", "DELTA", "DELTA", "FULL", "DELTA", "DELTA", "DELTA"));
        assertThat(r.get("files")).isEqualTo(List.of("FULL 1..2", "DELTA 3..3", "DELTA 4..4", "FULL 1..5",
                "DELTA 6..6", "DELTA 7..7", "DELTA 8..8"));
    }

    @Test
    void closeTakesNoFinalBackup() {
        Map<String, Object> r = BackupsAndRestore.shutdown(dir.resolve("b"));
        assertThat(r.get("restored")).isEqualTo(1L);
        assertThat(r.get("after")).isEqualTo(2L);
    }

    @Test
    void retentionVerifyAndRestores() {
        Map<String, Object> r = BackupsAndRestore.restores(dir.resolve("b"));
        assertThat(r.get("files")).isEqualTo(List.of("FULL 1..4", "DELTA 5..5", "FULL 1..6", "DELTA 7..7"));
        assertThat(r.get("ok")).isEqualTo(true);
        assertThat(r.get("latest")).isEqualTo(6L);
        assertThat(r.get("earlier")).isEqualTo(4L);
        assertThat(r.get("sequence")).isEqualTo(5L);
        assertThat(r.get("applied")).isEqualTo(2);
    }

    @Test
    void severalDatabasesInOneFolder() {
        Map<String, Object> r = BackupsAndRestore.severalDatabases(dir.resolve("b"));
        assertThat((String) r.get("refused")).contains("holds the backups of another database");
        assertThat(r.get("same")).isEqualTo(true);
        assertThat((String) r.get("guess")).contains("holds the backups of 2 databases", "say which one");
        assertThat(r.get("ids")).isEqualTo(2);
        assertThat(r.get("one")).isEqualTo(List.of("orders"));
    }

    @Test
    void aDurableDatabaseLosesNothingTheLastBackupLacks() {
        Map<String, Object> r = BackupsAndRestore.durable(dir.resolve("db"));
        assertThat(r.get("reopened")).isEqualTo(r.get("acknowledged"));
        assertThat(r.get("count")).isEqualTo(2L);
    }
}
