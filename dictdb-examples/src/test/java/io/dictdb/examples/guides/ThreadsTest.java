package io.dictdb.examples.guides;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
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
    @SuppressWarnings("unchecked")
    void aTransactionThatThrowsIsUndoneWholeAndANestedOneJoinsIt() {
        Map<String, Object> r = Threads.transactions();
        assertThat(r.get("annAfterThrow")).isEqualTo(100L);
        assertThat(r.get("ledgerAfterThrow")).isEqualTo(0L);
        assertThat(r.get("sequenceAfterThrow")).as("two tables, two accounts; nothing of the undone block")
                .isEqualTo(4L);
        assertThat((List<Object>) r.get("notes")).containsExactly("kept");
        assertThat((String) r.get("readRefused"))
                .startsWith("Table 'audit' is not part of the transaction over [ledger]");
        assertThat((String) r.get("ddlRefused")).contains("inside a transaction").contains("'note'");
    }

    @Test
    void snapshotsAndAsyncSavesHoldTheStateOfTheCall() {
        Map<String, Object> r = Threads.snapshots(dir);
        assertThat(r.get("inFile")).isEqualTo(1L);
        assertThat(r.get("inCopy")).isEqualTo(1L);
        assertThat(r.get("live")).isEqualTo(2L);
    }
}
