package io.dictdb.csv;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import de.siegmar.fastcsv.writer.QuoteStrategy;
import io.dictdb.Database;
import io.dictdb.DuplicateTableException;
import io.dictdb.Record;
import io.dictdb.Table;
import io.dictdb.TableSpec;
import io.dictdb.query.Query;
import io.dictdb.file.AtomicFile;
import io.dictdb.file.FileOps;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * CSV import and export of DictDB tables, on FastCSV.
 *
 * <pre>{@code
 * long imported = Csv.importTable(db, Path.of("users.csv"), "users", CsvImportOptions.defaults());
 * long exported = Csv.exportTable(db.table("users"), Path.of("adults.csv"),
 *         CsvExportOptions.defaults().where(field("age").gte(18)).orderBy("name"));
 * }</pre>
 *
 * <p>Cells and values: an empty cell is null and a quoted empty cell ({@code ""}) the empty string; numbers,
 * booleans, instants, dates and UUIDs are their usual text, decimals plain (E-notation past the value rule's digits),
 * bytes base64, nested lists and maps JSON as the json codec writes a value, the types JSON lacks tagged
 * ({@code [{"$instant":"2024-02-29T10:15:30Z"}]}; see {@link io.dictdb.json.JsonValueText}). A file exported with a
 * table's schema imports back equal with that schema, lists and maps value for value. Lists and maps written
 * untagged, as earlier versions wrote them, import as plain JSON.
 */
public final class Csv {
    /**
     * Quotes empty strings, so that they read back as "" and not as null (an empty, unquoted cell), and values that
     * start with U+FEFF, which a reader would take for a byte order mark at the start of the file.
     */
    private static final QuoteStrategy QUOTING = new QuoteStrategy() {
        @Override
        public boolean quoteEmpty(int lineNo, int fieldIdx) {
            return true;
        }

        @Override
        public boolean quoteValue(int lineNo, int fieldIdx, String value) {
            return value.charAt(0) == '\uFEFF';
        }
    };

    /**
     * With formulas neutralized, every cell but a number is quoted too: a spreadsheet that guesses another delimiter
     * then still keeps each value in one cell, so no part of a value can start a cell of its own.
     */
    private static final QuoteStrategy QUOTING_FOR_SPREADSHEETS = new QuoteStrategy() {
        @Override
        public boolean quoteEmpty(int lineNo, int fieldIdx) {
            return true;
        }

        @Override
        public boolean quoteValue(int lineNo, int fieldIdx, String value) {
            return !SpreadsheetFormulas.isNumber(value);
        }
    };

    private Csv() {
    }

    /**
     * Imports a CSV file with the default options: a header row, comma-separated, UTF-8, types inferred, primary
     * key {@code "id"}. Same as {@code importTable(db, file, table, CsvImportOptions.defaults())}.
     *
     * @param db the database
     * @param file the CSV file
     * @param table the name of the new table
     * @return the number of records imported
     * @throws DuplicateTableException if the table already exists
     * @throws CsvException if the file cannot be read or holds a bad record, naming the file, line, column and value
     */
    public static long importTable(Database db, Path file, String table) {
        return importTable(db, file, table, CsvImportOptions.defaults());
    }

    /**
     * Creates the table {@code table} from a CSV file and fills it, atomically: on any failure the table is dropped
     * again and the database is as before. The file is streamed twice when types are inferred (once to infer each
     * column's type over the whole file, once to insert), once with an explicit schema or without inference;
     * memory beyond the table is one batch of records.
     *
     * @param db the database
     * @param file the CSV file
     * @param table the name of the new table
     * @param options delimiter, header, schema or inference, primary key, ...
     * @return the number of records imported
     * @throws DuplicateTableException if the table already exists (then the file is not read)
     * @throws CsvException if the file cannot be read or holds a bad record (a ragged row, a cell that does not
     *         convert to its column's type, a duplicate primary key, an empty required cell), or if the schema names
     *         an unknown type; the message names the file, line, column and value
     * @throws NullPointerException if an argument is null
     */
    public static long importTable(Database db, Path file, String table, CsvImportOptions options) {
        Objects.requireNonNull(db, "db");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(options, "options");
        if (db.hasTable(table)) {
            throw new DuplicateTableException(table);
        }
        CsvImport run = new CsvImport(file, options);
        TableSpec spec = run.plan(table);
        Table created = db.createTable(spec);
        try {
            return run.load(created);
        } catch (RuntimeException | Error e) {
            try {
                db.dropTable(table);
            } catch (RuntimeException dropFailure) {
                e.addSuppressed(dropFailure);
            }
            throw e;
        }
    }

    /**
     * Exports every record of a table with the default options: a header row, comma-separated, UTF-8, every
     * column. Same as {@code exportTable(table, file, CsvExportOptions.defaults())}.
     *
     * @param table the table
     * @param file the CSV file, replaced if present
     * @return the number of records written
     * @throws CsvException if the file cannot be written
     */
    public static long exportTable(Table table, Path file) {
        return exportTable(table, file, CsvExportOptions.defaults());
    }

    /**
     * Writes a table's records as RFC 4180 CSV (CRLF line ends, fields quoted when they hold the delimiter, a
     * quote or a line break). The file is written beside its final name and moved into place when complete, so a
     * failure leaves no half-written file. The records are the table's consistent state when the export starts.
     *
     * @param table the table
     * @param file the CSV file, replaced if present
     * @param options columns (by default the table's, primary key first), condition, order, delimiter, header,
     *        charset, formula neutralization for spreadsheets
     * @return the number of records written
     * @throws CsvException if the file cannot be written (an I/O error, a character the charset cannot encode)
     * @throws NullPointerException if an argument is null
     */
    public static long exportTable(Table table, Path file, CsvExportOptions options) {
        return exportTable(table, file, options, FileOps.standard());
    }

    /**
     * Writes a table's records as {@link #exportTable(Table, Path, CsvExportOptions)} does, with every file
     * operation going through {@code ops} (the atomic write of image files, {@link AtomicFile}): to inject
     * failures in tests, as {@code ImageFiles.using(ops)} does for saves.
     *
     * @param table the table
     * @param file the CSV file, replaced if present
     * @param options as for {@link #exportTable(Table, Path, CsvExportOptions)}
     * @param ops the file operations
     * @return the number of records written
     * @throws CsvException if the file cannot be written; the previous file is then untouched
     * @throws NullPointerException if an argument is null
     */
    public static long exportTable(Table table, Path file, CsvExportOptions options, FileOps ops) {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(options, "options");
        AtomicFile atomic = AtomicFile.using(ops);
        List<String> columns = options.columns().isEmpty() ? keyFirst(table) : options.columns();
        Query query = table.query().where(options.where());
        if (!options.orderBy().isEmpty()) {
            query = query.orderBy(options.orderBy().toArray(new String[0]));
        }
        // The list holds references to the stored, immutable records: one pointer per row, no copies.
        List<Record> records = query.toList();
        try {
            // the one atomic write, as image files have it: a failure at any step leaves the previous file as it was
            atomic.write(file, out -> {
                try (CsvWriter writer = CsvWriter.builder()
                        .fieldSeparator(options.delimiter())
                        .quoteCharacter(options.quote())
                        .quoteStrategy(options.neutralizeFormulas() ? QUOTING_FOR_SPREADSHEETS : QUOTING)
                        .lineDelimiter(LineDelimiter.CRLF)
                        .build(strictWriter(out, options))) {
                    boolean neutralize = options.neutralizeFormulas();
                    String[] cells = new String[columns.size()];
                    if (options.header() && !columns.isEmpty()) {
                        for (int i = 0; i < cells.length; i++) {
                            cells[i] = neutralize ? SpreadsheetFormulas.neutralized(columns.get(i)) : columns.get(i);
                        }
                        writer.writeRecord(cells);
                    }
                    if (!columns.isEmpty()) {
                        for (Record r : records) {
                            for (int i = 0; i < cells.length; i++) {
                                String cell = CellText.format(r.get(columns.get(i)));
                                cells[i] = neutralize ? SpreadsheetFormulas.neutralized(cell) : cell;
                            }
                            writer.writeRecord(cells);
                        }
                    }
                }
            });
            return columns.isEmpty() ? 0 : records.size();
        } catch (IOException | UncheckedIOException e) {
            Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
            String problem = cause instanceof CharacterCodingException
                    ? "a value has a character that " + options.charset() + " cannot encode (see the charset option)"
                    : "cannot write the file";
            throw new CsvException(file, 0, null, null, problem + ": " + cause, e);
        }
    }

    /** A writer that fails on a character the charset cannot encode, where the JDK's default writes '?'. */
    private static Writer strictWriter(OutputStream out, CsvExportOptions options) {
        CharsetEncoder encoder = options.charset().newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        return new OutputStreamWriter(out, encoder);
    }

    /** The table's columns with the primary key first, where an importer looks for it. */
    private static List<String> keyFirst(Table table) {
        List<String> columns = new ArrayList<>(table.columns());
        if (columns.remove(table.primaryKey())) {
            columns.add(0, table.primaryKey());
        }
        return columns;
    }
}
