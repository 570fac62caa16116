package io.dictdb.file;

import io.dictdb.CodecException;
import io.dictdb.spi.FakeCodecs;
import io.dictdb.spi.ImageHeader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Writing an image into a folder that does not exist names that folder, not the temporary file the write would
 * have started with. The folder is missing before the codec writes a byte, so a codec that cannot encode serves.
 */
class ImageFilesMissingFolderTest {

    @Test
    void aSaveIntoAMissingFolderNamesTheFolder(@TempDir Path dir) {
        Path missing = dir.resolve("no-such-folder");
        Path file = missing.resolve("shop.alphax");
        ImageHeader header = ImageHeader.full(0, Instant.parse("2026-01-02T03:04:05Z"));

        for (boolean framed : new boolean[] {true, false}) {
            CodecException e = catchThrowableOfType(() -> {
                if (framed) {
                    ImageFiles.standard().write(file, new FakeCodecs.Alpha(), header, w -> { });
                } else {
                    ImageFiles.standard().export(file, new FakeCodecs.Alpha(), header, w -> { });
                }
            }, CodecException.class);
            assertThat(e).as("framed=%s", framed).isNotNull();
            assertThat(e.getMessage()).contains(file.toString())
                    .contains("its folder " + missing.toAbsolutePath() + " does not exist")
                    .doesNotContain(".tmp");
        }
        assertThat(Files.exists(missing)).as("the folder is not created").isFalse();
    }
}
