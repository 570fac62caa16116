package io.dictdb.cli;

import static io.dictdb.query.Aggregates.avg;
import static io.dictdb.query.Aggregates.count;
import static io.dictdb.query.Aggregates.sum;
import static io.dictdb.query.Conditions.and;
import static io.dictdb.query.Conditions.field;

import io.dictdb.DuplicateKeyException;
import io.dictdb.FieldType;
import io.dictdb.IndexSpec;
import io.dictdb.IndexType;
import io.dictdb.InsertOptions;
import io.dictdb.Record;
import io.dictdb.Schema;
import io.dictdb.Table;
import io.dictdb.TableSpec;
import io.dictdb.TableStats;
import io.dictdb.backup.BackupFile;
import io.dictdb.backup.BackupManager;
import io.dictdb.backup.BackupStatus;
import io.dictdb.backup.Backups;
import io.dictdb.backup.RestorePoint;
import io.dictdb.backup.RestoreResult;
import io.dictdb.backup.Standby;
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
 * then a restore and a verify of the backups. Then the same crash with the journal on: a child process
 * ({@link DemoJournalWriter}) writes to a durable database ({@code DictDB.open}, {@code SYNC}) with a backup manager
 * on the same folder and is killed with SIGKILL; the folder is opened again and every insert the child saw return
 * must be there. The summary compares the restored database with the state the last completed backup
 * acknowledged, and the reopened one with the child's acknowledged inserts; the exit code is 1 when either
 * differs or the backups do not verify.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Run the production story end to end in a fresh folder: tables with schemas and indexes, a "
                + "batch insert, explained queries, aggregates, incremental backups while writing, a simulated "
                + "crash, restore and verify; then the same crash with the journal on (DictDB.open, SYNC), in a "
                + "process killed with SIGKILL.",
                "The last lines compare the restored records with the records the last completed backup "
                        + "acknowledged, and the reopened journalled database with the inserts acknowledged before "
                        + "the kill; exit code 1 if either differs."})
final class DemoCommand extends CommandBase {
    private static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");
    private static final String[] CITIES = {"Paris", "Lyon", "Nantes", "Lille", "Bordeaux", "Toulouse", "Nice",
        "Rennes"};
    private static final String[] KINDS = {"view", "view", "view", "click", "click", "purchase"};
    private static final String[] DEVICES = {"ios", "android", "web", "web"};
    private static final int CHUNK = 5_000;
    /** Acknowledged inserts after which the journal's writer process is killed (or {@link #JOURNAL_WRITING}). */
    private static final int JOURNAL_ACKS = 500;
    private static final Duration JOURNAL_WRITING = Duration.ofSeconds(2);

    @Option(names = "--dir", paramLabel = "DIR", description = "Folder to work in (default: a new temporary "
            + "folder, printed). Its backups and durable sub-folders must be empty or absent.")
    Path dir;

    @Option(names = {"-n", "--records"}, paramLabel = "N", defaultValue = "100000", description = "Records to "
            + "insert, spread over users, sessions and events (default: ${DEFAULT-VALUE}).")
    int records;

    @Option(names = {"-f", "--format"}, paramLabel = "F", defaultValue = "kryo", description = "Backup codec: "
            + "json, cbor or kryo (default: ${DEFAULT-VALUE}).")
    String format;

    /** Runs on the backup folder between the crash and the restore; tests damage the backups with it. */
    java.util.function.Consumer<Path> beforeRestore = backups -> { };
    /** Runs on the journalled folder between the kill and the reopen; tests damage the journal with it. */
    java.util.function.Consumer<Path> beforeReopen = folder -> { };

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
        Path durableDir = work.resolve("durable");
        for (Path own : List.of(backupsDir, durableDir)) {
            if (Files.isDirectory(own)) {
                try (Stream<Path> s = Files.list(own)) {
                    if (s.findAny().isPresent()) {
                        throw new CliException("the " + (own == backupsDir ? "backup" : "durable database")
                                + " folder " + own + " is not empty: choose another --dir (the demo's restore "
                                + "must see only its own files)");
                    }
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
                .index(IndexSpec.hash("email").unique()).index("city", IndexType.HASH).index("age", IndexType.SORTED));
        Table sessions = db.createTable(TableSpec.named("sessions").primaryKey("session_id").schema(Schema.builder()
                .field("session_id", FieldType.UUID).field("user_id", FieldType.LONG)
                .field("device", FieldType.STRING).field("started", FieldType.INSTANT)
                .field("expire_at", FieldType.INSTANT).build())
                .index("user_id", IndexType.HASH).index("expire_at", IndexType.SORTED));
        Table events = db.createTable(TableSpec.named("events").schema(Schema.builder()
                .field("user_id", FieldType.LONG).field("kind", FieldType.STRING).field("amount", FieldType.DOUBLE)
                .field("at", FieldType.INSTANT).build())
                .index("kind", IndexType.HASH).index("amount", IndexType.SORTED)
                .index(IndexSpec.sorted("user_id", "at")));
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
        long someUser = 1 + random.nextInt(nUsers);
        explain("a user's last 3 events (composite sorted index user_id+at)",
                events.query().where(field("user_id").eq(someUser)).orderBy("-at").limit(3));
        try {
            users.insert(user(nUsers / 2 - 1));
        } catch (DuplicateKeyException e) {
            out.printf("  a second user with an email the unique index holds is refused: %s%n", e.getMessage());
        }
        for (Table t : List.of(users, events)) {
            TableStats usage = t.stats();
            out.printf("  usage of %s: %d scan(s) examining %s rows; %s%n", t.name(), usage.scans(),
                    Support.count(usage.rowsScanned()), usage.indexes().entrySet().stream()
                            .map(e -> e.getKey() + " " + e.getValue().lookups() + " lookup(s), "
                                    + Support.count(e.getValue().rowsReturned()) + " rows")
                            .collect(java.util.stream.Collectors.joining("; ")));
        }
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
                + "were never acknowledged and are lost, as expected with backups only (section 8 runs the same "
                + "crash with the journal on)%n", liveSequence, acknowledgedSequence,
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

        // 8. The same crash with the journal on
        section("8. The same crash with the journal on");
        t0 = System.nanoTime();
        JournalCrash journalled = crashWithJournal(durableDir, work.resolve("journal-writer.log"), codec);
        time("journal crash", t0);

        // Summary
        boolean ok = difference == null && report.ok() && !restored.stoppedEarly()
                && restored.sequence() == acknowledgedSequence && journalled.lost() == 0;
        time("total", start);
        section("Summary");
        out.printf("  acknowledged by the last completed backup: sequence %d, %d records in %d tables%n",
                acknowledgedSequence, acknowledged.recordCount(), acknowledged.tables().size());
        out.printf("  restored:                                  sequence %d, %d records in %d tables%n",
                restored.sequence(), back.recordCount(), back.tables().size());
        out.printf("  backup folder: %s, %d files, %s; restore used %d files, %s%n", backupsDir,
                report.checked().size(), Support.bytes(folderBytes), restored.applied().size(),
                Support.bytes(appliedBytes));
        out.printf("  backups only:      %d changes after the last completed backup are lost (nothing acknowledged "
                + "them)%n", liveSequence - acknowledgedSequence);
        out.printf("  backups + journal: %d inserts acknowledged before the kill, %d present after DictDB.open, %d on "
                + "the standby, %d lost%n", journalled.acknowledged(), journalled.present(), journalled.onStandby(),
                journalled.lost());
        StringBuilder t = new StringBuilder();
        timings.forEach((k, v) -> t.append(t.length() == 0 ? "" : ", ").append(k).append(' ')
                .append(Support.millis(v)));
        out.printf("  timings: %s%n", t);
        out.printf("records: acknowledged=%d restored=%d%n", acknowledged.recordCount(), back.recordCount());
        out.printf("journal: acknowledged=%d present=%d standby=%d lost=%d%n", journalled.acknowledged(),
                journalled.present(), journalled.onStandby(), journalled.lost());
        if (ok) {
            out.println("result: OK, the restored database equals the state the last backup acknowledged, "
                    + "record for record, with its schemas, indexes and key counters; with the journal, every "
                    + "acknowledged insert survived the kill, and the standby that followed the folder holds them too");
            return 0;
        }
        out.println("result: FAILED, " + (difference != null ? "the restored database differs: " + difference
                : !report.ok() ? "the backups do not verify" : restored.stoppedEarly() ? "the restore stopped early"
                : restored.sequence() != acknowledgedSequence ? "the restore reached sequence "
                + restored.sequence() + ", not " + acknowledgedSequence
                : journalled.lost() + " acknowledged insert(s) are missing after the journalled database's kill"));
        out.flush();
        throw new CliException("demo failed: a restored or reopened database is not the acknowledged state (see "
                + work + ")");
    }

    /**
     * What the journalled crash showed: inserts acknowledged before the kill, how many of them are there after the
     * reopen, and how many a standby that followed the folder holds.
     */
    record JournalCrash(long acknowledged, long present, long onStandby) {
        long lost() {
            return acknowledged - Math.min(present, onStandby);
        }
    }

    /**
     * Runs {@link DemoJournalWriter} on {@code folder} in a child process, kills it with SIGKILL once it has
     * acknowledged {@value #JOURNAL_ACKS} inserts (or after {@link #JOURNAL_WRITING}), opens the folder and looks up
     * every acknowledged key.
     */
    private JournalCrash crashWithJournal(Path folder, Path childLog, String codec) throws Exception {
        PrintWriter out = out();
        Files.createDirectories(folder);
        String javaBin = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Process child = new ProcessBuilder(javaBin, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), DemoJournalWriter.class.getName(), folder.toString(), codec)
                .redirectError(childLog.toFile()).start();
        out.printf("  a writer process opens %s with DictDB.open (SYNC journal: an insert returns once an fsync "
                + "covers it) and a BackupManager on the same folder (%s), inserts %s events and takes a full "
                + "backup, then inserts events one at a time%n", folder, codec,
                Support.count(DemoJournalWriter.FIRST_BATCH));
        List<Long> acked = new ArrayList<>();
        long writing = 0;
        Standby standby = null;
        try (java.io.BufferedReader lines = new java.io.BufferedReader(new java.io.InputStreamReader(
                child.getInputStream(), java.nio.charset.StandardCharsets.UTF_8))) {
            String line;
            long deadline = Long.MAX_VALUE;
            while ((line = lines.readLine()) != null) {
                if (line.equals(DemoJournalWriter.READY)) {
                    writing = System.nanoTime();
                    deadline = writing + JOURNAL_WRITING.toNanos();
                    standby = Standby.follow(folder);
                    out.printf("  a warm standby follows the folder in this process (Standby.follow: the newest "
                            + "backup chain, then each journal entry as it appears)%n");
                } else if (line.startsWith(DemoJournalWriter.ACK)) {
                    acked.add(Long.parseLong(line.substring(DemoJournalWriter.ACK.length())));
                    if (acked.size() >= JOURNAL_ACKS || System.nanoTime() > deadline) {
                        break;
                    }
                }
            }
            if (line == null) {
                throw new CliException("the journal's writer process ended by itself (exit " + child.waitFor()
                        + ") before it was killed: see " + childLog);
            }
            // SIGKILL: no shutdown hook, no close, no final backup. Through the handle, which leaves the pipe open
            // (Process.destroyForcibly closes it, and the acknowledgements still in it would be lost).
            child.toHandle().destroyForcibly();
            child.waitFor();
            writing = System.nanoTime() - writing;
            while ((line = lines.readLine()) != null) { // acknowledged before the kill, still in the pipe
                if (line.startsWith(DemoJournalWriter.ACK)) {
                    acked.add(Long.parseLong(line.substring(DemoJournalWriter.ACK.length())));
                }
            }
        } catch (Exception | Error e) {
            if (standby != null) {
                standby.close();
            }
            throw e;
        } finally {
            child.destroyForcibly();
        }
        out.printf("  the process is killed (SIGKILL) after %s acknowledged inserts in %s (%s inserts/s)%n",
                Support.count(acked.size()), Support.millis(writing),
                Support.count((long) (acked.size() / Math.max(1e-9, writing / 1e9))));
        beforeReopen.accept(folder);
        long backedUp = Backups.list(folder).stream().mapToLong(BackupFile::lastSequence).max().orElse(0);
        long present;
        long sequence;
        try (Standby following = standby) {
            long t0 = System.nanoTime();
            try (DictDB reopened = DictDB.open(folder)) {
                long openNanos = System.nanoTime() - t0;
                Table events = reopened.table(DemoJournalWriter.TABLE);
                present = acked.stream().filter(k -> events.get(k).isPresent()).count();
                sequence = reopened.sequence();
                out.printf("  DictDB.open after the kill, in %s: the newest backup covers sequence %d, the journal "
                        + "replays the rest, up to sequence %d (%s events)%n", Support.millis(openNanos), backedUp,
                        sequence, Support.count(events.count()));
                out.printf("  acknowledged inserts present: %s of %s, %s lost%n", Support.count(present),
                        Support.count(acked.size()), Support.count(acked.size() - present));
            }
            if (following == null) {
                return new JournalCrash(acked.size(), present, present);
            }
            // The standby read the same folder while the primary wrote: it must reach the reopened state too.
            t0 = System.nanoTime();
            boolean reached = following.awaitSequence(sequence, Duration.ofSeconds(10));
            Table mirrored = following.database().table(DemoJournalWriter.TABLE);
            long onStandby = reached && following.sequence() == sequence
                    ? acked.stream().filter(k -> mirrored.get(k).isPresent()).count() : 0;
            out.printf("  the standby reached sequence %d (%s after the reopen; lag now %s): acknowledged inserts "
                    + "present there: %s of %s%n", following.sequence(), Support.millis(System.nanoTime() - t0),
                    Support.millis(following.lag().toNanos()), Support.count(onStandby), Support.count(acked.size()));
            return new JournalCrash(acked.size(), present, onStandby);
        }
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
