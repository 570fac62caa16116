package io.dictdb.examples.tck;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A codec is written against {@code io.dictdb.spi} alone: the README's "Writing a codec" section and its kit
 * subclass ({@link JsonCodecTest}, which {@link ReadmeKitTest} runs through the whole kit), and the project's own
 * codecs, import nothing from the file package ({@code io.dictdb.file}: the frame and the atomic write), whose
 * work happens around a codec, never in it.
 */
class CodecNeedsNoFilesTest {

    private static final Path REPOSITORY = Path.of("..");

    @Test
    void theReadmeCodecAndTheKitSubclassImportOnlyTheSpi() throws IOException {
        String readme = Files.readString(REPOSITORY.resolve("README.md"), StandardCharsets.UTF_8);
        int from = readme.indexOf("### Writing a codec");
        int to = readme.indexOf("\n## ", from);
        assertThat(from).as("the README has a 'Writing a codec' section").isPositive();
        String section = readme.substring(from, to < 0 ? readme.length() : to);
        assertThat(section).contains("import io.dictdb.spi.Codec;").doesNotContain("import io.dictdb.file.");
        assertThat(Files.readString(Path.of("src/main/java/io/dictdb/examples/tck/JsonCodecTest.java")))
                .doesNotContain("io.dictdb.file");
    }

    @Test
    void theProjectsCodecsImportNothingFromTheFilePackage() throws IOException {
        for (String module : List.of("dictdb-json", "dictdb-binary")) {
            try (Stream<Path> sources = Files.walk(REPOSITORY.resolve(module).resolve("src/main/java"))) {
                for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                    assertThat(Files.readString(source, StandardCharsets.UTF_8)).as("%s", source)
                            .doesNotContain("import io.dictdb.file.");
                }
            }
        }
    }
}
