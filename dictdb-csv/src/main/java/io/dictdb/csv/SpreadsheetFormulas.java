package io.dictdb.csv;

/**
 * The OWASP rule against CSV (formula) injection, for files that people open in a spreadsheet: a cell whose text
 * starts with {@code =}, {@code +}, {@code -}, {@code @}, tab, carriage return or line feed is taken for a formula
 * by Excel, LibreOffice and Google Sheets, so such a cell is prefixed with a single quote {@code '}, which they show
 * as text. The rule looks at the value, not at the file's bytes: a spreadsheet removes the CSV quotes before it
 * decides, so {@code "=1+2"} in the file is a formula too.
 *
 * <p>Numbers stay numbers: a cell that is a finite number in plain or exponent notation ({@code -5},
 * {@code +3.5}, {@code -1.5E-7}) is left as it is, whatever the value's type. A spreadsheet reads it as that number,
 * and that grammar has no room for a function call or a cell reference, so it cannot do anything but be a number;
 * prefixing it would turn every negative amount into text that no longer sums. {@code -Infinity} and {@code -NaN}
 * are not numbers to a spreadsheet and are prefixed.
 */
final class SpreadsheetFormulas {
    private SpreadsheetFormulas() {
    }

    /**
     * The cell as a spreadsheet will show it as text.
     *
     * @param cell the cell's text, or null (an empty cell)
     * @return the cell, prefixed with {@code '} when it would start a formula
     */
    static String neutralized(String cell) {
        if (cell == null || cell.isEmpty() || !startsFormula(cell.charAt(0)) || isNumber(cell)) {
            return cell;
        }
        return "'" + cell;
    }

    /**
     * Whether the cell is a finite number, as CSV import also reads it: such a cell is left unquoted, so that a
     * spreadsheet that treats quoted cells as text still sees a number.
     *
     * @param cell a non-empty cell
     * @return true for a number
     */
    static boolean isNumber(String cell) {
        int kind = CellText.numberKind(cell);
        return kind != CellText.NONE && kind != CellText.SPECIAL;
    }

    private static boolean startsFormula(char c) {
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' || c == '\n';
    }
}
