package io.dictdb.cli;

import io.dictdb.Database;
import io.dictdb.FieldType;
import io.dictdb.Schema;
import io.dictdb.core.DictDB;
import io.dictdb.core.Snapshot;
import io.dictdb.file.ImageFiles;
import io.dictdb.file.ImageInfo;
import io.dictdb.spi.IndexDefinition;
import io.dictdb.spi.TableDefinition;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code dictdb stats FILE}: what a database file holds. */
@Command(name = "stats", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Show a database file's codec, size, tables, record counts, indexes and schema fields.")
final class StatsCommand extends CommandBase {
    @Parameters(index = "0", paramLabel = "FILE", description = "A database file (any codec, framed or plain; a "
            + "Python DictDB JSON save).")
    Path file;

    @Override
    int run() throws Exception {
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
