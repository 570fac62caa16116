package io.dictdb.bench.journal;

import io.dictdb.Table;
import io.dictdb.core.DictDB;
import io.dictdb.core.JournalSync;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The time {@code DictDB.open(dir)} takes to replay a journal of {@link Folder#changes} small changes (one insert
 * per commit, so one entry per change: the most entries for the count), with no backup: the goal is under
 * 3 s for 1M. The journal is written once per trial, in {@code ASYNC} mode to be quick (the entries are the same in
 * both modes); every measured open replays all of it and is closed again.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class RecoveryBench {
    private static final Map<String, Object> RECORD = Map.of("name", "someone", "score", 42L, "active", true);

    /** A folder holding the journal. */
    @State(Scope.Benchmark)
    public static class Folder {
        /** How many changes (commits of one insert) the journal holds. */
        @Param({"1000000"})
        public int changes;
        /** The journal's codec. */
        @Param({"json"})
        public String format;
        Path dir;

        /** Writes the journal. */
        @Setup(Level.Trial)
        public void write() throws IOException {
            dir = Files.createTempDirectory("dictdb-recovery-bench");
            try (DictDB db = DictDB.builder().journalSync(JournalSync.ASYNC).journalFormat(format).open(dir)) {
                Table t = db.createTable("t");
                for (int i = 1; i < changes; i++) { // the table's creation is the first change
                    t.insert(RECORD);
                }
            }
        }

        /** Deletes the folder. */
        @TearDown(Level.Trial)
        public void delete() throws IOException {
            JournalBench.deleteTree(dir);
        }
    }

    /**
     * Opens the folder (replaying the whole journal) and closes it.
     *
     * @param journal the folder and its journal
     * @return the sequence number reached
     */
    @Benchmark
    public long open(Folder journal) {
        try (DictDB db = DictDB.builder().journalFormat(journal.format).open(journal.dir)) {
            if (db.sequence() != journal.changes) {
                throw new IllegalStateException("replayed to sequence " + db.sequence() + ", not " + journal.changes);
            }
            return db.sequence();
        }
    }
}
