package io.dictdb.csv;

import io.dictdb.Database;
import io.dictdb.FieldType;
import io.dictdb.Record;
import io.dictdb.Schema;
import io.dictdb.Table;
import io.dictdb.TableSpec;
import io.dictdb.core.DictDB;
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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

/**
 * The law: a table exported and imported again with the same options and its schema is the same table, value for
 * value and type for type. Tables hold every CSV-representable type, with the delimiter, quotes, CR, LF, control
 * characters, leading formula characters and unicode (surrogate pairs included) inside values, and keys at both ends
 * of the long range, under random delimiters, quotes, header and charset.
 */
class CsvRoundTripPropertyTest {
    private static final int SCALE = Boolean.getBoolean("dictdb.longTests") ? 20 : 1;
    private static final List<FieldType> TYPES = List.of(FieldType.BOOLEAN, FieldType.LONG, FieldType.DOUBLE,
            FieldType.DECIMAL, FieldType.STRING, FieldType.INSTANT, FieldType.DATE, FieldType.UUID, FieldType.BYTES,
            FieldType.LIST, FieldType.MAP);
    private static final List<FieldType> KEY_TYPES = List.of(FieldType.LONG, FieldType.STRING, FieldType.UUID);
    private static final char[] DELIMITERS = {',', ';', '\t', '|', ' '};
    private static final char[] QUOTES = {'"', '\''};
    private static final List<Charset> CHARSETS = List.of(StandardCharsets.UTF_8, StandardCharsets.UTF_16,
            StandardCharsets.UTF_16LE);
    /** Characters that stress quoting and encoding: separators, quotes, line ends, BMP and astral unicode. */
    private static final String[] PIECES = {",", ";", "\t", "|", " ", "\"", "'", "\"\"", "\r", "\n", "\r\n", "a",
        "Z", "0", "9", "-", ".", "e", "#", "\\", "{", "[", "null", "true", "\u00e9", "\u00df", "\u4e2d", "\u0634",
        "\uD83D\uDE00", "\uD834\uDD1E", "\uFEFF", "\u0000", "\u2028", "NaN", "01", " x ", "=", "+", "@",
        "=1+2", "\u001b[31m", "\u007f", "\u0085", "\u202e"};

    @TempDir
    Path dir;

    /** One generated case: the table's shape and records and the CSV options. */
    record Case(String pk, FieldType keyType, Map<String, FieldType> fields, Set<String> optional,
                List<Map<String, Object>> records, char delimiter, char quote, boolean header, Charset charset) {
        Schema schema() {
            Schema.Builder b = Schema.builder().field(pk, keyType);
            fields.forEach((f, t) -> {
                if (optional.contains(f)) {
                    b.optional(f, t);
                } else {
                    b.field(f, t);
                }
            });
            return b.build();
        }

        @Override
        public String toString() {
            return "Case[schema=" + schema() + ", delimiter=" + (int) delimiter + ", quote=" + quote + ", header="
                    + header + ", charset=" + charset + ", records=" + records.size() + ": " + records + "]";
        }
    }

    @Test
    void exportThenImportWithTheSchemaGivesTheSameTable() {
        AtomicInteger runs = new AtomicInteger();
        Set<FieldType> typesSeen = new HashSet<>();
        qt().withExamples(150 * SCALE).withShrinkCycles(50)
                .forAll(cases())
                .checkAssert(c -> {
                    roundTrip(c, runs.incrementAndGet());
                    typesSeen.addAll(c.fields().values());
                });
        assertThat(runs.get()).isGreaterThanOrEqualTo(140 * SCALE);
        assertThat(typesSeen).containsAll(TYPES);
    }

    private void roundTrip(Case c, int run) {
        Database db = DictDB.create();
        Table original = db.createTable(TableSpec.named("t").primaryKey(c.pk()).schema(c.schema()));
        original.insertAll(c.records());
        Path file = dir.resolve("run" + run + ".csv");
        List<String> columns = new ArrayList<>();
        columns.add(c.pk());
        columns.addAll(c.fields().keySet());
        long written = Csv.exportTable(original, file, CsvExportOptions.defaults().delimiter(c.delimiter())
                .quote(c.quote()).header(c.header()).charset(c.charset()));
        assertThat(written).isEqualTo(c.records().size());

        CsvImportOptions in = CsvImportOptions.defaults().primaryKey(c.pk()).schema(c.schema())
                .delimiter(c.delimiter()).quote(c.quote()).header(c.header()).charset(c.charset())
                .batchSize(1 + run % 5);
        if (!c.header()) {
            in = in.columns(columns.toArray(new String[0]));
        }
        long read = Csv.importTable(db, file, "back", in);
        Table back = db.table("back");
        assertThat(read).isEqualTo(c.records().size());
        assertThat(back.schema()).isEqualTo(original.schema());
        List<Record> expected = original.all();
        List<Record> actual = back.all();
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertSame(expected.get(i), actual.get(i), "record " + i);
        }
        try {
            Files.delete(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Equal and of the same Java types all the way down: Values.equal alone would take 1 for 1.0. */
    static void assertSame(Object expected, Object actual, String where) {
        if (expected == null || actual == null) {
            assertThat(actual).as(where).isEqualTo(expected);
            return;
        }
        if (expected instanceof Map<?, ?> e) {
            assertThat(actual).as(where).isInstanceOf(Map.class);
            Map<?, ?> a = (Map<?, ?>) actual;
            assertThat(new ArrayList<>(a.keySet())).as(where + " keys").isEqualTo(new ArrayList<>(e.keySet()));
            for (Object k : e.keySet()) {
                assertSame(e.get(k), a.get(k), where + "." + k);
            }
        } else if (expected instanceof List<?> e) {
            assertThat(actual).as(where).isInstanceOf(List.class);
            List<?> a = (List<?>) actual;
            assertThat(a).as(where + " size").hasSameSizeAs(e);
            for (int i = 0; i < e.size(); i++) {
                assertSame(e.get(i), a.get(i), where + "[" + i + "]");
            }
        } else if (expected instanceof byte[] e) {
            assertThat(actual).as(where).isInstanceOf(byte[].class);
            assertThat((byte[]) actual).as(where).isEqualTo(e);
        } else if (expected instanceof BigDecimal e) {
            assertThat(actual).as(where).isInstanceOf(BigDecimal.class);
            assertThat((BigDecimal) actual).as(where).isEqualByComparingTo(e);
        } else if (expected instanceof Double e) {
            assertThat(actual).as(where).isInstanceOf(Double.class);
            // Double.equals tells -0.0 from 0.0 and takes every NaN for one (text has no NaN payloads)
            assertThat(Double.doubleToLongBits((Double) actual)).as(where + " = " + actual + " vs " + e)
                    .isEqualTo(Double.doubleToLongBits(e));
        } else {
            assertThat(actual).as(where).isInstanceOf(expected.getClass()).isEqualTo(expected);
        }
    }

    private static Gen<Case> cases() {
        Gen<Case> gen = in -> new CaseDraw(in).draw();
        return gen.describedAs(Case::toString);
    }

    /** Draws one case from QuickTheories' randomness, so QuickTheories owns the seed. */
    private static final class CaseDraw {
        private final RandomnessSource in;

        CaseDraw(RandomnessSource in) {
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

        Case draw() {
            String pk = percent(70) ? "id" : "key " + name(3);
            if (pk.isEmpty()) {
                pk = "k";
            }
            FieldType keyType = KEY_TYPES.get(between(0, KEY_TYPES.size() - 1));
            Map<String, FieldType> fields = new LinkedHashMap<>();
            Set<String> optional = new HashSet<>();
            int n = between(0, 7);
            for (int i = 0; i < n; i++) {
                String name = percent(50) ? "f" + i : "f" + i + name(4);
                fields.put(name, TYPES.get(between(0, TYPES.size() - 1)));
                if (percent(50)) {
                    optional.add(name);
                }
            }
            int rows = percent(10) ? 0 : between(1, 25);
            List<Map<String, Object>> records = new ArrayList<>();
            Set<Object> keys = new HashSet<>();
            for (int r = 0; r < rows; r++) {
                Map<String, Object> rec = new LinkedHashMap<>();
                Object key = key(keyType);
                if (!keys.add(key instanceof byte[] ? null : key)) {
                    continue;
                }
                rec.put(pk, key);
                for (Map.Entry<String, FieldType> f : fields.entrySet()) {
                    boolean nullable = optional.contains(f.getKey());
                    rec.put(f.getKey(), nullable && percent(15) ? null : value(f.getValue()));
                }
                records.add(rec);
            }
            char delimiter = DELIMITERS[between(0, DELIMITERS.length - 1)];
            char quote = QUOTES[between(0, QUOTES.length - 1)];
            return new Case(pk, keyType, fields, optional, records, delimiter, quote, percent(70),
                    CHARSETS.get(between(0, CHARSETS.size() - 1)));
        }

        Object key(FieldType type) {
            return switch (type) {
                case LONG -> percent(50) ? (long) between(-5, 1000)
                        : percent(20) ? (percent(50) ? Long.MAX_VALUE : Long.MIN_VALUE) : anyLong();
                case STRING -> string(6);
                default -> new UUID(anyLong(), anyLong());
            };
        }

        /** A field name: the pieces without control characters, which the database refuses in names. */
        String name(int maxPieces) {
            StringBuilder sb = new StringBuilder();
            int n = between(0, maxPieces);
            for (int i = 0; i < n; i++) {
                String piece = PIECES[between(0, PIECES.length - 1)];
                if (piece.chars().noneMatch(Character::isISOControl)) {
                    sb.append(piece);
                }
            }
            return sb.toString();
        }

        String string(int maxPieces) {
            StringBuilder sb = new StringBuilder();
            int n = between(0, maxPieces);
            for (int i = 0; i < n; i++) {
                sb.append(PIECES[between(0, PIECES.length - 1)]);
            }
            return sb.toString();
        }

        Object value(FieldType type) {
            return switch (type) {
                case BOOLEAN -> percent(50);
                case LONG -> percent(30) ? (long) between(-10, 10)
                        : percent(20) ? (percent(50) ? Long.MAX_VALUE : Long.MIN_VALUE) : anyLong();
                case DOUBLE -> doubleValue();
                case DECIMAL -> new BigDecimal(BigInteger.valueOf(anyLong()).multiply(BigInteger.valueOf(
                        between(1, Integer.MAX_VALUE))), between(-30, 30));
                case STRING -> string(8);
                case INSTANT -> Instant.ofEpochSecond(percent(90) ? between(-2_000_000_000, 2_000_000_000) * 60L
                        : (percent(50) ? Instant.MIN : Instant.MAX).getEpochSecond(), between(0, 999_999_999));
                case DATE -> LocalDate.ofEpochDay(percent(90) ? between(-800_000, 3_000_000)
                        : (percent(50) ? LocalDate.MIN : LocalDate.MAX).toEpochDay());
                case UUID -> new UUID(anyLong(), anyLong());
                case BYTES -> {
                    byte[] b = new byte[between(0, 20)];
                    for (int i = 0; i < b.length; i++) {
                        b[i] = (byte) between(-128, 127);
                    }
                    yield b;
                }
                case LIST -> list(between(0, 2));
                case MAP -> map(between(0, 2));
                default -> throw new IllegalStateException(type.name());
            };
        }

        double doubleValue() {
            return switch (between(0, 6)) {
                case 0 -> Double.NaN;
                case 1 -> percent(50) ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
                case 2 -> percent(50) ? -0.0 : 0.0;
                case 3 -> percent(50) ? Double.MIN_VALUE : Double.MAX_VALUE;
                case 4 -> between(-1000, 1000);
                default -> Double.longBitsToDouble(anyLong());
            };
        }

        /** JSON-native values here; CsvNestedValuesPropertyTest puts every accepted value in lists and maps. */
        Object nested(int depth) {
            return switch (between(0, depth > 0 ? 7 : 5)) {
                case 0 -> null;
                case 1 -> percent(50);
                case 2 -> anyLong();
                case 3 -> doubleValue();
                case 4, 5 -> string(5);
                case 6 -> list(depth - 1);
                default -> map(depth - 1);
            };
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
                String key = name(3);
                m.put(key.isEmpty() ? "k" : key, nested(depth));
            }
            return m;
        }
    }
}
