package io.dictdb.binary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import io.dictdb.CodecException;
import io.dictdb.Record;
import io.dictdb.spi.Change;
import io.dictdb.spi.Codec;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Round trips and corruption checks every binary codec must pass, on the bare codec payload (no shared frame, so
 * the codec's own bounds and end marker are what is tested).
 */
abstract class BinaryCodecContract {

    abstract Codec codec();

    private void assertSame(Images expected, Images actual) {
        assertThat(actual.header()).isEqualTo(expected.header());
        assertThat(actual.states()).isEqualTo(expected.states());
        assertThat(comparable(actual.changes())).isEqualTo(comparable(expected.changes()));
        assertThat(actual.tables()).hasSameSizeAs(expected.tables());
        for (int i = 0; i < expected.tables().size(); i++) {
            Images.TableData e = expected.tables().get(i);
            Images.TableData a = actual.tables().get(i);
            assertThat(a.definition()).isEqualTo(e.definition());
            assertThat(a.definition().schema() == null ? null : List.copyOf(a.definition().schema().fields().keySet()))
                    .isEqualTo(e.definition().schema() == null ? null
                            : List.copyOf(e.definition().schema().fields().keySet()));
            assertThat(a.records()).isEqualTo(e.records());
            for (int r = 0; r < e.records().size(); r++) {
                assertThat(a.records().get(r).fields()).isEqualTo(e.records().get(r).fields());
            }
        }
        for (int i = 0; i < expected.changes().size(); i++) {
            if (expected.changes().get(i) instanceof Change.Upsert u) {
                assertThat(((Change.Upsert) actual.changes().get(i)).record().fields()).isEqualTo(u.record().fields());
            }
        }
    }

    /** Delete keys compared by content (a byte[] key has identity equality inside the record Change.Delete). */
    private static List<Object> comparable(List<Change> changes) {
        return changes.stream().map(c -> c instanceof Change.Delete d
                ? List.of("delete", d.sequence(), d.table(), Record.of("key", d.key())) : (Object) c).toList();
    }

    @Test
    void randomFullImagesRoundTrip() {
        qt().withExamples(150).forAll(longs().all()).checkAssert(seed -> {
            Images image = new RandomImages(seed).full();
            assertSame(image, Images.read(codec(), Images.write(codec(), image)));
        });
    }

    @Test
    void randomDeltasRoundTrip() {
        qt().withExamples(150).forAll(longs().all()).checkAssert(seed -> {
            Images image = new RandomImages(seed).delta();
            assertSame(image, Images.read(codec(), Images.write(codec(), image)));
        });
    }

    @Test
    void theDatabaseIdIsCarriedInThePayloadAndAnImageWithoutOneReadsWithNone() {
        for (String id : java.util.Arrays.asList("0f4c2b1e-7d6a-4e3b-9a8c-1b2c3d4e5f60", null)) {
            Images full = new Images(io.dictdb.spi.ImageHeader.full(2, java.time.Instant.EPOCH, id), List.of(),
                    List.of(), List.of());
            assertThat(Images.read(codec(), Images.write(codec(), full)).header().databaseId()).isEqualTo(id);
            Images delta = new Images(io.dictdb.spi.ImageHeader.delta(3, 3, "base", java.time.Instant.EPOCH, id),
                    List.of(), List.of(new Change.DropTable(3, "t")), List.of());
            Images back = Images.read(codec(), Images.write(codec(), delta));
            assertThat(back.header()).isEqualTo(delta.header());
            assertThat(back.changes()).hasSize(1);
        }
    }

    @Test
    void edgeValuesKeepTheirExactTypeAndBits() {
        Record r = Record.of("nz", -0.0, "nan", Double.NaN, "inf", Double.NEGATIVE_INFINITY, "dec", new java.math.BigDecimal("1.50"),
                "big", new java.math.BigDecimal("-1E-40"), "min", Long.MIN_VALUE, "s", "a\uD83D\uDE00b", "bytes", new byte[] {1, 2});
        Images image = new Images(io.dictdb.spi.ImageHeader.full(3, java.time.Instant.parse("2026-01-02T03:04:05.123456789Z")),
                List.of(new Images.TableData(new io.dictdb.spi.TableDefinition("t", "id", null, List.of()), List.of(r))),
                List.of(), List.of(new io.dictdb.spi.TableState("t", 7)));
        Record back = Images.read(codec(), Images.write(codec(), image)).tables().get(0).records().get(0);
        assertThat(Double.doubleToRawLongBits(back.getDouble("nz"))).isEqualTo(Double.doubleToRawLongBits(-0.0));
        assertThat(back.getDouble("nan")).isNaN();
        assertThat(back.getDouble("inf")).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(back.getDecimal("dec").scale()).isEqualTo(2);
        assertThat(back.getDecimal("big")).isEqualTo(new java.math.BigDecimal("-1E-40"));
        assertThat(back.getLong("min")).isEqualTo(Long.MIN_VALUE);
        assertThat(back.getString("s")).isEqualTo("a\uD83D\uDE00b");
        assertThat(back.getBytes("bytes")).containsExactly(1, 2);
    }

    @Test
    void anInstantAtTheDeepestAllowedLevelRoundTrips() {
        Object v = List.of(java.time.Instant.ofEpochSecond(1, 2), new java.math.BigDecimal("1.5"), new byte[] {1});
        for (int i = 1; i < io.dictdb.Values.MAX_DEPTH; i++) {
            v = i % 2 == 0 ? List.of(v) : java.util.Map.of("k", v);
        }
        Record r = Record.of("id", 1L, "deep", v);
        Images image = new Images(io.dictdb.spi.ImageHeader.full(1, java.time.Instant.EPOCH),
                List.of(new Images.TableData(new io.dictdb.spi.TableDefinition("t", "id", null, List.of()), List.of(r))),
                List.of(), List.of(new io.dictdb.spi.TableState("t", 2)));
        assertThat(Images.read(codec(), Images.write(codec(), image)).tables().get(0).records()).containsExactly(r);
        Images delta = new Images(io.dictdb.spi.ImageHeader.delta(1, 1, "base", java.time.Instant.EPOCH), List.of(),
                List.of(new Change.Upsert(1, "t", r)), List.of());
        assertThat(((Change.Upsert) Images.read(codec(), Images.write(codec(), delta)).changes().get(0)).record())
                .isEqualTo(r);
    }

    @Test
    void everyTruncationOfASmallImageFails() {
        for (long seed = 0; seed < 6; seed++) {
            RandomImages gen = new RandomImages(seed);
            byte[] full = Images.write(codec(), seed % 2 == 0 ? gen.full() : gen.delta());
            for (int len = 0; len < full.length; len++) {
                byte[] cut = java.util.Arrays.copyOf(full, len);
                assertThatThrownBy(() -> Images.read(codec(), cut))
                        .as("prefix of %d of %d bytes", len, full.length)
                        .isInstanceOf(CodecException.class);
            }
        }
    }

    @Test
    void trailingBytesAreRefused() {
        byte[] full = Images.write(codec(), new RandomImages(42).full());
        byte[] longer = java.util.Arrays.copyOf(full, full.length + 1);
        assertThatThrownBy(() -> Images.read(codec(), longer)).isInstanceOf(CodecException.class);
    }

    @Test
    void bitFlipsFailCleanlyOrDecode() {
        Random random = new Random(7);
        for (int i = 0; i < 400; i++) {
            RandomImages gen = new RandomImages(i);
            byte[] bytes = Images.write(codec(), i % 2 == 0 ? gen.full() : gen.delta());
            int bit = random.nextInt(bytes.length * 8);
            bytes[bit / 8] ^= (byte) (1 << (bit % 8));
            try {
                Images.read(codec(), bytes);
            } catch (CodecException expected) {
                // the only failure allowed
            }
        }
    }
}
