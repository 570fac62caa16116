package io.dictdb.cli;

import io.dictdb.csv.CsvExportOptions;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a {@code --delimiter} value: one character, or {@code \t} or {@code tab} for a tab. A character the CSV
 * options refuse (the quote, CR, LF) is refused here already, so that picocli reports a usage error (exit 2) naming
 * the option before any file is read.
 */
final class DelimiterConverter implements ITypeConverter<Character> {
    /** Creates the converter; picocli does, for each option that names it. */
    DelimiterConverter() {
    }

    /**
     * The delimiter a value names.
     *
     * @param text the option's value
     * @return the delimiter
     * @throws TypeConversionException if the value is not one character or is a character CSV cannot delimit with
     */
    @Override
    public Character convert(String text) {
        char c;
        if (text.equals("\\t") || text.equalsIgnoreCase("tab")) {
            c = '\t';
        } else if (text.length() == 1) {
            c = text.charAt(0);
        } else {
            throw new TypeConversionException("expected one character (or \\t or tab), got '" + text + "'");
        }
        try {
            // import and export share the rule
            CsvExportOptions.defaults().delimiter(c);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
        return c;
    }
}
