package io.dictdb.csv;

import io.dictdb.query.Condition;
import io.dictdb.query.Conditions;

import java.nio.charset.Charset;
import java.util.List;
import java.util.Objects;

/**
 * Options of {@link Csv#exportTable}: the file's {@link CsvFormat} (delimiter, quote, header, charset, columns) and
 * which records are written, in what order, and how cells are written (formula neutralization). Immutable: each
 * method returns a new instance, starting from {@link #defaults()}.
 *
 * <pre>{@code
 * CsvExportOptions options = CsvExportOptions.defaults().columns("id", "name").where(field("age").gte(18)).orderBy("-age");
 * }</pre>
 */
public final class CsvExportOptions {
    private static final CsvExportOptions DEFAULTS = new CsvExportOptions(CsvFormat.defaults(), Conditions.all(),
            List.of(), false);

    private final CsvFormat format;
    private final Condition where;
    private final List<String> orderBy;
    private final boolean neutralizeFormulas;

    private CsvExportOptions(CsvFormat format, Condition where, List<String> orderBy, boolean neutralizeFormulas) {
        this.format = format;
        this.where = where;
        this.orderBy = orderBy;
        this.neutralizeFormulas = neutralizeFormulas;
    }

    /**
     * The defaults: delimiter {@code ','}, quote {@code '"'}, a header row, UTF-8, every column of the table, every
     * record, in the table's order, cells written as they are (no formula neutralization).
     *
     * @return the default options
     */
    public static CsvExportOptions defaults() {
        return DEFAULTS;
    }

    /**
     * The file's layout: delimiter, quote, header row, charset and columns, all at once. The methods
     * {@link #delimiter(char)}, {@link #quote(char)}, {@link #header(boolean)}, {@link #charset(Charset)} and
     * {@link #columns(String...)} each change one part of it.
     *
     * @param format the format
     * @return new options
     * @throws NullPointerException if {@code format} is null
     */
    public CsvExportOptions format(CsvFormat format) {
        Objects.requireNonNull(format, "format");
        return new CsvExportOptions(format, where, orderBy, neutralizeFormulas);
    }

    /**
     * The field delimiter.
     *
     * @param delimiter a character other than the quote, CR or LF
     * @return new options
     * @throws IllegalArgumentException if the delimiter is the quote character, CR or LF
     */
    public CsvExportOptions delimiter(char delimiter) {
        return format(format.withDelimiter(delimiter));
    }

    /**
     * The quote character (RFC 4180's is {@code '"'}).
     *
     * @param quote a character other than the delimiter, CR or LF
     * @return new options
     * @throws IllegalArgumentException if the quote is the delimiter, CR or LF
     */
    public CsvExportOptions quote(char quote) {
        return format(format.withQuote(quote));
    }

    /**
     * Whether a header row of column names is written first.
     *
     * @param header true to write it
     * @return new options
     */
    public CsvExportOptions header(boolean header) {
        return format(format.withHeader(header));
    }

    /**
     * The file's character set.
     *
     * @param charset the charset
     * @return new options
     * @throws NullPointerException if {@code charset} is null
     */
    public CsvExportOptions charset(Charset charset) {
        return format(format.withCharset(charset));
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
        return format(format.withColumns(names));
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
        return new CsvExportOptions(format, condition, orderBy, neutralizeFormulas);
    }

    /**
     * Writes the records in this order, as {@code Query.orderBy(String...)} does ({@code "-age"} is descending).
     *
     * @param fields the sort fields; none for the table's order
     * @return new options
     */
    public CsvExportOptions orderBy(String... fields) {
        return new CsvExportOptions(format, where, List.of(fields), neutralizeFormulas);
    }

    /**
     * Whether cells that a spreadsheet would run as formulas are neutralized, by the OWASP rule against CSV
     * injection: a cell (header included) whose text starts with {@code =}, {@code +}, {@code -}, {@code @}, tab,
     * CR or LF is written with a single quote {@code '} before it, which spreadsheets show as text; and every cell
     * that is not a number is quoted, so that a spreadsheet that splits on another delimiter (';' in many locales)
     * cannot cut a value into cells and start one with a formula. Cells that are finite numbers ({@code -5},
     * {@code -1.5E-7}) are left as they are: a spreadsheet reads them as numbers, and a number cannot call a
     * function. Turn it on for a file that people will open in a spreadsheet, when the values may come from
     * anyone. Such a file is for people: importing it again keeps the added quotes (an import cannot tell them
     * from a value that really starts with {@code '}), so export without it for a round trip.
     *
     * @param neutralize true to neutralize; false (the default) writes every cell as it is
     * @return new options
     */
    public CsvExportOptions neutralizeFormulas(boolean neutralize) {
        return new CsvExportOptions(format, where, orderBy, neutralize);
    }

    /**
     * The file's layout.
     *
     * @return the format
     */
    public CsvFormat format() {
        return format;
    }

    /**
     * The field delimiter: {@code format().delimiter()}.
     *
     * @return the delimiter
     */
    public char delimiter() {
        return format.delimiter();
    }

    /**
     * The quote character: {@code format().quote()}.
     *
     * @return the quote
     */
    public char quote() {
        return format.quote();
    }

    /**
     * Whether a header row is written: {@code format().header()}.
     *
     * @return true when written
     */
    public boolean header() {
        return format.header();
    }

    /**
     * The file's character set: {@code format().charset()}.
     *
     * @return the charset
     */
    public Charset charset() {
        return format.charset();
    }

    /**
     * The columns to write, or an empty list for every column of the table: {@code format().columns()}.
     *
     * @return an immutable list
     */
    public List<String> columns() {
        return format.columns();
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

    /**
     * Whether cells that a spreadsheet would run as formulas are neutralized (see
     * {@link #neutralizeFormulas(boolean)}).
     *
     * @return true when neutralized
     */
    public boolean neutralizeFormulas() {
        return neutralizeFormulas;
    }

    @Override
    public String toString() {
        return "CsvExportOptions[format=" + format + ", where=" + where + ", orderBy=" + orderBy
                + ", neutralizeFormulas=" + neutralizeFormulas + "]";
    }
}
