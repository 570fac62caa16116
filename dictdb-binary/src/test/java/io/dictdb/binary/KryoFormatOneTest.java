package io.dictdb.binary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dictdb.CodecException;
import io.dictdb.FieldType;
import io.dictdb.IndexType;
import io.dictdb.Record;
import io.dictdb.Schema;
import io.dictdb.codec.tck.Image;
import io.dictdb.spi.Change;
import io.dictdb.file.ImageFiles;
import io.dictdb.spi.ImageHeader;
import io.dictdb.spi.ImageKind;
import io.dictdb.spi.IndexDefinition;
import io.dictdb.spi.TableDefinition;
import io.dictdb.spi.TableState;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kryo files of format 1 (magic {@code DDBK 1}: an {@code LZ4FrameOutputStream} frame, name table, a type byte per
 * value) still load after the format moved on. The two resources {@code kryo-format-1-full.kryo} and
 * {@code kryo-format-1-delta.kryo} were written by the format-1 writer (commit a801b1d) from {@link #full()} and
 * {@link #delta()} with {@link #main}; they are never rewritten.
 */
class KryoFormatOneTest {

    /** A full image with every value type, records of one shape and of several, a schema and indexes. */
    static Image full() {
        List<Record> users = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", (long) i);
            m.put("name", "user-" + i);
            m.put("age", 18L + i % 60);
            m.put("score", i * 0.25);
            m.put("active", i % 3 == 0);
            if (i % 7 != 0) {
                m.put("email", "user" + i + "@example.com");
            }
            users.add(Record.of(m));
        }
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("id", 1000L);
        all.put("null", null);
        all.put("false", false);
        all.put("min", Long.MIN_VALUE);
        all.put("nan", Double.NaN);
        all.put("negZero", -0.0);
        all.put("decimal", new BigDecimal("12345678901234567890123456789.0123456789"));
        all.put("text", "\u00e9t\u00e9 \u4e2d\u6587 emoji \uD83D\uDE00 lone \uD800 nul\u0000");
        all.put("instant", Instant.ofEpochSecond(-1, 999_999_999));
        all.put("date", LocalDate.of(-5, 2, 28));
        all.put("uuid", new UUID(-1, 42));
        all.put("bytes", new byte[] {0, -1, 127, -128});
        all.put("list", List.of(1L, "two", List.of(3.0), Map.of("four", 4L)));
        all.put("map", Map.of("nested", Map.of("deep", List.of())));
        users.add(Record.of(all));
        users.add(Record.of("score", 1.0, "id", 1001L));
        Schema schema = Schema.builder().field("id", FieldType.LONG).optional("name", FieldType.STRING)
                .build();
        TableDefinition usersDef = new TableDefinition("users", "id", schema,
                List.of(new IndexDefinition("age", IndexType.HASH), new IndexDefinition("score", IndexType.SORTED)));
        TableDefinition emptyDef = new TableDefinition("empty \u00e9", "key", null, List.of());
        ImageHeader header = new ImageHeader(ImageHeader.FORMAT_VERSION, ImageKind.FULL, 1, 202, "img-1", null,
                Instant.ofEpochSecond(1_700_000_000, 123), "db-1");
        return new Image(header, List.of(new Image.Table(usersDef, users),
                new Image.Table(emptyDef, List.of())), List.of(),
                List.of(new TableState("users", 1002), new TableState("empty \u00e9", 1)));
    }

    /** A delta with one change of each kind. */
    static Image delta() {
        List<Change> changes = List.of(
                new Change.Upsert(203, "users", Record.of("id", 5L, "name", "five", "score", 1.5)),
                new Change.Delete(204, "users", 6L),
                new Change.CreateTable(205, new TableDefinition("t", "id", null, List.of())),
                new Change.CreateIndex(206, "t", new IndexDefinition("f", IndexType.SORTED)),
                new Change.DropIndex(207, "t", "f"),
                new Change.DropTable(208, "t"));
        ImageHeader header = new ImageHeader(ImageHeader.FORMAT_VERSION, ImageKind.DELTA, 203, 208, "img-2", "img-1",
                Instant.ofEpochSecond(1_700_000_001), null);
        return new Image(header, List.of(), changes, List.of(new TableState("users", 1002)));
    }

    private static byte[] resource(String name) {
        try (InputStream in = KryoFormatOneTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aFormatOneFullImageStillLoads() {
        byte[] bytes = resource("kryo-format-1-full.kryo");
        assertThat(Arrays.copyOf(bytes, 5)).isEqualTo(new byte[] {'D', 'D', 'B', 'K', 1});
        assertSameImage(Image.decode(new KryoCodec(), bytes), full());
    }

    @Test
    void aFormatOneDeltaStillLoads() {
        byte[] bytes = resource("kryo-format-1-delta.kryo");
        assertSameImage(Image.decode(new KryoCodec(), bytes), delta());
    }

    @Test
    void aCorruptFormatOneImageFailsWithACodecException() {
        byte[] bytes = resource("kryo-format-1-full.kryo");
        bytes[bytes.length / 2] ^= 0x40;
        assertThatThrownBy(() -> Image.decode(new KryoCodec(), bytes)).isInstanceOf(CodecException.class);
    }

    @Test
    void anUnknownFormatVersionIsRejectedByName() {
        byte[] bytes = resource("kryo-format-1-full.kryo");
        bytes[4] = 9;
        assertThatThrownBy(() -> Image.decode(new KryoCodec(), bytes)).isInstanceOf(CodecException.class)
                .hasMessageContaining("kryo").hasMessageContaining("9");
    }

    @Test
    void aFormatOneFileLoadsThroughImageFilesAndAnUnknownVersionNamesTheFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("old.kryo");
        Files.write(file, resource("kryo-format-1-full.kryo"));
        assertThat(ImageFiles.standard().verify(file).header()).isEqualTo(full().header());
        byte[] future = resource("kryo-format-1-full.kryo");
        future[4] = 9;
        Path unknown = dir.resolve("future.kryo");
        Files.write(unknown, future);
        assertThatThrownBy(() -> ImageFiles.standard().verify(unknown)).isInstanceOf(CodecException.class)
                .hasMessageContaining("future.kryo").hasMessageContaining("format version 9");
    }

    static void assertSameImage(Image actual, Image expected) {
        assertThat(actual.header()).isEqualTo(expected.header());
        assertThat(actual.states()).isEqualTo(expected.states());
        assertThat(actual.tables()).hasSameSizeAs(expected.tables());
        for (int i = 0; i < expected.tables().size(); i++) {
            assertThat(actual.tables().get(i).definition()).isEqualTo(expected.tables().get(i).definition());
            List<Record> a = actual.tables().get(i).records();
            List<Record> e = expected.tables().get(i).records();
            assertThat(a).isEqualTo(e);
            for (int r = 0; r < e.size(); r++) {
                assertThat(List.copyOf(a.get(r).keySet())).isEqualTo(List.copyOf(e.get(r).keySet()));
            }
        }
        assertThat(actual.changes()).hasSameSizeAs(expected.changes());
        for (int i = 0; i < expected.changes().size(); i++) {
            Change a = actual.changes().get(i);
            Change e = expected.changes().get(i);
            if (e instanceof Change.Upsert u) {
                assertThat(((Change.Upsert) a).record().fields()).isEqualTo(u.record().fields());
            }
            assertThat(a).isEqualTo(e);
        }
    }

    /**
     * Writes the two resources with the current writer (run once, with the format-1 writer).
     *
     * @param args the resource directory
     * @throws IOException if a file cannot be written
     */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        Files.write(dir.resolve("kryo-format-1-full.kryo"), full().encode(new KryoCodec()));
        Files.write(dir.resolve("kryo-format-1-delta.kryo"), delta().encode(new KryoCodec()));
    }
}
