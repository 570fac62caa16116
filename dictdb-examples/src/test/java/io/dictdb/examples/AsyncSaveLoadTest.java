package io.dictdb.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.dictdb.core.DictDB;

class AsyncSaveLoadTest {

    @TempDir
    static Path dir;
    private static Printed printed;

    @BeforeAll
    static void run() throws Exception {
        printed = Printed.by(out -> AsyncSaveLoad.run(dir, out));
    }

    @Test
    void savesAndLoadsWithoutBlocking() {
        assertThat(printed.line("Save completed: ")).isEqualTo("Save completed: backup_async.json");
        long inFile = DictDB.load(dir.resolve("backup_async.json")).table("users").count();
        // the snapshot is taken when saveAsync starts or a little later: 1000, or 1001 with the late insert
        assertThat(inFile).isBetween(1000L, 1001L);
        assertThat(printed.line("Loaded ")).isEqualTo("Loaded " + inFile + " users");
    }

    @Test
    void savesInParallelOnItsOwnExecutor() {
        assertThat(printed.line("Saved in parallel: ")).isEqualTo("Saved in parallel: json 2 events, kryo 2 events");
        assertThat(Files.exists(dir.resolve("events.kryo"))).isTrue();
    }

    @Test
    void aFailureCompletesTheFutureExceptionally() {
        assertThat(printed.line("Loading a missing file fails with: "))
                .startsWith("Loading a missing file fails with: CodecException: ").contains("missing.json");
    }
}
