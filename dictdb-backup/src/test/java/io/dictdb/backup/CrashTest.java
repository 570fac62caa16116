package io.dictdb.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a child JVM that writes and backs up continuously ({@link CrashChild}) at a random moment, then checks
 * that every restore holds every change covered by a backup the child reported complete, and that no torn or
 * temporary file is taken for a backup. 20 trials (200 with {@code -Ddictdb.longTests=true}); every other trial
 * waits for a few completed backups before its random delay, so that trials with backups exist on a slow machine.
 */
class CrashTest {
    private static final boolean LONG = Boolean.getBoolean("dictdb.longTests");
    private static final int TRIALS = Integer.getInteger("dictdb.crashTrials", LONG ? 200 : 20);

    @TempDir
    Path root;

    @Test
    void everyCompletedBackupSurvivesAKillAtARandomMoment() throws Exception {
        Random rnd = new Random();
        long seed = rnd.nextLong();
        rnd = new Random(seed);
        int withBackups = 0;
        int awaited = 0;
        for (int trial = 0; trial < TRIALS; trial++) {
            Path dir = root.resolve("trial-" + trial);
            String format = new String[] {"json", "cbor", "kryo"}[trial % 3];
            // every other trial waits for 1 to 5 completed backups before its random delay, so that a slow machine
            // still kills children that have backups (the others may die before their first)
            int backupsFirst = trial % 2 == 0 ? 0 : 1 + rnd.nextInt(5);
            awaited += backupsFirst > 0 ? 1 : 0;
            List<String> lines = runAndKill(dir, rnd.nextLong(), format, backupsFirst, rnd.nextInt(700));
            List<String[]> backups = lines.stream().filter(l -> l.startsWith("BACKUP ") && l.endsWith(" END"))
                    .map(l -> l.split(" ")).toList();
            String ctx = "trial " + trial + " (" + format + ", seed " + seed + ")";
            if (!Files.isDirectory(dir)) {
                assertThat(backups).as(ctx).isEmpty();
                continue;
            }
            VerifyReport report = Backups.verify(dir);
            if (report.problems().stream().anyMatch(p -> p.kind() == VerifyReport.Problem.Kind.NO_BACKUP)) {
                assertThat(backups).as(ctx).isEmpty(); // killed after the folder was made, before the first file
                continue;
            }
            assertThat(report.ok()).as("%s: %s", ctx, report).isTrue();
            assertThat(report.checked()).allSatisfy(f -> assertThat(f.path().getFileName().toString())
                    .doesNotEndWith(".tmp").doesNotStartWith("."));
            if (backups.isEmpty()) {
                continue;
            }
            withBackups++;
            long lastReported = Long.parseLong(backups.get(backups.size() - 1)[1]);
            RestoreResult latest = Backups.restoreReport(dir, RestorePoint.latest());
            assertThat(latest.stoppedAt()).as(ctx).isEmpty();
            assertThat(latest.sequence()).as(ctx).isGreaterThanOrEqualTo(lastReported);
            // Retention keeps two fulls: a full the child wrote but was killed before reporting may have deleted
            // the chain of a reported point, which is then legitimately gone.
            long earliestFull = report.checked().stream().filter(f -> f.kind() == BackupFile.Kind.FULL)
                    .mapToLong(BackupFile::lastSequence).min().orElse(Long.MAX_VALUE);
            for (String[] b : backups.subList(Math.max(0, backups.size() - 3), backups.size())) {
                long seq = Long.parseLong(b[1]);
                if (seq < earliestFull) {
                    continue;
                }
                RestoreResult r = Backups.restoreReport(dir, RestorePoint.atSequence(seq));
                assertThat(r.sequence()).as(ctx).isEqualTo(seq);
                assertThat(CrashChild.digest(r.database())).as("%s: table t at sequence %s", ctx, seq)
                        .isEqualTo(b[2]);
            }
            // a new manager cleans what the killed one left half-written
            try (BackupManager m = BackupManager.builder(Backups.restoreLatest(dir), dir).build()) {
                m.start();
            }
            try (Stream<Path> s = Files.list(dir)) {
                assertThat(s.map(p -> p.getFileName().toString())).as(ctx).noneMatch(n -> n.endsWith(".tmp"));
            }
        }
        assertThat(withBackups).as("trials in which the child completed a backup before the kill")
                .isGreaterThanOrEqualTo(awaited);
    }

    private static List<String> runAndKill(Path dir, long seed, String format, int backupsFirst, long killAfterMs)
            throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-cp", System.getProperty("java.class.path"), CrashChild.class.getName(), dir.toString(),
                Long.toString(seed), format);
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        List<String> lines = new CopyOnWriteArrayList<>();
        CountDownLatch ready = new CountDownLatch(1);
        CountDownLatch backedUp = new CountDownLatch(backupsFirst);
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(line);
                    if (line.equals("READY")) {
                        ready.countDown();
                    } else if (line.startsWith("BACKUP ") && line.endsWith(" END")) {
                        backedUp.countDown();
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
            if (!backedUp.await(60, TimeUnit.SECONDS)) {
                throw new AssertionError("child JVM completed fewer than " + backupsFirst + " backups in 60 s: "
                        + lines);
            }
            Thread.sleep(killAfterMs);
        } finally {
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
            reader.join(10_000);
        }
        return new ArrayList<>(lines);
    }
}
