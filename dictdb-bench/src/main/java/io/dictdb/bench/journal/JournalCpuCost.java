package io.dictdb.bench.journal;

import io.dictdb.Table;
import io.dictdb.core.DictDB;
import io.dictdb.core.JournalSync;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * CPU time per journalled insert, which a machine shared with other jobs distorts far less than the wall-clock
 * throughput {@link JournalBench} and {@link RecoveryBench} report (on a 2-core machine at load 15 to 20, their
 * iterations varied 10x). Three bounded measurements, each repeated three times:
 *
 * <ul>
 *   <li>{@code insert}: the calling thread's CPU time (user and system) per insert, in memory and with an
 *       {@code ASYNC} journal, one writer: the journal's own cost per commit (encoding, and the {@code write} call).
 *   <li>{@code sync32}: the process's CPU time per insert, and the inserts per second, with 32 writer threads on a
 *       {@code SYNC} journal for 4 s: what group commit costs in encoding, parking and waking.
 *   <li>{@code recovery}: the wall and process CPU time of {@code DictDB.open} replaying a journal of 1M one-insert
 *       commits.
 * </ul>
 *
 * <p>Run: {@code java -Xmx2g -cp dictdb-bench/target/benchmarks.jar io.dictdb.bench.journal.JournalCpuCost
 * [insert|sync32|recovery]...} (all three without an argument).
 */
public final class JournalCpuCost {
    private static final Map<String, Object> RECORD = Map.of("name", "someone", "score", 42L, "active", true);

    private JournalCpuCost() {
    }

    /**
     * Runs the measurements named, or all.
     *
     * @param args {@code insert}, {@code sync32}, {@code recovery}
     * @throws Exception if a folder cannot be written
     */
    public static void main(String[] args) throws Exception {
        List<String> which = args.length == 0 ? List.of("insert", "sync32", "recovery") : List.of(args);
        for (int round = 0; round < 3; round++) {
            if (which.contains("insert")) {
                insert(false, 200_000);
                insert(true, 200_000);
            }
            if (which.contains("sync32")) {
                sync(32, 4_000);
            }
        }
        if (which.contains("recovery")) {
            recovery(1_000_000);
        }
    }

    private static void insert(boolean journal, int n) throws IOException {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Path dir = Files.createTempDirectory("dictdb-cpu-cost");
        try (DictDB db = journal ? DictDB.builder().journalSync(JournalSync.ASYNC).open(dir) : DictDB.create()) {
            Table t = db.createTable("t");
            for (int i = 0; i < n / 2; i++) {
                t.insert(RECORD); // warm-up
            }
            long cpu = mx.getCurrentThreadCpuTime();
            long user = mx.getCurrentThreadUserTime();
            long wall = System.nanoTime();
            for (int i = 0; i < n; i++) {
                t.insert(RECORD);
            }
            cpu = mx.getCurrentThreadCpuTime() - cpu;
            user = mx.getCurrentThreadUserTime() - user;
            wall = System.nanoTime() - wall;
            System.out.printf("insert %-6s CPU %.2f us/insert (user %.2f, system %.2f), wall %.2f us, load %.1f%n",
                    journal ? "ASYNC" : "memory", cpu / 1e3 / n, user / 1e3 / n, (cpu - user) / 1e3 / n,
                    wall / 1e3 / n, load());
        } finally {
            JournalBench.deleteTree(dir);
        }
    }

    private static void sync(int threads, long millis) throws Exception {
        Path dir = Files.createTempDirectory("dictdb-cpu-cost");
        try (DictDB db = DictDB.open(dir)) {
            Table t = db.createTable("t");
            AtomicBoolean stop = new AtomicBoolean();
            LongAdder done = new LongAdder();
            List<Thread> writers = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Thread w = new Thread(() -> {
                    while (!stop.get()) {
                        t.insert(RECORD);
                        done.increment();
                    }
                });
                writers.add(w);
                w.start();
            }
            Thread.sleep(1_000); // warm-up
            long n = done.sum();
            long cpu = processCpu();
            long wall = System.nanoTime();
            Thread.sleep(millis);
            n = done.sum() - n;
            cpu = processCpu() - cpu;
            wall = System.nanoTime() - wall;
            stop.set(true);
            for (Thread w : writers) {
                w.join();
            }
            System.out.printf("sync32 %d writers SYNC: %,d inserts/s, process CPU %.1f us/insert, load %.1f%n",
                    threads, (long) (n / (wall / 1e9)), cpu / 1e3 / n, load());
        } finally {
            JournalBench.deleteTree(dir);
        }
    }

    private static void recovery(int changes) throws IOException {
        Path dir = Files.createTempDirectory("dictdb-cpu-cost");
        try {
            try (DictDB db = DictDB.builder().journalSync(JournalSync.ASYNC).open(dir)) {
                Table t = db.createTable("t");
                for (int i = 1; i < changes; i++) {
                    t.insert(RECORD);
                }
            }
            for (int round = 0; round < 4; round++) {
                long cpu = processCpu();
                long wall = System.nanoTime();
                try (DictDB db = DictDB.open(dir)) {
                    if (db.sequence() != changes) {
                        throw new IllegalStateException("replayed to " + db.sequence() + ", not " + changes);
                    }
                }
                System.out.printf("recovery of %,d changes: wall %,d ms, process CPU %,d ms, load %.1f%n", changes,
                        (System.nanoTime() - wall) / 1_000_000, (processCpu() - cpu) / 1_000_000, load());
            }
        } finally {
            JournalBench.deleteTree(dir);
        }
    }

    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
