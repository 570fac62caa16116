package io.dictdb.csv;

import io.dictdb.FieldType;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * What one column's cells have shown so far, over the whole file, and the narrowest type that holds every one of
 * them exactly. Integers give LONG; integers and decimals give DOUBLE, or DECIMAL when asked for, when an integer
 * is beyond 2^53 or a long, or when a decimal's magnitude is beyond a double; NaN and infinities join a DOUBLE
 * column only; true/false in any case give BOOLEAN; ISO dates and instants give DATE and INSTANT when asked for;
 * anything else, a mix of kinds, or a quoted empty cell ({@code ""}, the empty string) gives STRING. Empty cells
 * say nothing. The state is a few flags: constant memory per column.
 */
final class ColumnInference {
    private static final int SEEN_INT = 1;
    private static final int SEEN_WIDE_INT = 1 << 1;
    private static final int SEEN_BIG_INT = 1 << 2;
    private static final int SEEN_DECIMAL = 1 << 3;
    private static final int SEEN_HUGE_DECIMAL = 1 << 4;
    private static final int SEEN_SPECIAL = 1 << 5;
    private static final int SEEN_BOOLEAN = 1 << 6;
    private static final int SEEN_DATE = 1 << 7;
    private static final int SEEN_INSTANT = 1 << 8;
    private static final int SEEN_TEXT = 1 << 9;
    private static final int NUMBERS = SEEN_INT | SEEN_WIDE_INT | SEEN_BIG_INT | SEEN_DECIMAL | SEEN_HUGE_DECIMAL
            | SEEN_SPECIAL;

    private final boolean temporal;
    private int seen;

    ColumnInference(boolean temporal) {
        this.temporal = temporal;
    }

    void observe(String cell, boolean quoted) {
        if (cell.isEmpty()) {
            if (quoted) {
                seen |= SEEN_TEXT;
            }
            return;
        }
        if ((seen & SEEN_TEXT) != 0) {
            return; // already a string column: nothing can narrow it again
        }
        seen |= kind(cell);
    }

    private int kind(String cell) {
        switch (CellText.numberKind(cell)) {
            case CellText.INT:
                return SEEN_INT;
            case CellText.WIDE_INT:
                return SEEN_WIDE_INT;
            case CellText.BIG_INT:
                return SEEN_BIG_INT;
            case CellText.DECIMAL:
                return SEEN_DECIMAL;
            case CellText.HUGE_DECIMAL:
                return SEEN_HUGE_DECIMAL;
            case CellText.SPECIAL:
                return SEEN_SPECIAL;
            default:
                break;
        }
        if (CellText.booleanWord(cell) != null) {
            return SEEN_BOOLEAN;
        }
        if (temporal) {
            if (cell.length() == 10 && cell.charAt(4) == '-' && cell.charAt(7) == '-') {
                try {
                    LocalDate.parse(cell);
                    return SEEN_DATE;
                } catch (DateTimeException e) {
                    return SEEN_TEXT;
                }
            }
            if (cell.length() > 10 && cell.charAt(10) == 'T') {
                try {
                    Instant.parse(cell);
                    return SEEN_INSTANT;
                } catch (DateTimeException e) {
                    return SEEN_TEXT;
                }
            }
        }
        return SEEN_TEXT;
    }

    /**
     * The column's type.
     *
     * @param decimals DOUBLE or DECIMAL: what decimal numbers become
     * @return the narrowest type holding every cell seen; STRING for a column of empty cells only
     */
    FieldType type(FieldType decimals) {
        int s = seen;
        if (s == 0 || (s & SEEN_TEXT) != 0) {
            return FieldType.STRING;
        }
        if (s == SEEN_BOOLEAN) {
            return FieldType.BOOLEAN;
        }
        if (s == SEEN_DATE) {
            return FieldType.DATE;
        }
        if (s == SEEN_INSTANT) {
            return FieldType.INSTANT;
        }
        if ((s & ~NUMBERS) != 0) {
            return FieldType.STRING; // numbers mixed with booleans or dates
        }
        if ((s & (SEEN_DECIMAL | SEEN_HUGE_DECIMAL | SEEN_SPECIAL)) == 0) {
            return (s & SEEN_BIG_INT) != 0 ? FieldType.DECIMAL : FieldType.LONG;
        }
        if ((s & ~SEEN_SPECIAL) == 0) {
            return FieldType.STRING; // "nan" alone is more likely a word than a number
        }
        boolean needsDecimal = decimals == FieldType.DECIMAL
                || (s & (SEEN_WIDE_INT | SEEN_BIG_INT | SEEN_HUGE_DECIMAL)) != 0;
        if (needsDecimal) {
            // BigDecimal has no NaN or infinity: text is then the only type that keeps every value.
            return (s & SEEN_SPECIAL) != 0 ? FieldType.STRING : FieldType.DECIMAL;
        }
        return FieldType.DOUBLE;
    }
}
