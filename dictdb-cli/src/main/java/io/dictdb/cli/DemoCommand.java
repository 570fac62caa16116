package io.dictdb.cli;

import static io.dictdb.query.Aggregates.avg;
import static io.dictdb.query.Aggregates.count;
import static io.dictdb.query.Aggregates.sum;
import static io.dictdb.query.Conditions.and;
import static io.dictdb.query.Conditions.field;

import io.dictdb.FieldType;
import io.dictdb.IndexType;
import io.dictdb.InsertOptions;
import io.dictdb.Record;
import io.dictdb.Schema;
import io.dictdb.Table;
import io.dictdb.TableSpec;
import io.dictdb.backup.BackupFile;
import io.dictdb.backup.BackupManager;
import io.dictdb.backup.BackupStatus;
import io.dictdb.backup.Backups;
import io.dictdb.backup.RestorePoint;
import io.dictdb.backup.RestoreResult;
import io.dictdb.backup.VerifyReport;
import io.dictdb.core.DictDB;
import io.dictdb.core.Snapshot;
import io.dictdb.query.Plan;
import io.dictdb.query.Query;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dictdb demo}: a production application's story, end to end, in a fresh folder. Tables with schemas and
 * indexes, a batch insert, explained queries and aggregates, an incremental {@link BackupManager} while the
 * application keeps writing, a simulated crash (the manager stops without a final backup after more writes),
 * then a restore and a verify of the backups. The summary compares the restored database with the state the last
 * completed backup acknowledged; the exit code is 1 when they differ or the backups do not verify.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Run the production story end to end in a fresh folder: tables with schemas and indexes, a "
                + "batch insert, explained queries, aggregates, incremental backups while writing, a simulated "
                + "crash, restore and verify.",
                "The last lines compare the restored records with the records the last completed backup "
                        + "acknowledged; exit code 1 if they differ."})
final class DemoCommand extends CommandBase {
    private static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");
    private static final String[] CITIES = {"Paris", "Lyon", "Nantes", "Lille", "Bordeaux", "Toulouse", "Nice",
        "Rennes"};
    private static final String[] KINDS = {"view", "view", "view", "click", "click", "purchase"};
    private static final String[] DEVICES = {"ios", "android", "web", "web"};
    private static final int CHUNK = 5_000;

    @Option(names = "--dir", paramLabel = "DIR", description = "Folder to work in (default: a new temporary "
            + "folder, printed). Its backups sub-folder must be empty or absent.")
    Path dir;

    @Option(names = {"-n", "--records"}, paramLabel = "N", defaultValue = "100000", description = "Records to "
            + "insert, spread over users, sessions and events (default: ${DEFAULT-VALUE}).")
    int records;

    @Option(names = {"-f", "--format"}, paramLabel = "F", defaultValue = "kryo", description = "Backup codec: "
            + "json, cbor or kryo (default: ${DEFAULT-VALUE}).")
    String format;

    /** Runs on the backup folder between the crash and the restore; tests damage the backups with it. */
    java.util.function.Consumer<Path> beforeRestore = backups -> { };

    private final Map<Long, Snapshot> states = new HashMap<>();
    private final Map<String, Long> timings = new LinkedHashMap<>();
    private DictDB db;
    private Random random;

    @Override
    int run() throws Exception {
        if (records < 10) {
            throw new CliException("--records must be at least 10, got " + records, 2);
        }
        String codec = Support.codec(format).name();
        long start = System.nanoTime();
        Path work = dir == null ? Files.createTempDirectory("dictdb-demo-") : Files.createDirectories(dir);
        Path backupsDir = work.resolve("backups");
        if (Files.isDirectory(backupsDir)) {
            try (Stream<Path> s = Files.list(backupsDir)) {
                if (s.findAny().isPresent()) {
                    throw new CliException("the backup folder " + backupsDir + " is not empty: choose another "
                            + "--dir (the demo's restore must see only its own backups)");
                }
            }
        }
        PrintWriter out = out();
        out.printf("DictDB %s demo: %s records, backups in %s format%nWorking folder: %s%n", VersionProvider.version(),
                Support.count(records), codec, work.toAbsolutePath());
        db = DictDB.create();
        random = new Random(42);

        // 1. Tables with schemas and indexes
        section("1. Tables, schemas and indexes");
        Table users = db.createTable(TableSpec.named("users").schema(Schema.builder()
                .field("name", FieldType.STRING).field("email", FieldType.STRING).field("age", FieldType.LONG)
                .field("city", FieldType.STRING).field("active", FieldType.BOOLEAN)
                .optional("signup", FieldType.DATE).build())
                .index("email", IndexType.HASH).index("city", IndexType.HASH).index("age", IndexType.SORTED));
        Table sessions = db.createTable(TableSpec.named("sessions").primaryKey("session_id").schema(Schema.builder()
                .field("session_id", FieldType.UUID).field("user_id", FieldType.LONG)
                .field("device", FieldType.STRING).field("started", FieldType.INSTANT)
                .field("expire_at", FieldType.INSTANT).build())
                .index("user_id", IndexType.HASH).index("expire_at", IndexType.SORTED));
        Table events = db.createTable(TableSpec.named("events").schema(Schema.builder()
                .field("user_id", FieldType.LONG).field("kind", FieldType.STRING).field("amount", FieldType.DOUBLE)
                .field("at", FieldType.INSTANT).build())
                .index("kind", IndexType.HASH).index("amount", IndexType.SORTED));
        for (Table t : List.of(users, sessions, events)) {
            out.printf("  %-9s key %-11s schema %s; indexes %s%n", t.name(), t.primaryKey(),
                    StatsCommand.schema(t.schema().orElse(null)), t.indexedFields());
        }

        // 2. Batch insert
        section("2. Batch insert");
        int nUsers = Math.max(1, records / 5);
        int nSessions = Math.max(1, records / 5);
        int nEvents = records - nUsers - nSessions;
        long t0 = System.nanoTime();
        try (Progress bar = Progress.bar(err(), progress(), "  inserting", records)) {
            AtomicInteger done = new AtomicInteger();
            insert(users, nUsers, this::user, done, bar);
            insert(sessions, nSessions, i -> session(1 + random.nextInt(nUsers)), done, bar);
            insert(events, nEvents, i -> event(1 + random.nextInt(nUsers)), done, bar);
        }
        long insertNanos = time("insert", t0);
        out.printf("  inserted %s users, %s sessions, %s events in %s (%s records/s, insertAll in chunks of %s)%n",
                Support.count(nUsers), Support.count(nSessions), Support.count(nEvents), Support.millis(insertNanos),
                Support.count((long) (records / Math.max(1e-9, insertNanos / 1e9))), Support.count(CHUNK));

        // 3. Queries, explained
        section("3. Queries and their plans");
        t0 = System.nanoTime();
        String email = "user" + (nUsers / 2) + "@example.com";
        explain("equality on a hash index", users.query().where(field("email").eq(email)));
        explain("range on a sorted index", events.query().where(field("amount").between(100.0, 110.0)));
        explain("AND of two indexes", users.query().where(and(field("city").eq("Lyon"), field("age").gte(60))));
        explain("top-5 by a sorted index", events.query().orderBy("-amount").limit(5));
        Record top = events.query().orderBy("-amount").limit(1).first().orElseThrow();
        out.printf("  largest purchase: %.2f by user %d%n", top.getDouble("amount"), top.getLong("user_id"));

        // 4. Aggregates
        section("4. Aggregates");
        Record stats = users.query().aggregate(count().as("users"), avg("age").as("avg_age"));
        out.printf("  users: %d, average age %.1f%n", stats.getLong("users"), stats.getDouble("avg_age"));
        for (Record g : users.query().groupBy("city").orderBy("city").aggregateGroups(count().as("n"),
                avg("age").as("avg_age"))) {
            out.printf("  %-9s %,7d users, average age %.1f%n", g.getString("city"), g.getLong("n"),
                    g.getDouble("avg_age"));
        }
        for (Record g : events.query().groupBy("kind").orderBy("kind").aggregateGroups(count().as("n"),
                sum("amount").as("total"))) {
            out.printf("  %-9s %,7d events, total amount %,.2f%n", g.getString("kind"), g.getLong("n"),
                    g.getDouble("total"));
        }
        time("queries", t0);

        // 5. Incremental backups while the application keeps writing
        section("5. Incremental backups while writing");
        record();
        AtomicInteger failures = new AtomicInteger();
        BackupManager manager = BackupManager.builder(db, backupsDir).format(codec)
                .interval(Duration.ofMillis(400)).minInterval(Duration.ofMillis(100))
                .incremental(true).maxDeltasBeforeFull(10).keepFullBackups(2)
                .onFailure((error, consecutive) -> {
                    failures.incrementAndGet();
                    err().println("dictdb: backup failure (" + consecutive + " in a row): " + error);
                }).build();
        t0 = System.nanoTime();
        manager.start();
        out.printf("  BackupManager started: %s, incremental, a backup every 400 ms and 100 ms after "
                + "notifyChange(), a full after 10 deltas, keeping 2 full backups%n", codec);
        report("the first one", Progress.spin(err(), progress(), "  writing the first full backup",
                manager::backupFull));
        write("1,000 purchases inserted", () -> events.insertAll(Stream.generate(() -> purchase(1 + random.nextInt(
                nUsers))).limit(1_000).toList()));
        report("after the purchases", manager.backupNow());
        write("users of Nantes deactivated", () -> users.update(Map.of("active", false),
                field("city").eq("Nantes")));
        report("after the update", manager.backupNow());
        write("expired sessions deleted", () -> sessions.delete(field("expire_at").lt(EPOCH.plus(Duration
                .ofDays(30)))));
        report("after the delete", manager.backupNow());
        report("forced full backup (compaction)", manager.backupFull());
        write("index events.user_id created", () -> {
            events.createIndex("user_id", IndexType.HASH);
            return null;
        });
        write("birthdays: ages of users aged 30 incremented", () -> users.update(
                r -> r.with("age", r.getLong("age") + 1), field("age").eq(30)));
        write("user 1 upserted", () -> users.upsert(Map.of("id", 1L, "name", "Alice Martin",
                "email", "alice@example.com", "age", 34, "city", "Lyon", "active", true)));
        manager.notifyChange();
        boolean caughtUp = waitFor(() -> manager.status().lastSequence() >= db.sequence(), Duration.ofSeconds(10));
        BackupStatus st = manager.status();
        out.printf("  notifyChange(): the scheduler %s; the last backup covers sequence %d (database at %d)%n",
                caughtUp ? "wrote a backup in the background" : "has not caught up yet", st.lastSequence(),
                db.sequence());
        List<BackupFile> listed = Backups.list(backupsDir);
        if (caughtUp && !listed.isEmpty()) {
            report("by the scheduler", listed.get(listed.size() - 1));
        }
        time("backups while writing", t0);

        // 6. A crash: more writes that no backup acknowledges, and no final backup
        section("6. Simulated crash");
        t0 = System.nanoTime();
        write("200 more events inserted", () -> events.insertAll(Stream.generate(() -> event(1 + random.nextInt(
                nUsers))).limit(200).toList()));
        write("users aged 75 and over deleted", () -> users.delete(field("age").gte(75)));
        write("ios sessions moved to tablet", () -> sessions.update(Map.of("device", "tablet"),
                field("device").eq("ios")));
        manager.stop(); // no final backup: what happened since the last completed backup is lost
        st = manager.status();
        long acknowledgedSequence = st.lastSequence();
        long liveSequence = db.sequence();
        Snapshot acknowledged = states.get(acknowledgedSequence);
        if (acknowledged == null) {
            throw new CliException("no state was recorded at sequence " + acknowledgedSequence + ", the last "
                    + "completed backup's: cannot check the restore");
        }
        out.printf("  the process 'dies' at sequence %d; the last completed backup covers sequence %d: %d changes "
                + "were never acknowledged and are lost, as expected%n", liveSequence, acknowledgedSequence,
                liveSequence - acknowledgedSequence);
        out.printf("  the manager wrote %s of backups, with %d failure(s)%n", Support.bytes(st.bytesWritten()),
                failures.get());
        db = null; // the live database is gone with the process
        time("crash", t0);

        // 7. Restore and verify
        section("7. Restore and verify");
        beforeRestore.accept(backupsDir);
        t0 = System.nanoTime();
        RestoreResult restored = Progress.spin(err(), progress(), "  restoring",
                () -> Backups.restoreReport(backupsDir, RestorePoint.latest()));
        long restoreNanos = time("restore", t0);
        long deltas = restored.applied().stream().filter(f -> f.kind() == BackupFile.Kind.DELTA).count();
        long appliedBytes = restored.applied().stream().mapToLong(BackupFile::sizeBytes).sum();
        out.printf("  restored sequence %d from %d files (1 full + %d delta%s, %s) in %s%n", restored.sequence(),
                restored.applied().size(), deltas, deltas == 1 ? "" : "s", Support.bytes(appliedBytes),
                Support.millis(restoreNanos));
        restored.stoppedAt().ifPresent(p -> out.printf("  RESTORE STOPPED EARLY at %s: %s%n", p.file(),
                p.message()));
        t0 = System.nanoTime();
        VerifyReport report = Backups.verify(backupsDir);
        long verifyNanos = time("verify", t0);
        long folderBytes = report.checked().stream().mapToLong(BackupFile::sizeBytes).sum();
        out.printf("  verify: %d files, %s, %s in %s%n", report.checked().size(), Support.bytes(folderBytes),
                report.ok() ? "no problem" : report.problems().size() + " problem(s)", Support.millis(verifyNanos));
        report.problems().forEach(p -> out.printf("  BAD %s%n", p));
        Snapshot back = restored.database().snapshot();
        String difference = DbContent.of(acknowledged).differenceFrom(DbContent.of(back));
        Table restoredUsers = restored.database().table("users");
        Plan plan = restoredUsers.query().where(field("email").eq(email)).explain();
        out.printf("  restored indexes answer: email lookup via %s, %d record(s)%n", plan.indexes(), plan.returned());

        // Summary
        boolean ok = difference == null && report.ok() && !restored.stoppedEarly()
                && restored.sequence() == acknowledgedSequence;
        time("total", start);
        section("Summary");
        out.printf("  acknowledged by the last completed backup: sequence %d, %d records in %d tables%n",
                acknowledgedSequence, acknowledged.recordCount(), acknowledged.tables().size());
        out.printf("  restored:                                  sequence %d, %d records in %d tables%n",
                restored.sequence(), back.recordCount(), back.tables().size());
        out.printf("  backup folder: %s, %d files, %s; restore used %d files, %s%n", backupsDir,
                report.checked().size(), Support.bytes(folderBytes), restored.applied().size(),
                Support.bytes(appliedBytes));
        StringBuilder t = new StringBuilder();
        timings.forEach((k, v) -> t.append(t.length() == 0 ? "" : ", ").append(k).append(' ')
                .append(Support.millis(v)));
        out.printf("  timings: %s%n", t);
        out.printf("records: acknowledged=%d restored=%d%n", acknowledged.recordCount(), back.recordCount());
        if (ok) {
            out.println("result: OK, the restored database equals the state the last backup acknowledged, "
                    + "record for record, with its schemas, indexes and key counters");
            return 0;
        }
        out.println("result: FAILED, " + (difference != null ? "the restored database differs: " + difference
                : !report.ok() ? "the backups do not verify" : restored.stoppedEarly() ? "the restore stopped early"
                : "the restore reached sequence " + restored.sequence() + ", not " + acknowledgedSequence));
        out.flush();
        throw new CliException("demo failed: the restored database is not the acknowledged state (see " + work
                + ")");
    }

    private void section(String title) {
        out().printf("%n%s%n", title);
    }

    private long time(String phase, long startNanos) {
        long nanos = System.nanoTime() - startNanos;
        timings.put(phase, nanos);
        return nanos;
    }

    private void insert(Table table, int n, java.util.function.IntFunction<Map<String, Object>> make,
                        AtomicInteger done, Progress bar) {
        for (int from = 0; from < n; from += CHUNK) {
            int size = Math.min(CHUNK, n - from);
            List<Map<String, Object>> batch = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                batch.add(make.apply(from + i));
            }
            table.insertAll(batch, InsertOptions.defaults().batchSize(CHUNK));
            bar.update(done.addAndGet(size));
        }
    }

    /** Runs one write and remembers the state after it, keyed by its sequence number. */
    private void write(String what, Supplier<Object> op) {
        Object result = op.get();
        String n = result instanceof Integer i ? ": " + Support.count(i) + " records"
                : result instanceof List<?> l ? ": " + Support.count(l.size()) + " records" : "";
        record();
        out().printf("  write: %s%s (database at sequence %d)%n", what, n, db.sequence());
    }

    /** Remembers the current state (a snapshot shares the records, it copies no record). */
    private void record() {
        Snapshot s = db.snapshot();
        states.put(s.sequence(), s);
    }

    private void report(String when, BackupFile file) {
        report(when, Optional.of(file));
    }

    private void report(String when, Optional<BackupFile> file) {
        if (file.isEmpty()) {
            out().printf("  backup: nothing changed since the last one (%s)%n", when);
            return;
        }
        BackupFile f = file.get();
        out().printf("  backup %-5s %s, sequences %d..%d, %s (%s)%n", f.kind(), f.path().getFileName(),
                f.firstSequence(), f.lastSequence(), Support.bytes(f.sizeBytes()), when);
    }

    private void explain(String what, Query query) {
        Plan plan = query.explain();
        out().printf("  %s: %d record(s), %d examined%s%n", what, plan.returned(), plan.examined(),
                plan.orderedByIndex() ? ", ordered by the index" : "");
        for (String line : plan.toString().split("\\R")) {
            out().printf("      %s%n", line);
        }
    }

    private static boolean waitFor(Supplier<Boolean> condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    private Map<String, Object> user(int i) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("name", "User " + i);
        r.put("email", "user" + i + "@example.com");
        r.put("age", 18 + random.nextInt(62));
        r.put("city", CITIES[random.nextInt(CITIES.length)]);
        r.put("active", random.nextInt(10) != 0);
        r.put("signup", LocalDate.of(2020, 1, 1).plusDays(random.nextInt(2_000)));
        return r;
    }

    private Map<String, Object> session(long userId) {
        Instant started = EPOCH.plusSeconds(random.nextInt(90 * 24 * 3600));
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("session_id", new UUID(random.nextLong(), random.nextLong()));
        r.put("user_id", userId);
        r.put("device", DEVICES[random.nextInt(DEVICES.length)]);
        r.put("started", started);
        r.put("expire_at", started.plus(Duration.ofHours(1 + random.nextInt(72))));
        return r;
    }

    private Map<String, Object> event(long userId) {
        String kind = KINDS[random.nextInt(KINDS.length)];
        return kind.equals("purchase") ? purchase(userId) : Map.of("user_id", userId, "kind", kind, "amount", 0.0,
                "at", EPOCH.plusSeconds(random.nextInt(90 * 24 * 3600)));
    }

    private Map<String, Object> purchase(long userId) {
        return Map.of("user_id", userId, "kind", "purchase", "amount", (1 + random.nextInt(50_000)) / 100.0,
                "at", EPOCH.plusSeconds(random.nextInt(90 * 24 * 3600)));
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "demo[%d records, %s]", records, format);
    }
}
