package io.dictdb.core.journal;

import io.dictdb.CodecException;
import io.dictdb.Record;
import io.dictdb.Table;
import io.dictdb.Values;
import io.dictdb.core.DictDB;
import io.dictdb.spi.Change;
import io.dictdb.spi.Codecs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

/**
 * {@link CompactEntry}: every canonical value, name and key reads back exactly (same types, same scale, same bits),
 * garbage never gets past the decoder as anything but a {@link CodecException}, a damaged magic byte is caught by the
 * checksum, and a folder written entirely in the codec format (before the compact encoding) still opens.
 */
class CompactEntryTest {
    private static final String ID = "db-0f1e2d3c";

    @TempDir
    Path dir;

    @BeforeAll
    static void codec() {
        CompactTestCodec.install();
    }

    private static final String[] NAMES = {"id", "v", "$id", "$", "a.b", "\u00e9t\u00e9", "\u540d\u524d",
        "\uD834\uDD1E clef", "n".repeat(300), "x y", "tags[]", "a+b"};

    /** A random canonical value, nesting at most a few levels below {@code depth}. */
    static Object value(SplittableRandom r, int depth) {
        int kind = r.nextInt(depth >= 3 ? 10 : 12);
        switch (kind) {
            case 0:
                return null;
            case 1:
                return r.nextBoolean();
            case 2: {
                long[] edges = {0, -1, 1, Long.MIN_VALUE, Long.MAX_VALUE, 127, 128, -64, -65, 1L << 35};
                return r.nextBoolean() ? edges[r.nextInt(edges.length)] : r.nextLong() >> r.nextInt(64);
            }
            case 3: {
                double[] edges = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                    Double.MIN_VALUE, Double.MAX_VALUE, 1.5, -2.25};
                return r.nextBoolean() ? edges[r.nextInt(edges.length)]
                        : Double.longBitsToDouble(r.nextLong() & ~(0x7FFL << 52) | (long) r.nextInt(0x7FF) << 52);
            }
            case 4: {
                BigInteger unscaled = new BigInteger(r.nextInt(200), new java.util.Random(r.nextLong()));
                if (r.nextBoolean()) {
                    unscaled = unscaled.negate();
                }
                return new BigDecimal(unscaled, r.nextInt(41) - 20);
            }
            case 5:
                return string(r);
            case 6: {
                Instant[] edges = {Instant.MIN, Instant.MAX, Instant.EPOCH, Instant.ofEpochSecond(-1, 999_999_999)};
                return r.nextBoolean() ? edges[r.nextInt(edges.length)]
                        : Instant.ofEpochSecond(r.nextLong(-10_000_000_000L, 10_000_000_000L), r.nextInt(1_000_000_000));
            }
            case 7: {
                LocalDate[] edges = {LocalDate.MIN, LocalDate.MAX, LocalDate.EPOCH};
                return r.nextBoolean() ? edges[r.nextInt(edges.length)] : LocalDate.ofEpochDay(r.nextInt(-800_000, 800_000));
            }
            case 8:
                return new UUID(r.nextLong(), r.nextLong());
            case 9: {
                byte[] b = new byte[r.nextInt(40)];
                for (int i = 0; i < b.length; i++) {
                    b[i] = (byte) r.nextInt();
                }
                return b;
            }
            case 10: {
                List<Object> list = new ArrayList<>();
                for (int i = r.nextInt(5); i > 0; i--) {
                    list.add(value(r, depth + 1));
                }
                return list;
            }
            default:
                return map(r, depth + 1);
        }
    }

    /** Text of every kind a string value may hold: ASCII, controls, BMP, pairs, unpaired surrogates. */
    static String string(SplittableRandom r) {
        StringBuilder s = new StringBuilder();
        for (int i = r.nextInt(30); i > 0; i--) {
            switch (r.nextInt(7)) {
                case 0 -> s.append((char) r.nextInt(0x20)); // controls, NUL
                case 1 -> s.append((char) r.nextInt(0x80, 0x800));
                case 2 -> s.append((char) r.nextInt(0x800, 0xD800));
                case 3 -> s.appendCodePoint(r.nextInt(0x10000, 0x110000));
                case 4 -> s.append((char) r.nextInt(0xD800, 0xE000)); // an unpaired surrogate
                case 5 -> s.append((char) r.nextInt(0xE000, 0x10000));
                default -> s.append((char) r.nextInt(0x20, 0x7F));
            }
        }
        return s.toString();
    }

    static Map<String, Object> map(SplittableRandom r, int depth) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = r.nextInt(6); i > 0; i--) {
            m.put(NAMES[r.nextInt(NAMES.length)], value(r, depth));
        }
        return m;
    }

    /** A random commit of upserts and deletes, numbered from {@code first}. */
    static List<Change> commit(SplittableRandom r, long first) {
        List<Change> out = new ArrayList<>();
        String[] tables = {"t", "orders", "\u00fcber", "$sys", "x".repeat(200)};
        for (int i = r.nextInt(1, 6); i > 0; i--) {
            long seq = first + out.size();
            String table = tables[r.nextInt(tables.length)];
            if (r.nextInt(4) == 0) {
                Object key;
                do {
                    key = Values.canonical("key", value(r, 3));
                } while (key == null);
                out.add(new Change.Delete(seq, table, key));
            } else {
                out.add(new Change.Upsert(seq, table, Record.of(map(r, 0))));
            }
        }
        return out;
    }

    /** Exactly the same value: same classes, same scale, same double bits, same field order, at every depth. */
    static void assertSameValue(String at, Object expected, Object actual) {
        if (expected == null || actual == null) {
            assertThat(actual).as(at).isEqualTo(expected);
            return;
        }
        assertThat(actual.getClass()).as(at).isEqualTo(expected.getClass());
        if (expected instanceof Double d) {
            assertThat(Double.doubleToRawLongBits((Double) actual)).as(at).isEqualTo(Double.doubleToRawLongBits(d));
        } else if (expected instanceof BigDecimal d) {
            assertThat(((BigDecimal) actual).scale()).as(at).isEqualTo(d.scale());
            assertThat(actual).as(at).isEqualTo(d);
        } else if (expected instanceof byte[] b) {
            assertThat((byte[]) actual).as(at).isEqualTo(b);
        } else if (expected instanceof Record rec) {
            Record got = (Record) actual;
            assertThat(got.fields()).as(at).isEqualTo(rec.fields());
            for (int i = 0; i < rec.size(); i++) {
                assertSameValue(at + "." + rec.fieldAt(i), rec.valueAt(i), got.valueAt(i));
            }
        } else if (expected instanceof List<?> list) {
            List<?> got = (List<?>) actual;
            assertThat(got).as(at).hasSize(list.size());
            for (int i = 0; i < list.size(); i++) {
                assertSameValue(at + "[" + i + "]", list.get(i), got.get(i));
            }
        } else {
            assertThat(actual).as(at).isEqualTo(expected);
        }
    }

    static EntryPayload.Commit roundTrip(List<Change> commit) throws IOException {
        ByteBuffer framed = new CompactEntry.Encoder(ID).encodeFramed(commit);
        byte[] bytes = Arrays.copyOf(framed.array(), framed.limit());
        assertThat(bytes[0]).isEqualTo(EntryFrame.MAGIC_COMPACT);
        EntryScan scan = EntryScan.at(bytes, 0);
        assertThat(scan.problem()).isNull();
        assertThat(EntryFrame.HEADER + scan.length()).isEqualTo(bytes.length);
        return EntryPayload.decodeEntry(Codecs.named(CompactTestCodec.NAME), bytes, 0, scan.length());
    }

    @Test
    void randomCommitsReadBackExactly() {
        qt().withExamples(1_000).forAll(longs().all(), longs().between(1, Long.MAX_VALUE - 10)).checkAssert((seed, first) -> {
            List<Change> commit = commit(new SplittableRandom(seed), first);
            assertThat(CompactEntry.fits(commit)).isTrue();
            EntryPayload.Commit back;
            try {
                back = roundTrip(commit);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            assertThat(back.first()).isEqualTo(first);
            assertThat(back.last()).isEqualTo(first + commit.size() - 1);
            assertThat(back.databaseId()).isEqualTo(ID);
            assertThat(back.changes()).hasSameSizeAs(commit); // element by element below (a byte[] key has no equals)
            for (int i = 0; i < commit.size(); i++) {
                Change want = commit.get(i);
                Change got = back.changes().get(i);
                assertThat(got.getClass()).isEqualTo(want.getClass());
                assertThat(got.sequence()).isEqualTo(want.sequence());
                assertThat(got.table()).isEqualTo(want.table());
                if (want instanceof Change.Upsert u) {
                    assertSameValue("change " + i, u.record(), ((Change.Upsert) got).record());
                } else {
                    assertSameValue("key of change " + i, ((Change.Delete) want).key(), ((Change.Delete) got).key());
                }
            }
        });
    }

    @Test
    void edgeKeysLongNamesAndTheDeepestNestingReadBack() throws IOException {
        Object deepest = null;
        for (int i = 0; i < Values.MAX_DEPTH; i++) { // containers at depths 0..MAX_DEPTH-1: the most the rule allows
            deepest = i % 2 == 0 ? List.of(deepest == null ? 1L : deepest) : Map.of("$d", deepest);
        }
        String longName = "\u00e9".repeat(io.dictdb.spi.ImageLimits.MAX_NAME_LENGTH / 2);
        Record r = Record.of("deep", deepest, longName, "x", "$id", new BigDecimal("1.500"), "nan", Double.NaN,
                "negZero", -0.0, "s", "a\u0000b\uD800c\uDC00\uD83D\uDE00");
        List<Change> commit = List.of(new Change.Upsert(Long.MAX_VALUE - 3, "t", r),
                new Change.Delete(Long.MAX_VALUE - 2, "t", Long.MAX_VALUE),
                new Change.Delete(Long.MAX_VALUE - 1, "t", "k\uD800"),
                new Change.Delete(Long.MAX_VALUE, "t", new UUID(-1, 0)));
        EntryPayload.Commit back = roundTrip(commit);
        assertThat(back.last()).isEqualTo(Long.MAX_VALUE);
        for (int i = 0; i < commit.size(); i++) {
            Object want = commit.get(i) instanceof Change.Upsert u ? u.record() : ((Change.Delete) commit.get(i)).key();
            Object got = back.changes().get(i) instanceof Change.Upsert u ? u.record()
                    : ((Change.Delete) back.changes().get(i)).key();
            assertSameValue("change " + i, want, got);
        }
        assertThat(new CompactEntry.Encoder(null).encodeFramed(commit)).isNotNull();
    }

    @Test
    void onlyConsecutiveDataChangesFit() {
        Record r = Record.of("id", 1L);
        assertThat(CompactEntry.fits(List.of(new Change.Upsert(4, "t", r), new Change.Delete(5, "t", 1L)))).isTrue();
        assertThat(CompactEntry.fits(List.of(new Change.Upsert(4, "t", r), new Change.Delete(6, "t", 1L)))).isFalse();
        assertThat(CompactEntry.fits(List.of(new Change.Upsert(4, "t", r), new Change.DropTable(5, "t")))).isFalse();
    }

    /** A hand-made payload: one upsert of table "t", field "a" holding {@code lists} nested lists around null. */
    private static byte[] nestedPayload(int lists) {
        ByteArrayOutputStream p = new ByteArrayOutputStream();
        p.write(CompactEntry.VERSION);
        p.writeBytes(ByteBuffer.allocate(8).putLong(1).array());
        p.write(1); // one change
        p.write(0); // no database id
        p.write(1); // upsert
        p.write(1);
        p.write('t');
        p.write(1); // one field
        p.writeBytes(ByteBuffer.allocate(4).putInt(2).array());
        p.write(1);
        p.write('a');
        for (int i = 0; i < lists; i++) {
            p.write(11); // a list
            p.write(1); // of one element
        }
        p.write(0); // null
        return p.toByteArray();
    }

    @Test
    void nestingDeeperThanTheRuleIsRefused() {
        byte[] ok = nestedPayload(Values.MAX_DEPTH);
        assertThat(CompactEntry.decode(ok, 0, ok.length).changes()).hasSize(1);
        byte[] deep = nestedPayload(Values.MAX_DEPTH + 1);
        assertThatThrownBy(() -> CompactEntry.decode(deep, 0, deep.length)).isInstanceOf(CodecException.class)
                .hasMessageContaining("nest deeper");
        byte[] hostile = nestedPayload(1_000_000); // would overflow the stack if depth were not bounded
        assertThatThrownBy(() -> CompactEntry.decode(hostile, 0, hostile.length)).isInstanceOf(CodecException.class);
    }

    /** Decoding garbage either gives a commit or a CodecException: never another exception, a hang or an OOM. */
    private static void decodeGarbage(byte[] bytes) {
        try {
            EntryPayload.Commit c = CompactEntry.decode(bytes, 0, bytes.length);
            assertThat(c.changes()).isNotEmpty();
        } catch (CodecException expected) {
            // refused: fine
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            fail("decoding " + bytes.length + " garbage bytes threw " + e, e);
        }
    }

    @Test
    void mutatedEntriesAreDecodedOrRefusedWithACodecException() {
        qt().withExamples(3_000).forAll(longs().all(), integers().between(1, 8)).checkAssert((seed, flips) -> {
            SplittableRandom r = new SplittableRandom(seed);
            ByteBuffer framed = new CompactEntry.Encoder(ID).encodeFramed(commit(r, 1 + r.nextInt(1000)));
            byte[] payload = Arrays.copyOfRange(framed.array(), EntryFrame.HEADER, framed.limit());
            for (int i = 0; i < flips; i++) {
                int at = r.nextInt(payload.length);
                switch (r.nextInt(3)) {
                    case 0 -> payload[at] ^= (byte) (1 << r.nextInt(8));
                    case 1 -> payload[at] = (byte) r.nextInt();
                    default -> payload[at] = (byte) (r.nextBoolean() ? 0xFF : 0x7F);
                }
            }
            if (r.nextInt(4) == 0) {
                payload = Arrays.copyOf(payload, r.nextInt(payload.length + 1)); // cut short
            }
            decodeGarbage(payload);
        });
    }

    @Test
    void randomBytesAreRefusedWithACodecException() {
        qt().withExamples(3_000).forAll(longs().all(), integers().between(0, 300)).checkAssert((seed, length) -> {
            SplittableRandom r = new SplittableRandom(seed);
            byte[] b = new byte[length];
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) r.nextInt();
            }
            if (length > 9 && r.nextBoolean()) {
                b[0] = CompactEntry.VERSION; // past the version check, into the counts and values
                b[1] = 0;
            }
            decodeGarbage(b);
        });
    }

    @Test
    void aMagicTurnedIntoTheOtherIsACheckumMismatch() throws IOException {
        ByteBuffer compact = new CompactEntry.Encoder(ID).encodeFramed(List.of(new Change.Upsert(1, "t",
                Record.of("id", 1L))));
        byte[] c = Arrays.copyOf(compact.array(), compact.limit());
        c[0] = EntryFrame.MAGIC;
        assertThat(EntryScan.at(c, 0).problem()).isEqualTo("a checksum mismatch");
        ByteBuffer codec = EntryPayload.encodeFramed(Codecs.named(CompactTestCodec.NAME), ID,
                List.of(new Change.Upsert(1, "t", Record.of("id", 1L))));
        byte[] d = Arrays.copyOf(codec.array(), codec.limit());
        assertThat(d[0]).isEqualTo(EntryFrame.MAGIC);
        assertThat(EntryScan.at(d, 0).problem()).isNull();
        d[0] = EntryFrame.MAGIC_COMPACT;
        assertThat(EntryScan.at(d, 0).problem()).isEqualTo("a checksum mismatch");
    }

    @Test
    void aFolderWrittenWhollyInTheCodecFormatStillOpens() throws IOException {
        Map<String, Object> expected = new LinkedHashMap<>();
        try (DictDB db = DictDB.builder().journalFormat(CompactTestCodec.NAME).open(dir)) {
            Table t = db.createTable("t", "id");
            for (long i = 1; i <= 20; i++) {
                t.insert(Map.of("id", i, "v", "v" + i, "n", i * 1.5));
            }
            t.delete(io.dictdb.query.Conditions.field("id").eq(3L));
            for (Record rec : t.all()) {
                expected.put(String.valueOf(rec.get("id")), rec);
            }
            expected.put("sequence", db.sequence());
        }
        // Rewrite every entry as the journal wrote it before the compact encoding: a codec image under MAGIC.
        var codec = Codecs.named(CompactTestCodec.NAME);
        int compact = 0;
        for (Path segment : JournalRecovery.segments(dir.resolve("journal"))) {
            byte[] bytes = Files.readAllBytes(segment);
            ByteArrayOutputStream old = new ByteArrayOutputStream();
            for (int pos = 0; pos < bytes.length; ) {
                EntryScan scan = EntryScan.at(bytes, pos);
                assertThat(scan.problem()).isNull();
                compact += bytes[pos] == EntryFrame.MAGIC_COMPACT ? 1 : 0;
                EntryPayload.Commit c = EntryPayload.decodeEntry(codec, bytes, pos, scan.length());
                ByteBuffer framed = EntryPayload.encodeFramed(codec, c.databaseId(), c.changes());
                old.write(framed.array(), framed.position(), framed.remaining());
                pos += EntryFrame.HEADER + scan.length();
            }
            Files.write(segment, old.toByteArray());
        }
        assertThat(compact).as("data entries written compactly").isEqualTo(21);
        try (DictDB db = DictDB.builder().journalFormat(CompactTestCodec.NAME).open(dir)) {
            Map<String, Object> got = new LinkedHashMap<>();
            for (Record rec : db.table("t").all()) {
                got.put(String.valueOf(rec.get("id")), rec);
            }
            got.put("sequence", db.sequence());
            assertThat(got).isEqualTo(expected);
            db.table("t").insert(Map.of("id", 100L)); // appends a compact entry after the old ones
        }
        try (DictDB db = DictDB.builder().journalFormat(CompactTestCodec.NAME).open(dir)) {
            assertThat(db.table("t").count()).isEqualTo(20);
        }
    }
}
