package io.dictdb.csv;

import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import de.siegmar.fastcsv.reader.RecordType;

import java.util.Arrays;

/**
 * Collects FastCSV's fields into a {@link Row} with whether each was quoted, which tells a null (empty cell) from
 * the empty string ({@code ""}). It keeps at most {@code limit} fields of a record and only counts the rest, so a
 * hostile row of a million delimiters costs no memory; FastCSV bounds each field's length.
 */
final class RowHandler extends AbstractBaseCsvCallbackHandler<RowHandler.Row> {
    /** The most columns a file may have. */
    static final int MAX_COLUMNS = 16_384;

    /**
     * One record of the file.
     *
     * @param line the 1-based physical line where it starts
     * @param cells the fields kept (at most the limit)
     * @param quoted whether each kept field was quoted
     * @param fieldCount the number of fields in the record, kept or not; 0 for an empty line
     */
    record Row(long line, String[] cells, boolean[] quoted, int fieldCount) {
    }

    private int limit = MAX_COLUMNS + 1;
    private String[] cells = new String[16];
    private boolean[] quoted = new boolean[16];
    private int kept;

    /** From now on keeps at most this many fields per record (the column count plus one, to report extras). */
    void limit(int fields) {
        this.limit = fields;
    }

    /** The line where the record being read starts, for errors FastCSV reports without one. */
    long line() {
        return getStartingLineNumber();
    }

    /**
     * The fields of the record being read that FastCSV has completed: when it fails inside a field, that field's
     * 0-based index.
     */
    int fieldsCompleted() {
        return getFieldCount();
    }

    @Override
    protected void handleBegin(long startingLineNumber) {
        kept = 0;
    }

    @Override
    protected void handleField(int fieldIdx, char[] buf, int offset, int len, boolean isQuoted) {
        if (fieldIdx >= limit) {
            return;
        }
        if (kept == cells.length) {
            cells = Arrays.copyOf(cells, kept * 2);
            quoted = Arrays.copyOf(quoted, kept * 2);
        }
        cells[kept] = new String(buf, offset, len);
        quoted[kept] = isQuoted;
        kept++;
    }

    @Override
    protected Row buildRecord() {
        if (getRecordType() == RecordType.EMPTY) {
            return new Row(getStartingLineNumber(), new String[0], new boolean[0], 0);
        }
        return new Row(getStartingLineNumber(), Arrays.copyOf(cells, kept), Arrays.copyOf(quoted, kept),
                getFieldCount());
    }
}
