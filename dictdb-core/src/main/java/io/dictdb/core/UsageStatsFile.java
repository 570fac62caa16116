package io.dictdb.core;

import io.dictdb.DictDbException;
import io.dictdb.IndexStats;
import io.dictdb.TableStats;
import io.dictdb.core.journal.FolderLock;
import io.dictdb.file.AtomicFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The usage statistics a durable database keeps in its folder ({@value #FILE_NAME}): per table the scans and rows
 * scanned, per index the lookups, rows returned and last use, as {@link io.dictdb.Table#stats()} gives them, with
 * the time they were taken. {@link DictDB#open(Path)} writes the file atomically on {@code close()} and at most once a
 * minute while the counts change (on a daemon timer, never on a write), and restores the counts from it when the
 * folder is opened again, so that they add up across opens until {@link #reset(Path)} clears them.
 *
 * <p>The file is small JSON of a fixed shape, written and read here without a JSON library:
 * <pre>{"takenAt":"2026-12-07T15:00:00Z","tables":{"users":{"scans":2,"rowsScanned":14,
 *   "indexes":{"city+dept":{"lookups":3,"rowsReturned":30,"lastUsed":"2026-12-07T14:59:58.123Z"}}}}}</pre>
 * Reading is bounded ({@link #MAX_BYTES}, nesting depth, string lengths): a file that does not parse is reported
 * (WARN, naming it) and ignored.
 */
public final class UsageStatsFile {
    private static final Logger LOG = LoggerFactory.getLogger(UsageStatsFile.class);

    /** The file's name in a database folder. */
    public static final String FILE_NAME = "usage-stats.json";
    /** The largest file read: far more than the statistics of any real catalog. */
    public static final int MAX_BYTES = 4 * 1024 * 1024;
    private static final int MAX_DEPTH = 5;

    /**
     * Usage statistics as of a time.
     *
     * @param takenAt when they were taken
     * @param tables per table name, in the order written
     */
    public record Usage(Instant takenAt, Map<String, TableStats> tables) {
        /**
         * Checks and copies.
         *
         * @param takenAt when they were taken
         * @param tables per table name
         */
        public Usage {
            Objects.requireNonNull(takenAt, "takenAt");
            tables = Collections.unmodifiableMap(new LinkedHashMap<>(tables));
        }
    }

    private UsageStatsFile() {
    }

    /**
     * The file of a folder.
     *
     * @param folder a database folder
     * @return its usage statistics file
     */
    public static Path of(Path folder) {
        return folder.resolve(FILE_NAME);
    }

    /**
     * Reads the usage statistics of a folder. A missing file is empty; an unreadable or malformed one is logged at
     * WARN with the file and is empty too, never an error.
     *
     * @param folder a database folder
     * @return the statistics, or empty
     */
    public static Optional<Usage> read(Path folder) {
        Path file = of(folder);
        try {
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            if (Files.size(file) > MAX_BYTES) {
                throw new IOException("larger than " + MAX_BYTES + " bytes");
            }
            return Optional.of(parse(Files.readString(file, StandardCharsets.UTF_8)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            LOG.atWarn().addKeyValue("op", "usage_stats_read").addKeyValue("file", file)
                    .addKeyValue("error", e.toString())
                    .log("Ignoring the unreadable usage statistics file {}: {}", file, e.toString());
            return Optional.empty();
        }
    }

    /**
     * Writes the usage statistics of a folder atomically (a temporary file renamed over the old one).
     *
     * @param folder a database folder
     * @param usage the statistics
     * @throws IOException if the file cannot be written; the previous one is then untouched
     */
    public static void write(Path folder, Usage usage) throws IOException {
        byte[] bytes = format(usage).getBytes(StandardCharsets.UTF_8);
        AtomicFile.standard().write(of(folder), out -> out.write(bytes));
    }

    /**
     * Clears the usage statistics of a folder: deletes its file. Refused while the folder is open in a process
     * (which would write its counts again): the folder's lock ({@code dictdb.lock}) is taken for the deletion.
     *
     * @param folder a database folder
     * @return whether there was a file to delete
     * @throws DictDbException if the folder is open (in this JVM or another process), naming it, or the file cannot
     *     be deleted
     */
    public static boolean reset(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new DictDbException("Database folder " + folder + " does not exist or is not a folder");
        }
        try (FolderLock lock = FolderLock.acquire(folder)) {
            return Files.deleteIfExists(of(folder));
        } catch (IOException e) {
            throw new DictDbException("Cannot delete the usage statistics of database folder " + folder + ": " + e, e);
        }
    }

    /**
     * Whether a process holds the folder (its lock {@code dictdb.lock}), in this JVM or another: its newest counts
     * are then in its memory. Probed only where the lock file exists, so that nothing is created.
     *
     * @param folder a database folder
     * @return true while it is open
     */
    public static boolean isOpen(Path folder) {
        if (!Files.exists(folder.resolve(FolderLock.FILE_NAME))) {
            return false;
        }
        try (FolderLock lock = FolderLock.acquire(folder)) {
            return false;
        } catch (DictDbException e) {
            return true;
        }
    }

    // ---------------------------------------------------------------- the JSON

    /**
     * The file's text.
     *
     * @param usage the statistics
     * @return the JSON
     */
    static String format(Usage usage) {
        StringBuilder sb = new StringBuilder(256);
        sb.append("{\"takenAt\":");
        string(sb, usage.takenAt().toString());
        sb.append(",\"tables\":{");
        boolean firstTable = true;
        for (Map.Entry<String, TableStats> t : usage.tables().entrySet()) {
            if (!firstTable) {
                sb.append(',');
            }
            firstTable = false;
            sb.append('\n');
            string(sb, t.getKey());
            TableStats s = t.getValue();
            sb.append(":{\"scans\":").append(s.scans()).append(",\"rowsScanned\":").append(s.rowsScanned())
                    .append(",\"indexes\":{");
            boolean firstIndex = true;
            for (Map.Entry<String, IndexStats> i : s.indexes().entrySet()) {
                if (!firstIndex) {
                    sb.append(',');
                }
                firstIndex = false;
                string(sb, i.getKey());
                IndexStats x = i.getValue();
                sb.append(":{\"lookups\":").append(x.lookups()).append(",\"rowsReturned\":").append(x.rowsReturned())
                        .append(",\"lastUsed\":");
                if (x.lastUsedAt() == null) {
                    sb.append("null");
                } else {
                    string(sb, x.lastUsedAt().toString());
                }
                sb.append('}');
            }
            sb.append("}}");
        }
        sb.append("}}\n");
        return sb.toString();
    }

    private static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    /**
     * Parses the file's text.
     *
     * @param text the JSON
     * @return the statistics
     * @throws IllegalArgumentException if it is not the file's shape, saying where
     */
    static Usage parse(String text) {
        Parser p = new Parser(text);
        Map<String, Object> root = p.object(0);
        p.end();
        Instant takenAt = instant(root.get("takenAt"), "takenAt");
        if (takenAt == null) {
            throw new IllegalArgumentException("no takenAt");
        }
        Map<String, TableStats> tables = new LinkedHashMap<>();
        for (Map.Entry<String, Object> t : map(root.get("tables"), "tables").entrySet()) {
            Map<String, Object> s = map(t.getValue(), "table " + t.getKey());
            Map<String, IndexStats> indexes = new LinkedHashMap<>();
            Object ix = s.get("indexes");
            if (ix != null) {
                for (Map.Entry<String, Object> i : map(ix, "indexes of " + t.getKey()).entrySet()) {
                    Map<String, Object> x = map(i.getValue(), "index " + i.getKey());
                    indexes.put(i.getKey(), new IndexStats(count(x.get("lookups"), "lookups"),
                            count(x.get("rowsReturned"), "rowsReturned"), instant(x.get("lastUsed"), "lastUsed")));
                }
            }
            tables.put(t.getKey(), new TableStats(count(s.get("scans"), "scans"),
                    count(s.get("rowsScanned"), "rowsScanned"), indexes));
        }
        return new Usage(takenAt, tables);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o, String what) {
        if (!(o instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException(what + " is not an object");
        }
        return (Map<String, Object>) m;
    }

    private static long count(Object o, String what) {
        if (o == null) {
            return 0;
        }
        if (!(o instanceof Long n) || n < 0) {
            throw new IllegalArgumentException(what + " is not a count: " + o);
        }
        return n;
    }

    private static Instant instant(Object o, String what) {
        if (o == null) {
            return null;
        }
        if (!(o instanceof String s)) {
            throw new IllegalArgumentException(what + " is not a time: " + o);
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(what + " is not a time: " + s, e);
        }
    }

    /** A JSON reader of objects, strings, non-negative integers and null: what the file holds, nothing more. */
    private static final class Parser {
        private final String s;
        private int at;

        Parser(String s) {
            this.s = s;
        }

        Map<String, Object> object(int depth) {
            if (depth >= MAX_DEPTH) {
                throw fail("nested too deep");
            }
            expect('{');
            Map<String, Object> m = new LinkedHashMap<>();
            if (peek() == '}') {
                at++;
                return m;
            }
            while (true) {
                if (peek() != '"') {
                    throw fail("expected a name");
                }
                String name = string();
                expect(':');
                m.put(name, value(depth + 1));
                char c = next();
                if (c == '}') {
                    return m;
                }
                if (c != ',') {
                    throw fail("expected ',' or '}'");
                }
            }
        }

        private Object value(int depth) {
            char c = peek();
            if (c == '{') {
                return object(depth);
            }
            if (c == '"') {
                return string();
            }
            if (c == 'n' && s.startsWith("null", at)) {
                at += 4;
                return null;
            }
            if (c >= '0' && c <= '9') {
                int start = at;
                while (at < s.length() && s.charAt(at) >= '0' && s.charAt(at) <= '9') {
                    at++;
                }
                if (at - start > 18) {
                    throw fail("number too long");
                }
                return Long.parseLong(s, start, at, 10);
            }
            throw fail("unexpected value");
        }

        private String string() {
            expect('"');
            StringBuilder sb = new StringBuilder();
            while (true) {
                if (at >= s.length()) {
                    throw fail("unterminated string");
                }
                char c = s.charAt(at++);
                if (c == '"') {
                    return sb.toString();
                }
                if (c != '\\') {
                    sb.append(c);
                    continue;
                }
                if (at >= s.length()) {
                    throw fail("unterminated escape");
                }
                char e = s.charAt(at++);
                switch (e) {
                    case '"', '\\', '/' -> sb.append(e);
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'u' -> {
                        if (at + 4 > s.length()) {
                            throw fail("short \\u escape");
                        }
                        try {
                            sb.append((char) Integer.parseInt(s, at, at + 4, 16));
                        } catch (NumberFormatException x) {
                            throw fail("bad \\u escape");
                        }
                        at += 4;
                    }
                    default -> throw fail("bad escape");
                }
            }
        }

        void end() {
            skipSpace();
            if (at != s.length()) {
                throw fail("text after the object");
            }
        }

        private void expect(char c) {
            if (next() != c) {
                throw fail("expected '" + c + "'");
            }
        }

        private char next() {
            char c = peek();
            at++;
            return c;
        }

        private char peek() {
            skipSpace();
            if (at >= s.length()) {
                throw fail("unexpected end");
            }
            return s.charAt(at);
        }

        private void skipSpace() {
            while (at < s.length() && Character.isWhitespace(s.charAt(at))) {
                at++;
            }
        }

        private IllegalArgumentException fail(String why) {
            return new IllegalArgumentException(why + " at offset " + at);
        }
    }
}
