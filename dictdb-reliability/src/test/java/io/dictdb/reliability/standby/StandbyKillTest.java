package io.dictdb.reliability.standby;

import io.dictdb.backup.BackupFile;
import io.dictdb.backup.BackupManager;
import io.dictdb.backup.Backups;
import io.dictdb.backup.Standby;
import io.dictdb.core.DictDB;
import io.dictdb.reliability.Bounds;
import io.dictdb.reliability.ChildJvm;
import io.dictdb.reliability.DbDigest;
import io.dictdb.reliability.Figures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The standby's acceptance: a primary in a child JVM ({@link StandbyPrimary}) writes, backs up and compacts while a
 * {@link Standby} in this JVM follows its folder; the primary is killed with SIGKILL at a random moment. Then the
 * standby ends at exactly the state {@code DictDB.open} of a copy of the folder gives (same sequence, same content:
 * nothing the folder holds is missed, no torn entry applied); {@code promote()} returns a database at that state
 * that accepts writes, and a backup manager on it continues the chain (the next full follows the promoted sequence,
 * a delta follows it, and a restore of the folder gives the promoted state).
 *
 * <p>Bounds: 3 trials / 60 s (normal), 50 trials / 900 s ({@code -Ddictdb.longTests=true});
 * {@code -Ddictdb.standbyTrials=N}, {@code -Ddictdb.standbyTrials.seconds=S}.
 */
class StandbyKillTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path root;

    @Test
    void aStandbyEndsAtTheKilledPrimarysStateAndItsPromotionContinuesTheChain() throws Exception {
        Bounds bounds = Bounds.of("dictdb.standbyTrials", 3, 50, 60, 900);
        long seed = Bounds.seed("StandbyKillTest");
        Random rnd = new Random(seed);
        long deadline = bounds.deadline();
        int trials = 0;
        long sequences = 0;
        int[] backups = new int[2]; // fulls, deltas acknowledged by the primaries
        for (int trial = 0; trial < bounds.count() && (trial == 0 || !Bounds.past(deadline)); trial++) {
            sequences += trial(trial, rnd.nextLong(), 500 + rnd.nextInt(2000), seed, backups);
            trials++;
        }
        Figures.of("standby").put("seed", seed).put("trials", trials).put("sequencesFollowed", sequences)
                .put("fulls", backups[0]).put("deltas", backups[1])
                .put("boundSeconds", bounds.wall().getSeconds()).report();
        assertThat(trials).isGreaterThanOrEqualTo(Math.min(bounds.count(), 3));
        assertThat(sequences).as("changes the standbys followed").isPositive();
        assertThat(backups[0]).as("full backups, so compactions: a new chain, the old one deleted").isGreaterThan(trials);
        assertThat(backups[1]).as("deltas").isPositive();
    }

    private long trial(int trial, long childSeed, long killAfterMs, long seed, int[] backups) throws Exception {
        Path dir = Files.createDirectories(root.resolve("trial-" + trial));
        String as = "trial " + trial + " (seed " + seed + ", killed after " + killAfterMs + " ms)";
        try (Standby standby = Standby.builder(dir).pollInterval(Duration.ofMillis(50)).follow()) {
            List<String> printed = new ArrayList<>();
            ChildJvm.Outcome outcome = ChildJvm.run(StandbyPrimary.class, List.of(dir.toString(),
                    Long.toString(childSeed)), root.resolve("trial-" + trial + ".err"), killAfterMs, line -> {
                        printed.add(line);
                        return false;
                    });
            assertThat(outcome.problem()).as(as + ": the primary ran until the kill").isNull();
            assertThat(outcome.killedBy()).as(as).isEqualTo("timer");
            for (String line : printed) {
                if (line.startsWith("BACKUP ")) {
                    backups[line.startsWith("BACKUP FULL") ? 0 : 1]++;
                }
            }
            // What the folder holds, by the book: DictDB.open of a copy (the open cuts the copy's torn tail, if any).
            Path copy = copyOf(dir, root.resolve("copy-" + trial));
            long expected;
            String content;
            try (DictDB opened = DictDB.open(copy)) {
                expected = opened.sequence();
                content = DbDigest.text(opened);
            }
            assertThat(expected).as(as + ": the primary wrote").isPositive();
            assertThat(standby.awaitSequence(expected, WAIT)).as(as + ": the standby reaches " + expected).isTrue();
            assertThat(standby.sequence()).as(as).isEqualTo(expected);
            assertThat(DbDigest.text(standby.database())).as(as + ": the standby's content").isEqualTo(content);

            try (DictDB promoted = standby.promote()) {
                assertThat(promoted.sequence()).as(as + ": promoted").isEqualTo(expected);
                assertThat(DbDigest.text(promoted)).as(as + ": promoted content").isEqualTo(content);
                promoted.table("t").insert(Map.of("id", 1_000_000L, "v", "after promote"));
                try (BackupManager m = BackupManager.builder(promoted, dir).incremental(true).build()) {
                    m.start();
                    BackupFile full = m.backupNow().orElseThrow();
                    assertThat(full.lastSequence()).as(as + ": the next backup follows the promoted sequence")
                            .isEqualTo(expected + 1);
                    promoted.table("u").insert(Map.of("id", 1_000_000L, "n", 1L));
                    BackupFile delta = m.backupNow().orElseThrow();
                    assertThat(delta.kind()).isEqualTo(BackupFile.Kind.DELTA);
                    assertThat(delta.firstSequence()).as(as + ": the chain goes on").isEqualTo(expected + 2);
                }
                try (DictDB restored = Backups.restoreLatest(dir)) {
                    assertThat(restored.sequence()).as(as).isEqualTo(promoted.sequence());
                    assertThat(DbDigest.text(restored)).as(as + ": restore of the folder").isEqualTo(
                            DbDigest.text(promoted));
                }
            }
            return expected;
        }
    }

    /** A copy of the folder, files only (the lock file too: it means nothing without its process). */
    private static Path copyOf(Path dir, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.naturalOrder()).toList()) {
                Path target = to.resolve(dir.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return to;
    }
}
