package io.dictdb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dictdb.Table;
import io.dictdb.backup.BackupManager;
import io.dictdb.core.DictDB;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dictdb standby DIR}: follows a primary's folder and prints the sequence it reached and its lag. */
class StandbyCommandTest {
    @TempDir
    Path dir;

    @Test
    void followsThePrimaryAndPrintsSequenceAndLagUntilForHasPassed() {
        try (DictDB primary = DictDB.open(dir); BackupManager m = BackupManager.builder(primary, dir)
                .incremental(true).build()) {
            Table t = primary.createTable("t", "id");
            m.start();
            for (long i = 0; i < 30; i++) {
                t.insert(Map.of("id", i));
            }
            long backedUp = m.backupFull().lastSequence();
            for (long i = 30; i < 40; i++) {
                t.insert(Map.of("id", i)); // journal only
            }
            TestSupport.Run r = TestSupport.run("standby", dir.toString(), "--for", "1s", "--interval", "200ms");
            assertThat(r.exitCode()).as(r.err()).isZero();
            List<String> lines = r.out().lines().toList();
            // it starts from the backup chain, then the journal brings it to the primary's sequence
            assertThat(lines.get(0)).startsWith("following " + dir + " from sequence ");
            assertThat(Long.parseLong(lines.get(0).substring(lines.get(0).lastIndexOf(' ') + 1)))
                    .isBetween(backedUp, primary.sequence());
            List<String> status = lines.stream().filter(l -> l.startsWith("sequence ")).toList();
            assertThat(status).hasSizeGreaterThanOrEqualTo(3)
                    .allMatch(l -> l.matches("sequence \\d+  lag \\d+ ms  1 table, 40 records"));
            assertThat(status.get(status.size() - 1)).startsWith("sequence " + primary.sequence() + "  lag 0 ms");
            assertThat(lines.get(lines.size() - 1)).isEqualTo("stopped at sequence " + primary.sequence());
        }
    }

    @Test
    void aBadDurationIsAUsageErrorAndAMissingFolderAFailure() {
        TestSupport.Run bad = TestSupport.run("standby", dir.toString(), "--for", "soon");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("--for").contains("soon");
        TestSupport.Run missing = TestSupport.run("standby", dir.resolve("nope").toString(), "--for", "1s");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("no such folder").contains("nope");
    }
}
