package io.dictdb.cli;

import static io.dictdb.cli.TestSupport.fixture;
import static io.dictdb.cli.TestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.core.ConsoleAppender;
import io.dictdb.Database;
import io.dictdb.core.DictDB;
import io.dictdb.core.Snapshot;
import io.dictdb.file.ImageFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

/** The commands run in-process through picocli, with their output captured. */
class CommandsTest {
    @TempDir
    Path tmp;

    static Stream<String> subcommands() {
        return TestSupport.subcommands().stream();
    }

    @ParameterizedTest
    @MethodSource("subcommands")
    void everySubcommandHasHelpAndVersion(String name) {
        String[] command = name.split(" ");
        String[] help = Stream.concat(Stream.of(command), Stream.of("--help")).toArray(String[]::new);
        TestSupport.Run r = run(help);
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("Usage: dictdb " + name).contains("--help", "--version", "--verbose",
                "--log-level", "--log-json");
        String[] version = Stream.concat(Stream.of(command), Stream.of("--version")).toArray(String[]::new);
        TestSupport.Run v = run(version);
        assertThat(v.exitCode()).isZero();
        assertThat(v.out()).startsWith("dictdb " + VersionProvider.version());
    }

    @Test
    void theVersionIsTheProjectVersion() {
        assertThat(VersionProvider.version()).matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
    }

    @Test
    void aMissingFileIsOneLineNamingItAndExitCode1() {
        Path missing = tmp.resolve("nothing-here.json");
        for (String[] args : List.of(new String[] {"stats", missing.toString()},
                new String[] {"convert", missing.toString(), tmp.resolve("out.kryo").toString()},
                new String[] {"backup", "inspect", missing.toString()},
                new String[] {"backup", "verify", missing.toString()},
                new String[] {"export-csv", missing.toString(), tmp.resolve("o.csv").toString(), "-t", "x"})) {
            TestSupport.Run r = run(args);
            assertThat(r.exitCode()).as(String.join(" ", args)).isEqualTo(1);
            assertThat(r.errLines()).hasSize(1);
            assertThat(r.err()).startsWith("dictdb: ").contains(missing.toString()).doesNotContain("\tat ");
            assertThat(r.out()).isEmpty();
        }
    }

    @Test
    void verbosePrintsTheStackTrace() {
        Path missing = tmp.resolve("nothing-here.json");
        TestSupport.Run r = run("stats", missing.toString(), "--verbose");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).startsWith("dictdb: no such file: " + missing).contains("\tat io.dictdb.cli.");
    }

    @Test
    void usageErrorsExitWith2() {
        assertThat(run("stats", "--bogus", "x").exitCode()).isEqualTo(2);
        assertThat(run("stats").exitCode()).isEqualTo(2);
        assertThat(run().exitCode()).isEqualTo(2);
        assertThat(run("backup").exitCode()).isEqualTo(2);
        assertThat(run("no-such-command").exitCode()).isEqualTo(2);
        assertThat(run("--log-level", "loud", "stats", "x").exitCode()).isEqualTo(2);
        assertThat(run("demo", "--records", "3").exitCode()).isEqualTo(2);
        TestSupport.Run r = run("backup", "restore", "dir", "--to", "x.json", "--sequence", "3", "--at",
                "2026-01-01T00:00:00Z");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("mutually exclusive");
    }

    @Test
    void globalLoggingOptionsWorkBeforeAndAfterTheSubcommand() {
        Path file = fixture("sample_full.json");
        assertThat(run("--log-level", "info", "stats", file.toString()).exitCode()).isZero();
        assertThat(rootLevel()).isEqualTo(Level.INFO);
        assertThat(encoder()).isInstanceOf(PatternLayoutEncoder.class);
        assertThat(run("stats", file.toString(), "--log-level", "DEBUG", "--log-json").exitCode()).isZero();
        assertThat(rootLevel()).isEqualTo(Level.DEBUG);
        assertThat(encoder()).isInstanceOf(JsonEncoder.class);
        assertThat(run("stats", file.toString()).exitCode()).isZero();
        assertThat(rootLevel()).isEqualTo(Level.WARN);
    }

    private static Level rootLevel() {
        return ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger("ROOT").getLevel();
    }

    private static Object encoder() {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        return ((ConsoleAppender<?>) ctx.getLogger("ROOT").getAppender("STDERR")).getEncoder();
    }

    @Test
    void statsDescribesThePythonSave() {
        TestSupport.Run r = run("stats", fixture("sample_full.json").toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("codec:    json (Python DictDB file, no frame)", "tables:   2, records: 5",
                "users: 3 records, primary key 'id', next key 4",
                "products: 2 records, primary key 'sku'",
                "schema:  sku:string, name:string, price:double, stock:long");
    }

    @Test
    void statsOfADatabaseFolderShowsItsUsageStatisticsAndResetsThem() {
        Path dir = tmp.resolve("durable");
        try (DictDB db = DictDB.open(dir)) {
            io.dictdb.Table t = db.createTable(io.dictdb.TableSpec.named("people").index("age"));
            for (int i = 0; i < 30; i++) {
                t.insert(java.util.Map.of("age", i, "city", "c" + i % 3));
            }
            assertThat(t.select(io.dictdb.query.Conditions.field("age").eq(7))).hasSize(1);
            assertThat(t.select(io.dictdb.query.Conditions.field("city").eq("c1"))).hasSize(10); // a scan
        }
        TestSupport.Run r = run("stats", dir.toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("folder:   " + dir, "usage:    as of 20", "(usage-stats.json)",
                "people: scans 1, rows scanned 30", "index age: lookups 1, rows returned 1, last used 20",
                "backup:   none");
        assertThat(r.out()).doesNotContain("open in a process");

        try (DictDB db = DictDB.open(dir)) {
            TestSupport.Run open = run("stats", dir.toString());
            assertThat(open.out()).contains("open in a process", "people: scans 1");
            TestSupport.Run refused = run("stats", dir.toString(), "--reset-usage");
            assertThat(refused.exitCode()).isNotZero();
            assertThat(refused.err()).contains("cannot reset the usage statistics of " + dir, "already open");
        }
        TestSupport.Run reset = run("stats", dir.toString(), "--reset-usage");
        assertThat(reset.exitCode()).isZero();
        assertThat(reset.out()).contains(dir + ": usage statistics cleared");
        assertThat(run("stats", dir.toString()).out()).contains("usage:    none recorded");
        assertThat(run("stats", tmp.toString()).err()).contains("not a database folder");
    }

    @Test
    void convertsThePythonSaveToEveryCodecAndBackWithoutLoss() throws IOException {
        Path fixture = fixture("sample_full.json");
        DbContent expected = DbContent.of(snapshot(DictDB.load(fixture)));
        Path kryo = tmp.resolve("db.kryo");
        Path cbor = tmp.resolve("db.cbor");
        Path json = tmp.resolve("db.json");
        Path plain = tmp.resolve("plain.json");
        assertThat(run("convert", fixture.toString(), kryo.toString()).exitCode()).isZero();
        assertThat(run("convert", kryo.toString(), cbor.toString()).exitCode()).isZero();
        assertThat(run("convert", cbor.toString(), json.toString()).exitCode()).isZero();
        TestSupport.Run r = run("convert", json.toString(), plain.toString(), "--plain");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("json plain", "2 tables, 5 records");
        assertThat(ImageFiles.standard().inspect(kryo).codec()).isEqualTo("kryo");
        assertThat(ImageFiles.standard().inspect(cbor).codec()).isEqualTo("cbor");
        assertThat(ImageFiles.standard().inspect(json).framed()).isTrue();
        assertThat(ImageFiles.standard().inspect(plain).framed()).isFalse();
        assertThat(Files.readString(plain, StandardCharsets.UTF_8)).doesNotStartWith(ImageFiles.MAGIC);
        for (Path p : List.of(kryo, cbor, json, plain)) {
            assertThat(DbContent.of(snapshot(DictDB.load(p))).differenceFrom(expected)).as(p.toString()).isNull();
        }
        // --format wins over the extension
        Path named = tmp.resolve("db.data");
        assertThat(run("convert", fixture.toString(), named.toString(), "--format", "kryo").exitCode()).isZero();
        assertThat(ImageFiles.standard().inspect(named).codec()).isEqualTo("kryo");
        TestSupport.Run bad = run("convert", fixture.toString(), named.toString(), "--format", "xml");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("unknown format 'xml'", "json", "kryo", "cbor");
    }

    @Test
    void aDamagedFileIsReportedInOneLineNamingIt() throws IOException {
        Path kryo = tmp.resolve("db.kryo");
        assertThat(run("convert", fixture("sample_full.json").toString(), kryo.toString()).exitCode()).isZero();
        TestSupport.flipByte(kryo);
        TestSupport.Run r = run("stats", kryo.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).startsWith("dictdb: ").contains(kryo.toString());
    }

    @Test
    void importsAndExportsCsv() throws IOException {
        Path csv = tmp.resolve("products.csv");
        Files.writeString(csv, "sku,name,price,stock\nA1,\"Widget, large\",9.50,3\nB2,Gadget,12,0\n");
        Path db = tmp.resolve("shop.kryo");
        TestSupport.Run r = run("import-csv", csv.toString(), db.toString(), "--table", "products",
                "--primary-key", "sku", "--schema", "sku:string,name:string,price:decimal,stock:long");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("imported 2 records", "(kryo, created)");
        Path semi = tmp.resolve("tags.csv");
        Files.writeString(semi, "1;red\n2;blue\n3;green\n");
        r = run("import-csv", semi.toString(), db.toString(), "-t", "tags", "-d", ";", "--no-header",
                "--schema", "id:long,tag:string");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("imported 3 records", "(kryo, updated)");
        Database loaded = DictDB.load(db);
        assertThat(loaded.tableNames()).containsExactlyInAnyOrder("products", "tags");
        assertThat(loaded.table("products").get("A1").orElseThrow().getDecimal("price"))
                .isEqualByComparingTo("9.50");
        assertThat(loaded.table("tags").get(2L).orElseThrow().getString("tag")).isEqualTo("blue");

        Path out = tmp.resolve("out.csv");
        r = run("export-csv", db.toString(), out.toString(), "--table", "products", "--columns", "name,sku");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(Files.readAllLines(out)).containsExactly("name,sku", "\"Widget, large\",A1", "Gadget,B2");

        TestSupport.Run again = run("import-csv", csv.toString(), db.toString(), "--table", "products");
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("'products' already exists in " + db);
        Path bad = tmp.resolve("bad.csv");
        Files.writeString(bad, "a,b\n1,2\n3\n");
        TestSupport.Run ragged = run("import-csv", bad.toString(), db.toString(), "--table", "bad");
        assertThat(ragged.exitCode()).isEqualTo(1);
        assertThat(ragged.errLines()).hasSize(1);
        assertThat(ragged.err()).contains(bad.toString(), "line 3");
        assertThat(DictDB.load(db).tableNames()).doesNotContain("bad");
        TestSupport.Run noTable = run("export-csv", db.toString(), out.toString(), "--table", "nope");
        assertThat(noTable.exitCode()).isEqualTo(1);
        assertThat(noTable.err()).contains("no table 'nope' in " + db);
    }

    @Test
    void backupListVerifyRestoreAndInspect() throws IOException {
        TestSupport.BackupFolder folder = TestSupport.backupFolder(tmp.resolve("backups"), "json");
        String dir = folder.dir().toString();

        TestSupport.Run list = run("backup", "list", dir);
        assertThat(list.exitCode()).isZero();
        assertThat(list.out()).contains("4 files (1 full, 3 delta)");
        for (Path f : folder.files()) {
            assertThat(list.out()).contains(f.getFileName().toString());
        }

        TestSupport.Run verify = run("backup", "verify", dir);
        assertThat(verify.exitCode()).isZero();
        assertThat(verify.out()).contains("4 files verified, no problem");

        Path restored = tmp.resolve("restored.kryo");
        TestSupport.Run restore = run("backup", "restore", dir, "--to", restored.toString());
        assertThat(restore.exitCode()).as(restore.err()).isZero();
        Snapshot last = folder.states().get(3);
        assertThat(restore.out()).contains("restored sequence " + last.sequence() + " from 4 files");
        assertThat(DbContent.of(snapshot(DictDB.load(restored))).differenceFrom(DbContent.of(last))).isNull();
        assertThat(ImageFiles.standard().inspect(restored).codec()).isEqualTo("kryo");

        Snapshot second = folder.states().get(1);
        Path atSequence = tmp.resolve("at.json");
        restore = run("backup", "restore", dir, "--to", atSequence.toString(), "--format", "cbor",
                "--sequence", Long.toString(second.sequence()));
        assertThat(restore.exitCode()).as(restore.err()).isZero();
        assertThat(ImageFiles.standard().inspect(atSequence).codec()).isEqualTo("cbor");
        assertThat(DbContent.of(snapshot(DictDB.load(atSequence))).differenceFrom(DbContent.of(second))).isNull();

        Path atNow = tmp.resolve("now.json");
        restore = run("backup", "restore", dir, "--to", atNow.toString(), "--at", java.time.Instant.now().toString());
        assertThat(restore.exitCode()).as(restore.err()).isZero();
        assertThat(DbContent.of(snapshot(DictDB.load(atNow))).differenceFrom(DbContent.of(last))).isNull();
        TestSupport.Run tooEarly = run("backup", "restore", dir, "--to", atNow.toString(), "--at",
                "2000-01-01T00:00:00Z");
        assertThat(tooEarly.exitCode()).isEqualTo(1);
        assertThat(tooEarly.errLines()).hasSize(1);
        assertThat(tooEarly.err()).startsWith("dictdb: ").contains(dir);
        TestSupport.Run notAnInstant = run("backup", "restore", dir, "--to", atNow.toString(), "--at", "yesterday");
        assertThat(notAnInstant.exitCode()).isEqualTo(2);
        assertThat(notAnInstant.err()).contains("not an ISO-8601 instant: 'yesterday'");
        TestSupport.Run deltaIsNoDatabase = run("convert", folder.files().get(1).toString(), atNow.toString());
        assertThat(deltaIsNoDatabase.exitCode()).isEqualTo(1);
        assertThat(deltaIsNoDatabase.err()).contains(folder.files().get(1).toString(), "DELTA");

        TestSupport.Run inspectFull = run("backup", "inspect", folder.files().get(0).toString());
        assertThat(inspectFull.exitCode()).isZero();
        assertThat(inspectFull.out()).contains("kind:      FULL", "codec:     json (framed, checksum ok)",
                "users: 50 records", "sequences: 1.." + folder.states().get(0).sequence());
        TestSupport.Run inspectDelta = run("backup", "inspect", folder.files().get(2).toString());
        assertThat(inspectDelta.exitCode()).isZero();
        assertThat(inspectDelta.out()).contains("kind:      DELTA", "CreateIndex: 1", "Delete: 10", "base full: ");

        // a flipped byte in a delta: verify exits 1 naming the file, and a restore stops before it
        Path broken = TestSupport.copyFolder(folder.dir(), tmp.resolve("broken"));
        Path delta = broken.resolve(folder.files().get(2).getFileName());
        TestSupport.flipByte(delta);
        TestSupport.Run bad = run("backup", "verify", broken.toString());
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.out()).contains("BAD   CORRUPT " + delta.getFileName());
        assertThat(bad.errLines()).hasSize(1);
        assertThat(bad.err()).startsWith("dictdb: ").contains(delta.getFileName().toString());
        Path partial = tmp.resolve("partial.json");
        TestSupport.Run stopped = run("backup", "restore", broken.toString(), "--to", partial.toString());
        assertThat(stopped.exitCode()).isEqualTo(1);
        assertThat(stopped.err()).contains("restore stopped early at " + delta);
        assertThat(DbContent.of(snapshot(DictDB.load(partial))).differenceFrom(DbContent.of(second))).isNull();
    }

    @Test
    void listsAndRestoresThePythonBackupFolder() {
        Path dir = fixture("backups");
        TestSupport.Run list = run("backup", "list", dir.toString());
        assertThat(list.exitCode()).isZero();
        assertThat(list.out()).contains("3 files (1 full, 2 delta)");
        Path out = tmp.resolve("python.json");
        TestSupport.Run restore = run("backup", "restore", dir.toString(), "--to", out.toString());
        assertThat(restore.exitCode()).as(restore.err()).isZero();
        assertThat(restore.out()).contains("from 3 files (1 full, 2 deltas");
    }

    @Test
    void theDemoRestoresExactlyWhatTheLastBackupAcknowledged() {
        TestSupport.Run r = run("demo", "--records", "3000", "--dir", tmp.resolve("demo").toString(),
                "--format", "json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        long acknowledged = TestSupport.number(r.out(), "acknowledged");
        long restored = TestSupport.number(r.out(), "restored");
        assertThat(acknowledged).isGreaterThan(2_000).isEqualTo(restored);
        // the same crash with the journal on: every insert the killed process saw return is there after open
        long journalled = TestSupport.number(r.out(), "journal: acknowledged");
        assertThat(journalled).isPositive();
        assertThat(TestSupport.number(r.out(), "present")).isEqualTo(journalled);
        assertThat(TestSupport.number(r.out(), "standby")).isEqualTo(journalled);
        assertThat(TestSupport.number(r.out(), "lost")).isZero();
        assertThat(r.out()).contains("changes were never acknowledged and are lost, as expected with backups only",
                "8. The same crash with the journal on", "killed (SIGKILL) after",
                "every acknowledged insert survived the kill");
        assertThat(r.out()).contains("Working folder: " + tmp.resolve("demo").toAbsolutePath(),
                "HASH index on 'email'", "ordered by index", "result: OK");
        assertThat(r.err()).isEmpty(); // no progress bar and no log line off a terminal
        // the backups folder is the demo's own: a second run into it is refused
        TestSupport.Run again = run("demo", "--records", "100", "--dir", tmp.resolve("demo").toString());
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("is not empty");
    }

    @Test
    void theDemoFailsWhenTheRestoreMissesWhatWasAcknowledged() {
        DemoHarness h = DemoHarness.create();
        DemoCommand demo = h.demo();
        demo.beforeRestore = dir -> { // the newest backup file is lost after the crash
            try (Stream<Path> files = Files.list(dir)) {
                Path newest = files.max(java.util.Comparator.comparing(p -> p.getFileName().toString()
                        .replace("dictdb_backup_", "").replace("dictdb_delta_", ""))).orElseThrow();
                Files.delete(newest);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
        int code = h.cl().execute("demo", "--records", "2000", "--dir", tmp.resolve("lost").toString());
        assertThat(code).isEqualTo(1);
        // the newest delta held updates: the counts may agree, the content does not
        assertThat(h.out().toString()).containsPattern("result: FAILED, (the restored database differs: table '\\w+': "
                + "|the restore reached sequence \\d+, not \\d+)");
        assertThat(h.err().toString()).startsWith("dictdb: demo failed");
    }

    @Test
    void theDemoFailsWhenAJournalledInsertIsMissingAfterTheKill() {
        DemoHarness h = DemoHarness.create();
        DemoCommand demo = h.demo();
        demo.beforeReopen = dir -> { // the journal is lost with the process: only the backups are left
            try (Stream<Path> files = Files.list(dir.resolve("journal"))) {
                for (Path segment : files.toList()) {
                    Files.delete(segment);
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
        int code = h.cl().execute("demo", "--records", "1000", "--dir", tmp.resolve("nojournal").toString());
        assertThat(code).isEqualTo(1);
        assertThat(TestSupport.number(h.out().toString(), "lost")).isPositive();
        assertThat(h.out().toString()).containsPattern("result: FAILED, \\d+ acknowledged insert\\(s\\) are missing");
        assertThat(h.err().toString()).startsWith("dictdb: demo failed");
    }

    /** A fresh command line whose demo command tests can give hooks to, with its output and error collected. */
    private record DemoHarness(picocli.CommandLine cl, DemoCommand demo, java.io.StringWriter out,
                               java.io.StringWriter err) {
        static DemoHarness create() {
            picocli.CommandLine cl = Main.commandLine();
            java.io.StringWriter out = new java.io.StringWriter();
            java.io.StringWriter err = new java.io.StringWriter();
            cl.setOut(new java.io.PrintWriter(out, true));
            cl.setErr(new java.io.PrintWriter(err, true));
            return new DemoHarness(cl, cl.getSubcommands().get("demo").getCommand(), out, err);
        }
    }

    private static Snapshot snapshot(Database db) {
        return ((DictDB) db).snapshot();
    }
}
