package io.dictdb.csv;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import io.dictdb.DuplicateKeyException;
import io.dictdb.IndexSpec;
import io.dictdb.FieldType;
import io.dictdb.InsertOptions;
import io.dictdb.Record;
import io.dictdb.Schema;
import io.dictdb.SchemaValidationException;
import io.dictdb.Table;
import io.dictdb.TableSpec;
import io.dictdb.Values;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One import of one file: the layout (column names and types, from the header and the schema, or from a first
 * pass over the whole file when inferring), then a second pass that converts and inserts in batches. Each pass
 * streams the file through FastCSV; memory beyond the table is one batch.
 */
final class CsvImport {
    private final Path file;
    private final CsvImportOptions options;

    private List<String> columns;
    private FieldType[] types;
    private Schema schema;
    /** The first line whose primary key cell is empty (its record gets a key automatically), or 0. */
    private long emptyKeyLine;
    /** Where errors about the columns point: line 1 with a header row, else 0 (no line). */
    private final long headerLine;

    CsvImport(Path file, CsvImportOptions options) {
        this.file = file;
        this.options = options;
        this.headerLine = options.header() ? 1 : 0;
    }

    /** Reads the header (and, when inferring, the whole file) and decides the columns and their types. */
    TableSpec plan(String table) {
        Schema explicit = explicitSchema();
        boolean[] first = {true};
        List<String> seenColumns = new ArrayList<>();
        // The first record gives the header or, without one, the column count.
        read(row -> {
            if (first[0]) {
                first[0] = false;
                seenColumns.addAll(columnNames(row));
            }
        }, true);
        if (first[0]) {
            seenColumns.addAll(options.columns()); // empty file
        }
        columns = List.copyOf(seenColumns);
        checkFieldNames();
        types = new FieldType[columns.size()];
        TableSpec spec = TableSpec.named(table).primaryKey(options.primaryKey());
        for (IndexSpec index : options.indexes()) {
            spec = spec.index(index);
        }
        if (explicit != null) {
            schema = explicit.withFieldIfAbsent(options.primaryKey(), FieldType.LONG);
            for (int i = 0; i < types.length; i++) {
                types[i] = schema.type(columns.get(i));
                if (types[i] == null) {
                    throw new CsvException(file, headerLine, columns.get(i), null,
                            "the column is not in the schema " + schema.fields().keySet(), null);
                }
            }
            if (!options.skipValidation()) {
                for (String field : schema.fields().keySet()) {
                    if (schema.isRequired(field) && !field.equals(options.primaryKey()) && !columns.contains(field)) {
                        throw new CsvException(file, headerLine, field, null,
                                "the schema requires this field but the file has no such column " + columns, null);
                    }
                }
            }
            return spec.schema(explicit);
        }
        if (options.inferTypes()) {
            ColumnInference[] inference = new ColumnInference[columns.size()];
            for (int i = 0; i < inference.length; i++) {
                inference[i] = new ColumnInference(options.inferTemporal());
            }
            read(row -> {
                if (checked(row)) {
                    for (int i = 0; i < inference.length; i++) {
                        inference[i].observe(cell(row, i), quoted(row, i));
                    }
                }
            }, false);
            for (int i = 0; i < types.length; i++) {
                types[i] = inference[i].type(options.decimals());
            }
        } else {
            Arrays.fill(types, FieldType.STRING);
        }
        return spec;
    }

    /** Reads the data records again, converts them and inserts them into {@code table} in batches. */
    long load(Table table) {
        int batchSize = options.batchSize();
        InsertOptions insert = InsertOptions.defaults().skipValidation(options.skipValidation());
        List<Record> batch = new ArrayList<>(Math.min(batchSize, 65_536));
        long[][] lines = {new long[Math.min(batchSize, 65_536)]};
        long[] total = {0};
        String pk = options.primaryKey();
        boolean validate = schema != null && !options.skipValidation();
        read(row -> {
            if (!checked(row)) {
                return;
            }
            // Field/value pairs straight into Record.of: no intermediate map per row.
            Object[] record = new Object[2 * types.length];
            for (int i = 0; i < types.length; i++) {
                String name = columns.get(i);
                String cell = cell(row, i);
                Object value;
                try {
                    value = CellText.parse(types[i], cell, quoted(row, i), options.decimals());
                } catch (IllegalArgumentException e) {
                    throw new CsvException(file, row.line(), name, cell,
                            "cannot convert to " + types[i] + ": " + e.getMessage(), null);
                }
                if (value == null && validate && schema.isRequired(name) && !name.equals(pk)) {
                    throw new CsvException(file, row.line(), name, cell,
                            "the schema requires a value (" + types[i] + ")", null);
                }
                if (value == null && emptyKeyLine == 0 && name.equals(pk)) {
                    emptyKeyLine = row.line();
                }
                record[2 * i] = name;
                record[2 * i + 1] = value;
            }
            if (batch.size() == lines[0].length) {
                lines[0] = Arrays.copyOf(lines[0], lines[0].length * 2);
            }
            lines[0][batch.size()] = row.line();
            try {
                batch.add(Record.of(record));
            } catch (IllegalArgumentException e) {
                // e.g. JSON nested deeper than records may be; canonical here, the insert does not redo it
                throw new CsvException(file, row.line(), null, null, e.getMessage(), e);
            }
            if (batch.size() == batchSize) {
                total[0] += insert(table, batch, lines[0], insert);
                batch.clear();
            }
        }, false);
        if (!batch.isEmpty()) {
            total[0] += insert(table, batch, lines[0], insert);
        }
        return total[0];
    }

    private long insert(Table table, List<Record> batch, long[] lines, InsertOptions insert) {
        try {
            return table.insertAll(batch, insert).size();
        } catch (DuplicateKeyException e) {
            if (!e.fields().isEmpty()) {
                throw uniqueViolation(table, batch, lines, e);
            }
            int at = duplicateAt(batch, e.key());
            long line = at >= 0 ? lines[at] : 0;
            String pk = options.primaryKey();
            // a record with an empty key cell was given the next free key, which a later record may also name
            String automatic = emptyKeyLine > 0 && (line == 0 || emptyKeyLine < line) ? " (the record on line "
                    + emptyKeyLine + " has an empty '" + pk + "' cell and was given a key automatically, maybe this"
                    + " one: give every record a key, or none)" : "";
            throw new CsvException(file, line, pk, at >= 0 ? CellText.format(batch.get(at).get(pk)) : null,
                    "duplicate primary key " + Values.describe(e.key()) + " in table '" + table.name() + "'"
                            + automatic, e);
        } catch (SchemaValidationException e) {
            throw new CsvException(file, lines[0], e.field(), null, "a record on lines " + lines[0] + " to "
                    + lines[batch.size() - 1] + " fails the schema: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            // a value or name the database refuses at insert: the batch is as precise as the insert reports
            throw new CsvException(file, lines[0], null, null, "a record on lines " + lines[0] + " to "
                    + lines[batch.size() - 1] + " is refused: " + e.getMessage(), e);
        }
    }

    /**
     * A record that a unique index refused, named by its line: the first record of the batch that the index holds
     * under the duplicate value, other than the record that holds it (stored before, or earlier in the batch).
     */
    private CsvException uniqueViolation(Table table, List<Record> batch, long[] lines, DuplicateKeyException e) {
        IndexSpec index = options.indexes().stream().filter(i -> i.isUnique() && i.fields().equals(e.fields()))
                .findFirst().orElse(null);
        String pk = options.primaryKey();
        int at = -1;
        for (int i = 0; i < batch.size() && at < 0; i++) {
            Record r = batch.get(i);
            Object value = e.fields().size() == 1 ? r.get(e.fields().get(0))
                    : e.fields().stream().map(r::get).toList();
            boolean indexed = index == null || index.condition().map(c -> c.test(r)).orElse(true);
            Object key = r.get(pk);
            if (indexed && Values.equal(value, e.value()) && (key == null || !Values.equal(key, e.key()))) {
                at = i;
            }
        }
        String column = String.join("+", e.fields());
        String message = "duplicate value " + Values.describe(e.value()) + " for the unique index on " + e.fields()
                + " of table '" + table.name() + "': the record with key " + Values.describe(e.key()) + " holds it";
        if (at < 0) {
            return new CsvException(file, lines[0], column, null, "a record on lines " + lines[0] + " to "
                    + lines[batch.size() - 1] + " has a " + message, e);
        }
        return new CsvException(file, lines[at], column, null, message, e);
    }

    /** The record holding the duplicate: its second occurrence in the batch, or its only one (the first was stored). */
    private int duplicateAt(List<Record> batch, Object key) {
        int first = -1;
        String pk = options.primaryKey();
        for (int i = 0; i < batch.size(); i++) {
            Object k = batch.get(i).get(pk);
            if (k != null && Values.equal(k, key)) {
                if (first >= 0) {
                    return i;
                }
                first = i;
            }
        }
        return first;
    }

    /**
     * Puts each column name through the API's rule for field names before any record is read, so that a name the
     * database refuses fails on the header, naming the column, instead of on the first record.
     */
    private void checkFieldNames() {
        for (String name : columns) {
            try {
                Record.of(name, "");
            } catch (IllegalArgumentException e) {
                throw new CsvException(file, headerLine, name, name, "not a valid field name: " + e.getMessage(), e);
            }
        }
    }

    /** Whether the row is a data record to import; throws for a ragged row. */
    private boolean checked(RowHandler.Row row) {
        if (row.fieldCount() == 0) {
            // An empty line is one empty cell in a one-column file (how a null is written there), else nothing.
            return columns.size() == 1;
        }
        if (row.fieldCount() != columns.size()) {
            throw new CsvException(file, row.line(), null, null, "the record has " + row.fieldCount()
                    + " fields but there are " + columns.size() + " columns " + columns, null);
        }
        return true;
    }

    private static String cell(RowHandler.Row row, int i) {
        return row.fieldCount() == 0 ? "" : row.cells()[i];
    }

    private static boolean quoted(RowHandler.Row row, int i) {
        return row.fieldCount() != 0 && row.quoted()[i];
    }

    private List<String> columnNames(RowHandler.Row first) {
        if (first.fieldCount() > RowHandler.MAX_COLUMNS) {
            throw new CsvException(file, first.line(), null, null,
                    "more than " + RowHandler.MAX_COLUMNS + " columns", null);
        }
        if (!options.columns().isEmpty()) {
            if (options.header() && first.fieldCount() != options.columns().size()) {
                throw new CsvException(file, first.line(), null, null, "the header has " + first.fieldCount()
                        + " fields but " + options.columns().size() + " column names were given "
                        + options.columns(), null);
            }
            return options.columns();
        }
        List<String> names = new ArrayList<>();
        if (!options.header()) {
            for (int i = 0; i < Math.max(1, first.fieldCount()); i++) {
                names.add("col_" + i);
            }
            return names;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < first.fieldCount(); i++) {
            String name = first.cells()[i];
            if (name.isEmpty()) {
                throw new CsvException(file, first.line(), null, name, "header field " + (i + 1) + " is empty", null);
            }
            if (!seen.add(name)) {
                throw new CsvException(file, first.line(), name, name, "the header names this column twice", null);
            }
            names.add(name);
        }
        return names;
    }

    private Schema explicitSchema() {
        if (options.schema() != null) {
            return options.schema();
        }
        if (options.schemaTypeNames().isEmpty()) {
            return null;
        }
        Schema.Builder b = Schema.builder();
        options.schemaTypeNames().forEach((field, typeName) -> b.optional(field, typeNamed(field, typeName)));
        return b.build();
    }

    private FieldType typeNamed(String field, String name) {
        try {
            return CsvImportOptions.fieldType(name);
        } catch (IllegalArgumentException e) {
            throw new CsvException(file, headerLine, field, name, e.getMessage(), e);
        }
    }

    /**
     * A reader that fails on bytes the charset cannot decode, where the JDK's default would silently put U+FFFD in
     * the data, and that skips a byte order mark.
     */
    private Reader strictReader() throws IOException {
        CharsetDecoder decoder = options.charset().newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        PushbackReader reader = new PushbackReader(new InputStreamReader(Files.newInputStream(file), decoder), 1);
        try {
            int first = reader.read();
            if (first != -1 && first != '\uFEFF') {
                reader.unread(first);
            }
            return reader;
        } catch (IOException | RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    /**
     * The physical line (CR, LF and CRLF end a line, as for FastCSV) of the first bytes the charset cannot decode:
     * the reader decodes ahead of the parser, so the record being parsed when decoding fails is not that line.
     * Streams the file once more with a small buffer; {@code fallback} if the bytes decode after all or the file
     * cannot be read again.
     */
    private long undecodableLine(long fallback) {
        CharsetDecoder decoder = options.charset().newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try (InputStream in = Files.newInputStream(file)) {
            ByteBuffer bytes = ByteBuffer.allocate(8192);
            CharBuffer chars = CharBuffer.allocate(8192);
            long line = 1;
            boolean afterCr = false;
            boolean eof = false;
            while (true) {
                if (!eof) {
                    int n = in.read(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
                    if (n < 0) {
                        eof = true;
                    } else {
                        bytes.position(bytes.position() + n);
                    }
                }
                bytes.flip();
                CoderResult result = decoder.decode(bytes, chars, eof);
                chars.flip();
                while (chars.hasRemaining()) {
                    char c = chars.get();
                    if (c == '\r' || (c == '\n' && !afterCr)) {
                        line++;
                    }
                    afterCr = c == '\r';
                }
                chars.clear();
                if (result.isError()) {
                    return line;
                }
                bytes.compact();
                if (eof && result.isUnderflow()) {
                    return fallback;
                }
            }
        } catch (IOException | RuntimeException e) {
            return fallback;
        }
    }

    /**
     * Streams the file's records through {@code sink}: only the first (the header, or the first data record
     * without one) when {@code firstOnly}, else the data records. A sink stops the pass by throwing.
     */
    private void read(Consumer<RowHandler.Row> sink, boolean firstOnly) {
        RowHandler handler = new RowHandler();
        TailReader tail;
        if (columns != null) {
            handler.limit(columns.size() + 1);
        }
        try (CsvReader<RowHandler.Row> reader = CsvReader.builder()
                .fieldSeparator(options.delimiter())
                .quoteCharacter(options.quote())
                .skipEmptyLines(false)
                .allowExtraFields(true)
                .allowMissingFields(true)
                .build(handler, tail = new TailReader(strictReader()))) {
            boolean headerPending = options.header();
            RowHandler.Row last = null;
            for (RowHandler.Row row : reader) {
                last = row;
                if (headerPending) {
                    if (row.fieldCount() == 0) {
                        continue; // blank lines before the header
                    }
                    headerPending = false;
                    if (!firstOnly) {
                        continue;
                    }
                }
                sink.accept(row);
                if (firstOnly) {
                    return;
                }
            }
            if (last != null && last.fieldCount() > 0 && last.fieldCount() <= last.cells().length) {
                int i = last.fieldCount() - 1;
                if (last.quoted()[i] && !tail.endsAsClosedQuotedField(last.cells()[i], options.quote())) {
                    throw new CsvException(file, last.line(), null, null, "a quoted field opened on this record is"
                            + " never closed: the file ends inside it (a truncated file?)", null);
                }
            }
        } catch (IOException | UncheckedIOException | CsvParseException e) {
            throw readFailure(e, handler);
        }
    }

    /**
     * The CsvException for a failed read: bytes the charset cannot decode, an I/O error, or the reason FastCSV gives
     * for text that is not CSV (an unexpected character after a closing quote, a field longer than its buffer). FastCSV
     * wraps that reason in an exception that only says which record it was reading; the reason is its cause.
     */
    private CsvException readFailure(Exception e, RowHandler handler) {
        Throwable innermost = e;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CharacterCodingException c) {
                return new CsvException(file, undecodableLine(handler.line()), null, null, "the bytes are not valid "
                        + options.charset() + " (see the charset option): " + c, e);
            }
            innermost = t;
        }
        if (!(e instanceof CsvParseException) || innermost instanceof IOException) {
            return new CsvException(file, handler.line(), null, null, "cannot read the file: " + e, e);
        }
        int field = handler.fieldsCompleted();
        String column = columns != null && field < columns.size() ? columns.get(field) : null;
        String reason = innermost.getMessage() == null ? innermost.toString() : innermost.getMessage().strip();
        return new CsvException(file, handler.line(), column, null, "not valid CSV"
                + (column == null ? " (field " + (field + 1) + " of the record)" : "") + ": " + reason, e);
    }
}
