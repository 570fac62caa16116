package io.dictdb.reliability.corruption;

import static org.assertj.core.api.Assertions.assertThat;

import io.dictdb.BackupException;
import io.dictdb.Table;
import io.dictdb.TableSpec;
import io.dictdb.backup.BackupFile;
import io.dictdb.backup.BackupManager;
import io.dictdb.backup.Backups;
import io.dictdb.backup.RestorePoint;
import io.dictdb.backup.RestoreResult;
import io.dictdb.backup.VerifyReport;
import io.dictdb.core.DictDB;
import io.dictdb.query.Conditions;
import io.dictdb.reliability.Bounds;
import io.dictdb.reliability.DbDigest;
import io.dictdb.reliability.EdgeValues;
import io.dictdb.reliability.Figures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Corruption trials. For each codec a backup set of two chains (full A with deltas A1, A2; full B with deltas B1,
 * B2, B3; records of every kind, {@link EdgeValues} among them, table and index creation and removal) is damaged one
 * file at a time (while another database's set lies in a sibling folder, and must stay whole): truncated
 * at every length (normal mode: a sample of lengths including the frame's boundaries) and with random single-bit
 * flips. Every damaged set must be caught:
 * <ul>
 *   <li>{@code Backups.verify} reports a problem naming the damaged file;</li>
 *   <li>the restore stops before it and says so ({@code stoppedAt}), and the restored database equals, digest for
 *       digest, the state recorded at the last good file before it: for chain B the latest restore, for chain A a
 *       restore at the damaged file's sequence; a damaged full A with no older full fails with a
 *       {@link BackupException} naming it.</li>
 * </ul>
 * The number of restores whose {@code stoppedAt} names the damaged file itself (not only the next file of the
 * chain, when the damage made the header line illegible) is reported as a figure.
 *
 * <p>Bounds: normal 16 truncations per file and 500 flips per codec, 60 s; long mode every truncation and 10,000
 * flips per codec, the flips bounded by 150 s per codec (the truncations are never cut short) ({@code -Ddictdb.corruptionFlips}, {@code -Ddictdb.corruptionFlips.seconds},
 * {@code -Ddictdb.corruptionAllTruncations}).
 */
class CorruptionTrialTest {
    @TempDir
    Path root;

    /** One file of the set and what a restore must give when it is damaged. */
    private record Entry(Path file, String name, boolean chainB, long last, long goodSequence, boolean fullA) {
    }

    @ParameterizedTest
    @ValueSource(strings = {"json", "cbor", "kryo"})
    void everyTruncationAndBitFlipOfEveryFileIsDetected(String format) throws Exception {
        Bounds bounds = Bounds.of("dictdb.corruptionFlips", 500, 10_000, 60, 150);
        boolean allTruncations = Boolean.parseBoolean(System.getProperty("dictdb.corruptionAllTruncations",
                Boolean.toString(Bounds.LONG)));
        long seed = Bounds.seed("CorruptionTrialTest " + format);
        Random rnd = new Random(seed);
        Path dir = root.resolve("set");
        Map<Long, String> states = new HashMap<>();
        List<Entry> entries = buildSet(dir, format, rnd, states);
        Path otherDir = root.resolve("other");
        Map<Long, String> otherStates = new HashMap<>();
        List<Entry> other = buildSet(otherDir, format, new Random(seed + 1), otherStates);
        String otherLatest = otherStates.get(other.get(other.size() - 1).last());
        Map<Path, byte[]> original = new HashMap<>();
        long totalBytes = 0;
        for (Entry e : entries) {
            original.put(e.file(), Files.readAllBytes(e.file()));
            totalBytes += original.get(e.file()).length;
        }
        int[] counts = new int[4]; // checks, verify named, restore detected, restore named the file itself
        List<String> failures = new ArrayList<>();
        int truncations = 0;
        for (Entry e : entries) {
            byte[] bytes = original.get(e.file());
            List<Integer> lengths = new ArrayList<>();
            if (allTruncations) {
                for (int l = 0; l < bytes.length; l++) {
                    lengths.add(l);
                }
            } else {
                int nl = indexOf(bytes, (byte) '\n');
                for (int l : new int[] {0, 1, nl, nl + 1, nl + 2, bytes.length - 61, bytes.length - 60,
                    bytes.length - 2, bytes.length - 1}) {
                    if (l >= 0 && l < bytes.length) {
                        lengths.add(l);
                    }
                }
                for (int i = 0; i < 7; i++) {
                    lengths.add(rnd.nextInt(bytes.length));
                }
            }
            for (int l : lengths) {
                truncations++;
                byte[] damaged = java.util.Arrays.copyOf(bytes, l);
                check(e, damaged, original, entries, states, counts, failures, "truncated to " + l + " of "
                        + bytes.length + " bytes");
            }
        }
        int flips = 0;
        long deadline = bounds.deadline(); // the flips have their own wall time; the truncations are never cut short
        while (flips < bounds.count() && !Bounds.past(deadline)) {
            long at = (long) (rnd.nextDouble() * totalBytes);
            Entry target = null;
            for (Entry e : entries) {
                int len = original.get(e.file()).length;
                if (at < len) {
                    target = e;
                    break;
                }
                at -= len;
            }
            byte[] damaged = original.get(target.file()).clone();
            int bit = rnd.nextInt(8);
            damaged[(int) at] ^= (byte) (1 << bit);
            flips++;
            check(target, damaged, original, entries, states, counts, failures, "bit " + bit + " of byte " + at
                    + " flipped");
        }
        VerifyReport otherReport = Backups.verify(otherDir);
        assertThat(otherReport.ok()).as("the other database's folder, beside the damaged one: %s", otherReport)
                .isTrue();
        assertThat(DbDigest.of(Backups.restoreLatest(otherDir))).as("the other database, restored")
                .isEqualTo(otherLatest);
        Figures.of("corruption-" + format).put("seed", seed).put("files", entries.size())
                .put("setBytes", totalBytes).put("truncations", truncations).put("allTruncations", allTruncations)
                .put("bitFlips", flips).put("checks", counts[0]).put("verifyNamedFile", counts[1])
                .put("restoreDetected", counts[2]).put("restoreNamedFileItself", counts[3])
                .put("undetected", failures.size()).report();
        assertThat(failures).as("damage not detected or wrong state restored (%s, seed %s)", format, seed).isEmpty();
        assertThat(counts[3]).as("restores whose report named the damaged file itself (%s)", format).isPositive();
        assertThat(flips).as("bit flips within %s", bounds.wall()).isGreaterThanOrEqualTo(
                Bounds.LONG ? bounds.count() : Math.min(bounds.count(), 200)); // long: the figure
    }

    private static void check(Entry e, byte[] damaged, Map<Path, byte[]> original, List<Entry> entries,
                              Map<Long, String> states, int[] counts, List<String> failures, String what)
            throws Exception {
        counts[0]++;
        Files.write(e.file(), damaged);
        String ctx = e.name() + " " + what;
        try {
            Path dir = e.file().getParent();
            VerifyReport report = Backups.verify(dir);
            boolean named = report.problems().stream().anyMatch(p -> p.file().equals(e.file()));
            if (report.ok() || !named) {
                failures.add(ctx + ": verify did not name it: " + report);
                return;
            }
            counts[1]++;
            if (e.fullA()) {
                try {
                    RestoreResult r = Backups.restoreReport(dir, RestorePoint.atSequence(e.last()));
                    failures.add(ctx + ": restore without a readable full gave sequence " + r.sequence());
                } catch (BackupException ex) {
                    if (!ex.getMessage().contains(e.file().getFileName().toString())) {
                        failures.add(ctx + ": the restore error does not name the file: " + ex.getMessage());
                        return;
                    }
                    counts[2]++;
                    counts[3]++;
                }
                return;
            }
            RestoreResult r = Backups.restoreReport(dir, e.chainB() ? RestorePoint.latest()
                    : RestorePoint.atSequence(e.last()));
            if (r.stoppedAt().isEmpty()) {
                failures.add(ctx + ": the restore did not stop (sequence " + r.sequence() + ")");
                return;
            }
            if (r.sequence() != e.goodSequence()) {
                failures.add(ctx + ": restored sequence " + r.sequence() + ", the last good state is at "
                        + e.goodSequence() + " (" + r.stoppedAt().get() + ")");
                return;
            }
            if (!DbDigest.of(r.database()).equals(states.get(e.goodSequence()))) {
                failures.add(ctx + ": the restored state differs from the state at " + e.goodSequence());
                return;
            }
            counts[2]++;
            if (r.stoppedAt().get().file().equals(e.file())) {
                counts[3]++;
            }
        } finally {
            Files.write(e.file(), original.get(e.file()));
        }
    }

    private static List<Entry> buildSet(Path dir, String format, Random rnd, Map<Long, String> states) {
        DictDB db = DictDB.create();
        db.createTable(TableSpec.named("t").index("g"));
        List<BackupFile> files = new ArrayList<>();
        try (BackupManager m = BackupManager.builder(db, dir).format(format).incremental(true).build()) {
            for (int i = 0; i < 7; i++) {
                mutate(db, rnd, i);
                BackupFile f = (i == 0 || i == 3) ? m.backupFull() : m.backupDelta().orElseThrow();
                files.add(f);
                states.put(f.lastSequence(), DbDigest.of(db));
            }
        }
        List<Entry> entries = new ArrayList<>();
        String[] names = {"A", "A1", "A2", "B", "B1", "B2", "B3"};
        for (int i = 0; i < files.size(); i++) {
            BackupFile f = files.get(i);
            boolean chainB = i >= 3;
            long good;
            if (i == 0) {
                good = -1;
            } else if (i == 3) {
                good = files.get(2).lastSequence();
            } else {
                good = files.get(i - 1).lastSequence();
            }
            entries.add(new Entry(f.path(), names[i] + " (" + f.path().getFileName() + ")", chainB,
                    f.lastSequence(), good, i == 0));
        }
        return entries;
    }

    private static void mutate(DictDB db, Random rnd, int round) {
        Table t = db.table("t");
        long key = 1 + rnd.nextInt(12);
        t.upsert(Map.of("id", key, "g", (long) rnd.nextInt(4), "s", "text " + rnd.nextInt(1000), "d",
                rnd.nextDouble(), "b", rnd.nextBoolean(), "when", Instant.ofEpochSecond(rnd.nextInt(1 << 30)),
                "list", List.of(rnd.nextLong(), "x"), "map", Map.of("n", 0L)));
        Map<String, Object> edge = EdgeValues.record(rnd);
        edge.put("id", round % 2 == 0 ? Long.MAX_VALUE : Long.MIN_VALUE + round);
        t.upsert(edge);
        if (round % 2 == 1 && t.count() > 0) {
            long k = (Long) t.all().get(0).get("id");
            t.delete(Conditions.field("id").eq(k));
        }
        if (round == 1 || round == 4) {
            db.createTable(TableSpec.named("u" + round).index("s"));
            db.table("u" + round).insert(Map.of("s", "u", "raw", new byte[] {1, 2, (byte) round}));
        }
        if (round == 2 || round == 5) {
            db.dropTable("u" + (round - 1));
        }
        if (round == 2) {
            t.createIndex("s");
        }
        if (round == 5) {
            t.dropIndex("s");
        }
        if (round == 6) {
            t.createIndex("d");
        }
    }

    private static int indexOf(byte[] b, byte v) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == v) {
                return i;
            }
        }
        return -1;
    }
}
