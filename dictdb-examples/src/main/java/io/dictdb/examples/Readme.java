package io.dictdb.examples;

// README:begin imports
import io.dictdb.*;
import io.dictdb.Record;          // explicit: java.lang.Record would make the simple name ambiguous
import io.dictdb.backup.*;
import io.dictdb.core.DictDB;
import io.dictdb.csv.*;
import io.dictdb.micrometer.*;
import io.dictdb.spi.Change;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.*;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import static io.dictdb.query.Conditions.*;
import static io.dictdb.query.Aggregates.*;
// README:end imports

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;

/**
 * The Java code blocks of the project's README.md, compiled and run. Each block sits between
 * {@code // README:begin <name>} and {@code // README:end <name>}; {@code DocBlocksTest} checks that every
 * {@code java} block of the README appears here, and the tests of this class check what the blocks do. Change a
 * block here and in the README together.
 */
public final class Readme {

    private Readme() {
    }

    /**
     * Runs every block in a new temporary folder, printing what each produced.
     *
     * @param args ignored
     * @throws IOException if the temporary folder cannot be created
     */
    public static void main(String[] args) throws IOException {
        Path dir = Files.createTempDirectory("dictdb-readme");
        PrintStream out = System.out;
        out.println("quick start: " + quickStart());
        out.println("schema: " + schema());
        out.println("writes: " + writes());
        out.println("codecs: " + codecs(Files.createDirectories(dir.resolve("codecs"))));
        out.println("backups: " + backups(dir.resolve("backups")));
        out.println("backup folders: " + backupFolders(dir.resolve("backups")));
        out.println("csv: " + csv(Files.createDirectories(dir.resolve("csv"))));
        out.println("logging: " + logging());
    }

    /**
     * The quick start.
     *
     * @return what the queries returned, by name
     */
    static Map<String, Object> quickStart() {
        // README:begin quickstart
        Database db = DictDB.create();
        Table users = db.createTable("users");                 // primary key "id", auto-increment
        users.insert(Map.of("name", "Alice", "age", 30, "dept", "IT"));
        users.insert(Map.of("name", "Bob", "age", 25, "dept", "HR"));
        users.createIndex("dept", IndexType.HASH);
        users.createIndex("age", IndexType.SORTED);

        List<Record> it = users.select(field("dept").eq("IT"));
        List<Record> top = users.query()
                .where(and(field("age").gte(18), not(field("dept").eq("HR"))))
                .orderBy("-age", "name")
                .limit(10)
                .toList();
        Record stats = users.query().aggregate(count().as("n"), avg("age").as("avg_age"));
        List<Record> byDept = users.query().groupBy("dept").aggregateGroups(count().as("n"));
        users.update(Map.of("dept", "Ops"), field("name").eq("Bob"));
        users.update(r -> r.with("age", r.getLong("age") + 1), field("name").eq("Alice")); // atomic read-modify-write
        // README:end quickstart

        Map<String, Object> results = new LinkedHashMap<>();
        results.put("it", it);
        results.put("top", top);
        results.put("stats", stats);
        results.put("byDept", byDept);
        results.put("users", users.query().orderBy("id").toList());
        return results;
    }

    /**
     * A table with a schema and indexes, from a {@link TableSpec}.
     *
     * @return what was stored and the message of what was refused, by name
     */
    static Map<String, Object> schema() {
        Database db = DictDB.create();
        // README:begin schema
        String refused = null;
        Table products = db.createTable(TableSpec.named("products")
                .primaryKey("sku")                                     // default "id"
                .schema(Schema.builder()
                        .field("sku", FieldType.STRING)                // required: present and non-null
                        .field("price", FieldType.DECIMAL)
                        .optional("tags", FieldType.LIST)              // may be missing or null
                        .build())                                      // any other field is refused
                .index("price", IndexType.SORTED));
        products.insert(Map.of("sku", "A1", "price", new java.math.BigDecimal("19.99"), "tags", List.of("tools")));
        products.insert(Map.of("sku", "B2", "price", 5));             // a Long fits DECIMAL: stored as 5
        try {
            products.insert(Map.of("sku", "C3", "price", "cheap"));
        } catch (SchemaValidationException e) {
            refused = e.getMessage();   // Table 'products': field 'price' expects DECIMAL, got STRING 'cheap'
        }
        // README:end schema

        Map<String, Object> results = new LinkedHashMap<>();
        results.put("products", products.all());
        results.put("refused", refused);
        return results;
    }

    /**
     * What the writes do when nothing matches.
     *
     * @return the counts and messages, by name
     */
    static Map<String, Object> writes() {
        Database db = DictDB.create();
        Table users = db.createTable("users");
        users.insert(Map.of("name", "Alice"));
        Map<String, Object> results = new LinkedHashMap<>();
        // README:begin writes
        String problem = null;
        try {
            users.update(Map.of("dept", "Ops"), field("name").eq("Nobody"));  // nothing matches
        } catch (RecordNotFoundException e) {
            problem = e.getMessage();                 // No record in table 'users' matches name == 'Nobody'
        }
        int deleted = users.deleteAll();              // the number of records deleted
        int none = users.deleteAll();                 // 0: deleteAll never throws
        // README:end writes
        results.put("update", problem);
        results.put("deleted", deleted);
        results.put("none", none);
        return results;
    }

    /**
     * Saving and loading.
     *
     * @param dir an empty folder
     * @return the databases loaded, by name
     */
    static Map<String, Object> codecs(Path dir) {
        Database db = DictDB.create();
        db.createTable("users").insertAll(List.of(Map.of("name", "Alice"), Map.of("name", "Bob")));
        copyResource("python_save.json", dir.resolve("python_save.json"));

        // README:begin codecs
        db.save(dir.resolve("data.json"));                          // the codec from the extension
        db.save(dir.resolve("data.kryo"), "kryo");                  // or by name
        CompletableFuture<Void> saved = db.saveAsync(dir.resolve("async.cbor"), "cbor"); // on the asyncExecutor
        Database copy = DictDB.load(dir.resolve("data.json"));      // the codec from the file's header line
        CompletableFuture<Database> loading = DictDB.loadAsync(dir.resolve("data.kryo"), null);
        Database python = DictDB.load(dir.resolve("python_save.json")); // a Python DictDB 1.11 JSON save just loads
        // README:end codecs

        Map<String, Object> results = new LinkedHashMap<>();
        results.put("copy", copy);
        results.put("kryo", loading.join());
        saved.join();
        results.put("cbor", DictDB.load(dir.resolve("async.cbor")));
        results.put("python", python);
        return results;
    }

    /**
     * Backups and restore.
     *
     * @param dir the backup folder (created if missing)
     * @return the restored databases and reports, by name
     */
    static Map<String, Object> backups(Path dir) {
        // README:begin backups
        DictDB db = DictDB.create();
        Table users = db.createTable("users");
        try (BackupManager backups = BackupManager.builder(db, dir)
                .format("kryo")                              // any installed codec; default json
                .interval(Duration.ofMinutes(5))             // scheduled backups
                .minInterval(Duration.ofSeconds(5))          // debounce for notifyChange()
                .incremental(true).maxDeltasBeforeFull(10)
                .keepFullBackups(3)                          // older chains are deleted whole
                .onFailure((error, consecutive) -> System.err.println(consecutive + " failed backups: " + error))
                .build()) {
            backups.start();
            users.insert(Map.of("name", "Alice"));
            backups.notifyChange();                          // never blocks: a backup within minInterval
            BackupFile full = backups.backupFull();          // on this thread, durable when it returns
            users.insert(Map.of("name", "Bob"));
            Optional<BackupFile> delta = backups.backupDelta(); // a delta of the changes since the last backup
            Optional<BackupFile> next = backups.backupNow();    // empty: nothing changed since (see below)
            BackupStatus status = backups.status();          // last success/failure, failures in a row, bytes, ...
        }                                                    // close() stops the scheduler: no final backup

        VerifyReport report = Backups.verify(dir);          // every checksum and chain link, per file
        Database latest = Backups.restoreLatest(dir);
        Database then = Backups.restore(dir, RestorePoint.atSequence(2));   // table created, Alice inserted
        RestoreResult r = Backups.restoreReport(dir, RestorePoint.latest());
        r.stoppedAt().ifPresent(problem -> System.err.println("restore stopped early: " + problem));
        // README:end backups

        Map<String, Object> results = new LinkedHashMap<>();
        results.put("files", Backups.list(dir));
        results.put("report", report);
        results.put("latest", latest);
        results.put("then", then);
        results.put("result", r);
        return results;
    }

    /**
     * Restoring one database of a backup folder by its id.
     *
     * @param dir a backup folder {@link #backups(Path)} wrote
     * @return the ids and what was restored, by name
     */
    static Map<String, Object> backupFolders(Path dir) {
        // README:begin backup-folders
        List<String> ids = Backups.databases(dir);                    // the database ids the folder holds
        Database one = Backups.restoreLatest(dir, ids.get(0));
        RestoreResult at = Backups.restoreReport(dir, RestorePoint.atSequence(2), ids.get(0));
        // README:end backup-folders

        Map<String, Object> results = new LinkedHashMap<>();
        results.put("ids", ids);
        results.put("one", one);
        results.put("at", at);
        return results;
    }

    /**
     * CSV import and export.
     *
     * @param dir a folder (users.csv and products.csv are written there first)
     * @return the counts and the database, by name
     */
    static Map<String, Object> csv(Path dir) {
        write(dir.resolve("users.csv"), "id,name,age\n1,Alice,30\n2,Bob,17\n3,Carol,45\n4,Dan,18\n");
        write(dir.resolve("products.csv"), "A1;19.99;[\"tools\"]\nB2;5.00;\n");

        // README:begin csv
        Database db = DictDB.create();
        // Column types are inferred over the whole file: LONG, DOUBLE (or DECIMAL), BOOLEAN, else STRING; empty is null.
        long imported = Csv.importTable(db, dir.resolve("users.csv"), "users", CsvImportOptions.defaults());

        // Or an explicit schema, a delimiter and no header row.
        Schema schema = Schema.builder().field("sku", FieldType.STRING).field("price", FieldType.DECIMAL)
                .optional("tags", FieldType.LIST).build();
        Csv.importTable(db, dir.resolve("products.csv"), "products", CsvImportOptions.defaults()
                .primaryKey("sku").schema(schema).delimiter(';').header(false).columns("sku", "price", "tags"));

        long exported = Csv.exportTable(db.table("users"), dir.resolve("adults.csv"), CsvExportOptions.defaults()
                .where(field("age").gte(18)).orderBy("-age", "name").columns("id", "name", "age"));
        // README:end csv

        Map<String, Object> results = new LinkedHashMap<>();
        results.put("imported", imported);
        results.put("exported", exported);
        results.put("db", db);
        return results;
    }

    /**
     * The logging options of a database.
     *
     * @return the database built
     */
    static DictDB logging() {
        // README:begin logging
        DictDB db = DictDB.builder()
                .debugLogSampling(100)                       // log 1 in 100 DEBUG events of insert/select/update/delete
                .slowQueryThreshold(Duration.ofMillis(50))   // log slower queries at WARN, with their plan
                .build();
        // README:end logging
        return db;
    }

    private static void copyResource(String name, Path target) {
        try (InputStream in = Readme.class.getResourceAsStream(name)) {
            Files.copy(Objects.requireNonNull(in, name), target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
