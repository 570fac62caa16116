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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Inserts per second into a durable database ({@code DictDB.open}, json journal entries) against the machine's fsync
 * rate, measured in the same run as a 256-byte write plus {@code FileChannel.force} loop on a file in the same
 * folder ({@link #fsync}). The goals: {@code SYNC} with one writer at least 0.8x the fsync rate; with 32
 * writers at least 10x the one-writer rate (group commit); {@code ASYNC} within 1.5x of the in-memory insert's time.
 * Every insert is of a new 3-field record whose key the table's counter gives.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
public class JournalBench {
    private static final Map<String, Object> RECORD = Map.of("name", "someone", "score", 42L, "active", true);

    /**
     * A database in a fresh temporary folder (or in memory), per iteration: a table that grew through the whole trial
     * (tens of millions of records at an in-memory insert's rate) made the garbage collector, not the insert, the
     * measure of the later iterations, and the in-memory figure the noisiest of all.
     */
    @State(Scope.Benchmark)
    public static class Db {
        /** SYNC, ASYNC or MEMORY (no journal). */
        @Param({"SYNC"})
        public String mode;
        /** The journal's codec. */
        @Param({"json"})
        public String format;
        Path dir;
        DictDB db;
        Table table;

        /** Opens the database. */
        @Setup(Level.Iteration)
        public void open() throws IOException {
            dir = Files.createTempDirectory("dictdb-journal-bench");
            db = "MEMORY".equals(mode) ? DictDB.create()
                    : DictDB.builder().journalSync(JournalSync.valueOf(mode)).journalFormat(format).open(dir);
            table = db.createTable("t");
        }

        /** Closes it and deletes the folder. */
        @TearDown(Level.Iteration)
        public void close() throws IOException {
            db.close();
            deleteTree(dir);
        }
    }

    /** A file for the fsync baseline. */
    @State(Scope.Thread)
    public static class Disk {
        Path dir;
        FileChannel channel;
        final ByteBuffer block = ByteBuffer.allocate(256);

        /** Creates the file. */
        @Setup(Level.Trial)
        public void open() throws IOException {
            dir = Files.createTempDirectory("dictdb-fsync-bench");
            channel = FileChannel.open(dir.resolve("f"), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
        }

        /** Deletes it. */
        @TearDown(Level.Trial)
        public void close() throws IOException {
            channel.close();
            deleteTree(dir);
        }
    }

    /**
     * The machine's fsync rate: append 256 bytes, force.
     *
     * @param disk the file
     * @return the bytes written
     * @throws IOException if writing fails
     */
    @Benchmark
    public int fsync(Disk disk) throws IOException {
        disk.block.clear();
        int n = disk.channel.write(disk.block);
        disk.channel.force(false);
        return n;
    }

    /**
     * One writer's insert.
     *
     * @param db the database
     * @return the key
     */
    @Benchmark
    public Object insert(Db db) {
        return db.table.insert(RECORD);
    }

    /**
     * The same insert from 32 threads at once, sharing fsyncs in SYNC mode.
     *
     * @param db the database
     * @return the key
     */
    @Benchmark
    @Threads(32)
    public Object insert32(Db db) {
        return db.table.insert(RECORD);
    }

    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
