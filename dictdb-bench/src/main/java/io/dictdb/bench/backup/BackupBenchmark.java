package io.dictdb.bench.backup;

import io.dictdb.Table;
import io.dictdb.backup.BackupFile;
import io.dictdb.backup.BackupManager;
import io.dictdb.bench.codec.CodecBenchmark;
import io.dictdb.core.DictDB;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
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

/**
 * A full backup of a one-table database of {@code records} records against a delta of {@code changes} updated
 * records, per codec, through {@link BackupManager} (snapshot or capture, codec, frame, CRC32C, fsync, atomic
 * rename). Before each invocation (untimed) {@code changes} random records are updated. {@code fullWithWriter}
 * is a full backup while a writer thread upserts records: the longest pause that writer saw is printed at
 * tear-down ({@code # pause ...}), with the file sizes ({@code # size ...}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g", "-Xms6g"})
public class BackupBenchmark {

    /** The codec's name. */
    @Param({"json", "cbor", "kryo"})
    public String codec;

    /** How many records. */
    @Param({"1000000"})
    public int records;

    /** How many records change before each backup (1% of a million by default). */
    @Param({"10000"})
    public int changes;

    private DictDB db;
    private Table table;
    private BackupManager manager;
    private Path dir;
    private final Random rnd = new Random(42);
    private long fullBytes;
    private long deltaBytes;
    private final AtomicLong maxPauseNanos = new AtomicLong();
    private volatile AtomicBoolean writing;
    private Thread writer;

    /** Builds the database and writes the first full backup. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        db = DictDB.create();
        table = db.createTable("users");
        CodecBenchmark.insertUsers(table, records);
        dir = Files.createTempDirectory("dictdb-backup-bench");
        manager = BackupManager.builder(db, dir).format(codec).incremental(true).build();
        fullBytes = manager.backupFull().sizeBytes();
    }

    /** Updates {@code changes} random records (untimed). */
    @Setup(Level.Invocation)
    public void change() {
        for (int i = 0; i < changes; i++) {
            long key = 1 + rnd.nextInt(records);
            table.upsert(Map.of("id", key, "name", "user-" + key, "age", 99L, "dept", "changed",
                    "score", rnd.nextDouble(), "active", true, "email", "x" + key + "@example.com"));
        }
    }

    /** Deletes the files written by the invocation and stops the writer thread, if any. */
    @TearDown(Level.Invocation)
    public void clean() throws IOException, InterruptedException {
        AtomicBoolean w = writing;
        if (w != null) {
            w.set(false);
            writer.join();
            writing = null;
        }
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Prints the sizes and the pause, stops the manager and deletes the folder. */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException, InterruptedException {
        System.out.printf("%n# size codec=%s records=%d changes=%d full=%d delta=%d bytes%n", codec, records, changes,
                fullBytes, deltaBytes);
        System.out.printf("# pause codec=%s longest writer pause during a full backup=%.3f ms%n", codec,
                maxPauseNanos.get() / 1e6);
        manager.stop();
        clean();
        Files.deleteIfExists(dir);
    }

    /**
     * A full backup.
     *
     * @return the file
     */
    @Benchmark
    public BackupFile full() {
        BackupFile f = manager.backupFull();
        fullBytes = f.sizeBytes();
        return f;
    }

    /**
     * A delta of the changes made before it.
     *
     * @return the file
     */
    @Benchmark
    public BackupFile delta() {
        BackupFile f = manager.backupDelta().orElseThrow();
        deltaBytes = f.sizeBytes();
        return f;
    }

    /**
     * A full backup while a writer thread upserts records and times each upsert.
     *
     * @return the file
     */
    @Benchmark
    public BackupFile fullWithWriter() {
        AtomicBoolean on = new AtomicBoolean(true);
        writing = on;
        writer = new Thread(() -> {
            Random r = new Random(7);
            while (on.get()) {
                long key = 1 + r.nextInt(records);
                long t0 = System.nanoTime();
                table.upsert(Map.of("id", key, "name", "w", "age", 1L));
                long took = System.nanoTime() - t0;
                maxPauseNanos.accumulateAndGet(took, Math::max);
            }
        });
        writer.start();
        return manager.backupFull();
    }
}
