package io.dictdb.reliability.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replays every input that ever broke a decoder, kept in {@code src/test/resources/fuzz-regressions/} as
 * {@code <codec>-<direct|framed>-<what>.bin}: each must now end in a {@link io.dictdb.CodecException} (or a
 * correct database). Also checks that the fuzzer's judge is not trivially refusing: the unmutated seeds decode.
 */
class FuzzRegressionTest {

    @Test
    void everyKeptInputEndsInACodecExceptionOrACorrectDatabase() throws Throwable {
        Path dir = Path.of(FuzzRegressionTest.class.getResource("/fuzz-regressions").toURI());
        List<Path> inputs;
        try (Stream<Path> s = Files.list(dir)) {
            inputs = s.filter(p -> p.toString().endsWith(".bin")).sorted().toList();
        }
        assertThat(inputs).as("kept fuzz inputs").isNotEmpty();
        for (Path p : inputs) {
            String[] parts = p.getFileName().toString().split("-", 3);
            String codec = parts[0];
            byte[] bytes = Files.readAllBytes(p);
            FuzzTarget.Outcome o;
            if (parts[1].equals("direct")) {
                o = FuzzTarget.direct(codec, bytes);
            } else {
                List<FuzzTarget.Seed> seeds = FuzzTarget.seeds(codec);
                o = FuzzTarget.framed(codec, bytes, FuzzTarget.frame(seeds.get(0).headerLine(),
                        seeds.get(0).payload()));
            }
            assertThat(o).as("%s", p.getFileName()).isEqualTo(FuzzTarget.Outcome.REFUSED);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"json", "cbor", "kryo"})
    void theSeedsDecodeBothWays(String codec) throws Throwable {
        List<FuzzTarget.Seed> seeds = FuzzTarget.seeds(codec);
        byte[] full = FuzzTarget.frame(seeds.get(0).headerLine(), seeds.get(0).payload());
        for (FuzzTarget.Seed s : seeds) {
            assertThat(FuzzTarget.direct(codec, s.payload())).as(s.name()).isEqualTo(FuzzTarget.Outcome.DECODED);
            assertThat(FuzzTarget.framed(codec, FuzzTarget.frame(s.headerLine(), s.payload()), full)).as(s.name())
                    .isEqualTo(FuzzTarget.Outcome.DECODED);
        }
        if (codec.equals("kryo")) {
            // the structure-aware path: decompressing and compressing again gives a payload that still decodes
            byte[] again = Mutator.compress(Mutator.decompress(seeds.get(0).payload()));
            assertThat(FuzzTarget.direct(codec, again)).isEqualTo(FuzzTarget.Outcome.DECODED);
        }
    }

}
