package io.dictdb.json;

import io.dictdb.CodecException;
import io.dictdb.Record;
import io.dictdb.spi.Codecs;
import io.dictdb.file.ImageFiles;
import io.dictdb.spi.ImageHeader;
import io.dictdb.file.ImageInfo;
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

    @Test
    void theDatabaseIdTravelsInTheFrameLineAndInThePayload() throws Exception {
        ImageHeader h = ImageHeader.full(3, Instant.EPOCH, "db-1234");
        Path file = write("withdb.json", h);
        String first = Files.readAllLines(file, StandardCharsets.UTF_8).get(0);
        assertThat(first).endsWith(" created=1970-01-01T00:00:00Z db=db-1234");
        assertThat(Files.readString(file)).contains("\"db\":\"db-1234\"");
        assertThat(ImageFiles.standard().inspect(file).header().databaseId()).isEqualTo("db-1234");
        assertThat(ImageFiles.standard().verify(file).header()).isEqualTo(h);
        ImageHeader delta = ImageHeader.delta(4, 3, h.imageId(), Instant.EPOCH, "db-1234");
        Path d = dir.resolve("delta.json");
        ImageFiles.standard().write(d, new JsonCodec(), delta, w -> w.writeTableStates(List.of()));
        assertThat(ImageFiles.standard().verify(d).header()).isEqualTo(delta);
    }

    @Test
    void aFileWrittenBeforeDatabaseIdsReadsWithNone() throws Exception {
        Path file = write("old.json", ImageHeader.full(2, Instant.EPOCH));
        String text = Files.readString(file, StandardCharsets.ISO_8859_1);
        assertThat(text).doesNotContain(" db=").doesNotContain("\"db\"");
        assertThat(ImageFiles.standard().verify(file).header().databaseId()).isNull();
    }

    @Test
    void aCodecThatDoesNotCarryTheDatabaseIdTakesTheFramesInsteadOfFailingTheHeaderComparison() {
        Codecs.register(new ForgetsDatabaseId());
        try {
            ImageHeader h = ImageHeader.full(1, Instant.EPOCH, "db-5678");
            Path file = dir.resolve("forgets.json");
            ImageFiles.standard().write(file, new ForgetsDatabaseId(), h, w -> w.writeTableStates(List.of()));
            assertThat(ImageFiles.standard().verify(file).header()).isEqualTo(h);
            String read = ImageFiles.standard().read(file, (header, r) -> {
                r.nextTable();
                r.readTableStates();
                return header.databaseId();
            });
            assertThat(read).isEqualTo("db-5678");
        } finally {
            Codecs.unregister("forgets-database-id");
        }
    }

    /** A JSON codec whose reader predates database ids: the headers it reads have none. */
    private static final class ForgetsDatabaseId implements io.dictdb.spi.Codec {
        private final JsonCodec json = new JsonCodec();

        @Override
        public String name() {
            return "forgets-database-id";
        }

        @Override
        public String fileExtension() {
            return "forgets";
        }

        @Override
        public io.dictdb.spi.ImageWriter newWriter(java.io.OutputStream out) {
            return json.newWriter(out);
        }

        @Override
        public io.dictdb.spi.ImageReader newReader(java.io.InputStream in) {
            io.dictdb.spi.ImageReader r = json.newReader(in);
            return new io.dictdb.spi.ImageReader() {
                @Override
                public ImageHeader readHeader() throws java.io.IOException {
                    return r.readHeader().withDatabaseId(null);
                }

                @Override
                public TableDefinition nextTable() throws java.io.IOException {
                    return r.nextTable();
                }

                @Override
                public Record nextRecord() throws java.io.IOException {
                    return r.nextRecord();
                }

                @Override
                public io.dictdb.spi.Change nextChange() throws java.io.IOException {
                    return r.nextChange();
                }

                @Override
                public List<TableState> readTableStates() throws java.io.IOException {
                    return r.readTableStates();
                }

                @Override
                public void finish() throws java.io.IOException {
                    r.finish();
                }

                @Override
                public void close() throws java.io.IOException {
                    r.close();
                }
            };
        }
    }
}
