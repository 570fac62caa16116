package io.dictdb.reliability.journal;

import io.dictdb.Record;
import io.dictdb.Table;
import io.dictdb.core.DictDB;
import io.dictdb.reliability.Bounds;
import io.dictdb.reliability.ChildJvm;
import io.dictdb.reliability.Figures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Crash trials of the journal: a child JVM ({@link JournalCrashChild}) writes to a {@code SYNC} durable database
 * with a backup manager on the same folder, and is killed with SIGKILL ({@link ChildJvm}) at a random moment or
 * inside a chosen phase at a random occurrence: mid-entry, before or after a segment's force, before a segment's
 * deletion after a backup, in the middle of a backup file's bytes; one trial in eight writes in {@code ASYNC} mode
 * (memory-mapped segments, killed at a random moment), on the same folders as the others. After each kill the folder is opened with
 * {@code DictDB.open} (at once: the killed process's lock died with it), and every write the child reported as
 * returned, in this run and the earlier runs on the same folder, is there, each record whole (the exact record the
 * child wrote) and each transaction whole (both records or neither); then it is closed and the next child opens it
 * again, so recovery after recovery (torn tails cut, then appended after) is exercised. A folder serves 10 runs,
 * then a new one starts (so a run's restore stays small); two folders run at once.
 *
 * <p>Bounds: 56 trials / 150 s (normal), 1,000 trials / 3,600 s ({@code -Ddictdb.longTests=true}; about half an
 * hour on two shared cores); {@code -Ddictdb.journalCrashTrials=N}, {@code -Ddictdb.journalCrashTrials.seconds=S};
 * {@code -Ddictdb.seed}.
 */
class JournalCrashTrialTest {
    /**
     * The phases, in turn: a random moment twice as often as each chosen phase, and a random moment of a child
     * writing in {@code ASYNC} mode (memory-mapped segments: a kill must lose no returned write there either).
     */
    static final String[] PHASES = {"random", "mid-entry", "before-force", "random", "after-force", "segment-delete",
        "backup-write", "async-random"};
    /** Runs per folder before a new one. */
    private static final int RUNS_PER_FOLDER = 10;
    /** The kill's delay after READY when the phase is never reached (then the kill is counted as "timer"). */
    private static final long PHASE_TIMEOUT_MS = 10_000;

    @TempDir
    Path root;

    /** One trial: the phase asked for, where the kill landed, the writes acknowledged, and what went wrong. */
    record Outcome(int trial, String phase, String killedIn, int acks, String failure) {
    }

    @Test
    void everyReturnedWriteSurvivesAKillInAnyPhase() throws Exception {
        Bounds bounds = Bounds.of("dictdb.journalCrashTrials", 56, 1000, 150, 3600);
        long seed = Bounds.seed("JournalCrashTrialTest");
        long began = System.nanoTime();
        long deadline = bounds.deadline();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Outcome> outcomes = new ArrayList<>();
        try {
            List<Future<List<Outcome>>> lanes = new ArrayList<>();
            for (int lane = 0; lane < 2; lane++) {
                int first = lane;
                long laneSeed = new Random(seed).nextLong() + lane;
                // lane 0 runs trials 0, 2, 4...; lane 1 runs 1, 3, 5...: each lane keeps its own folders
                lanes.add(pool.submit(() -> runLane(first, bounds.count(), laneSeed, deadline)));
            }
            for (Future<List<Outcome>> f : lanes) {
                outcomes.addAll(f.get(40, TimeUnit.MINUTES));
            }
        } finally {
            pool.shutdownNow();
        }
        List<String> failures = outcomes.stream().filter(o -> o.failure() != null)
                .map(o -> "trial " + o.trial() + " (phase " + o.phase() + ", killed in " + o.killedIn() + "): "
                        + o.failure()).toList();
        Map<String, Integer> killedIn = new TreeMap<>();
        for (Outcome o : outcomes) {
            killedIn.merge(o.killedIn(), 1, Integer::sum);
        }
        long acks = outcomes.stream().mapToLong(Outcome::acks).sum();
        Figures.of("journal-crash").put("seed", seed).put("trials", outcomes.size())
                .put("killedIn", killedIn.toString().replace(" ", "")).put("acknowledgedWrites", acks)
                .put("losses", failures.size()).put("boundSeconds", bounds.wall().getSeconds())
                .put("elapsedSeconds", (System.nanoTime() - began) / 1_000_000_000L).report();
        assertThat(failures).as("trials that lost a returned write or kept a half-written one (seed %s)", seed)
                .isEmpty();
        assertThat(outcomes.size()).as("trials run within %s", bounds.wall())
                .isGreaterThanOrEqualTo(Math.min(bounds.count(), 50));
        assertThat(killedIn.keySet()).as("where the kills landed").contains("timer", "mid-entry", "before-force",
                "after-force", "segment-delete", "backup-write");
        assertThat(acks).as("writes acknowledged over all trials").isPositive();
    }

    /** Runs every other trial from {@code first} on folders of its own. */
    private List<Outcome> runLane(int first, int count, long seed, long deadline) throws Exception {
        Random rnd = new Random(seed);
        List<Outcome> out = new ArrayList<>();
        Path dir = null;
        Set<Long> acknowledged = new HashSet<>();
        int runs = 0;
        for (int trial = first; trial < count && !Bounds.past(deadline); trial += 2) {
            if (runs % RUNS_PER_FOLDER == 0) {
                dir = root.resolve("lane-" + first + "-" + trial);
                acknowledged.clear();
            }
            String phase = PHASES[(trial / 2) % PHASES.length];
            Outcome o = runTrial(trial, dir, phase, runs % RUNS_PER_FOLDER, rnd.nextLong(), acknowledged);
            out.add(o);
            runs++;
            if (o.failure() != null) {
                runs = 0; // a failed folder is kept for a look, and not reused
            }
        }
        return out;
    }

    private Outcome runTrial(int trial, Path dir, String phase, int run, long seed, Set<Long> acknowledged) {
        Random rnd = new Random(seed);
        int skip = switch (phase) {
            case "segment-delete", "backup-write" -> rnd.nextInt(3);
            case "random", "async-random" -> 0;
            default -> rnd.nextInt(60);
        };
        long killAfterMs = phase.endsWith("random") ? 50 + rnd.nextInt(700) : PHASE_TIMEOUT_MS;
        List<Long> acks = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        String[] killedIn = {"timer"};
        String failure;
        try {
            ChildJvm.Outcome child = ChildJvm.run(JournalCrashChild.class, List.of(dir.toString(),
                    Long.toString(seed), phase, Integer.toString(skip), Long.toString(run * 1_000_000_000L)),
                    dir.resolveSibling(dir.getFileName() + "-" + trial + ".err"), killAfterMs, line -> {
                        if (line.startsWith("PHASE ")) {
                            killedIn[0] = line.substring(6);
                            return true;
                        }
                        if (line.startsWith("ACK ")) {
                            acks.add(Long.parseLong(line.substring(4)));
                        } else if (!line.isEmpty()) {
                            unexpected.add(line);
                        }
                        return false;
                    });
            failure = child.problem();
            if (failure == null && !unexpected.isEmpty()) {
                failure = "unexpected output: " + unexpected.subList(0, Math.min(3, unexpected.size()));
            }
            acknowledged.addAll(acks);
            if (failure == null) {
                failure = check(dir, acknowledged);
            }
        } catch (Exception | AssertionError e) {
            failure = e.toString();
        }
        if (failure != null) {
            failure = "folder " + dir + ", run " + run + ", seed " + seed + ": " + failure;
        }
        return new Outcome(trial, phase, killedIn[0], acks.size(), failure);
    }

    /**
     * Opens the folder and checks it: every acknowledged id there, every record the exact one written, every
     * transaction whole.
     *
     * @return null when all holds, else what does not
     */
    private static String check(Path dir, Set<Long> acknowledged) {
        try (DictDB db = DictDB.open(dir)) {
            if (db.findTable("t").isEmpty()) {
                return acknowledged.isEmpty() ? null : "no table t, but " + acknowledged.size() + " writes returned";
            }
            Table t = db.table("t");
            List<Long> lost = new ArrayList<>();
            for (long id : acknowledged) {
                if (t.get(id).isEmpty()) {
                    lost.add(id);
                }
            }
            if (!lost.isEmpty()) {
                return lost.size() + " returned writes lost, e.g. " + lost.subList(0, Math.min(5, lost.size()));
            }
            for (Record r : t.all()) {
                long id = ((Number) r.get("id")).longValue();
                String kind = String.valueOf(r.get("v"));
                if (!r.equals(JournalCrashChild.record(id, kind))) {
                    return "record " + id + " is not the one written: " + r;
                }
                if (kind.equals("tx")) {
                    long mate = id % 2 == 0 ? id + 1 : id - 1;
                    if (t.get(mate).isEmpty()) {
                        return "half a transaction: " + id + " without " + mate;
                    }
                } else if (!kind.equals("single") || id % 2 != 0) {
                    return "a record never written: " + r;
                }
            }
            return null;
        }
    }
}
