package io.dictdb.json;

import io.dictdb.CodecException;
import io.dictdb.Record;
import io.dictdb.spi.Codecs;
import io.dictdb.spi.ImageFiles;
import io.dictdb.spi.ImageHeader;
import io.dictdb.spi.ImageInfo;
import io.dictdb.spi.ImageKind;
import io.dictdb.spi.TableDefinition;
import io.dictdb.spi.TableState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shared frame's messages and its header-only inspection. */
class ImageFilesTest {

    @TempDir
    Path dir;

    private Path write(String name, ImageHeader header) {
        Path file = dir.resolve(name);
        ImageFiles.standard().write(file, new JsonCodec(), header, w -> {
            w.beginTable(new TableDefinition("t", "id", null, List.of()));
            w.writeRecord(Record.of("id", 1L, "v", "hello"));
            w.endTable();
            w.writeTableStates(List.of(new TableState("t", 2)));
        });
        return file;
    }

    @Test
    void inspectReadsTheHeaderLineAndChecksTheChecksumWithoutTheCodec() throws Exception {
        ImageHeader h = ImageHeader.full(9, Instant.parse("2025-01-02T03:04:05.6Z"));
        Path file = write("a.json", h);
        ImageInfo info = ImageFiles.standard().inspect(file);
        assertThat(info.header()).isEqualTo(h);
        assertThat(info.codec()).isEqualTo("json");
        assertThat(info.framed()).isTrue();
        assertThat(info.size()).isEqualTo(Files.size(file));
        assertThat(ImageFiles.standard().verify(file).header()).isEqualTo(h);
        String first = Files.readAllLines(file, StandardCharsets.UTF_8).get(0);
        assertThat(first).isEqualTo("DICTDB-IMAGE 1 codec=json format=1 kind=FULL first=1 last=9 id=" + h.imageId()
                + " base=- created=2025-01-02T03:04:05.600Z");
    }

    @Test
    void deltaHeadersCarryTheirBaseAndRange() {
        ImageHeader d = ImageHeader.delta(10, 12, "full-id-1", Instant.EPOCH);
        Path file = dir.resolve("d.json");
        ImageFiles.standard().write(file, new JsonCodec(), d, w -> w.writeTableStates(List.of()));
        ImageInfo info = ImageFiles.standard().inspect(file);
        assertThat(info.header().kind()).isEqualTo(ImageKind.DELTA);
        assertThat(info.header().baseImageId()).isEqualTo("full-id-1");
        assertThat(info.header().firstSequence()).isEqualTo(10);
        assertThat(info.header().lastSequence()).isEqualTo(12);
    }

    @Test
    void damageIsNamedPrecisely() throws Exception {
        Path file = write("b.json", ImageHeader.full(1, Instant.EPOCH));
        byte[] bytes = Files.readAllBytes(file);
        String text = new String(bytes, StandardCharsets.UTF_8);

        byte[] flipped = bytes.clone();
        int at = text.indexOf("hello");
        flipped[at] ^= 1;
        Path f1 = dir.resolve("flipped.json");
        Files.write(f1, flipped);
        assertThatThrownBy(() -> ImageFiles.standard().inspect(f1)).isInstanceOf(CodecException.class)
                .hasMessageContaining(f1.toString()).hasMessageContaining("checksum mismatch");

        Path f2 = dir.resolve("cut.json");
        Files.write(f2, Arrays.copyOf(bytes, bytes.length - 10));
        assertThatThrownBy(() -> ImageFiles.standard().inspect(f2)).isInstanceOf(CodecException.class)
                .hasMessageContaining(f2.toString()).hasMessageContaining("truncated");

        byte[] badMagic = bytes.clone();
        badMagic[0] ^= 4;
        Path f3 = dir.resolve("magic.json");
        Files.write(f3, badMagic);
        assertThatThrownBy(() -> ImageFiles.standard().inspect(f3)).isInstanceOf(CodecException.class)
                .hasMessageContaining(f3.toString()).hasMessageContaining("does not start with DICTDB-IMAGE");
    }

    @Test
    void theFrameNamesTheCodecWhateverTheExtension() {
        Path file = write("misnamed.bin", ImageHeader.full(1, Instant.EPOCH));
        assertThat(Codecs.forFile(file).name()).isEqualTo("json");
        Record rec = ImageFiles.standard().read(file, (h, r) -> {
            r.nextTable();
            Record first = r.nextRecord();
            r.nextRecord();
            r.nextTable();
            r.readTableStates();
            return first;
        });
        assertThat((java.util.Map<String, Object>) rec).isEqualTo(Record.of("id", 1L, "v", "hello"));
        assertThatThrownBy(() -> ImageFiles.standard().read(file, "cbor", (h, r) -> null))
                .isInstanceOf(CodecException.class).hasMessageContaining("is a 'json' image, not 'cbor'");
    }

    @Test
    void everyImageIdAHeaderAcceptsReadsBack() {
        // the frame writes a missing id as "-": an id "-" must not turn into no id when the file is read
        ImageHeader dash;
        try {
            dash = new ImageHeader(ImageHeader.FORMAT_VERSION, ImageKind.FULL, 1, 4, "-", null, Instant.EPOCH);
        } catch (IllegalArgumentException refused) {
            assertThat(refused).hasMessageContaining("'-'");
            return;
        }
        Path file = write("dash.json", dash);
        assertThat(ImageFiles.standard().inspect(file).header()).isEqualTo(dash);
        ImageHeader read = ImageFiles.standard().read(file, (h, r) -> {
            while (r.nextTable() != null) {
                while (r.nextRecord() != null) {
                    // skipped
                }
            }
            r.readTableStates();
            return h;
        });
        assertThat(read).isEqualTo(dash);
    }
}
