package io.dictdb.examples;

import io.dictdb.Table;
import io.dictdb.backup.BackupManager;
import io.dictdb.core.DictDB;
import io.dictdb.micrometer.BackupMetrics;
import io.dictdb.micrometer.DictDbMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.dictdb.query.Conditions.field;

/**
 * Monitoring with Micrometer: {@link DictDbMetrics} publishes a database's records, operations and latencies per
 * table, slow queries, transactions and change-feed lag; {@link BackupMetrics} a backup manager's status. The example
 * binds both to a {@code SimpleMeterRegistry}, works, and prints the meters.
 */
public final class Monitoring {

    private Monitoring() {
    }

    /**
     * Runs the example, printing to standard output.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        run(System.out);
    }

    /**
     * Works on a database whose meters are bound to a registry, then prints them.
     *
     * @param out where to print
     */
    static void run(PrintStream out) {
        Path dir;
        try {
            dir = Files.createTempDirectory("dictdb-monitoring");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // README:begin metrics
        DictDB db = DictDB.builder().slowQueryThreshold(Duration.ofMillis(100)).build();
        Table users = db.createTable("users", "id");
        SimpleMeterRegistry registry = new SimpleMeterRegistry();  // or Prometheus, OTLP, ...: any registry
        new DictDbMetrics(db).bindTo(registry);                    // tables created later: from the next poll on

        users.insertAll(List.of(Map.of("id", 1, "name", "ann"), Map.of("id", 2, "name", "bob")));
        users.get(1);
        users.select(field("name").eq("bob"));
        try (BackupManager backups = BackupManager.builder(db, dir).build()) {
            new BackupMetrics(backups).bindTo(registry);           // age of the last success, failures, bytes
            backups.backupNow();
            out.println(registry.getMetersAsString());              // every meter, with its tags and values
        }
        // README:end metrics
        out.println("users records: " + registry.get("dictdb.records").tag("table", "users").gauge().value());
        out.println("users inserts: " + registry.get("dictdb.operations").tags("table", "users", "kind", "insert")
                .functionCounter().count());
        deleteFolder(dir);
    }

    private static void deleteFolder(Path dir) {
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
