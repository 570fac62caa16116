package io.dictdb.csv;

import io.dictdb.DictDbException;

import java.nio.file.Path;

/**
 * Thrown when a CSV file cannot be imported or exported: a ragged row, a value that does not convert to its
 * column's type, a duplicate primary key, an unknown type name in a schema, or an I/O failure. The message names
 * the file, the 1-based physical line (the header is line 1), the column and the value, whichever apply.
 */
public class CsvException extends DictDbException {
    private static final long serialVersionUID = 1L;
    private final transient Path file;
    private final long line;
    private final String column;
    private final String value;

    /**
     * Creates the exception for one place in a file.
     *
     * @param file the CSV file
     * @param line the 1-based physical line where the record starts, or 0 when the failure is not tied to a line
     * @param column the column's name, or null
     * @param value the offending cell or type name, or null
     * @param problem what went wrong, without the location (the message adds it)
     * @param cause the underlying failure, or null
     */
    public CsvException(Path file, long line, String column, String value, String problem, Throwable cause) {
        super(message(file, line, column, value, problem), cause);
        this.file = file;
        this.line = line;
        this.column = column;
        this.value = value;
    }

    private static String message(Path file, long line, String column, String value, String problem) {
        StringBuilder sb = new StringBuilder("CSV file '").append(file).append('\'');
        if (line > 0) {
            sb.append(", line ").append(line);
        }
        if (column != null) {
            sb.append(", column '").append(column).append('\'');
        }
        if (value != null) {
            sb.append(", value ").append(quoted(value));
        }
        return sb.append(": ").append(problem).toString();
    }

    private static String quoted(String value) {
        // Long cells would drown the message; the location is what matters.
        String v = value.length() > 200 ? value.substring(0, 200) + "..." : value;
        return '"' + v.replace("\r", "\\r").replace("\n", "\\n") + '"';
    }

    /**
     * The CSV file involved.
     *
     * @return the file's path
     */
    public Path file() {
        return file;
    }

    /**
     * The 1-based physical line where the offending record starts (the header is line 1).
     *
     * @return the line, or 0 when the failure is not tied to a line
     */
    public long line() {
        return line;
    }

    /**
     * The column involved.
     *
     * @return the column's name, or null when no single column is at fault
     */
    public String column() {
        return column;
    }

    /**
     * The offending cell, as read from the file, or the unknown type name.
     *
     * @return the value, or null when no single value is at fault
     */
    public String value() {
        return value;
    }
}
