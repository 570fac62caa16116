package io.dictdb.codec.tck;

import io.dictdb.FieldType;
import io.dictdb.IndexType;
import io.dictdb.Record;
import io.dictdb.Schema;
import io.dictdb.Values;
import io.dictdb.query.Condition;
import io.dictdb.spi.Change;
import io.dictdb.spi.CommitRange;
import io.dictdb.spi.ImageHeader;
import io.dictdb.spi.ImageKind;
import io.dictdb.spi.IndexDefinition;
import io.dictdb.spi.TableDefinition;
import io.dictdb.spi.TableState;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Random images for the kit, built from a seed so a failure can be replayed: every canonical type, edge values
 * ({@code -0.0}, NaN, infinities, extreme longs, dates and instants, decimals with negative scale), strings with
 * surrogate pairs, quotes, control characters and {@code $}-names, nested lists and maps, empty tables, schemas,
 * indexes of every kind (plain, composite, unique, partial with random conditions, elements), every change kind, a delta's commits, and headers with and without a database id. Names follow the API's rule for names; {@link EdgeRecords} draws closer to
 * each limit.
 */
public final class RandomImages {

    /** Double edge values. */
    static final double[] DOUBLES = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
        Double.MIN_VALUE, -Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_NORMAL, 1.0, -1.5, 0.1,
        1e20, 1e-300, 5.0, 9007199254740993.0};

    /** Long edge values. */
    static final long[] LONGS = {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE, Integer.MIN_VALUE, Integer.MAX_VALUE,
        9007199254740993L, -9007199254740993L};

    /** Tricky strings. */
    static final String[] STRINGS = {"", " ", "a", "Zoë", "日本語", "\uD83D\uDE00 smile", "\uD834\uDD1E clef",
        "quote \" backslash \\ slash /", "tab\tnewline\ncr\r", "\u0000nul", "\u007f\u0080\u00ff", "$", "$instant",
        "$map", "$$", "{\"json\": [1]}", "null", "true", "1.5", "-0.0", "NaN", "\u2028\u2029", "\uFEFFbom"};

    /**
     * The tricky strings that are also valid names (see {@code ImageLimits}): without control characters. Names
     * are drawn from these.
     */
    static final String[] NAMES = java.util.Arrays.stream(STRINGS)
            .filter(s -> s.chars().noneMatch(Character::isISOControl)).toArray(String[]::new);

    /**
     * Strings with unpaired surrogates: valid Java strings, used as values (the API refuses them in names, since
     * JSON and CBOR cannot carry them in a name).
     */
    static final String[] UNPAIRED = {"lone \uD800 high", "lone \uDC00 low", "\uDBFF", "reversed \uDC00\uD800 pair"};

    private final Random random;
    private long sequence;

    /**
     * A generator seeded with {@code seed}.
     *
     * @param seed the seed
     */
    public RandomImages(long seed) {
        this.random = new Random(seed);
    }

    /**
     * One value of every canonical type and every edge value, each in its own field.
     *
     * @return the record
     */
    public static Record everyEdgeValue() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", 1L);
        for (int i = 0; i < DOUBLES.length; i++) {
            m.put("double" + i, DOUBLES[i]);
        }
        for (int i = 0; i < LONGS.length; i++) {
            m.put("long" + i, LONGS[i]);
        }
        for (int i = 0; i < STRINGS.length; i++) {
            m.put("string" + i, STRINGS[i]);
        }
        for (int i = 0; i < UNPAIRED.length; i++) {
            m.put("unpaired" + i, UNPAIRED[i]);
        }
        m.put("true", true);
        m.put("false", false);
        m.put("null", null);
        m.put("decimal", new BigDecimal("1.50"));
        m.put("decimalZeroScaled", new BigDecimal("0.000"));
        m.put("decimalNegativeScale", new BigDecimal("1E+10"));
        m.put("decimalHuge", new BigDecimal(BigInteger.TEN.pow(300).negate(), 200));
        m.put("instant", Instant.parse("2024-02-29T12:34:56.123456789Z"));
        m.put("instantEpoch", Instant.EPOCH);
        m.put("instantMin", Instant.MIN);
        m.put("instantMax", Instant.MAX);
        m.put("date", LocalDate.of(2024, 2, 29));
        m.put("dateMin", LocalDate.MIN);
        m.put("dateMax", LocalDate.MAX);
        m.put("uuid", UUID.fromString("123e4567-e89b-12d3-a456-426614174000"));
        m.put("uuidZero", new UUID(0, 0));
        m.put("bytes", new byte[] {0, 1, -1, 127, -128});
        m.put("bytesEmpty", new byte[0]);
        m.put("listEmpty", List.of());
        m.put("mapEmpty", Map.of());
        m.put("mapWithTagNames", map("$instant", "not a tag", "$map", 1L));
        m.put("mapDollarSecond", map("a", 1L, "$b", 2L));
        m.put("nested", List.of(List.of(List.of()), map("k", List.of(1L, "x", map("deep", -0.0)))));
        m.put("unicode \uD83D\uDE00 field \" name", "value");
        return Record.of(m);
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    /**
     * A random full image.
     *
     * @return the image
     */
    public Image fullImage() {
        int tableCount = random.nextInt(4);
        List<Image.Table> tables = new ArrayList<>();
        List<TableState> states = new ArrayList<>();
        for (int t = 0; t < tableCount; t++) {
            TableDefinition d = definition("t" + t + name());
            int records = random.nextInt(4) == 0 ? 0 : random.nextInt(20);
            List<Record> list = new ArrayList<>();
            for (int i = 0; i < records; i++) {
                list.add(record(d.primaryKey(), i));
            }
            tables.add(new Image.Table(d, list));
            states.add(new TableState(d.name(), 1 + random.nextInt(1000)));
        }
        long last = random.nextInt(3) == 0 ? 0 : random.nextLong() & 0xFFFF_FFFFL;
        ImageHeader h = new ImageHeader(ImageHeader.FORMAT_VERSION, ImageKind.FULL, 1, last, id(), null, instant(),
                databaseId());
        return new Image(h, tables, List.of(), states);
    }

    /**
     * A random delta holding every kind of change.
     *
     * @return the image
     */
    public Image delta() {
        long first = 1 + (random.nextLong() & 0xFFFF_FFFL);
        sequence = first - 1;
        List<Change> changes = new ArrayList<>();
        int n = random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(30);
        for (int i = 0; i < n; i++) {
            changes.add(change(i < 6 ? i : random.nextInt(6)));
        }
        List<TableState> states = new ArrayList<>();
        for (int i = random.nextInt(3); i > 0; i--) {
            states.add(new TableState("t" + i + name(), 1 + (random.nextLong() & Long.MAX_VALUE >>> 1)));
        }
        ImageHeader h = new ImageHeader(ImageHeader.FORMAT_VERSION, ImageKind.DELTA, first, sequence,
                random.nextBoolean() ? id() : null, random.nextBoolean() ? id() : null, instant(), databaseId());
        // drawn last, so a seed gives the same changes as before deltas carried commits
        return new Image(h, List.of(), changes, states, commits(first, sequence));
    }

    /**
     * Random commits of a delta covering {@code first..last}: none, a few, as many as fit (every pair of
     * neighbours), or one spanning the whole range, with and without gaps, so that ranges touch the bounds.
     *
     * @param first the delta's first sequence number
     * @param last the delta's last sequence number
     * @return ranges in increasing order, not overlapping, inside {@code first..last}
     */
    public List<CommitRange> commits(long first, long last) {
        List<CommitRange> commits = new ArrayList<>();
        if (last <= first) {
            return commits;
        }
        switch (random.nextInt(5)) {
            case 0 -> {
                // none
            }
            case 1 -> commits.add(new CommitRange(first, last));
            case 2 -> {
                for (long s = first; s + 1 <= last; s += 2) {
                    commits.add(new CommitRange(s, s + 1));
                }
            }
            default -> {
                long s = first + (random.nextBoolean() ? 0 : random.nextInt(3));
                while (true) {
                    long e = s + 1 + random.nextInt(random.nextBoolean() ? 2 : 8);
                    if (e > last) {
                        if (s < last && random.nextBoolean()) {
                            commits.add(new CommitRange(s, last));
                        }
                        break;
                    }
                    commits.add(new CommitRange(s, e));
                    s = e + 1 + random.nextInt(3);
                }
            }
        }
        return commits;
    }

    private Change change(int kind) {
        long seq = ++sequence;
        String table = "t" + name();
        return switch (kind) {
            case 0 -> new Change.Upsert(seq, table, record("id", seq));
            case 1 -> new Change.Delete(seq, table, key());
            case 2 -> new Change.CreateTable(seq, definition(table));
            case 3 -> new Change.DropTable(seq, table);
            case 4 -> new Change.CreateIndex(seq, table, index("x"));
            default -> new Change.DropIndex(seq, table, "x" + name());
        };
    }

    /** A primary key: mostly longs, strings and UUIDs, sometimes a value of any other type (bytes, lists, ...). */
    private Object key() {
        return switch (random.nextInt(5)) {
            case 0 -> LONGS[random.nextInt(LONGS.length)];
            case 1 -> random.nextBoolean() ? string() : UNPAIRED[random.nextInt(UNPAIRED.length)];
            case 2 -> new UUID(random.nextLong(), random.nextLong());
            case 3 -> random.nextLong();
            default -> {
                Object v = value(1);
                yield v == null ? random.nextLong() : Values.canonical("key", v);
            }
        };
    }

    private IndexType indexType() {
        IndexType[] all = IndexType.values();
        return all[random.nextInt(all.length)];
    }

    /**
     * An index of any kind: plain (one field and a type, all that images held before index specs), composite,
     * unique, partial (with a random condition), elements.
     */
    private IndexDefinition index(String prefix) {
        IndexType type = indexType();
        if (random.nextInt(3) == 0) {
            return new IndexDefinition(prefix + name(), type);
        }
        int n = type == IndexType.ELEMENTS ? 1 : 1 + random.nextInt(3);
        List<String> fields = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            fields.add(prefix + "/" + i + name()); // distinct: they differ right after the slash
        }
        boolean unique = type != IndexType.ELEMENTS && random.nextBoolean();
        return new IndexDefinition(fields, type, unique, random.nextInt(3) == 0 ? null : condition(0));
    }

    /** Regular expressions a stored condition may hold. */
    private static final String[] PATTERNS = {"^a.*z$", "[\\p{L}&&[^a]]+", "(?<year>\\d{4})-\\k<year>", "\"\\$", ""};

    /**
     * A random condition of every kind that can be stored, nested up to a few levels, holding random values of
     * every type.
     *
     * @param depth how deep this condition is
     * @return the condition
     */
    public Condition condition(int depth) {
        String f = "c" + name();
        return switch (random.nextInt(depth >= 3 ? 9 : 12)) {
            case 0 -> new Condition.Compare(f, Condition.Op.values()[random.nextInt(Condition.Op.values().length)],
                    value(1));
            case 1 -> new Condition.In(f, values(random.nextInt(4), true), random.nextBoolean());
            case 2 -> new Condition.Between(f, value(1), value(1));
            case 3 -> new Condition.Text(f, Condition.TextOp.values()[random.nextInt(Condition.TextOp.values().length)],
                    string());
            case 4 -> new Condition.IsNull(f, random.nextBoolean());
            case 5 -> new Condition.Regex(f, Pattern.compile(PATTERNS[random.nextInt(PATTERNS.length)],
                    random.nextBoolean() ? 0 : Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.COMMENTS));
            case 6 -> new Condition.Has(f, values(1 + random.nextInt(3), false), random.nextBoolean());
            case 7 -> new Condition.All();
            case 8 -> new Condition.Compare(f, Condition.Op.EQ, random.nextBoolean() ? Boolean.FALSE
                    : DOUBLES[random.nextInt(DOUBLES.length)]);
            case 9 -> new Condition.And(parts(depth));
            case 10 -> new Condition.Or(parts(depth));
            default -> new Condition.Not(condition(depth + 1));
        };
    }

    private List<Condition> parts(int depth) {
        List<Condition> parts = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            parts.add(condition(depth + 1));
        }
        return parts;
    }

    private List<Object> values(int n, boolean nulls) {
        List<Object> out = new ArrayList<>();
        while (out.size() < n) {
            Object v = value(1);
            if (v != null || nulls) {
                out.add(v);
            }
        }
        return out;
    }

    private TableDefinition definition(String name) {
        String pk = random.nextInt(3) == 0 ? "key " + name() : "id";
        Schema schema = null;
        if (random.nextBoolean()) {
            Schema.Builder b = Schema.builder();
            FieldType[] types = FieldType.values();
            int fields = random.nextInt(6);
            b.field(pk, FieldType.LONG);
            for (int i = 0; i < fields; i++) {
                String f = "f" + i + name();
                if (random.nextBoolean()) {
                    b.optional(f, types[random.nextInt(types.length)]);
                } else {
                    b.field(f, types[random.nextInt(types.length)]);
                }
            }
            schema = b.build();
        }
        List<IndexDefinition> indexes = new ArrayList<>();
        for (int i = random.nextInt(3); i > 0; i--) {
            indexes.add(index("x" + i));
        }
        return new TableDefinition(name, pk, schema, indexes);
    }

    private Record record(String pk, long key) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(pk, key);
        int fields = random.nextInt(8);
        for (int i = 0; i < fields; i++) {
            m.put("f" + i + name(), value(0));
        }
        return Record.of(m);
    }

    private String name() {
        return random.nextInt(4) == 0 ? NAMES[random.nextInt(NAMES.length)] : "";
    }

    private String id() {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    /** No database id (an image written before ids existed) or a random one. */
    private String databaseId() {
        return random.nextBoolean() ? null : id();
    }

    private Instant instant() {
        return switch (random.nextInt(5)) {
            case 0 -> Instant.EPOCH;
            case 1 -> Instant.ofEpochSecond(random.nextInt(), random.nextInt(1_000_000_000));
            default -> Instant.ofEpochSecond(1_700_000_000L + random.nextInt(100_000_000),
                    random.nextInt(1_000_000_000));
        };
    }

    private String string() {
        if (random.nextInt(3) == 0) {
            return STRINGS[random.nextInt(STRINGS.length)];
        }
        if (random.nextInt(20) == 0) {
            return UNPAIRED[random.nextInt(UNPAIRED.length)];
        }
        StringBuilder sb = new StringBuilder();
        int n = random.nextInt(12);
        for (int i = 0; i < n; i++) {
            int kind = random.nextInt(10);
            int cp;
            if (kind < 5) {
                cp = 0x20 + random.nextInt(0x5f);
            } else if (kind < 7) {
                cp = random.nextInt(0x20);
            } else if (kind < 9) {
                cp = 0x80 + random.nextInt(0xD800 - 0x80);
            } else {
                cp = 0x10000 + random.nextInt(0x10FFFF - 0x10000); // a surrogate pair
            }
            sb.appendCodePoint(cp);
        }
        return sb.toString();
    }

    private Object value(int depth) {
        int kind = random.nextInt(depth >= 3 ? 12 : 14);
        return switch (kind) {
            case 0 -> null;
            case 1 -> random.nextBoolean();
            case 2 -> random.nextBoolean() ? LONGS[random.nextInt(LONGS.length)] : random.nextLong();
            case 3 -> switch (random.nextInt(3)) {
                case 0 -> DOUBLES[random.nextInt(DOUBLES.length)];
                case 1 -> Double.longBitsToDouble(random.nextLong());
                default -> random.nextGaussian() * 1000;
            };
            case 4 -> new BigDecimal(new BigInteger(1 + random.nextInt(200), random)
                    .multiply(BigInteger.valueOf(random.nextBoolean() ? 1 : -1)), random.nextInt(81) - 40);
            case 5, 6 -> random.nextInt(10) == 0 ? UNPAIRED[random.nextInt(UNPAIRED.length)] : string();
            case 7 -> random.nextInt(10) == 0 ? (random.nextBoolean() ? Instant.MIN : Instant.MAX)
                    : Instant.ofEpochSecond(random.nextLong() % 100_000_000_000L, random.nextInt(1_000_000_000));
            case 8 -> random.nextInt(10) == 0 ? (random.nextBoolean() ? LocalDate.MIN : LocalDate.MAX)
                    : LocalDate.ofEpochDay(random.nextInt(4_000_000) - 2_000_000);
            case 9 -> new UUID(random.nextLong(), random.nextLong());
            case 10, 11 -> {
                byte[] b = new byte[random.nextInt(20)];
                random.nextBytes(b);
                yield b;
            }
            case 12 -> {
                List<Object> list = new ArrayList<>();
                for (int i = random.nextInt(5); i > 0; i--) {
                    list.add(value(depth + 1));
                }
                yield list;
            }
            default -> {
                Map<String, Object> m = new LinkedHashMap<>();
                for (int i = random.nextInt(5); i > 0; i--) {
                    m.put((random.nextInt(5) == 0 ? "$" : "") + name() + i, value(depth + 1));
                }
                yield m;
            }
        };
    }
}
