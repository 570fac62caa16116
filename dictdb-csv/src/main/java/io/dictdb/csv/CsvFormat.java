package io.dictdb.csv;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * How a CSV file is laid out: its delimiter, quote, header row, charset and column names. Import and export options
 * each hold one ({@link CsvImportOptions#format()}, {@link CsvExportOptions#format()}), so a file is read with the
 * format it was written with:
 *
 * <pre>{@code
 * CsvFormat semicolons = CsvFormat.defaults().withDelimiter(';').withCharset(StandardCharsets.ISO_8859_1);
 * Csv.exportTable(table, file, CsvExportOptions.defaults().format(semicolons));
 * Csv.importTable(db, file, "copy", CsvImportOptions.defaults().format(semicolons));
 * }</pre>
 *
 * @param delimiter the field delimiter: a character other than the quote, CR or LF
 * @param quote the quote character (RFC 4180's is {@code '"'}): a character other than the delimiter, CR or LF
 * @param header whether the file's first record is a header row of column names
 * @param charset the file's character set
 * @param columns column names, in file order: on import, the names when there is no header row, or names that
 *     replace the header's; on export, the columns to write; empty for the header's (import) or the table's
 *     (export). Non-null, non-empty and distinct.
 */
public record CsvFormat(char delimiter, char quote, boolean header, Charset charset, List<String> columns) {
    private static final CsvFormat DEFAULTS = new CsvFormat(',', '"', true, StandardCharsets.UTF_8, List.of());

    /**
     * Checks and copies the parts.
     *
     * @throws IllegalArgumentException if the delimiter and quote are equal or one is CR or LF, or a column name is
     *     null, empty or repeated
     * @throws NullPointerException if {@code charset} or {@code columns} is null
     */
    public CsvFormat {
        checkSeparators(delimiter, quote);
        Objects.requireNonNull(charset, "charset");
        Objects.requireNonNull(columns, "columns");
        columns = checkColumns(columns.toArray(new String[0]));
    }

    /**
     * The defaults: delimiter {@code ','}, quote {@code '"'}, a header row, UTF-8, no column names given.
     *
     * @return the default format
     */
    public static CsvFormat defaults() {
        return DEFAULTS;
    }

    /**
     * This format with another delimiter.
     *
     * @param delimiter a character other than the quote, CR or LF
     * @return the new format
     * @throws IllegalArgumentException if the delimiter is the quote character, CR or LF
     */
    public CsvFormat withDelimiter(char delimiter) {
        return new CsvFormat(delimiter, quote, header, charset, columns);
    }

    /**
     * This format with another quote character.
     *
     * @param quote a character other than the delimiter, CR or LF
     * @return the new format
     * @throws IllegalArgumentException if the quote is the delimiter, CR or LF
     */
    public CsvFormat withQuote(char quote) {
        return new CsvFormat(delimiter, quote, header, charset, columns);
    }

    /**
     * This format with or without a header row.
     *
     * @param header true when the file starts with a header row
     * @return the new format
     */
    public CsvFormat withHeader(boolean header) {
        return new CsvFormat(delimiter, quote, header, charset, columns);
    }

    /**
     * This format with another charset.
     *
     * @param charset the charset
     * @return the new format
     * @throws NullPointerException if {@code charset} is null
     */
    public CsvFormat withCharset(Charset charset) {
        return new CsvFormat(delimiter, quote, header, charset, columns);
    }

    /**
     * This format with other column names.
     *
     * @param names the column names; none to use the header's (import) or the table's (export)
     * @return the new format
     * @throws IllegalArgumentException if a name is null, empty or repeated
     */
    public CsvFormat withColumns(String... names) {
        return new CsvFormat(delimiter, quote, header, charset, Arrays.asList(names.clone()));
    }

    @Override
    public String toString() {
        return "CsvFormat[delimiter=" + show(delimiter) + ", quote=" + show(quote) + ", header=" + header
                + ", charset=" + charset + ", columns=" + columns + "]";
    }

    /** Column names as a format keeps them: non-null, non-empty and distinct. */
    private static List<String> checkColumns(String... names) {
        List<String> list = Arrays.asList(names);
        if (list.stream().anyMatch(n -> n == null || n.isEmpty()) || list.stream().distinct().count() != list.size()) {
            throw new IllegalArgumentException("CSV column names must be non-null, non-empty and distinct, got "
                    + list);
        }
        return List.copyOf(list);
    }

    private static void checkSeparators(char delimiter, char quote) {
        if (delimiter == quote || delimiter == '\r' || delimiter == '\n' || quote == '\r' || quote == '\n') {
            throw new IllegalArgumentException("CSV delimiter " + show(delimiter) + " and quote " + show(quote)
                    + " must differ and be neither CR nor LF");
        }
    }

    /** A separator as messages show it. */
    private static String show(char c) {
        return c == '\r' ? "CR" : c == '\n' ? "LF" : "'" + c + "'";
    }
}
