package io.dictdb.codec.tck;

import io.dictdb.Record;
import io.dictdb.spi.ImageLimits;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

/**
 * QuickTheories generators (with their shrinking) of records at the edges of the value rule described in
 * {@link ImageLimits}: every canonical type with its edge values, names starting with {@code $} (MongoDB's
 * {@code $type}, {@code $oid}, {@code $date}, and the JSON codec's own tags) at the top of a record and in nested
 * maps and lists of them, huge and tiny decimals up to the limits, long names and strings, surrogate pairs, control
 * characters and unpaired surrogates in string values, extreme longs, doubles, instants and dates. Every record
 * {@link #records()} makes is one the API accepts, so every codec must carry it; {@link #atTheLimits()} holds
 * values exactly at each limit, and {@link #refused()} raw maps the API must refuse. Public, so that a codec's tests
 * and the reliability suite draw from the same edges.
 */
public final class EdgeRecords {

    /** Names the rule accepts that codecs find hard: {@code $}-names, tag names, quotes, unicode. */
    public static final List<String> HARD_NAMES = List.of("$type", "$oid", "$date", "$map", "$instant",
            "$decimal", "$double", "$bytes", "$uuid", "$", "$$", "$ref", "id", "a", " ", "Zo\u00eb", "\u65e5\u672c",
            "\uD83D\uDE00", "\uD834\uDD1E clef", "quote \" backslash \\ slash /", "{\"json\": [1]}", "null", "true",
            "1.5", "-0.0", "NaN", "\u2028\u2029", "\uFEFFbom", "\uFFFF", "with space", "dot.ted", "[0]");

    /** String values that codecs find hard: control characters, unpaired surrogates, JSON look-alikes. */
    public static final List<String> HARD_STRINGS = List.of("", " ", "$", "$type", "$map", "{\"$map\":{}}",
            "\u0000nul", "tab\tnewline\ncr\r", "\u001b[2J", "\u007f\u0080\u009f\u00ff", "lone \uD800 high",
            "lone \uDC00 low", "\uDBFF", "reversed \uDC00\uD800 pair", "\uD83D\uDE00", "quote \" backslash \\",
            "null", "NaN", "-0.0", "\u2028\u2029", "\uFEFF");

    private static final int MAX_GENERATED_DEPTH = 3;

    private static final BigInteger MOST_DIGITS = BigInteger.TEN.pow(ImageLimits.MAX_DECIMAL_DIGITS)
            .subtract(BigInteger.ONE);

    private EdgeRecords() {
    }

    /**
     * Names the rule accepts: mostly {@link #HARD_NAMES}, else random text of printable code points of every plane
     * (no control character, no unpaired surrogate), sometimes up to a few thousand characters long.
     *
     * @return the generator
     */
    public static Gen<String> names() {
        return Generate.frequency(List.of(
                Pair.of(4, Generate.pick(HARD_NAMES)),
                Pair.of(3, text(nameCodePoints(), 1, 12)),
                Pair.of(1, dollarNames()),
                Pair.of(1, longText(nameCodePoints(), 100, 300))));
    }

    /**
     * Names that start with {@code $}.
     *
     * @return the generator
     */
    public static Gen<String> dollarNames() {
        return Generate.frequency(List.of(
                Pair.of(2, Generate.pick(HARD_NAMES.stream().filter(n -> n.startsWith("$")).toList())),
                Pair.of(1, text(nameCodePoints(), 1, 10).map(n -> "$" + n))));
    }

    /**
     * String values: {@link #HARD_STRINGS}, or random text of any code point including control characters and
     * unpaired surrogates, sometimes thousands of characters long.
     *
     * @return the generator
     */
    public static Gen<String> strings() {
        return Generate.frequency(List.of(
                Pair.of(2, Generate.pick(HARD_STRINGS)),
                Pair.of(4, text(valueCodePoints(), 0, 20)),
                Pair.of(1, longText(valueCodePoints(), 200, 500))));
    }

    /**
     * Decimals within the limits: ordinary ones, ones of up to 190 digits, ones of exactly
     * {@link ImageLimits#MAX_DECIMAL_DIGITS} digits, with scales up to &plusmn;{@link ImageLimits#MAX_DECIMAL_SCALE}.
     *
     * @return the generator
     */
    public static Gen<BigDecimal> decimals() {
        Gen<Integer> scales = Generate.frequency(List.of(
                Pair.of(4, integers().between(-40, 40)),
                Pair.of(1, integers().between(-ImageLimits.MAX_DECIMAL_SCALE, ImageLimits.MAX_DECIMAL_SCALE)),
                Pair.of(1, Generate.pick(List.of(ImageLimits.MAX_DECIMAL_SCALE, -ImageLimits.MAX_DECIMAL_SCALE)))));
        Gen<BigInteger> unscaled = Generate.frequency(List.of(
                Pair.of(4, longs().all().map(BigInteger::valueOf)),
                Pair.of(2, lists().of(longs().all()).ofSizeBetween(1, 10).map(EdgeRecords::number)),
                Pair.of(1, Generate.pick(List.of(MOST_DIGITS, MOST_DIGITS.negate(),
                        BigInteger.TEN.pow(ImageLimits.MAX_DECIMAL_DIGITS - 1), BigInteger.ONE)))));
        return unscaled.zip(scales, BigDecimal::new);
    }

    /**
     * Values of every canonical type, nested lists and maps (with {@code $}-names, and lists of maps that start
     * with one) up to three levels deep.
     *
     * @return the generator
     */
    public static Gen<Object> values() {
        return value(0);
    }

    /**
     * Records the API accepts: up to seven fields named by {@link #names()} holding {@link #values()}, a third of
     * them starting with a field named by {@link #dollarNames()}.
     *
     * @return the generator
     */
    public static Gen<Record> records() {
        return map(0).map(m -> Record.of(m));
    }

    /**
     * Records with a value exactly at each limit the API accepts that fits a quick test: names of
     * {@link ImageLimits#MAX_NAME_LENGTH} UTF-8 bytes (of one-, three- and four-byte characters, first in a record
     * and nested), decimals of {@link ImageLimits#MAX_DECIMAL_DIGITS} digits at scale &plusmn;
     * {@link ImageLimits#MAX_DECIMAL_SCALE}, {@code $}-named maps nested {@link ImageLimits#MAX_DEPTH} levels, and
     * the extreme instants, dates, longs and doubles. The limits of hundreds of megabytes are in
     * {@link #atTheLargeLimits()}.
     *
     * @return the records, each named by its field {@code "case"}
     */
    public static List<Record> atTheLimits() {
        int n = ImageLimits.MAX_NAME_LENGTH;
        String ascii = "$" + "n".repeat(n - 1);
        String pairs = "\uD83D\uDE00".repeat(n / 4);
        String threes = "\u20ac".repeat(n / 3) + "x".repeat(n % 3);
        int scale = ImageLimits.MAX_DECIMAL_SCALE;
        Object deep = Map.of("$bottom", List.of(new BigDecimal(MOST_DIGITS, scale), Instant.MAX));
        for (int level = 2; level < ImageLimits.MAX_DEPTH; level++) {
            deep = level % 2 == 0 ? List.of(deep) : Map.of("$map", deep);
        }
        List<Record> out = new ArrayList<>();
        out.add(record(ascii, "first field named with the longest name, starting with $", "case", "name ascii"));
        out.add(record("case", "name of surrogate pairs", pairs, List.of(Map.of(pairs, pairs))));
        out.add(record("case", "name of three-byte chars", "nested", Map.of(threes, 1L, "$type", threes)));
        out.add(record("case", "decimals at the limits",
                "most digits, largest scale", new BigDecimal(MOST_DIGITS, scale),
                "most digits, smallest scale", new BigDecimal(MOST_DIGITS.negate(), -scale),
                "tiny", new BigDecimal(BigInteger.ONE, scale), "huge", new BigDecimal(BigInteger.ONE, -scale),
                "most digits, no scale", new BigDecimal(MOST_DIGITS)));
        out.add(record("case", "depth", "deep", deep));
        out.add(record("case", "extremes", "instantMin", Instant.MIN, "instantMax", Instant.MAX,
                "dateMin", LocalDate.MIN, "dateMax", LocalDate.MAX, "longMin", Long.MIN_VALUE,
                "longMax", Long.MAX_VALUE, "negativeZero", -0.0, "nan", Double.NaN,
                "infinities", List.of(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY),
                "doubleMin", Double.MIN_VALUE, "doubleMax", Double.MAX_VALUE));
        return out;
    }

    /**
     * Records with values exactly at the limits of many megabytes, each the worst case of some encoding: a string of
     * {@link ImageLimits#MAX_STRING_LENGTH} UTF-8 bytes of control characters (six bytes each in JSON), one of
     * surrogate pairs (six bytes a pair in an encoding of UTF-16 units), one of ASCII ending in an unpaired
     * surrogate, and a byte array of {@link ImageLimits#MAX_BYTES_LENGTH} bytes. Writing and reading one takes
     * seconds and up to a gigabyte or two of heap.
     *
     * @return the records, each named by its field {@code "case"}
     */
    public static List<Record> atTheLargeLimits() {
        int n = ImageLimits.MAX_STRING_LENGTH;
        byte[] bytes = new byte[ImageLimits.MAX_BYTES_LENGTH];
        new java.util.Random(n).nextBytes(bytes);
        return List.of(
                record("case", "string of control characters", "s", "\u0001".repeat(n)),
                record("case", "string of surrogate pairs", "s", "\uD83D\uDE00".repeat(n / 4)),
                record("case", "string ending in an unpaired surrogate", "s", "a".repeat(n - 3) + "\uD800"),
                record("case", "bytes", "b", bytes));
    }

    /**
     * Raw maps the API must refuse, each with one fault somewhere (at the top or nested): a name with a control
     * character, an unpaired surrogate, empty or one byte too long; a decimal one digit or one scale step beyond
     * its limit; a map or list that contains itself.
     *
     * @return the generator
     */
    public static Gen<Map<String, Object>> refused() {
        Gen<Map<String, Object>> faults = Generate.frequency(List.of(
                Pair.of(3, names().zip(integers().between(0, 0x40), integers().between(0, 100),
                        EdgeRecords::withControl).map(name -> field(name, 1L))),
                Pair.of(2, names().zip(integers().between(0xD800, 0xDFFF), integers().between(0, 100),
                        EdgeRecords::withLoneSurrogate).map(name -> field(name, "value"))),
                Pair.of(1, Generate.constant(() -> field("", 1L))),
                Pair.of(1, integers().between(1, 3).map(extra -> field("n".repeat(ImageLimits.MAX_NAME_LENGTH + extra),
                        1L))),
                Pair.of(2, Generate.pick(List.of(ImageLimits.MAX_DECIMAL_SCALE + 1, -ImageLimits.MAX_DECIMAL_SCALE - 1,
                        Integer.MAX_VALUE, Integer.MIN_VALUE)).map(s -> field("decimal", new BigDecimal(BigInteger.ONE,
                        s)))),
                Pair.of(1, integers().between(1, 10).map(extra -> field("decimal",
                        new BigDecimal(BigInteger.TEN.pow(ImageLimits.MAX_DECIMAL_DIGITS + extra - 1))))),
                Pair.of(2, integers().between(0, 2).map(EdgeRecords::cyclic))));
        Gen<Map<String, Object>> refused = faults.zip(map(1), booleans().all(), (fault, good, nested) -> {
            Map<String, Object> m = new LinkedHashMap<>(good);
            if (nested) {
                m.put("nested", List.of(fault));
            } else {
                m.putAll(fault);
            }
            return m;
        });
        // a cyclic map cannot be printed: QuickTheories shows the fields' names and the values' types
        return refused.describedAs(EdgeRecords::describe);
    }

    /**
     * A short description of a raw map, for failure reports: its fields' names (control characters and lone
     * surrogates escaped, long names shortened) and its values' types; safe for a map that contains itself.
     *
     * @param m the map
     * @return the description
     */
    public static String describe(Map<String, Object> m) {
        StringBuilder sb = new StringBuilder("{");
        for (Map.Entry<String, Object> e : m.entrySet()) {
            String name = e.getKey().length() > 40 ? e.getKey().substring(0, 40) + "...(" + e.getKey().length()
                    + " chars)" : e.getKey();
            sb.append(sb.length() > 1 ? ", " : "").append(name.codePoints().mapToObj(cp -> Character.isISOControl(cp)
                    || Character.isSurrogate((char) cp) && cp < 0x10000 ? String.format("\\u%04x", cp)
                    : Character.toString(cp)).reduce("", String::concat));
            Object v = e.getValue();
            sb.append('=').append(v == null ? "null" : v instanceof Map || v instanceof List
                    ? v.getClass().getSimpleName() : v instanceof BigDecimal d ? "decimal(precision " + d.precision()
                    + ", scale " + d.scale() + ")" : v.getClass().getSimpleName());
        }
        return sb.append('}').toString();
    }

    // ------------------------------------------------------------------ parts

    private static Gen<Object> value(int depth) {
        List<Pair<Integer, Gen<Object>>> kinds = new ArrayList<>(List.of(
                Pair.of(1, Generate.constant(() -> null)),
                Pair.of(1, object(booleans().all())),
                Pair.of(3, object(Generate.frequency(List.of(
                        Pair.of(1, Generate.pick(List.of(0L, 1L, -1L, Long.MIN_VALUE, Long.MAX_VALUE,
                                9007199254740993L))),
                        Pair.of(2, longs().all()))))),
                Pair.of(2, object(Generate.frequency(List.of(
                        Pair.of(1, Generate.pick(List.of(0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY,
                                Double.NEGATIVE_INFINITY, Double.MIN_VALUE, -Double.MAX_VALUE, Double.MAX_VALUE,
                                Double.MIN_NORMAL, 0.1, 9007199254740993.0))),
                        Pair.of(2, longs().all().map(Double::longBitsToDouble)))))),
                Pair.of(2, object(decimals())),
                Pair.of(4, object(strings())),
                Pair.of(1, object(Generate.frequency(List.of(
                        Pair.of(1, Generate.pick(List.of(Instant.MIN, Instant.MAX, Instant.EPOCH))),
                        Pair.of(2, longs().between(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond())
                                .zip(integers().between(0, 999_999_999), Instant::ofEpochSecond)))))),
                Pair.of(1, object(Generate.frequency(List.of(
                        Pair.of(1, Generate.pick(List.of(LocalDate.MIN, LocalDate.MAX, LocalDate.EPOCH))),
                        Pair.of(2, longs().between(LocalDate.MIN.toEpochDay(), LocalDate.MAX.toEpochDay())
                                .map(LocalDate::ofEpochDay)))))),
                Pair.of(1, object(longs().all().zip(longs().all(), UUID::new))),
                Pair.of(1, object(lists().of(integers().between(-128, 127)).ofSizeBetween(0, 24)
                        .map(EdgeRecords::bytes)))));
        if (depth < MAX_GENERATED_DEPTH) {
            kinds.add(Pair.of(2, object(lists().of(value(depth + 1)).ofSizeBetween(0, 4))));
            kinds.add(Pair.of(2, object(map(depth + 1))));
            kinds.add(Pair.of(1, object(lists().of(dollarMap(depth + 1)).ofSizeBetween(1, 3))));
        }
        return Generate.frequency(kinds);
    }

    /** A map of up to seven entries, a third of them starting with a {@code $}-name. */
    private static Gen<Map<String, Object>> map(int depth) {
        return Generate.frequency(List.of(Pair.of(2, entries(depth).map(EdgeRecords::toMap)),
                Pair.of(1, dollarMap(depth))));
    }

    /** A map whose first name starts with {@code $}. */
    private static Gen<Map<String, Object>> dollarMap(int depth) {
        return dollarNames().zip(value(depth), entries(depth), (name, v, rest) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put(name, v);
            for (Pair<String, Object> e : rest) {
                m.putIfAbsent(e._1, e._2);
            }
            return m;
        });
    }

    private static Gen<List<Pair<String, Object>>> entries(int depth) {
        return lists().of(names().zip(value(depth), Pair::of)).ofSizeBetween(0, 6);
    }

    private static Map<String, Object> toMap(List<Pair<String, Object>> entries) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Pair<String, Object> e : entries) {
            m.putIfAbsent(e._1, e._2);
        }
        return m;
    }

    private static <T> Gen<Object> object(Gen<T> gen) {
        return gen.map(x -> (Object) x);
    }

    /** Printable code points of every plane: no control character and no surrogate of its own. */
    private static Gen<Integer> nameCodePoints() {
        return Generate.frequency(List.of(
                Pair.of(6, integers().between(0x20, 0x7E)),
                Pair.of(1, integers().between(0xA0, 0x7FF)),
                Pair.of(1, integers().between(0x800, 0xD7FF)),
                Pair.of(1, integers().between(0xE000, 0xFFFF)),
                Pair.of(1, integers().between(0x10000, Character.MAX_CODE_POINT))));
    }

    /** Every code point, control characters and lone surrogates included. */
    private static Gen<Integer> valueCodePoints() {
        return Generate.frequency(List.of(
                Pair.of(6, nameCodePoints()),
                Pair.of(1, integers().between(0, 0x1F)),
                Pair.of(1, integers().between(0x7F, 0x9F)),
                Pair.of(1, integers().between(0xD800, 0xDFFF))));
    }

    /**
     * Long text: a short random text repeated {@code min} to {@code max} times (a few draws, so generating and
     * shrinking it is cheap; one draw per character made long texts the bulk of a test's time).
     */
    private static Gen<String> longText(Gen<Integer> codePoints, int min, int max) {
        return text(codePoints, 1, 10).zip(integers().between(min, max), String::repeat);
    }

    private static Gen<String> text(Gen<Integer> codePoints, int min, int max) {
        return lists().of(codePoints).ofSizeBetween(min, max).map(cps -> {
            StringBuilder sb = new StringBuilder(cps.size());
            for (int cp : cps) {
                sb.appendCodePoint(cp);
            }
            return sb.toString();
        });
    }

    /** A number of up to 190 digits from a few random longs (one draw each, so generating it is cheap). */
    private static BigInteger number(List<Long> parts) {
        BigInteger n = BigInteger.valueOf(parts.get(0));
        for (int i = 1; i < parts.size(); i++) {
            n = n.shiftLeft(64).add(BigInteger.valueOf(parts.get(i)));
        }
        return n;
    }

    private static byte[] bytes(List<Integer> values) {
        byte[] b = new byte[values.size()];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (int) values.get(i);
        }
        return b;
    }

    /** The name with an ISO control character inserted: {@code c} 0 to 31 is C0, 32 is DEL, 33 to 64 C1. */
    private static String withControl(String name, int c, int at) {
        char control = (char) (c < 0x20 ? c : c == 0x20 ? 0x7F : 0x80 + c - 0x21);
        int i = safeIndex(name, at);
        return name.substring(0, i) + control + name.substring(i);
    }

    /** The name with an unpaired surrogate inserted (never next to a surrogate it could pair with). */
    private static String withLoneSurrogate(String name, int surrogate, int at) {
        int i = safeIndex(name, at);
        return name.substring(0, i) + (char) surrogate + "-" + name.substring(i);
    }

    /** An index into the name that does not split a surrogate pair. */
    private static int safeIndex(String name, int at) {
        int i = Math.min(at, name.length());
        if (i > 0 && i < name.length() && Character.isHighSurrogate(name.charAt(i - 1))
                && Character.isLowSurrogate(name.charAt(i))) {
            i++;
        }
        return i;
    }

    /** A map that contains itself, {@code depth} maps or lists below its top. */
    private static Map<String, Object> cyclic(int depth) {
        Map<String, Object> top = new HashMap<>();
        Map<String, Object> at = top;
        for (int i = 0; i < depth; i++) {
            Map<String, Object> next = new HashMap<>();
            at.put("level" + i, List.of("x", next));
            at = next;
        }
        at.put("back", top);
        return field("cycle", top);
    }

    private static Map<String, Object> field(String name, Object value) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(name, value);
        return m;
    }

    private static Record record(Object... fieldsAndValues) {
        return Record.of(fieldsAndValues);
    }
}
