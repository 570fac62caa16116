package io.dictdb.cli;

import static io.dictdb.cli.TestSupport.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import io.dictdb.core.DictDB;
import io.dictdb.file.ImageFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the built jar, {@code dictdb-cli/target/dictdb.jar}, as a user does: {@code java -jar dictdb.jar ...} in a
 * child process (failsafe runs this after {@code package}).
 */
class CliJarIT {
    @TempDir
    Path tmp;

    static Path jar;

    @BeforeAll
    static void findJar() {
        jar = Path.of(System.getProperty("dictdb.jar", "target/dictdb.jar")).toAbsolutePath();
        assertThat(jar).as("the jar built by package").isRegularFile();
    }

    /** What the process printed and returned. */
    record Result(int exitCode, String out, String err) {
        List<String> errLines() {
            return err.lines().filter(l -> !l.isBlank()).toList();
        }
    }

    /** Runs {@code java -jar dictdb.jar args...} with JVM options for a quick start (C1 only, serial GC). */
    static Result dictdb(Path workDir, String... args) {
        return launch(workDir, true, args).join();
    }

    /**
     * Starts {@code java -jar dictdb.jar args...}; the future completes when it exits.
     *
     * @param quickStart C1 only and the serial GC: faster for short commands, slower for the demo
     */
    static CompletableFuture<Result> launch(Path workDir, boolean quickStart, String... args) {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(java));
        if (quickStart) {
            command.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto"));
        }
        command.addAll(List.of("-jar", jar.toString()));
        command.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(command).directory(workDir.toFile()).start();
            p.getOutputStream().close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        return CompletableFuture.supplyAsync(() -> {
            try {
                if (!p.waitFor(2, TimeUnit.MINUTES)) {
                    p.destroyForcibly();
                    throw new AssertionError("dictdb " + String.join(" ", args) + " did not finish in 2 minutes");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            return new Result(p.exitValue(), out.join(), err.join());
        });
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theDemoRestoresAsManyRecordsAsTheLastBackupAcknowledged() {
        // the README's first command runs the demo with its default 100,000 records (here in the test's folder)
        Result r = launch(tmp, false, "demo", "--dir", tmp.resolve("demo").toString()).join();
        assertThat(r.exitCode()).as(r.err()).isZero();
        long acknowledged = TestSupport.number(r.out(), "acknowledged");
        long restored = TestSupport.number(r.out(), "restored");
        assertThat(acknowledged).isGreaterThan(75_000);
        assertThat(restored).isEqualTo(acknowledged);
        long journalled = TestSupport.number(r.out(), "journal: acknowledged");
        assertThat(journalled).isPositive();
        assertThat(TestSupport.number(r.out(), "present")).isEqualTo(journalled);
        assertThat(r.out()).contains("result: OK").contains("Working folder: ");
        assertThat(r.err()).as("no progress bar and no log on a pipe").isEmpty();
        Path folder = Path.of(r.out().lines().filter(l -> l.startsWith("Working folder: ")).findFirst()
                .orElseThrow().substring("Working folder: ".length()));
        assertThat(folder.resolve("backups")).isDirectory();
    }

    @Test
    void verifyOfACorruptedCopyExits1AndNamesTheFile() {
        TestSupport.BackupFolder folder = TestSupport.backupFolder(tmp.resolve("backups"), "kryo");
        Result ok = dictdb(tmp, "backup", "verify", folder.dir().toString());
        assertThat(ok.exitCode()).as(ok.err()).isZero();
        assertThat(ok.out()).contains("4 files verified, no problem");

        Path copy = TestSupport.copyFolder(folder.dir(), tmp.resolve("copy"));
        Path delta = copy.resolve(folder.files().get(1).getFileName());
        TestSupport.flipByte(delta);
        Result bad = dictdb(tmp, "backup", "verify", copy.toString());
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.out()).contains("BAD   CORRUPT " + delta.getFileName());
        assertThat(bad.errLines()).singleElement().asString().startsWith("dictdb: ")
                .contains(delta.getFileName().toString()).contains("CORRUPT");
        // with an explicit level, the library's own warning is there too
        Result logged = dictdb(tmp, "backup", "verify", copy.toString(), "--log-level", "warn");
        assertThat(logged.exitCode()).isEqualTo(1);
        assertThat(logged.err()).contains("WARN", "i.dictdb.backup.Backups");
    }

    @Test
    void thePythonSaveConvertedToKryoAndBackToJsonIsTheSameDatabase() {
        Path fixture = fixture("sample_full.json");
        Path kryo = tmp.resolve("python.kryo");
        Path json = tmp.resolve("python.json");
        Result toKryo = dictdb(tmp, "convert", fixture.toString(), kryo.toString());
        assertThat(toKryo.exitCode()).as(toKryo.err()).isZero();
        Result toJson = dictdb(tmp, "convert", kryo.toString(), json.toString());
        assertThat(toJson.exitCode()).as(toJson.err()).isZero();
        assertThat(ImageFiles.standard().inspect(kryo).codec()).isEqualTo("kryo");
        assertThat(ImageFiles.standard().inspect(json).codec()).isEqualTo("json");
        DbContent expected = DbContent.of(DictDB.load(fixture).snapshot());
        assertThat(expected.tables()).containsKeys("users", "products");
        assertThat(DbContent.of(DictDB.load(kryo).snapshot()).differenceFrom(expected)).isNull();
        assertThat(DbContent.of(DictDB.load(json).snapshot()).differenceFrom(expected)).isNull();
    }

    @Test
    void helpOfEverySubcommandExits0AndPrintsItsUsage() {
        // two at a time: the processes are independent, and each mostly waits for its JVM to start
        List<String> names = TestSupport.subcommands();
        for (int i = 0; i < names.size(); i += 2) {
            List<String> batch = names.subList(i, Math.min(names.size(), i + 2));
            List<CompletableFuture<Result>> running = batch.stream().map(name -> {
                List<String> args = new ArrayList<>(List.of(name.split(" ")));
                args.add("--help");
                return launch(tmp, true, args.toArray(String[]::new));
            }).toList();
            for (int j = 0; j < batch.size(); j++) {
                Result r = running.get(j).join();
                assertThat(r.exitCode()).as(batch.get(j)).isZero();
                assertThat(r.out()).as(batch.get(j)).startsWith("Usage: dictdb " + batch.get(j));
                assertThat(r.err()).as(batch.get(j)).isEmpty();
            }
        }
        Result top = dictdb(tmp, "--help");
        assertThat(top.exitCode()).isZero();
        assertThat(top.out()).contains("demo", "backup", "convert", "stats", "import-csv", "export-csv",
                "Exit codes:");
        Result version = dictdb(tmp, "--version");
        assertThat(version.exitCode()).isZero();
        assertThat(version.out()).startsWith("dictdb " + VersionProvider.version());
    }

    @Test
    void aMissingFileExits1WithOneLineNamingIt() {
        Path missing = tmp.resolve("missing.kryo");
        Result r = dictdb(tmp, "stats", missing.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.errLines()).containsExactly("dictdb: no such file: " + missing);
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aBadOptionExits2() {
        Result r = dictdb(tmp, "convert", "--no-such-option", "a.json", "b.kryo");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("dictdb: Unknown option: '--no-such-option'");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void logsGoToStandardErrorAsJsonWhenAsked() {
        Path fixture = fixture("sample_full.json");
        Result quiet = dictdb(tmp, "stats", fixture.toString());
        assertThat(quiet.exitCode()).isZero();
        assertThat(quiet.err()).isEmpty();
        Result json = dictdb(tmp, "--log-json", "--log-level", "info", "stats", fixture.toString());
        assertThat(json.exitCode()).isZero();
        assertThat(json.out().replaceAll("loaded in \\d+ ms", "loaded in X ms")).as("standard output is the same")
                .isEqualTo(quiet.out().replaceAll("loaded in \\d+ ms", "loaded in X ms"));
        List<String> lines = json.errLines();
        assertThat(lines).isNotEmpty().allSatisfy(l -> assertThat(l).startsWith("{").endsWith("}"));
        assertThat(json.err()).contains("\"level\":\"INFO\"", "\"op\":\"load\"", "sample_full.json");
    }
}
