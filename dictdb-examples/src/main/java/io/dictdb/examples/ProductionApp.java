package io.dictdb.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import io.dictdb.DictDbException;
import io.dictdb.IndexType;
import io.dictdb.Record;
import io.dictdb.RecordNotFoundException;
import io.dictdb.Table;
import io.dictdb.TableSpec;
import io.dictdb.backup.BackupManager;
import io.dictdb.backup.Backups;
import io.dictdb.backup.RestorePoint;
import io.dictdb.backup.RestoreResult;
import io.dictdb.core.DictDB;

/**
 * Python DictDB's "Complete Example: Production-Ready Application": a database restored from its backups at start (or
 * created with its tables and indexes), incremental backups with a failure callback, every operation traced
 * (count, errors, slow ones), a final full backup and a saved final state at stop, and statistics.
 *
 * <p>Logging is the launcher's choice, not the application's: run it with
 * {@code -Dlogback.configurationFile=logback-file.xml -Ddictdb.log.dir=./production_data} for Python DictDB's console
 * plus {@code app.log} setup (here the file is {@code dictdb.log}).
 */
public final class ProductionApp implements AutoCloseable {

    private final Path dataDir;
    private final PrintStream out;
    private final DictDB db;
    private final BackupManager backupManager;
    private final AtomicLong operations = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final Instant startedAt = Instant.now();

    /**
     * Opens the application's data folder: restores the database from its backups, or creates it.
     *
     * @param dataDir the data folder (created if missing)
     * @param out where to print what it does
     */
    public ProductionApp(Path dataDir, PrintStream out) {
        this.dataDir = dataDir;
        this.out = out;
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data folder " + dataDir, e);
        }
        this.db = initializeOrLoad();
        this.backupManager = BackupManager.builder(db, dataDir.resolve("backups"))
                .interval(Duration.ofMinutes(5))
                .format("json")
                .minInterval(Duration.ofSeconds(30))
                .onFailure(this::onBackupFailure)
                .incremental(true)
                .maxDeltasBeforeFull(20)
                .build();
    }

    /** Restores the latest state from the backups, or creates a new database with its tables and indexes. */
    private DictDB initializeOrLoad() {
        Path backupDir = dataDir.resolve("backups");
        if (Files.isDirectory(backupDir) && !Backups.list(backupDir).isEmpty()) {
            RestoreResult restored = Backups.restoreReport(backupDir, RestorePoint.latest());
            out.println("Loading backup: " + restored.applied().get(restored.applied().size() - 1).path()
                    .getFileName() + " (" + restored.applied().size() + " file(s), sequence " + restored.sequence()
                    + ")");
            restored.stoppedAt().ifPresent(problem -> out.println("WARNING: restore stopped early: " + problem));
            return restored.database();
        }
        out.println("Creating new database");
        DictDB fresh = DictDB.create();
        fresh.createTable(TableSpec.named("users").index("email", IndexType.HASH));
        fresh.createTable(TableSpec.named("sessions").primaryKey("session_id")
                .index("user_id", IndexType.HASH)
                .index("expire_at", IndexType.SORTED));
        fresh.createTable("logs");
        return fresh;
    }

    private void onBackupFailure(Throwable error, int count) {
        errors.incrementAndGet();
        out.println("ALERT: Backup failure (" + count + "x): " + error.getMessage());
        if (count >= 5) {
            out.println("CRITICAL: Multiple backup failures!");
        }
    }

    /** Starts the backups. */
    public void start() {
        out.println("Starting application...");
        backupManager.start();
        out.println("Application started");
    }

    /** Stops gracefully: a final full backup, the scheduler stopped, the final state saved, the statistics. */
    public void stop() {
        out.println("Stopping application...");
        backupManager.backupFull();
        backupManager.stop();
        db.save(dataDir.resolve("final_state.json"), "json");
        out.println("Application stopped gracefully");
        displayStats();
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    private void displayStats() {
        Duration runtime = Duration.between(startedAt, Instant.now());
        out.println();
        out.println("--- Statistics ---");
        out.printf("Runtime: %.1fs%n", runtime.toMillis() / 1000.0);
        out.println("Operations performed: " + operations.get());
        out.println("Errors: " + errors.get());
        out.println("Backup failures: " + backupManager.consecutiveFailures());
        out.println("Users: " + db.table("users").count());
    }

    /**
     * Runs and traces one operation: counted when it succeeds, an error when it throws, reported when slow.
     *
     * @param name the operation's name
     * @param work the operation
     * @param <T> its result type
     * @return its result
     */
    <T> T operation(String name, Supplier<T> work) {
        long start = System.nanoTime();
        try {
            T result = work.get();
            operations.incrementAndGet();
            return result;
        } catch (DictDbException e) {
            errors.incrementAndGet();
            out.println("Error in " + name + ": " + e.getMessage());
            throw e;
        } finally {
            long millis = (System.nanoTime() - start) / 1_000_000;
            if (millis > 100) {
                out.println("Slow operation: " + name + " (" + millis + " ms)");
            }
        }
    }

    /**
     * Creates a user.
     *
     * @param email the user's email
     * @param name the user's name
     * @return the new user's key
     */
    public long createUser(String email, String name) {
        return operation("create_user", () -> (Long) db.table("users").insert(Map.of(
                "email", email, "name", name, "created_at", Instant.now().truncatedTo(ChronoUnit.SECONDS))));
    }

    /**
     * A user by key.
     *
     * @param userId the key
     * @return the user
     * @throws RecordNotFoundException if there is none
     */
    public Record getUser(long userId) {
        return operation("get_user", () -> db.table("users").get(userId)
                .orElseThrow(() -> new RecordNotFoundException("users", "User " + userId + " not found")));
    }

    /**
     * The users with this email (a hash index lookup).
     *
     * @param email the email
     * @return the matching users
     */
    public List<Record> searchByEmail(String email) {
        Table users = db.table("users");
        return operation("search_by_email", () -> users.select(users.field("email").eq(email)));
    }

    /**
     * The database, for checks.
     *
     * @return the database
     */
    DictDB database() {
        return db;
    }

    /**
     * Python DictDB's {@code main()}: start, create and read back users, stop.
     *
     * @param dataDir the data folder
     * @param userCount the number of users to create
     * @param out where to print
     */
    static void run(Path dataDir, int userCount, PrintStream out) {
        try (ProductionApp app = new ProductionApp(dataDir, out)) {
            app.start();
            long first = app.database().table("users").count();
            for (int i = 0; i < userCount; i++) {
                String email = "user" + (first + i) + "@example.com";
                long userId = app.createUser(email, "User " + (first + i));
                Record user = app.getUser(userId);                  // read it back by key
                List<Record> found = app.searchByEmail(user.getString("email")); // and through the index
                if (found.size() != 1) {
                    out.println("Unexpected: " + found.size() + " users with " + email);
                }
                if (i % 10 == 0) {
                    out.println("Progress: " + i + "/" + userCount + " users created");
                }
            }
            try {
                app.getUser(-1);
            } catch (RecordNotFoundException e) {
                out.println("As expected: " + e.getMessage());
            }
            out.println("Operations completed successfully");
        }
    }

    /**
     * Runs the application in {@code ./production_data}: run it twice, and the second run starts from the first
     * one's backups.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        run(Path.of("production_data"), 100, System.out);
    }
}
