package io.dictdb.cli;

import java.io.PrintWriter;
import java.time.temporal.TemporalAccessor;
import java.util.Formattable;
import java.util.Locale;

/**
 * Text that came from files or from the command line, on its way to a terminal. Table, field and file names, values
 * and error messages may hold control characters: a newline prints a fake line, ESC starts a terminal command
 * (colours, cursor moves, a cleared screen, a changed window title). They are shown in a visible form instead:
 * {@code \n}, {@code \r}, {@code \t}, and <code>&#92;u001b</code> for the other C0 controls, DEL and the C1
 * controls, and for the line and paragraph separators and the bidirectional overrides and isolates, which reorder
 * what a terminal shows. Backslashes are left alone, so a Windows path prints as it is.
 */
final class TerminalText {
    private TerminalText() {
    }

    /**
     * The text of a value with its control characters made visible.
     *
     * @param value any value, or null
     * @return its {@code toString()}, escaped; "null" for null
     */
    static String visible(Object value) {
        String text = String.valueOf(value);
        int i = 0;
        while (i < text.length() && !escaped(text.charAt(i))) {
            i++;
        }
        if (i == text.length()) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length() + 16).append(text, 0, i);
        for (; i < text.length(); i++) {
            appendVisible(sb, text.charAt(i));
        }
        return sb.toString();
    }

    /**
     * Like {@link #visible(Object)}, but line breaks and tabs stay: for a stack trace, whose lines are its own. A
     * line break inside a message then still starts a line, but no control sequence reaches the terminal.
     *
     * @param text the text
     * @return the text, escaped but for CR, LF and tab
     */
    static String visibleKeepingLines(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r' || c == '\t') {
                sb.append(c);
            } else {
                appendVisible(sb, c);
            }
        }
        return sb.toString();
    }

    /**
     * A writer whose {@code printf} and {@code format} show their arguments with {@link #visible(Object)}: the
     * format string is the program's own, the arguments are what may come from a file. Numbers, booleans,
     * characters and dates are passed as they are, so {@code %d} and {@code %c} work unchanged. {@code print} and
     * {@code println} write as they are: progress uses them for its carriage returns.
     *
     * @param out the writer to write to
     * @return a writer that flushes {@code out} after each {@code printf} and {@code println}
     */
    static PrintWriter escapingArguments(PrintWriter out) {
        return new PrintWriter(out, true) {
            @Override
            public PrintWriter format(String format, Object... args) {
                return super.format(format, visibleArguments(args));
            }

            @Override
            public PrintWriter format(Locale locale, String format, Object... args) {
                return super.format(locale, format, visibleArguments(args));
            }
        };
    }

    private static Object[] visibleArguments(Object[] args) {
        if (args == null) {
            return null;
        }
        Object[] shown = args.clone();
        for (int i = 0; i < shown.length; i++) {
            Object a = shown[i];
            if (a != null && !(a instanceof Number || a instanceof Boolean || a instanceof Character
                    || a instanceof TemporalAccessor || a instanceof Formattable)) {
                shown[i] = visible(a);
            }
        }
        return shown;
    }

    private static boolean escaped(char c) {
        return Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || (c >= '\u202a' && c <= '\u202e')
                || (c >= '\u2066' && c <= '\u2069');
    }

    private static void appendVisible(StringBuilder sb, char c) {
        switch (c) {
            case '\n' -> sb.append("\\n");
            case '\r' -> sb.append("\\r");
            case '\t' -> sb.append("\\t");
            default -> {
                if (escaped(c)) {
                    sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                } else {
                    sb.append(c);
                }
            }
        }
    }
}
