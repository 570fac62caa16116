package io.dictdb.file;

import io.dictdb.CodecException;
import io.dictdb.spi.ImageHeader;
import io.dictdb.spi.ImageKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.SourceDSL;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;

/**
 * The one header-line parser: what {@link FrameHeaderLine#bytes()} writes, the strict parse reads back unchanged,
 * and the lenient {@link FrameHeaderLine#claimed(Path)} reads the same fields; a line cut short claims nothing.
 */
class FrameHeaderLineTest {

    @TempDir
    Path dir;

    private static Gen<String> ids() {
        return SourceDSL.strings().betweenCodePoints('a', 'z').ofLengthBetween(1, 12);
    }

    private static Gen<ImageHeader> headers() {
        Gen<Long> last = SourceDSL.longs().between(0, Long.MAX_VALUE - 1);
        Gen<Instant> created = SourceDSL.longs().between(0, 4_000_000_000L).map(s -> Instant.ofEpochSecond(s));
        Gen<String> optionalId = ids().toOptionals(30).map(o -> o.orElse(null));
        Gen<ImageHeader> fulls = last.zip(created, optionalId, (l, c, db) -> ImageHeader.full(l, c, db));
        Gen<ImageHeader> deltas = last.zip(created, ids(), optionalId,
                (l, c, base, db) -> ImageHeader.delta(Math.max(1, l / 2), l, base, c, db));
        return fulls.mix(deltas);
    }

    @Test
    void whatIsWrittenParsesBackAndIsClaimedAlike() {
        qt().withExamples(300).forAll(headers(), SourceDSL.strings().betweenCodePoints('a', 'z').ofLengthBetween(1, 8))
                .checkAssert((header, codec) -> {
                    FrameHeaderLine line = new FrameHeaderLine(codec, header);
                    byte[] bytes = line.bytes();
                    String text = new String(bytes, 0, bytes.length - 1, StandardCharsets.US_ASCII);
                    assertThat(FrameHeaderLine.parse(text)).isEqualTo(line);

                    Map<String, String> claimed = claimedOf(bytes);
                    assertThat(claimed).containsEntry("codec", codec)
                            .containsEntry("kind", header.kind().name())
                            .containsEntry("last", Long.toString(header.lastSequence()))
                            .containsEntry("created", header.createdAt().toString());
                    assertThat(claimed.get("db")).isEqualTo(header.databaseId());
                    // a line cut before its newline is not trusted at all
                    assertThat(claimedOf(Arrays.copyOf(bytes, bytes.length - 1))).isEmpty();
                });
    }

    @Test
    void aStrictParseRefusesWhatTheLenientOneSkips() {
        String good = new String(new FrameHeaderLine("json", ImageHeader.full(3, Instant.EPOCH)).bytes(),
                StandardCharsets.US_ASCII).strip();
        assertThatThrownBy(() -> FrameHeaderLine.parse(good.replace(" 1 codec=", " 2 codec=")))
                .isInstanceOf(CodecException.class).hasMessageContaining("frame version 2 is not supported");
        assertThatThrownBy(() -> FrameHeaderLine.parse(good + " junk")).isInstanceOf(CodecException.class)
                .hasMessageContaining("damaged frame header line: junk");
        assertThatThrownBy(() -> FrameHeaderLine.parse(good.replace(" kind=FULL", "")))
                .isInstanceOf(CodecException.class).hasMessageContaining("no kind");
        assertThatThrownBy(() -> FrameHeaderLine.parse("NOT-AN-IMAGE 1")).isInstanceOf(CodecException.class)
                .hasMessage("damaged frame header line");
        assertThat(claimedOf((good + " junk\n").getBytes(StandardCharsets.US_ASCII))).containsEntry("codec", "json")
                .containsEntry("kind", ImageKind.FULL.name());
        assertThat(claimedOf("{\"tables\": {}}\n".getBytes(StandardCharsets.US_ASCII))).isEmpty();
        assertThat(FrameHeaderLine.claimed(dir.resolve("missing"))).isEmpty();
    }

    private Map<String, String> claimedOf(byte[] bytes) {
        try {
            Path file = Files.createTempFile(dir, "h", ".img");
            Files.write(file, bytes);
            return FrameHeaderLine.claimed(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
