package io.dictdb.reliability.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.dictdb.BackupException;
import io.dictdb.RecordNotFoundException;
import io.dictdb.Table;
import io.dictdb.TableSpec;
import io.dictdb.backup.BackupManager;
import io.dictdb.backup.Backups;
import io.dictdb.backup.RestorePoint;
import io.dictdb.backup.RestoreResult;
import io.dictdb.backup.VerifyReport;
import io.dictdb.core.DictDB;
import io.dictdb.query.Conditions;
import io.dictdb.reliability.Bounds;
import io.dictdb.reliability.DbDigest;
import io.dictdb.reliability.Figures;
import io.dictdb.file.ImageFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * I/O-fault trials. For each codec and a small and a large database (the large one's full backup takes several
 * write calls), a clean run lists the file operations of a delta and of a full backup (with retention deleting
 * the previous chain); then, for every step {@code k} of each, a fresh run fails step {@code k} in every way that
 * applies to it (write: error, torn write, disk full, short write; create, fsync, close, rename, directory force,
 * delete: error). Each run checks:
 * <ul>
 *   <li>a failed backup reaches {@code onFailure} with the consecutive count (1, then 2 when the same fault hits
 *       the retry, back to 0 after a success), names the backup folder, leaves no temporary file and no new or
 *       missing backup file, and the folder still restores the state of the last successful backup;</li>
 *   <li>a backup that reports success under a fault (a short write, a failed deletion in retention) wrote a file
 *       that verifies and restores the live state;</li>
 *   <li>the next backup without a fault carries every change captured by the failed ones: the restore equals the
 *       live database.</li>
 * </ul>
 * Bounds: one round (normal, 90 s at most), rounds with new seeds for 150 s in long mode
 * ({@code -Ddictdb.faultRounds}, {@code -Ddictdb.faultRounds.seconds}).
 */
class IoFaultTrialTest {
    private static final String[] FORMATS = {"json", "cbor", "kryo"};

    @TempDir
    Path root;

    private int scenarios;
    private int injected;
    private int dirCounter;
    private final List<String> failures = new ArrayList<>();
    private final Set<String> stepKinds = new TreeSet<>();

    @Test
    void everyStepOfAFullAndADeltaFailsWithoutLosingAChange() throws Exception {
        Bounds bounds = Bounds.of("dictdb.faultRounds", 1, 1000, 90, 150);
        long seed = Bounds.seed("IoFaultTrialTest");
        Random seeds = new Random(seed);
        long deadline = bounds.deadline();
        int rounds = 0;
        outer:
        for (int round = 0; round < bounds.count(); round++) {
            rounds++;
            for (String format : FORMATS) {
                for (boolean large : new boolean[] {false, true}) {
                    long s = seeds.nextLong();
                    for (boolean fullPhase : new boolean[] {false, true}) {
                        List<String> steps = dryRun(format, large, s, fullPhase);
                        for (int k = 0; k < steps.size(); k++) {
                            String op = steps.get(k).substring(0, steps.get(k).indexOf(':'));
                            for (StepFaultOps.Kind kind : op.equals("write") ? StepFaultOps.Kind.values()
                                    : new StepFaultOps.Kind[] {StepFaultOps.Kind.ERROR}) {
                                String ctx = format + (large ? " large" : " small") + (fullPhase ? " full" : " delta")
                                        + " step " + k + " (" + steps.get(k) + ") " + kind + " seed " + s;
                                try {
                                    scenario(format, large, s, fullPhase, k, kind, ctx);
                                } catch (Exception | AssertionError e) {
                                    failures.add(ctx + ": " + e);
                                }
                                if (Bounds.past(deadline) && round > 0) {
                                    break outer;
                                }
                            }
                        }
                    }
                }
            }
        }
        Figures.of("io-faults").put("seed", seed).put("rounds", rounds).put("scenarios", scenarios)
                .put("faultsInjected", injected).put("stepKinds", String.join(",", stepKinds))
                .put("failures", failures.size()).report();
        assertThat(failures).as("scenarios that lost a change or misreported a failure").isEmpty();
        assertThat(stepKinds).as("the faults injected")
                .contains("create:ERROR", "write:ERROR", "write:TORN", "write:DISK_FULL", "write:SHORT",
                        "force:ERROR", "close:ERROR", "move:ERROR", "forceDirectory:ERROR", "delete:ERROR");
    }

    /** The steps of the delta (or of the full, with retention) of a clean run. */
    private List<String> dryRun(String format, boolean large, long seed, boolean fullPhase) throws Exception {
        Path dir = root.resolve("dry-" + dirCounter++);
        StepFaultOps ops = new StepFaultOps();
        Random rnd = new Random(seed);
        DictDB db = newDb();
        try (BackupManager m = manager(db, dir, format, ops, new ArrayList<>())) {
            mutate(db, rnd, large);
            m.backupNow();
            mutate(db, rnd, large);
            if (fullPhase) {
                m.backupNow();
                mutate(db, rnd, large);
            }
            ops.arm(-1, StepFaultOps.Kind.ERROR);
            m.backupNow();
            return ops.trace();
        }
    }

    private void scenario(String format, boolean large, long seed, boolean fullPhase, int k, StepFaultOps.Kind kind,
                          String ctx) throws Exception {
        scenarios++;
        Path dir = root.resolve("s-" + dirCounter++);
        StepFaultOps ops = new StepFaultOps();
        Random rnd = new Random(seed);
        DictDB db = newDb();
        List<Integer> counts = new ArrayList<>();
        try (BackupManager m = manager(db, dir, format, ops, counts)) {
            mutate(db, rnd, large);
            m.backupNow();
            mutate(db, rnd, large);
            if (fullPhase) {
                m.backupNow();
                mutate(db, rnd, large);
            }
            String lastGood = DbDigest.of(Backups.restoreLatest(dir));
            int expectedCount = 0;
            for (int attempt = 0; attempt < 2; attempt++) {
                ops.arm(k, kind);
                Set<String> before = backupNames(dir);
                String live = DbDigest.of(db);
                boolean ok;
                BackupException error = null;
                try {
                    ok = m.backupNow().isPresent();
                } catch (BackupException e) {
                    ok = false;
                    error = e;
                }
                String fired = ops.fired();
                ops.arm(-1, StepFaultOps.Kind.ERROR);
                assertThat(fired).as("%s: the armed step was reached (attempt %s)", ctx, attempt).isNotNull();
                injected++;
                stepKinds.add(fired.substring(0, fired.indexOf(':')) + ":" + kind);
                assertThat(tempFiles(dir)).as("%s: temporary files", ctx).isEmpty();
                if (error != null) {
                    expectedCount++;
                    assertThat(counts).as("%s: onFailure's consecutive counts", ctx).isNotEmpty();
                    assertThat(counts.get(counts.size() - 1)).as("%s: consecutive count", ctx)
                            .isEqualTo(expectedCount);
                    assertThat(m.consecutiveFailures()).as(ctx).isEqualTo(expectedCount);
                    assertThat(error.getMessage()).as("%s: the error names the folder", ctx)
                            .contains(dir.toString());
                    assertThat(backupNames(dir)).as("%s: backup files after a failed backup", ctx)
                            .isEqualTo(before);
                    assertThat(DbDigest.of(Backups.restoreLatest(dir))).as("%s: the folder still restores the last "
                            + "successful backup", ctx).isEqualTo(lastGood);
                    mutate(db, rnd, large); // a change for the retry to carry as well
                } else {
                    assertThat(ok).as("%s: a backup with changes wrote a file", ctx).isTrue();
                    boolean benign = kind == StepFaultOps.Kind.SHORT || fired.startsWith("delete:");
                    assertThat(benign).as("%s: a backup reported success although %s failed", ctx, fired).isTrue();
                    expectedCount = 0;
                    assertThat(m.consecutiveFailures()).as(ctx).isZero();
                    VerifyReport report = Backups.verify(dir);
                    assertThat(report.ok()).as("%s: %s", ctx, report).isTrue();
                    assertThat(DbDigest.of(Backups.restoreLatest(dir))).as("%s: restore after a success", ctx)
                            .isEqualTo(live);
                    break;
                }
            }
            int callbacks = counts.size();
            mutate(db, rnd, large);
            assertThat(m.backupNow()).as("%s: the backup after the faults", ctx).isPresent();
            assertThat(counts).as("%s: no failure reported for a success", ctx).hasSize(callbacks);
            assertThat(m.consecutiveFailures()).as(ctx).isZero();
            VerifyReport report = Backups.verify(dir);
            assertThat(report.ok()).as("%s: %s", ctx, report).isTrue();
            RestoreResult r = Backups.restoreReport(dir, RestorePoint.latest());
            assertThat(r.stoppedAt()).as(ctx).isEmpty();
            assertThat(r.sequence()).as(ctx).isEqualTo(db.sequence());
            assertThat(DbDigest.of(r.database())).as("%s: the next backup carries every captured change", ctx)
                    .isEqualTo(DbDigest.of(db));
            assertThat(tempFiles(dir)).as(ctx).isEmpty();
        }
    }

    private static BackupManager manager(DictDB db, Path dir, String format, StepFaultOps ops, List<Integer> counts) {
        return BackupManager.builder(db, dir).format(format).incremental(true).maxDeltasBeforeFull(1)
                .keepFullBackups(1).imageFiles(ImageFiles.using(ops)).onFailure((e, n) -> counts.add(n)).build();
    }

    private static DictDB newDb() {
        DictDB db = DictDB.create();
        db.createTable(TableSpec.named("t").index("g"));
        db.createTable("u");
        return db;
    }

    /** A few changes, always at least one; DDL now and then; large ones carry big incompressible strings. */
    private static void mutate(DictDB db, Random rnd, boolean large) {
        Table t = db.table("t");
        int n = 1 + rnd.nextInt(large ? 40 : 6);
        for (int i = 0; i < n; i++) {
            long k = 1 + rnd.nextInt(50);
            String s = large ? randomText(rnd, 2000 + rnd.nextInt(3000)) : "s" + rnd.nextInt(100);
            switch (rnd.nextInt(5)) {
                case 0, 1 -> t.upsert(Map.of("id", k, "g", (long) rnd.nextInt(5), "s", s));
                case 2 -> db.table("u").insert(Map.of("x", rnd.nextDouble(), "s", s));
                case 3 -> {
                    try {
                        t.delete(Conditions.field("id").eq(k));
                    } catch (RecordNotFoundException e) {
                        // nothing to delete
                    }
                }
                default -> {
                    if (db.hasTable("w")) {
                        db.dropTable("w");
                    } else {
                        db.createTable(TableSpec.named("w").index("s"));
                        db.table("w").insert(Map.of("s", s));
                    }
                }
            }
        }
        t.upsert(Map.of("id", 1000L, "g", (long) rnd.nextInt(5), "s", "last" + rnd.nextInt()));
    }

    private static String randomText(Random rnd, int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append((char) ('!' + rnd.nextInt(90)));
        }
        return sb.toString();
    }

    private static Set<String> backupNames(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return Set.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("dictdb_"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static List<String> tempFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp") || n.startsWith("."))
                    .toList();
        }
    }
}
