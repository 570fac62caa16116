package io.dictdb.examples.guides;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the blocks of docs/threads.md. */
class ThreadsTest {

    @TempDir
    Path dir;

    @Test
    void noUpdateIsLost() throws Exception {
        assertThat(Threads.counters().get("hits")).isEqualTo(1000L);
    }

    @Test
    void aBlockThatThrowsKeepsTheWritesMadeBeforeTheThrow() {
        Map<String, Object> r = Threads.atomically();
        assertThat(r.get("annAfterThrow")).isEqualTo(-430L);
        assertThat(r.get("ben")).isEqualTo(30L);
        assertThat(r.get("ledger")).isEqualTo(1L);
    }

    @Test
    void snapshotsAndAsyncSavesHoldTheStateOfTheCall() {
        Map<String, Object> r = Threads.snapshots(dir);
        assertThat(r.get("inFile")).isEqualTo(1L);
        assertThat(r.get("inCopy")).isEqualTo(1L);
        assertThat(r.get("live")).isEqualTo(2L);
    }
}
