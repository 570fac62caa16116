package io.dictdb.csv;

import io.dictdb.Database;
import io.dictdb.FieldType;
import io.dictdb.Record;
import io.dictdb.Schema;
import io.dictdb.Table;
import io.dictdb.TableSpec;
import io.dictdb.core.DictDB;
import io.dictdb.spi.ImageLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.impl.Constraint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;

/**
 * Lists and maps in cells, and decimals at the value rule's limits. The law: any record of values the API accepts,
 * with LIST and MAP columns holding any of them at any depth (instants, dates, decimals, bytes, UUIDs, non-finite
 * doubles, control characters, unpaired surrogates, {@code $} keys), exported then imported with its schema is the
 * same record, value for value and type for type (decimals with their scale). The old untagged JSON that earlier
 * versions wrote in cells still imports as it did.
 */
class CsvNestedValuesPropertyTest {
    private static final int SCALE = Boolean.getBoolean("dictdb.longTests") ? 20 : 1;
    private static final List<Charset> CHARSETS = List.of(StandardCharsets.UTF_8, StandardCharsets.UTF_16,
            StandardCharsets.ISO_8859_1, StandardCharsets.US_ASCII);
    /** Pieces of strings in nested values: every one an ASCII charset can carry once it is JSON-escaped. */
    private static final String[] PIECES = {",", ";", "\"", "'", "\r\n", "\n", "\\", "a", "0", "-", "{", "[", "}",
        "null", "$", "$map", "$instant", "\u0000", "\u001b", "\u007f", "\t", " ", "=1+2", "NaN"};
    /** Key pieces: names may hold no control character; {@code $} names at any place. */
    private static final String[] KEY_PIECES = {"$", "$map", "$instant", "$decimal", "$double", "a", "b", " ", ",",
        "\"", "k"};
    private static final java.util.Set<String> TAGS = java.util.Set.of("$instant", "$date", "$uuid", "$bytes",
            "$decimal", "$double", "$map");
    /** Characters beyond ASCII, for charsets that carry them: unpaired surrogates, pairs, BMP. */
    private static final String[] WIDE_PIECES = {"\uD800", "\uDFFF", "\uDBFF\uDC00x", "\uD83D\uDE00", "\u00e9",
        "\u4e2d", "\u2028", "\uFEFF"};

    @TempDir
    Path dir;

    private final Database db = DictDB.create();

    record Case(List<Map<String, Object>> records, Charset charset, char delimiter) {
        @Override
        public String toString() {
            return "Case[charset=" + charset + ", delimiter=" + delimiter + ", records=" + records + "]";
        }
    }

    @Test
    void anyRecordOfAcceptedValuesComesBackTheSame() {
        AtomicInteger runs = new AtomicInteger();
        qt().withExamples(120 * SCALE).withShrinkCycles(40)
                .forAll(cases())
                .checkAssert(c -> roundTrip(c, runs.incrementAndGet()));
        assertThat(runs.get()).isGreaterThanOrEqualTo(100 * SCALE);
    }

    private void roundTrip(Case c, int run) {
        Schema schema = Schema.builder().field("id", FieldType.LONG).optional("l", FieldType.LIST)
                .optional("m", FieldType.MAP).optional("d", FieldType.DECIMAL).optional("a", FieldType.ANY).build();
        Table original = db.createTable(TableSpec.named("t" + run).schema(schema));
        original.insertAll(c.records());
        Path file = dir.resolve("run" + run + ".csv");
        Csv.exportTable(original, file, CsvExportOptions.defaults().charset(c.charset()).delimiter(c.delimiter()));
        Csv.importTable(db, file, "back" + run, CsvImportOptions.defaults().schema(schema).charset(c.charset())
                .delimiter(c.delimiter()));
        List<Record> expected = original.all();
        List<Record> actual = db.table("back" + run).all();
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            for (String column : List.of("id", "l", "m")) {
                assertExactly(expected.get(i).get(column), actual.get(i).get(column), "record " + i + "." + column);
            }
            // a top-level decimal is plain text: its value comes back, a negative scale as 0
            CsvRoundTripPropertyTest.assertSame(expected.get(i).get("d"), actual.get(i).get("d"), "record " + i + ".d");
        }
        db.dropTable("t" + run);
        db.dropTable("back" + run);
        try {
            Files.delete(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Equal, of the same Java types, decimals with the same scale and doubles bit for bit, all the way down. */
    static void assertExactly(Object expected, Object actual, String where) {
        if (expected instanceof BigDecimal e) {
            assertThat(actual).as(where).isInstanceOf(BigDecimal.class);
            assertThat(((BigDecimal) actual).scale()).as(where + " scale").isEqualTo(e.scale());
            assertThat(((BigDecimal) actual).unscaledValue()).as(where).isEqualTo(e.unscaledValue());
        } else if (expected instanceof Map<?, ?> e) {
            assertThat(actual).as(where).isInstanceOf(Map.class);
            Map<?, ?> a = (Map<?, ?>) actual;
            assertThat(new ArrayList<>(a.keySet())).as(where + " keys").isEqualTo(new ArrayList<>(e.keySet()));
            for (Object k : e.keySet()) {
                assertExactly(e.get(k), a.get(k), where + "." + k);
            }
        } else if (expected instanceof List<?> e) {
            assertThat(actual).as(where).isInstanceOf(List.class);
            List<?> a = (List<?>) actual;
            assertThat(a).as(where + " size").hasSameSizeAs(e);
            for (int i = 0; i < e.size(); i++) {
                assertExactly(e.get(i), a.get(i), where + "[" + i + "]");
            }
        } else {
            CsvRoundTripPropertyTest.assertSame(expected, actual, where);
        }
    }

    @Test
    void decimalsAtTheValueRulesLimitsComeBackAndOneBeyondIsRefusedNamingTheCell() throws IOException {
        int digits = ImageLimits.MAX_DECIMAL_DIGITS;
        int scale = ImageLimits.MAX_DECIMAL_SCALE;
        BigInteger widest = BigInteger.TEN.pow(digits).subtract(BigInteger.ONE); // 10,000 nines
        List<BigDecimal> limits = List.of(new BigDecimal(BigInteger.ONE, scale), new BigDecimal(BigInteger.ONE, -scale),
                new BigDecimal(widest, scale), new BigDecimal(widest.negate(), -scale), new BigDecimal(widest, 0),
                new BigDecimal(BigInteger.valueOf(-7), -(scale - digits)));
        Schema schema = Schema.builder().field("id", FieldType.LONG).field("d", FieldType.DECIMAL)
                .field("l", FieldType.LIST).build();
        Table t = db.createTable(TableSpec.named("limits").schema(schema));
        for (int i = 0; i < limits.size(); i++) {
            t.insert(Record.of("id", (long) i, "d", limits.get(i), "l", List.of(limits.get(i))));
        }
        Path file = dir.resolve("limits.csv");
        Csv.exportTable(t, file);
        Csv.importTable(db, file, "back", CsvImportOptions.defaults().schema(schema));
        Table back = db.table("back");
        for (int i = 0; i < limits.size(); i++) {
            Record r = back.get((long) i).orElseThrow();
            assertThat((BigDecimal) r.get("d")).as("decimal " + i).isEqualByComparingTo(limits.get(i));
            assertExactly(List.of(limits.get(i)), r.get("l"), "list " + i);
        }
        // inferred, a column holding them is DECIMAL (a double cannot hold them) and they come back too
        Csv.importTable(db, file, "inferred", CsvImportOptions.defaults());
        assertThat(db.table("inferred").get(1L).orElseThrow().get("d")).isInstanceOf(BigDecimal.class);

        for (String beyond : List.of("1E+" + (scale + 1), "1E-" + (scale + 1), "1" + "0".repeat(digits),
                "0." + "0".repeat(scale) + "1", "1E+99999999999")) {
            Path bad = dir.resolve("bad.csv");
            Files.writeString(bad, "id,d\n1,2\n2," + beyond + "\n");
            for (CsvImportOptions options : List.of(CsvImportOptions.defaults().schema(Map.of("id", "long",
                    "d", "decimal")), CsvImportOptions.defaults().decimals(FieldType.DECIMAL))) {
                assertThatThrownBy(() -> Csv.importTable(db, bad, "bad", options))
                        .as(beyond.length() > 40 ? beyond.substring(0, 40) : beyond)
                        .isInstanceOfSatisfying(CsvException.class, e -> {
                            assertThat(e.file()).isEqualTo(bad);
                            assertThat(e.line()).isEqualTo(3);
                            assertThat(e.column()).isEqualTo("d");
                            assertThat(e.getMessage()).contains("bad.csv").contains("line 3").contains("'d'")
                                    .containsPattern("ImageLimits\\.MAX_DECIMAL_(SCALE|DIGITS)|longer than any");
                        });
                assertThat(db.hasTable("bad")).isFalse();
            }
        }
    }

    @Test
    void oldUntaggedCellsImportAsTheyDid() throws IOException {
        // as versions before tags wrote them: instants and bytes as strings, decimals as numbers, bare NaN
        String list = "[1,\"2024-01-01T00:00:00Z\",\"AQID\",1.50,NaN,-Infinity,-0.0,123456789012345678901234567890,"
                + "{\"$type\":\"x\",\"n\":null}]";
        String map = "{\"$kind\":[true,false],\"b\":{}}";
        Path file = dir.resolve("old.csv");
        Files.writeString(file, "id,l,m\n1,\"" + list.replace("\"", "\"\"") + "\",\"" + map.replace("\"", "\"\"")
                + "\"\n");
        Schema schema = Schema.builder().field("id", FieldType.LONG).field("l", FieldType.LIST)
                .field("m", FieldType.MAP).build();
        Csv.importTable(db, file, "old", CsvImportOptions.defaults().schema(schema));
        Record r = db.table("old").get(1L).orElseThrow();
        Map<String, Object> dollar = new LinkedHashMap<>();
        dollar.put("$type", "x");
        dollar.put("n", null);
        assertExactly(Arrays.asList(1L, "2024-01-01T00:00:00Z", "AQID", 1.5, Double.NaN, Double.NEGATIVE_INFINITY,
                -0.0, new BigDecimal("123456789012345678901234567890"), dollar), r.get("l"), "l");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("$kind", List.of(true, false));
        m.put("b", Map.of());
        assertExactly(m, r.get("m"), "m");
    }

    @Test
    void anyJsonNativeValueWrittenUntaggedImportsAsItWas() {
        AtomicInteger runs = new AtomicInteger();
        Schema schema = Schema.builder().field("id", FieldType.LONG).field("l", FieldType.LIST).build();
        qt().withExamples(100 * SCALE).withShrinkCycles(40)
                .forAll(((Gen<List<Object>>) in -> new Draw(in).plainList(3)).describedAs(Object::toString))
                .checkAssert(list -> {
                    int run = runs.incrementAndGet();
                    Path file = dir.resolve("plain" + run + ".csv");
                    String cell = UntaggedJson.write(list);
                    try {
                        Files.writeString(file, "id,l\n1,\"" + cell.replace("\"", "\"\"") + "\"\n");
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    Csv.importTable(db, file, "plain" + run, CsvImportOptions.defaults().schema(schema));
                    assertExactly(list, db.table("plain" + run).get(1L).orElseThrow().get("l"), cell);
                    db.dropTable("plain" + run);
                });
    }

    private static Gen<Case> cases() {
        Gen<Case> gen = in -> {
            Draw d = new Draw(in);
            Charset charset = CHARSETS.get(d.between(0, CHARSETS.size() - 1));
            d.wide = charset == StandardCharsets.UTF_8 || charset == StandardCharsets.UTF_16;
            List<Map<String, Object>> records = new ArrayList<>();
            int rows = d.between(1, 6);
            for (int r = 0; r < rows; r++) {
                Map<String, Object> rec = new LinkedHashMap<>();
                rec.put("id", (long) r);
                rec.put("l", d.percent(10) ? null : d.list(3));
                rec.put("m", d.percent(10) ? null : d.map(3));
                rec.put("d", d.percent(10) ? null : d.decimal());
                rec.put("a", d.percent(50) ? null : (long) d.between(-5, 5));
                records.add(rec);
            }
            return new Case(records, charset, d.percent(50) ? ',' : ';');
        };
        return gen.describedAs(Case::toString);
    }

    /** Draws values from QuickTheories' randomness, so QuickTheories owns the seed and shrinks. */
    private static final class Draw {
        private final RandomnessSource in;
        boolean wide;

        Draw(RandomnessSource in) {
            this.in = in;
        }

        int between(int lo, int hi) {
            return (int) in.next(Constraint.between(lo, hi));
        }

        boolean percent(int p) {
            return between(0, 99) < p;
        }

        long anyLong() {
            return ((long) between(Integer.MIN_VALUE, Integer.MAX_VALUE) << 32)
                    ^ (between(Integer.MIN_VALUE, Integer.MAX_VALUE) & 0xFFFF_FFFFL);
        }

        String text(String[] pieces, int max) {
            StringBuilder sb = new StringBuilder();
            int n = between(0, max);
            for (int i = 0; i < n; i++) {
                sb.append(wide && percent(25) ? WIDE_PIECES[between(0, WIDE_PIECES.length - 1)]
                        : pieces[between(0, pieces.length - 1)]);
            }
            return sb.toString();
        }

        String key() {
            boolean w = wide;
            wide = false; // names are well-formed UTF-16: no unpaired surrogate, and ASCII keeps it simple
            String k = text(KEY_PIECES, 3);
            wide = w;
            return k.isEmpty() ? "k" : k;
        }

        double doubleValue() {
            return switch (between(0, 6)) {
                case 0 -> Double.NaN;
                case 1 -> percent(50) ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
                case 2 -> percent(50) ? -0.0 : 0.0;
                case 3 -> percent(50) ? Double.MIN_VALUE : -Double.MAX_VALUE;
                case 4 -> between(-1000, 1000) / 8.0;
                default -> Double.longBitsToDouble(anyLong());
            };
        }

        BigDecimal decimal() {
            int maxScale = ImageLimits.MAX_DECIMAL_SCALE;
            BigInteger unscaled = percent(80) ? BigInteger.valueOf(anyLong())
                    : BigInteger.TEN.pow(between(19, ImageLimits.MAX_DECIMAL_DIGITS)).subtract(BigInteger.ONE);
            int scale = percent(70) ? between(-30, 30) : percent(50) ? between(-maxScale, maxScale)
                    : (percent(50) ? maxScale : -maxScale);
            return new BigDecimal(percent(50) ? unscaled : unscaled.negate(), scale);
        }

        Object scalar() {
            return switch (between(0, 11)) {
                case 0 -> null;
                case 1 -> percent(50);
                case 2 -> percent(30) ? (percent(50) ? Long.MIN_VALUE : Long.MAX_VALUE) : anyLong();
                case 3 -> doubleValue();
                case 4, 5 -> text(PIECES, 5);
                case 6 -> decimal();
                case 7 -> Instant.ofEpochSecond(percent(80) ? anyLong() % 100_000_000_000L
                        : (percent(50) ? Instant.MIN : Instant.MAX).getEpochSecond(), between(0, 999_999_999));
                case 8 -> LocalDate.ofEpochDay(percent(80) ? between(-800_000, 3_000_000)
                        : (percent(50) ? LocalDate.MIN : LocalDate.MAX).toEpochDay());
                case 9 -> new UUID(anyLong(), anyLong());
                default -> {
                    byte[] b = new byte[between(0, 12)];
                    for (int i = 0; i < b.length; i++) {
                        b[i] = (byte) between(-128, 127);
                    }
                    yield b;
                }
            };
        }

        Object nested(int depth) {
            int pick = between(0, depth > 0 ? 5 : 3);
            return pick == 4 ? list(depth - 1) : pick == 5 ? map(depth - 1) : scalar();
        }

        List<Object> list(int depth) {
            List<Object> l = new ArrayList<>();
            int n = between(0, 4);
            for (int i = 0; i < n; i++) {
                l.add(nested(depth));
            }
            return l;
        }

        Map<String, Object> map(int depth) {
            Map<String, Object> m = new LinkedHashMap<>();
            int n = between(0, 4);
            for (int i = 0; i < n; i++) {
                m.put(key(), nested(depth));
            }
            return m;
        }

        /** What the untagged form held: JSON's own types, doubles included, and maps with any keys. */
        Object plain(int depth) {
            return switch (between(0, depth > 0 ? 6 : 4)) {
                case 0 -> null;
                case 1 -> percent(50);
                case 2 -> percent(30) ? (percent(50) ? Long.MIN_VALUE : Long.MAX_VALUE) : anyLong();
                case 3 -> doubleValue();
                case 4 -> text(PIECES, 5);
                case 5 -> plainList(depth - 1);
                default -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    int n = between(0, 3);
                    for (int i = 0; i < n; i++) {
                        String k = key();
                        // a map whose first key is a tag's name is the one untagged text that now reads tagged
                        m.put(TAGS.contains(k) ? "k" + k : k, plain(depth - 1));
                    }
                    yield m;
                }
            };
        }

        List<Object> plainList(int depth) {
            List<Object> l = new ArrayList<>();
            int n = between(0, 4);
            for (int i = 0; i < n; i++) {
                l.add(plain(depth));
            }
            return l;
        }
    }

    /** The untagged JSON earlier versions wrote in cells, as they wrote it (bare NaN and infinities, raw keys). */
    static final class UntaggedJson {
        private UntaggedJson() {
        }

        static String write(Object v) {
            StringBuilder sb = new StringBuilder();
            write(sb, v);
            return sb.toString();
        }

        private static void write(StringBuilder sb, Object v) {
            if (v == null || v instanceof Boolean || v instanceof Long) {
                sb.append(v);
            } else if (v instanceof Double d) {
                sb.append(d.isNaN() ? "NaN" : d.isInfinite() ? (d > 0 ? "Infinity" : "-Infinity") : d.toString());
            } else if (v instanceof String s) {
                string(sb, s);
            } else if (v instanceof byte[] b) {
                string(sb, Base64.getEncoder().encodeToString(b));
            } else if (v instanceof List<?> list) {
                sb.append('[');
                for (int i = 0; i < list.size(); i++) {
                    sb.append(i > 0 ? "," : "");
                    write(sb, list.get(i));
                }
                sb.append(']');
            } else if (v instanceof Map<?, ?> map) {
                sb.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    sb.append(first ? "" : ",");
                    first = false;
                    string(sb, (String) e.getKey());
                    sb.append(':');
                    write(sb, e.getValue());
                }
                sb.append('}');
            } else {
                string(sb, v.toString());
            }
        }

        private static void string(StringBuilder sb, String s) {
            sb.append('"');
            for (char c : s.toCharArray()) {
                switch (c) {
                    case '"' -> sb.append("\\\"");
                    case '\\' -> sb.append("\\\\");
                    case '\n' -> sb.append("\\n");
                    case '\r' -> sb.append("\\r");
                    case '\t' -> sb.append("\\t");
                    default -> sb.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
                }
            }
            sb.append('"');
        }
    }
}
