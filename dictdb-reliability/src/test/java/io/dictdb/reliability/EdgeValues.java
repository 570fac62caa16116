package io.dictdb.reliability;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * The data users really write, for the trials: field names starting with {@code $} (first in the record, where the
 * JSON codec once lost the whole image), {@code $}-named nested maps and lists of them, decimals near the value
 * limits, long names and strings, surrogate pairs, control characters in values, non-finite and extreme numbers.
 * Every value here is one the API accepts, so every path out and back in (save, load, backup, restore) must carry it.
 */
public final class EdgeValues {
    /** A name a thousand characters long: long names must survive every codec. */
    public static final String LONG_NAME = "n".repeat(1_000);

    private static final String[] DOLLAR_NAMES = {"$type", "$oid", "$date", "$map", "$instant", "$", "$$"};
    private static final Object[] SCALARS = {
        Long.MAX_VALUE, Long.MIN_VALUE, 0L, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
        Double.MIN_VALUE, Double.MAX_VALUE, new BigDecimal("1e99999"), new BigDecimal("-1e-99999"),
        new BigDecimal("0.000"), new BigDecimal("9".repeat(999) + "." + "1".repeat(999)), "", "a\nb\r\tc",
        "\u0000\u001b[31mred\u001b[0m\u007f\u0085", "emoji \uD83D\uDE00 clef \uD834\uDD1E", "\"quoted\", 'q'",
        "=1+1", "$type", Boolean.TRUE, new byte[0], new byte[] {0, -1, 127},
        Instant.parse("0001-01-01T00:00:00Z"), Instant.parse("9999-12-31T23:59:59.999999999Z"),
        LocalDate.of(1, 1, 1), LocalDate.of(9999, 12, 31), new UUID(Long.MIN_VALUE, -1L), List.of(), Map.of(),
    };

    private EdgeValues() {
    }

    /**
     * A record of a few edge fields, often with a {@code $} name first; no primary key.
     *
     * @param rnd the source of choices
     * @return a record as a map in insertion order
     */
    public static Map<String, Object> record(Random rnd) {
        Map<String, Object> r = new LinkedHashMap<>();
        if (rnd.nextInt(3) > 0) {
            r.put(DOLLAR_NAMES[rnd.nextInt(DOLLAR_NAMES.length)], value(rnd, 0));
        }
        int n = 1 + rnd.nextInt(4);
        for (int i = 0; i < n; i++) {
            r.put(name(rnd), value(rnd, 0));
        }
        return r;
    }

    /**
     * A field name: ordinary, {@code $}-prefixed, long, or with characters outside the BMP.
     *
     * @param rnd the source of choices
     * @return the name
     */
    public static String name(Random rnd) {
        return switch (rnd.nextInt(6)) {
            case 0 -> DOLLAR_NAMES[rnd.nextInt(DOLLAR_NAMES.length)];
            case 1 -> LONG_NAME;
            case 2 -> "f\uD83D\uDE00" + rnd.nextInt(4);
            case 3 -> "with space, comma; \"quote\"";
            default -> "f" + rnd.nextInt(6);
        };
    }

    private static Object value(Random rnd, int depth) {
        int pick = rnd.nextInt(depth < 2 ? 10 : 7);
        if (pick < 7) {
            Object v = SCALARS[rnd.nextInt(SCALARS.length)];
            return v instanceof byte[] b ? b.clone() : v;
        }
        if (pick < 9) {
            Map<String, Object> nested = new LinkedHashMap<>();
            nested.put(DOLLAR_NAMES[rnd.nextInt(DOLLAR_NAMES.length)], value(rnd, depth + 1));
            nested.put(name(rnd), value(rnd, depth + 1));
            return nested;
        }
        return List.of(value(rnd, depth + 1), Map.of("$date", "not a date"), value(rnd, depth + 1));
    }
}
