package io.dictdb.core.journal;

import io.dictdb.Table;
import io.dictdb.core.DictDB;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kills a child JVM writing with {@code SYNC} ({@link KillChild}) with SIGKILL at a random moment, then opens its
 * folder: every write the child acknowledged before the kill is there, and the folder opens at once (the killed
 * process's lock died with it). Each trial reopens the previous trial's folder, so torn tails and recovery are
 * exercised again and again. 50 trials (1,000 with {@code -Ddictdb.longTests=true}).
 */
class KillTest {
    private static final boolean LONG = Boolean.getBoolean("dictdb.longTests");
    private static final int TRIALS = Integer.getInteger("dictdb.killTrials", LONG ? 1000 : 50);

    @TempDir
    Path dir;

    @BeforeAll
    static void codec() {
        CompactTestCodec.install();
    }

    @Test
    void everyAcknowledgedWriteSurvivesSigkill() throws Exception {
        long seed = new Random().nextLong();
        Random rnd = new Random(seed);
        long acknowledged = 0;
        for (int trial = 0; trial < TRIALS; trial++) {
            List<String> lines = runAndKill(dir, 2, 100 + rnd.nextInt(500));
            List<Long> acks = lines.stream().filter(l -> l.startsWith("ACK ")).map(l -> Long.parseLong(l.substring(4)))
                    .toList();
            acknowledged += acks.size();
            try (DictDB db = DictDB.builder().journalFormat(CompactTestCodec.NAME).open(dir)) {
                Table t = db.table("t");
                for (Long id : acks) {
                    assertThat(t.get(id)).as("trial %d (seed %d): acknowledged id %d", trial, seed, id).isPresent();
                }
                // Transactions are whole: both records of a pair or neither.
                for (var r : t.all()) {
                    if ("tx".equals(r.get("v"))) {
                        long id = (Long) r.get("id");
                        long mate = id % 2 == 0 ? id + 1 : id - 1;
                        assertThat(t.get(mate)).as("trial %d (seed %d): pair of %d", trial, seed, id).isPresent();
                    }
                }
            }
        }
        assertThat(acknowledged).as("writes acknowledged over all trials").isPositive();
    }

    private static List<String> runAndKill(Path dir, int threads, long killAfterMs) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-cp", System.getProperty("java.class.path"), KillChild.class.getName(), dir.toString(),
                Integer.toString(threads));
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        List<String> lines = new CopyOnWriteArrayList<>();
        CountDownLatch ready = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(line);
                    if (line.equals("READY")) {
                        ready.countDown();
                    }
                }
            } catch (Exception e) {
                // the process was killed
            }
        });
        reader.start();
        try {
            if (!ready.await(30, TimeUnit.SECONDS)) {
                throw new AssertionError("child JVM did not start: " + lines);
            }
            Thread.sleep(killAfterMs);
        } finally {
            p.destroyForcibly(); // SIGKILL on Linux
            p.waitFor(30, TimeUnit.SECONDS);
            reader.join(10_000);
        }
        return new ArrayList<>(lines);
    }
}
