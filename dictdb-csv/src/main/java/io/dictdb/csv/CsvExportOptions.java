package io.dictdb.csv;

import io.dictdb.query.Condition;
import io.dictdb.query.Conditions;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * Options of {@link Csv#exportTable}. Immutable: each method returns a new instance, starting from
 * {@link #defaults()}.
 *
 * <pre>{@code
 * CsvExportOptions options = CsvExportOptions.defaults().columns("id", "name").where(field("age").gte(18)).orderBy("-age");
 * }</pre>
 */
public final class CsvExportOptions {
    private static final CsvExportOptions DEFAULTS = new CsvExportOptions(',', '"', true, StandardCharsets.UTF_8,
            List.of(), Conditions.all(), List.of());

    private final char delimiter;
    private final char quote;
    private final boolean header;
    private final Charset charset;
    private final List<String> columns;
    private final Condition where;
    private final List<String> orderBy;

    private CsvExportOptions(char delimiter, char quote, boolean header, Charset charset, List<String> columns,
                             Condition where, List<String> orderBy) {
        this.delimiter = delimiter;
        this.quote = quote;
        this.header = header;
        this.charset = charset;
        this.columns = columns;
        this.where = where;
        this.orderBy = orderBy;
    }

    /**
     * The defaults: delimiter {@code ','}, quote {@code '"'}, a header row, UTF-8, every column of the table, every
     * record, in the table's order.
     *
     * @return the default options
     */
    public static CsvExportOptions defaults() {
        return DEFAULTS;
    }

    /**
     * The field delimiter.
     *
     * @param delimiter a character other than the quote, CR or LF
     * @return new options
     * @throws IllegalArgumentException if the delimiter is the quote character, CR or LF
     */
    public CsvExportOptions delimiter(char delimiter) {
        CsvImportOptions.checkSeparators(delimiter, quote);
        return new CsvExportOptions(delimiter, quote, header, charset, columns, where, orderBy);
    }

    /**
     * The quote character (RFC 4180's is {@code '"'}).
     *
     * @param quote a character other than the delimiter, CR or LF
     * @return new options
     * @throws IllegalArgumentException if the quote is the delimiter, CR or LF
     */
    public CsvExportOptions quote(char quote) {
        CsvImportOptions.checkSeparators(delimiter, quote);
        return new CsvExportOptions(delimiter, quote, header, charset, columns, where, orderBy);
    }

    /**
     * Whether a header row of column names is written first.
     *
     * @param header true to write it
     * @return new options
     */
    public CsvExportOptions header(boolean header) {
        return new CsvExportOptions(delimiter, quote, header, charset, columns, where, orderBy);
    }

    /**
     * The file's character set.
     *
     * @param charset the charset
     * @return new options
     * @throws NullPointerException if {@code charset} is null
     */
    public CsvExportOptions charset(Charset charset) {
        Objects.requireNonNull(charset, "charset");
        return new CsvExportOptions(delimiter, quote, header, charset, columns, where, orderBy);
    }

    /**
     * The columns to write, in this order; a field a record lacks is written as an empty cell.
     *
     * @param names the column names; none for every column of the table ({@code Table.columns()}, the primary key
     *        moved first)
     * @return new options
     * @throws IllegalArgumentException if a name is null, empty or repeated
     */
    public CsvExportOptions columns(String... names) {
        List<String> list = CsvImportOptions.checkColumns(names);
        return new CsvExportOptions(delimiter, quote, header, charset, list, where, orderBy);
    }

    /**
     * Writes only the records matching a condition.
     *
     * @param condition the condition
     * @return new options
     * @throws NullPointerException if {@code condition} is null
     */
    public CsvExportOptions where(Condition condition) {
        Objects.requireNonNull(condition, "condition");
        return new CsvExportOptions(delimiter, quote, header, charset, columns, condition, orderBy);
    }

    /**
     * Writes the records in this order, as {@code Query.orderBy(String...)} does ({@code "-age"} is descending).
     *
     * @param fields the sort fields; none for the table's order
     * @return new options
     */
    public CsvExportOptions orderBy(String... fields) {
        return new CsvExportOptions(delimiter, quote, header, charset, columns, where, List.of(fields));
    }

    /**
     * The field delimiter.
     *
     * @return the delimiter
     */
    public char delimiter() {
        return delimiter;
    }

    /**
     * The quote character.
     *
     * @return the quote
     */
    public char quote() {
        return quote;
    }

    /**
     * Whether a header row is written.
     *
     * @return true when written
     */
    public boolean header() {
        return header;
    }

    /**
     * The file's character set.
     *
     * @return the charset
     */
    public Charset charset() {
        return charset;
    }

    /**
     * The columns to write, or an empty list for every column of the table.
     *
     * @return an immutable list
     */
    public List<String> columns() {
        return columns;
    }

    /**
     * The condition records must match.
     *
     * @return the condition
     */
    public Condition where() {
        return where;
    }

    /**
     * The sort fields, or an empty list for the table's order.
     *
     * @return an immutable list
     */
    public List<String> orderBy() {
        return orderBy;
    }

    @Override
    public String toString() {
        return "CsvExportOptions[delimiter='" + delimiter + "', quote='" + quote + "', header=" + header
                + ", charset=" + charset + ", columns=" + columns + ", where=" + where + ", orderBy=" + orderBy + "]";
    }
}
