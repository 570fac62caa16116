package io.dictdb.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupManagerSetupTest {

    @TempDir
    static Path dir;
    private static Printed printed;

    @BeforeAll
    static void run() throws Exception {
        printed = Printed.by(out -> BackupManagerSetup.run(dir, out));
    }

    @Test
    void startsBacksUpAtShutdownAndStops() {
        assertThat(printed.line("Backup manager started: ")).isEqualTo("Backup manager started: true");
        // 3 tables created + 25 inserts = sequence 28
        assertThat(printed.line("Final backup: ")).startsWith("Final backup: FULL, sequence 28, ");
        assertThat(printed.line("Backup manager stopped")).endsWith("running=false");
        assertThat(printed.line("Restored users")).endsWith(": 25");
    }

    @Test
    void reportsEveryFailureWithGrowingAlertsThenRecovers() {
        assertThat(printed.line("First backup written")).endsWith("consecutive failures: 0");
        assertThat(printed.all("Backup failure (")).hasSize(5);
        for (int i = 1; i <= 5; i++) {
            assertThat(printed.line("Backup failure (" + i + "x): ")).contains("No space left on device");
        }
        assertThat(printed.all("  WARNING: first backup failure")).hasSize(1);
        assertThat(printed.all("  ERROR: 3 consecutive failures")).hasSize(1);
        assertThat(printed.all("  CRITICAL: 5+ failures")).hasSize(1);
        assertThat(printed.line("Consecutive failures: ")).startsWith("Consecutive failures: 5, last error: ")
                .contains("No space left on device");
        // table + 1 insert = 2, then 5 more inserts: the recovered backup covers 7 (a delta after a failed delta
        // carries every change; here the default is full backups).
        assertThat(printed.line("Disk freed: ")).isEqualTo(
                "Disk freed: next backup FULL up to sequence 7; consecutive failures: 0");
        assertThat(printed.line("Records restored after the failures: "))
                .isEqualTo("Records restored after the failures: 6 of 6");
    }
}
