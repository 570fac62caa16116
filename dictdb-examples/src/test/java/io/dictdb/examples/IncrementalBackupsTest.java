package io.dictdb.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IncrementalBackupsTest {

    @TempDir
    static Path dir;
    private static Printed printed;

    @BeforeAll
    static void run() throws Exception {
        printed = Printed.by(out -> IncrementalBackups.run(dir, out));
    }

    @Test
    void countsDeltasAndCompacts() {
        assertThat(printed.all("Deltas since last full backup: "))
                .containsExactly("Deltas since last full backup: 1", "Deltas since last full backup: 3");
        assertThat(printed.line("Deltas after compaction: ")).isEqualTo("Deltas after compaction: 0");
    }

    @Test
    void listsTheFilesOfBothChains() {
        int header = printed.lines.indexOf("Backup files:");
        var files = printed.lines.subList(header + 1, header + 7);
        assertThat(files).extracting(l -> l.trim().split("\\s+")[1])
                .containsExactly("FULL", "DELTA", "DELTA", "DELTA", "FULL", "DELTA");
        assertThat(files.get(0)).contains("dictdb_backup_").endsWith("FULL 1..1");
        assertThat(files.get(1)).contains("dictdb_delta_").endsWith("DELTA 2..101");
        assertThat(printed.line("Verify: ")).isEqualTo("Verify: ok, 6 files checked");
    }

    @Test
    void restoresTheLatestStateByEitherWay() {
        // 100 transactions, those with amount >= 900 (TX00090..TX00099) deleted, one added
        long expected = IntStream.range(0, 100).filter(i -> i * 10.0 < 900).count() + 1;
        assertThat(printed.line("Restored latest: ")).isEqualTo("Restored latest: 1 table(s), " + expected
                + " transactions");
        assertThat(printed.line("Loading full backup: ")).contains("dictdb_backup_");
        assertThat(printed.all("Delta applied: ")).hasSize(1);
        assertThat(printed.line("Restored by hand equals latest: ")).endsWith("true");
    }

    @Test
    void restoresAPointInTime() {
        // sequence before the delete: table (1) + 100 inserts + 1 update = 102; three files: full, two deltas
        assertThat(printed.line("Restored at sequence ")).isEqualTo(
                "Restored at sequence 102 (before the delete): 100 transactions, from 3 files");
    }
}
