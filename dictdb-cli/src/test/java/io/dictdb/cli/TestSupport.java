package io.dictdb.cli;

import io.dictdb.FieldType;
import io.dictdb.IndexType;
import io.dictdb.Schema;
import io.dictdb.Table;
import io.dictdb.TableSpec;
import io.dictdb.backup.BackupManager;
import io.dictdb.core.DictDB;
import io.dictdb.core.Snapshot;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import picocli.CommandLine;

/** Shared by the tests: running the command line in-process, fixtures, a backup folder with known states. */
final class TestSupport {
    private TestSupport() {
    }

    /** What a run printed and returned. */
    record Run(int exitCode, String out, String err) {
        List<String> errLines() {
            return err.lines().filter(l -> !l.isBlank()).toList();
        }
    }

    /** Runs {@code dictdb args...} in this JVM, capturing standard output and error. */
    static Run run(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    /** A fixture file written by the Python DictDB (kept in this module's test resources). */
    static Path fixture(String name) {
        try {
            return Path.of(TestSupport.class.getResource("/python-dictdb/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every subcommand, as typed after {@code dictdb}. */
    static List<String> subcommands() {
        return List.of("demo", "backup", "backup list", "backup verify", "backup restore", "backup inspect",
                "convert", "stats", "import-csv", "export-csv", "standby");
    }

    /** A backup folder: a full, three deltas (records, an index, a new table), and the states at each. */
    record BackupFolder(Path dir, List<Snapshot> states, List<Path> files) {
    }

    static BackupFolder backupFolder(Path dir, String format) {
        DictDB db = DictDB.create();
        Table users = db.createTable(TableSpec.named("users").schema(Schema.builder()
                .field("name", FieldType.STRING).field("age", FieldType.LONG).build()).index("age", IndexType.SORTED));
        for (int i = 0; i < 50; i++) {
            users.insert(Map.of("name", "user" + i, "age", 20 + i));
        }
        List<Snapshot> states = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        try (BackupManager m = BackupManager.builder(db, dir).format(format).interval(Duration.ofHours(1))
                .incremental(true).build()) {
            m.start();
            files.add(m.backupFull().path());
            states.add(db.snapshot());
            users.update(Map.of("name", "renamed"), io.dictdb.query.Conditions.field("age").lt(30));
            files.add(m.backupNow().orElseThrow().path());
            states.add(db.snapshot());
            users.createIndex("name", IndexType.HASH);
            users.delete(io.dictdb.query.Conditions.field("age").gte(60));
            files.add(m.backupNow().orElseThrow().path());
            states.add(db.snapshot());
            Table t = db.createTable("notes");
            t.insert(Map.of("text", "hello"));
            files.add(m.backupNow().orElseThrow().path());
            states.add(db.snapshot());
        }
        return new BackupFolder(dir, states, files);
    }

    /** Flips one byte in the middle of a file. */
    static void flipByte(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            bytes[bytes.length / 2] ^= 0x20;
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies a folder's files (one level). */
    static Path copyFolder(Path from, Path to) {
        try {
            Files.createDirectories(to);
            try (Stream<Path> s = Files.list(from)) {
                for (Path p : s.toList()) {
                    Files.copy(p, to.resolve(p.getFileName()));
                }
            }
            return to;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The number following {@code key=} in a text, or fails. */
    static long number(String text, String key) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\b" + key + "=(\\d+)").matcher(text);
        if (!m.find()) {
            throw new AssertionError("no " + key + "=<number> in:\n" + text);
        }
        return Long.parseLong(m.group(1));
    }

    static Map<String, Long> counts(Snapshot s) {
        Map<String, Long> m = new LinkedHashMap<>();
        s.tables().forEach(t -> m.put(t.definition().name(), (long) t.records().size()));
        return m;
    }
}
