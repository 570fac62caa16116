package io.dictdb.reliability.crash;

import static org.assertj.core.api.Assertions.assertThat;

import io.dictdb.BackupException;
import io.dictdb.backup.BackupFile;
import io.dictdb.backup.BackupManager;
import io.dictdb.backup.Backups;
import io.dictdb.backup.RestorePoint;
import io.dictdb.backup.RestoreResult;
import io.dictdb.backup.VerifyReport;
import io.dictdb.core.DictDB;
import io.dictdb.reliability.Bounds;
import io.dictdb.reliability.ChildJvm;
import io.dictdb.reliability.DbDigest;
import io.dictdb.reliability.Figures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash trials: a child JVM ({@link CrashWorkload}) runs two databases whose backup folders and save files share one
 * parent folder; it writes records (ordinary ones and {@link io.dictdb.reliability.EdgeValues}) and DDL, saves now
 * and then, and backs up incrementally, and is
 * killed with SIGKILL ({@link ChildJvm}: every line printed before the kill is read) either at a random moment or inside a chosen phase of a backup
 * (half of a delta's or a full's bytes written, before the fsync, before or after the rename, between the deletions
 * of a retention). After each kill: the folder verifies, no temporary file is taken for a backup, the latest
 * restore reaches at least the last acknowledged sequence and equals, digest for digest, the state the child
 * recorded at the restored sequence (so it holds every acknowledged change and nothing that never happened), a
 * restore at each of the last acknowledged sequences equals the state recorded there, and a new manager on the
 * folder removes what the killed one left half-written; all of this for each database in its own folder, and each
 * database's last save loads to a state it recorded, no older than its last acknowledged save. The child also runs
 * transactions over two tables, some abandoned half-way: no restored or saved state holds part of one
 * ({@link CrashWorkload#partialTransaction}), nor anything of an abandoned one.
 *
 * <p>Bounds: 50 trials / 150 s (normal), 1,000 trials / 1,200 s ({@code -Ddictdb.longTests=true});
 * {@code -Ddictdb.crashTrials=N}, {@code -Ddictdb.crashTrials.seconds=S}; two children run at once.
 */
class CrashTrialTest {
    private static final String[] PHASES = {"none", "none", "write-delta", "write-delta", "force-delta",
        "rename-delta", "renamed-delta", "delete", "delete", "write-full", "renamed-full"};
    private static final String[] FORMATS = {"json", "cbor", "kryo"};

    @TempDir
    Path root;

    record Outcome(int trial, String phase, String killedIn, int acks, String failure) {
    }

    @Test
    void noAcknowledgedChangeIsLostWhateverMomentTheProcessIsKilled() throws Exception {
        Bounds bounds = Bounds.of("dictdb.crashTrials", 50, 1000, 150, 1200);
        long seed = Bounds.seed("CrashTrialTest");
        Random rnd = new Random(seed);
        long began = System.nanoTime();
        long deadline = bounds.deadline();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<Outcome>> futures = new ArrayList<>();
        AtomicInteger started = new AtomicInteger();
        try {
            for (int i = 0; i < bounds.count(); i++) {
                int trial = i;
                long trialSeed = rnd.nextLong();
                futures.add(pool.submit(() -> {
                    if (Bounds.past(deadline)) {
                        return null;
                    }
                    started.incrementAndGet();
                    return runTrial(trial, trialSeed);
                }));
            }
            List<Outcome> outcomes = new ArrayList<>();
            for (Future<Outcome> f : futures) {
                Outcome o = f.get(10, TimeUnit.MINUTES);
                if (o != null) {
                    outcomes.add(o);
                }
            }
            List<String> failures = outcomes.stream().filter(o -> o.failure() != null)
                    .map(o -> "trial " + o.trial() + " (phase " + o.phase() + "): " + o.failure()).toList();
            Map<String, Integer> killedIn = new TreeMap<>();
            for (Outcome o : outcomes) {
                killedIn.merge(o.killedIn(), 1, Integer::sum);
            }
            long withAck = outcomes.stream().filter(o -> o.acks() > 0).count();
            long acks = outcomes.stream().mapToLong(Outcome::acks).sum();
            Figures.of("crash").put("seed", seed).put("trials", outcomes.size())
                    .put("trialsWithAckedBackups", withAck).put("acknowledgedBackups", acks)
                    .put("killedIn", killedIn.toString().replace(" ", "")).put("losses", failures.size())
                    .put("boundSeconds", bounds.wall().getSeconds())
                    .put("elapsedSeconds", (System.nanoTime() - began) / 1_000_000_000L).report();
            assertThat(failures).as("trials that lost an acknowledged change or kept a bad file (seed %s)", seed)
                    .isEmpty();
            assertThat(outcomes.size()).as("trials run within %s", bounds.wall())
                    .isGreaterThanOrEqualTo(Bounds.LONG ? bounds.count() : Math.min(bounds.count(), 50)); // long: the figure
            assertThat(withAck).as("trials in which the child acknowledged a backup before the kill")
                    .isGreaterThanOrEqualTo(outcomes.size() / 2);
            assertThat(killedIn.keySet()).as("phases the kills landed in")
                    .contains("write-delta", "delete", "timer");
        } finally {
            pool.shutdownNow();
        }
    }

    private Outcome runTrial(int trial, long seed) throws Exception {
        Random rnd = new Random(seed);
        Path dir = root.resolve("trial-" + trial);
        String format = FORMATS[trial % FORMATS.length];
        String phase = PHASES[rnd.nextInt(PHASES.length)];
        int skip = phase.equals("delete") ? rnd.nextInt(4) : rnd.nextInt(6);
        long timer = phase.equals("none") ? 30 + rnd.nextInt(900) : 4000;
        Map<String, LaneLog> lanes = new TreeMap<>();
        for (String lane : CrashWorkload.LANES) {
            lanes.put(lane, new LaneLog());
        }
        String[] killedIn = {"timer"};
        String failure;
        try {
            failure = runAndKill(dir, seed, format, phase, skip, timer, lanes, killedIn);
            for (Map.Entry<String, LaneLog> lane : lanes.entrySet()) {
                if (failure == null) {
                    LaneLog log = lane.getValue();
                    failure = check(dir.resolve(lane.getKey()), log.states, log.acks);
                }
                if (failure == null) {
                    failure = checkSave(dir.resolve(lane.getKey() + "." + format), lane.getValue());
                }
            }
        } catch (Exception | AssertionError e) {
            failure = e.toString();
        }
        if (failure != null) {
            failure = format + ", seed " + seed + ", killed in " + killedIn[0] + ": " + failure;
        } else {
            deleteTree(dir);
        }
        int acks = lanes.values().stream().mapToInt(l -> l.acks.size()).sum();
        return new Outcome(trial, phase, killedIn[0], acks, failure);
    }

    private static String runAndKill(Path dir, long seed, String format, String phase, int skip, long timerMs,
                                     Map<String, LaneLog> lanes, String[] killedIn)
            throws Exception {
        List<String> bad = new ArrayList<>();
        ChildJvm.Outcome run = ChildJvm.run(CrashWorkload.class, List.of(dir.toString(), Long.toString(seed), format,
                phase, Integer.toString(skip)), dir.resolveSibling(dir.getFileName() + ".err"), timerMs, line -> {
                    if (line.startsWith("PHASE ")) {
                        killedIn[0] = line.substring(6);
                        return true;
                    } else if (line.startsWith("STATE ")) {
                        String[] parts = line.split(" ");
                        String before = lanes.get(parts[1]).states.put(Long.parseLong(parts[2]), parts[3]);
                        if (before != null && !before.equals(parts[3])) {
                            bad.add("two states recorded for sequence " + parts[2] + " of database " + parts[1]);
                        }
                    } else if (line.startsWith("ACK ")) {
                        String[] parts = line.split(" ");
                        lanes.get(parts[1]).acks.add(Long.parseLong(parts[2]));
                    } else if (line.startsWith("SAVED ")) {
                        String[] parts = line.split(" ");
                        lanes.get(parts[1]).saves.add(Long.parseLong(parts[2]));
                    } else if (!line.isEmpty()) {
                        bad.add("unexpected output: " + line);
                    }
                    return false;
                });
        if (run.problem() != null) {
            bad.add(run.problem());
        }
        return bad.isEmpty() ? null : String.join("; ", bad);
    }

    private static String check(Path dir, Map<Long, String> states, List<Long> acks) throws Exception {
        long lastAck = acks.isEmpty() ? -1 : acks.get(acks.size() - 1);
        for (long a : acks) {
            assertThat(states).as("a state was recorded for acknowledged sequence %s", a).containsKey(a);
        }
        if (!Files.isDirectory(dir)) {
            assertThat(acks).as("no folder, but acknowledged backups").isEmpty();
            return null;
        }
        VerifyReport report = Backups.verify(dir);
        if (report.problems().stream().anyMatch(p -> p.kind() == VerifyReport.Problem.Kind.NO_BACKUP)) {
            // killed after the folder was made, before the first file: verify says so rather than "ok"
            assertThat(acks).as("no backup in the folder, but acknowledged backups").isEmpty();
            return null;
        }
        assertThat(report.ok()).as("verify after the kill: %s", report).isTrue();
        assertThat(report.checked()).allSatisfy(f -> assertThat(f.path().getFileName().toString())
                .as("a file taken for a backup").doesNotEndWith(".tmp").doesNotStartWith("."));
        boolean anyFull = report.checked().stream().anyMatch(f -> f.kind() == BackupFile.Kind.FULL);
        if (!anyFull) {
            assertThat(acks).as("no full backup in the folder, but acknowledged backups").isEmpty();
            return null;
        }
        RestoreResult latest;
        try {
            latest = Backups.restoreReport(dir, RestorePoint.latest());
        } catch (BackupException e) {
            throw new AssertionError("restore failed with a full backup in the folder: " + e, e);
        }
        assertThat(latest.stoppedAt()).as("restore stopped early").isEmpty();
        assertThat(latest.sequence()).as("restored sequence vs last acknowledged").isGreaterThanOrEqualTo(lastAck);
        assertThat(states).as("the restored sequence %s is one the child reached", latest.sequence())
                .containsKey(latest.sequence());
        assertThat(DbDigest.of(latest.database())).as("restored state at sequence %s", latest.sequence())
                .isEqualTo(states.get(latest.sequence()));
        assertThat(CrashWorkload.partialTransaction(latest.database())).as("latest restore at sequence %s",
                latest.sequence()).isNull();
        for (long a : acks.subList(Math.max(0, acks.size() - 3), acks.size())) {
            RestoreResult r = Backups.restoreReport(dir, RestorePoint.atSequence(a));
            assertThat(r.sequence()).as("restore at acknowledged %s", a).isLessThanOrEqualTo(a);
            assertThat(DbDigest.of(r.database())).as("state restored for point %s (at %s)", a, r.sequence())
                    .isEqualTo(states.get(r.sequence()));
            assertThat(CrashWorkload.partialTransaction(r.database())).as("restore at acknowledged %s", a).isNull();
        }
        // a new manager removes what the killed one left half-written, and carries on from the restored state
        var db = latest.database();
        try (BackupManager m = BackupManager.builder(db, dir).incremental(true).build()) {
            m.start();
            try (Stream<Path> s = Files.list(dir)) {
                assertThat(s.map(p -> p.getFileName().toString())).as("temporary files after a restart")
                        .noneMatch(n -> n.endsWith(".tmp"));
            }
            db.table("t0").insert(Map.of("g", 99L));
            m.backupNow();
        }
        RestoreResult again = Backups.restoreReport(dir, RestorePoint.latest());
        assertThat(again.stoppedAt()).isEmpty();
        assertThat(DbDigest.of(again.database())).as("the chain goes on after the restart")
                .isEqualTo(DbDigest.of(db));
        return null;
    }

    /** What the child printed about one of its databases. */
    private static final class LaneLog {
        final Map<Long, String> states = new ConcurrentHashMap<>();
        final List<Long> acks = new ArrayList<>();
        final List<Long> saves = new ArrayList<>();
    }

    /**
     * The database's last save, in the folder its backups share with the other database's: a save is atomic, so
     * the file holds a state the child recorded, at least as new as the last save it acknowledged.
     */
    private static String checkSave(Path file, LaneLog log) {
        if (!Files.exists(file)) {
            assertThat(log.saves).as("no save file %s, but acknowledged saves", file).isEmpty();
            return null;
        }
        DictDB loaded = DictDB.load(file);
        long lastSave = log.saves.isEmpty() ? 0 : log.saves.get(log.saves.size() - 1);
        assertThat(loaded.sequence()).as("sequence of the save %s", file).isGreaterThanOrEqualTo(lastSave);
        assertThat(DbDigest.of(loaded)).as("state of the save %s at sequence %s", file, loaded.sequence())
                .isEqualTo(log.states.get(loaded.sequence()));
        assertThat(CrashWorkload.partialTransaction(loaded)).as("save %s", file).isNull();
        return null;
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

}
