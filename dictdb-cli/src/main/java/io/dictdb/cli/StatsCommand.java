package io.dictdb.cli;

import io.dictdb.Database;
import io.dictdb.DictDbException;
import io.dictdb.IndexStats;
import io.dictdb.TableStats;
import io.dictdb.core.UsageStatsFile;
import io.dictdb.core.change.ChainRecovery;
import io.dictdb.FieldType;
import io.dictdb.Schema;
import io.dictdb.core.DictDB;
import io.dictdb.core.Snapshot;
import io.dictdb.file.ImageFiles;
import io.dictdb.file.ImageInfo;
import io.dictdb.spi.IndexDefinition;
import io.dictdb.spi.TableDefinition;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code dictdb stats FILE}: what a database file holds; {@code dictdb stats DIR}: a durable database folder's usage
 * statistics (as its process last wrote them) and its newest backup's content, read without opening the folder;
 * {@code --reset-usage} clears those statistics.
 */
@Command(name = "stats", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Show a database file's codec, size, tables, record counts, indexes and schema fields.",
                "For a durable database folder (DictDB.open): its usage statistics per table and index (scans, rows "
                        + "scanned, lookups, rows returned, last use, as of when its process wrote them) and its "
                        + "newest backup's tables, read without opening the folder."})
final class StatsCommand extends CommandBase {
    @Parameters(index = "0", paramLabel = "FILE|DIR", description = "A database file (any codec, framed or plain; a "
            + "Python DictDB JSON save), or a durable database folder.")
    Path file;

    @Option(names = "--reset-usage", description = "Clear the usage statistics of a database folder (refused while "
            + "the folder is open in a process).")
    boolean resetUsage;

    @Override
    int run() throws Exception {
        if (Files.isDirectory(file)) {
            return folder(file);
        }
        if (resetUsage) {
            throw new CliException("--reset-usage needs a database folder, not a file: " + file);
        }
        Support.requireFile(file);
        ImageInfo info = ImageFiles.standard().inspect(file);
        long started = System.nanoTime();
        Database db = Progress.spin(err(), progress(), "loading " + file.getFileName(),
                () -> DictDB.load(file));
        long loadNanos = System.nanoTime() - started;
        Snapshot snap = Support.snapshot(db);
        PrintWriter out = out();
        out.printf("file:     %s%n", file);
        out.printf("size:     %s (%d bytes)%n", Support.bytes(info.size()), info.size());
        out.printf("codec:    %s%s%n", info.codec(), info.framed() ? " (framed, checksum verified)"
                : info.header().formatVersion() == 0 ? " (Python DictDB file, no frame)" : " (plain export, no frame)");
        if (info.header().formatVersion() != 0) {
            out.printf("sequence: %d, created %s%n", info.header().lastSequence(), info.header().createdAt());
        }
        out.printf("tables:   %d, records: %s, loaded in %s%n", snap.tables().size(),
                Support.count(snap.recordCount()), Support.millis(loadNanos));
        for (Snapshot.TableImage t : snap.tables()) {
            TableDefinition d = t.definition();
            out.printf("%n  %s: %s records, primary key '%s', next key %d%n", d.name(),
                    Support.count(t.records().size()), d.primaryKey(), t.nextKey());
            out.printf("    indexes: %s%n", d.indexes().isEmpty() ? "none" : d.indexes().stream()
                    .map(StatsCommand::index).collect(Collectors.joining(", ")));
            out.printf("    schema:  %s%n", schema(d.schema()));
        }
        return 0;
    }

    /** The folder mode: usage statistics, then the newest backup's content. */
    private int folder(Path dir) {
        if (!Files.isRegularFile(dir.resolve("dictdb.id")) && !Files.isDirectory(dir.resolve("journal"))) {
            throw new CliException("not a database folder (no dictdb.id, no journal): " + dir);
        }
        PrintWriter out = out();
        if (resetUsage) {
            try {
                boolean had = UsageStatsFile.reset(dir);
                out.printf("%s: usage statistics %s%n", dir, had ? "cleared" : "were already empty");
                return 0;
            } catch (DictDbException e) {
                throw new CliException("cannot reset the usage statistics of " + dir + ": " + e.getMessage());
            }
        }
        out.printf("folder:   %s%s%n", dir, UsageStatsFile.isOpen(dir) ? " (open in a process: its newest counts are in "
                + "memory until it writes them, at most a minute later)" : "");
        Optional<UsageStatsFile.Usage> usage = UsageStatsFile.read(dir);
        if (usage.isEmpty()) {
            out.printf("usage:    none recorded (%s)%n", UsageStatsFile.FILE_NAME);
        } else {
            out.printf("usage:    as of %s (%s)%n", usage.get().takenAt(), UsageStatsFile.FILE_NAME);
            for (Map.Entry<String, TableStats> t : usage.get().tables().entrySet()) {
                TableStats s = t.getValue();
                out.printf("%n  %s: scans %s, rows scanned %s%n", t.getKey(), Support.count(s.scans()),
                        Support.count(s.rowsScanned()));
                for (Map.Entry<String, IndexStats> i : s.indexes().entrySet()) {
                    IndexStats x = i.getValue();
                    out.printf("    index %s: lookups %s, rows returned %s, last used %s%n", i.getKey(),
                            Support.count(x.lookups()), Support.count(x.rowsReturned()),
                            x.lastUsed().map(Object::toString).orElse("never"));
                }
            }
        }
        backup(dir, out);
        return 0;
    }

    /** The newest backup chain's tables, restored in memory through dictdb-backup (the folder is not touched). */
    private void backup(Path dir, PrintWriter out) {
        Iterator<ChainRecovery> providers = ServiceLoader.load(ChainRecovery.class,
                StatsCommand.class.getClassLoader()).iterator();
        if (!providers.hasNext()) {
            return;
        }
        Optional<Snapshot> chain;
        try {
            String id = Files.isRegularFile(dir.resolve("dictdb.id"))
                    ? Files.readString(dir.resolve("dictdb.id"), StandardCharsets.US_ASCII).strip() : null;
            chain = providers.next().restoreLatest(dir, id == null || id.isEmpty() ? null : id);
        } catch (IOException | RuntimeException e) {
            out.printf("%nbackup:   none restores: %s%n", e.getMessage());
            return;
        }
        if (chain.isEmpty()) {
            out.printf("%nbackup:   none%n");
            return;
        }
        Snapshot snap = chain.get();
        out.printf("%nbackup:   newest chain up to sequence %d: %d tables, %s records (the journal may hold later "
                + "changes)%n", snap.sequence(), snap.tables().size(), Support.count(snap.recordCount()));
        for (Snapshot.TableImage t : snap.tables()) {
            TableDefinition d = t.definition();
            out.printf("  %s: %s records, indexes: %s%n", d.name(), Support.count(t.records().size()),
                    d.indexes().isEmpty() ? "none" : d.indexes().stream().map(StatsCommand::index)
                            .collect(Collectors.joining(", ")));
        }
    }

    /**
     * An index as the stats show it: its name and type, as {@code name (hash)}, and what else it has:
     * {@code city+age (sorted)}, {@code email (hash, unique, where deleted == false)}, {@code tags[] (elements)}.
     */
    static String index(IndexDefinition i) {
        return i.name() + " (" + i.type().name().toLowerCase(java.util.Locale.ROOT) + (i.unique() ? ", unique" : "")
                + (i.condition() == null ? "" : ", where " + i.condition()) + ")";
    }

    static String schema(Schema schema) {
        if (schema == null) {
            return "none";
        }
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, FieldType> f : schema.fields().entrySet()) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(f.getKey()).append(':').append(f.getValue().name().toLowerCase(java.util.Locale.ROOT));
            if (!schema.isRequired(f.getKey())) {
                sb.append('?');
            }
        }
        return sb.toString();
    }
}
