package io.dictdb.cli;

import io.dictdb.Record;
import io.dictdb.backup.BackupFile;
import io.dictdb.backup.Backups;
import io.dictdb.backup.RestorePoint;
import io.dictdb.backup.RestoreResult;
import io.dictdb.backup.VerifyReport;
import io.dictdb.core.Snapshot;
import io.dictdb.spi.Change;
import io.dictdb.file.ImageFiles;
import io.dictdb.spi.ImageHeader;
import io.dictdb.file.ImageInfo;
import io.dictdb.spi.ImageKind;
import io.dictdb.spi.TableDefinition;
import io.dictdb.spi.TableState;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dictdb backup list|verify|restore|inspect}: a backup folder written by {@code BackupManager}. */
@Command(name = "backup", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "List, verify, restore and inspect the backups in a folder written by BackupManager (or by "
                + "the Python DictDB's BackupManager).",
        subcommands = {BackupCommand.ListCommand.class, BackupCommand.VerifyCommand.class,
                BackupCommand.RestoreCommand.class, BackupCommand.InspectCommand.class})
final class BackupCommand implements Runnable {
    @Spec
    CommandSpec spec;

    /** Without a subcommand: a usage error. */
    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing a backup command: list, verify, restore or inspect");
    }

    /** {@code backup list DIR}. */
    @Command(name = "list", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = "List the readable backup files of a folder, oldest first, with their kind, sequence "
                    + "numbers, size, database (the first 8 characters of its id; '-' for files written before "
                    + "databases had ids) and the full backup each delta builds on. Unreadable files are left out: "
                    + "'backup verify' names them.")
    static final class ListCommand extends CommandBase {
        @Parameters(index = "0", paramLabel = "DIR", description = "The backup folder.")
        Path dir;

        @Override
        int run() {
            Support.requireFolder(dir);
            List<BackupFile> files = Backups.list(dir);
            PrintWriter out = out();
            out.printf("%-5s  %-24s  %-21s  %10s  %-6s  %-8s  %s%n", "KIND", "CREATED", "SEQUENCES", "BYTES", "CODEC",
                    "DATABASE", "FILE");
            long bytes = 0;
            for (BackupFile f : files) {
                out.printf("%-5s  %-24s  %-21s  %10d  %-6s  %-8s  %s%s%n", f.kind(),
                        f.createdAt().truncatedTo(java.time.temporal.ChronoUnit.MILLIS), f.firstSequence() + ".."
                        + f.lastSequence(), f.sizeBytes(), f.format(), database(f.databaseId()),
                        f.path().getFileName(), f.baseImageId() == null ? "" : "  (on " + shortId(f.baseImageId())
                        + ")");
                bytes += f.sizeBytes();
            }
            long fulls = files.stream().filter(f -> f.kind() == BackupFile.Kind.FULL).count();
            out.printf("%d files (%d full, %d delta), %s%n", files.size(), fulls, files.size() - fulls,
                    Support.bytes(bytes));
            List<String> ids = files.stream().map(BackupFile::databaseId).filter(java.util.Objects::nonNull)
                    .distinct().sorted().toList();
            if (ids.size() > 1) {
                out.printf("%d databases: %s%n", ids.size(), String.join(", ", ids));
            }
            return 0;
        }
    }

    /** {@code backup verify DIR}. */
    @Command(name = "verify", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = "Read every backup file completely (checksum, every record and change) and check every "
                    + "chain link, of every database the folder holds. Exit code 1 when anything is wrong, naming "
                    + "each bad file and why, and when the folder holds no backup at all.")
    static final class VerifyCommand extends CommandBase {
        @Parameters(index = "0", paramLabel = "DIR", description = "The backup folder.")
        Path dir;

        @Override
        int run() throws Exception {
            Support.requireFolder(dir);
            Main.settingsOf(spec).quiet(Backups.class); // the problems are printed below
            VerifyReport report = Progress.spin(err(), progress(), "verifying " + dir, () -> Backups.verify(dir));
            PrintWriter out = out();
            for (BackupFile f : report.checked()) {
                out.printf("ok    %-5s %s  (database %s)%n", f.kind(), f.path().getFileName(),
                        database(f.databaseId()));
            }
            for (VerifyReport.Problem p : report.problems()) {
                out.printf("BAD   %s %s%s: %s%n", p.kind(), p.file().getFileName(), p.databaseId() == null ? ""
                        : " (database " + database(p.databaseId()) + ")", Errors.oneLine(p.message()));
            }
            if (report.ok()) {
                out.printf("%d files verified, no problem%n", report.checked().size());
                return 0;
            }
            throw new CliException(report.problems().size() + " problem(s) in " + dir + ": " + report.problems()
                    .stream().map(p -> p.file().getFileName() + " (" + p.kind() + ")")
                    .collect(Collectors.joining(", ")));
        }
    }

    /** {@code backup restore DIR --to OUT}. */
    @Command(name = "restore", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = {"Restore the newest state (or the state at a sequence number or an instant) from a "
                    + "backup folder and save it as a database file.",
                    "If a corrupt or missing link stops the chain early, the state before it is still written, the "
                            + "file and reason are printed, and the exit code is 1."})
    static final class RestoreCommand extends CommandBase {
        @Parameters(index = "0", paramLabel = "DIR", description = "The backup folder.")
        Path dir;

        @Option(names = "--to", required = true, paramLabel = "OUTFILE", description = "The database file to write.")
        Path to;

        @Option(names = {"-f", "--format"}, paramLabel = "F", description = "Codec of OUTFILE (default: by its "
                + "extension, else json).")
        String format;

        @ArgGroup(exclusive = true)
        Point point;

        @Option(names = "--database", paramLabel = "ID", description = "The database to restore when the folder "
                + "holds the backups of several (its id, or the start of it that 'backup list' shows).")
        String database;

        /** Where to restore to; the latest state when absent. */
        static final class Point {
            @Option(names = "--sequence", paramLabel = "N", description = "Restore the state at sequence number N "
                    + "(the newest backed-up state at or before it).")
            Long sequence;

            @Option(names = "--at", paramLabel = "INSTANT", description = "Restore the newest state taken at or "
                    + "before this ISO-8601 instant, such as 2026-01-31T12:00:00Z.")
            String at;
        }

        @Override
        int run() throws Exception {
            if (point != null && point.sequence != null && point.sequence < 0) {
                throw new CliException("--sequence: a sequence number is 0 or more, got " + point.sequence, 2);
            }
            Support.requireFolder(dir);
            String codec = Support.formatFor(to, format);
            RestorePoint rp = RestorePoint.latest();
            if (point != null && point.sequence != null) {
                rp = RestorePoint.atSequence(point.sequence);
            } else if (point != null && point.at != null) {
                try {
                    rp = RestorePoint.at(Instant.parse(point.at));
                } catch (DateTimeParseException e) {
                    throw new CliException("--at: not an ISO-8601 instant: '" + point.at + "'", 2);
                }
            }
            RestorePoint chosen = rp;
            String id = databaseToRestore();
            Main.settingsOf(spec).quiet(Backups.class); // a chain that stops early is reported below
            long started = System.nanoTime();
            RestoreResult r = Progress.spin(err(), progress(), "restoring from " + dir,
                    () -> id == null ? Backups.restoreReport(dir, chosen) : Backups.restoreReport(dir, chosen, id));
            long restored = System.nanoTime();
            Snapshot snap = r.database().snapshot();
            Progress.spin(err(), progress(), "saving " + to.getFileName(), () -> {
                r.database().save(to, codec);
                return null;
            });
            long bytes = r.applied().stream().mapToLong(BackupFile::sizeBytes).sum();
            long deltas = r.applied().stream().filter(f -> f.kind() == BackupFile.Kind.DELTA).count();
            out().printf("restored sequence %d from %d files (%d full, %d deltas, %s) in %s: %d tables, %s "
                            + "records%nwrote %s (%s) in %s%n", r.sequence(), r.applied().size(),
                    r.applied().size() - deltas, deltas, Support.bytes(bytes), Support.millis(restored - started),
                    snap.tables().size(), Support.count(snap.recordCount()), to, codec,
                    Support.millis(System.nanoTime() - restored));
            if (r.stoppedAt().isPresent()) {
                VerifyReport.Problem p = r.stoppedAt().get();
                throw new CliException("restore stopped early at " + p.file() + " (" + p.kind() + "): "
                        + p.message() + "; " + to + " holds the state at sequence " + r.sequence());
            }
            return 0;
        }

        /**
         * The full id of the database named by {@code --database} (an id or the start of one), or null when none
         * was named and the folder holds at most one database.
         */
        private String databaseToRestore() {
            List<String> ids = Backups.databases(dir);
            if (database == null) {
                if (ids.size() > 1) {
                    throw new CliException(dir + " holds the backups of " + ids.size() + " databases: "
                            + String.join(", ", ids) + "; choose one with --database ID");
                }
                return null;
            }
            List<String> matching = ids.stream().filter(i -> i.startsWith(database)).toList();
            if (matching.size() != 1) {
                throw new CliException("--database " + database + (matching.isEmpty() ? " names no database"
                        : " names several databases") + " of " + dir + "; it holds: "
                        + (ids.isEmpty() ? "no backup with a database id" : String.join(", ", ids)));
            }
            return matching.get(0);
        }
    }

    /** {@code backup inspect FILE}. */
    @Command(name = "inspect", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = "Show one backup (or database) file's header (codec, kind, sequence numbers, image ids, "
                    + "creation time, size) and what it holds: tables and records, or changes by kind.")
    static final class InspectCommand extends CommandBase {
        @Parameters(index = "0", paramLabel = "FILE", description = "The file.")
        Path file;

        @Override
        int run() throws Exception {
            Support.requireFile(file);
            ImageInfo info = ImageFiles.standard().inspect(file);
            ImageHeader h = info.header();
            Map<String, Long> records = new LinkedHashMap<>();
            Map<String, Long> changes = new TreeMap<>();
            List<TableState> states = Progress.spin(err(), progress(), "reading " + file.getFileName(),
                    () -> ImageFiles.standard().read(file, (header, reader) -> {
                        if (header.kind() == ImageKind.FULL) {
                            TableDefinition d;
                            while ((d = reader.nextTable()) != null) {
                                long n = 0;
                                for (Record r = reader.nextRecord(); r != null; r = reader.nextRecord()) {
                                    n++;
                                }
                                records.put(d.name(), n);
                            }
                        } else {
                            for (Change c = reader.nextChange(); c != null; c = reader.nextChange()) {
                                changes.merge(c.getClass().getSimpleName(), 1L, Long::sum);
                            }
                        }
                        return reader.readTableStates();
                    }));
            PrintWriter out = out();
            out.printf("file:      %s%n", file);
            out.printf("codec:     %s (%s)%n", info.codec(), info.framed() ? "framed, checksum ok"
                    : h.formatVersion() == ImageHeader.FOREIGN_FORMAT_VERSION ? "Python DictDB file, no checksum"
                    : "plain export, no checksum");
            out.printf("kind:      %s%n", h.kind());
            out.printf("sequences: %d..%d%n", h.firstSequence(), h.lastSequence());
            out.printf("image id:  %s%n", h.imageId() == null ? "-" : h.imageId());
            out.printf("database:  %s%n", h.databaseId() == null ? "-" : h.databaseId());
            if (h.kind() == ImageKind.DELTA) {
                out.printf("base full: %s%n", h.baseImageId() == null ? "-" : h.baseImageId());
            }
            out.printf("created:   %s%n", h.createdAt());
            out.printf("size:      %s (%d bytes)%n", Support.bytes(info.size()), info.size());
            if (h.kind() == ImageKind.FULL) {
                long total = records.values().stream().mapToLong(Long::longValue).sum();
                out.printf("tables:    %d, records: %d%n", records.size(), total);
                records.forEach((t, n) -> out.printf("  %s: %d records%n", t, n));
            } else {
                long total = changes.values().stream().mapToLong(Long::longValue).sum();
                out.printf("changes:   %d%n", total);
                changes.forEach((k, n) -> out.printf("  %s: %d%n", k, n));
            }
            out.printf("key counters: %s%n", states.isEmpty() ? "none" : states.stream()
                    .map(s -> s.table() + "=" + s.nextKey()).collect(Collectors.joining(", ")));
            return 0;
        }
    }

    static String shortId(String id) {
        return id.length() <= 8 ? id : id.substring(0, 8);
    }

    /** A database id as the listings show it: its first 8 characters, or "-" for none. */
    static String database(String id) {
        return id == null ? "-" : shortId(id);
    }
}
