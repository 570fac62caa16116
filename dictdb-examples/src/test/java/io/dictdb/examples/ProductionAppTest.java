package io.dictdb.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.dictdb.Database;
import io.dictdb.backup.Backups;
import io.dictdb.core.DictDB;

class ProductionAppTest {

    @TempDir
    Path dir;

    @Test
    void theSecondRunStartsFromTheFirstRunsBackups() throws Exception {
        Printed first = Printed.by(out -> ProductionApp.run(dir, 30, out));
        assertThat(first.lines).contains("Creating new database", "Application started",
                "Operations completed successfully", "Application stopped gracefully");
        assertThat(first.all("Progress: ")).containsExactly("Progress: 0/30 users created",
                "Progress: 10/30 users created", "Progress: 20/30 users created");
        assertThat(first.all("Unexpected")).isEmpty();
        // 30 creates + 30 gets + 30 searches; the failed get is an error
        assertThat(first.line("Operations performed: ")).isEqualTo("Operations performed: 90");
        assertThat(first.line("Errors: ")).isEqualTo("Errors: 1");
        assertThat(first.line("As expected: ")).isEqualTo("As expected: User -1 not found");
        assertThat(first.line("Users: ")).isEqualTo("Users: 30");

        Printed second = Printed.by(out -> ProductionApp.run(dir, 20, out));
        assertThat(second.line("Loading backup: ")).contains("dictdb_backup_");
        assertThat(second.lines).doesNotContain("Creating new database");
        assertThat(second.line("Users: ")).isEqualTo("Users: 50");

        Database finalState = DictDB.load(dir.resolve("final_state.json"));
        assertThat(finalState.table("users").count()).isEqualTo(50);
        assertThat(finalState.table("users").get(50L).orElseThrow().getString("email"))
                .isEqualTo("user49@example.com");
        assertThat(finalState.table("users").indexedFields()).containsExactly("email");
        assertThat(finalState.table("sessions").indexedFields()).containsExactlyInAnyOrder("user_id", "expire_at");
        assertThat(Backups.verify(dir.resolve("backups")).ok()).isTrue();
    }
}
