package io.dictdb.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a duration option: a number with a unit ({@code 500ms}, {@code 2s}, {@code 5m}, {@code 1h}), a bare number
 * of seconds, or an ISO-8601 duration ({@code PT1.5S}). Zero and negative durations are refused (usage error).
 */
final class DurationConverter implements ITypeConverter<Duration> {
    private static final Pattern TEXT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?");

    /** Creates the converter; picocli does, for each option that names it. */
    DurationConverter() {
    }

    /**
     * The duration a value names.
     *
     * @param text the option's value
     * @return the duration, positive
     * @throws TypeConversionException if the value is not a positive duration
     */
    @Override
    public Duration convert(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        Duration d;
        Matcher m = TEXT.matcher(t);
        if (m.matches()) {
            double n = Double.parseDouble(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            double millis = switch (unit) {
                case "ms" -> n;
                case "m" -> n * 60_000;
                case "h" -> n * 3_600_000;
                default -> n * 1_000;
            };
            d = Duration.ofMillis(Math.round(millis));
        } else {
            try {
                d = Duration.parse(text.strip());
            } catch (DateTimeParseException e) {
                throw new TypeConversionException("expected a duration such as 500ms, 2s, 5m, 1h or PT1.5S, got '"
                        + text + "'");
            }
        }
        if (d.isNegative() || d.isZero()) {
            throw new TypeConversionException("expected a positive duration, got '" + text + "'");
        }
        return d;
    }
}
