package io.dictdb.binary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dictdb.CodecException;
import io.dictdb.Record;
import io.dictdb.spi.Codec;
import io.dictdb.spi.Codecs;
import io.dictdb.file.ImageFiles;
import io.dictdb.spi.ImageHeader;
import io.dictdb.file.ImageInfo;
import io.dictdb.spi.TableDefinition;
import io.dictdb.spi.TableState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Both codecs are found by {@link Codecs} and work inside the shared frame of {@link ImageFiles}. */
class DiscoveryAndFileTest {
    @TempDir
    Path dir;

    @Test
    void bothCodecsAreDiscoveredOnTheClassPath() {
        List<String> names = Codecs.available().stream().map(Codec::name).toList();
        assertThat(names).contains("cbor", "kryo");
        // json only if dictdb-json happens to be on the test class path: it is not added just for this
        boolean json = getClass().getClassLoader().getResource("io/dictdb/json/JsonCodec.class") != null;
        assertThat(names.contains("json")).isEqualTo(json);
        assertThat(Codecs.named("kryo")).isInstanceOf(KryoCodec.class);
        assertThat(Codecs.named("CBOR")).isInstanceOf(CborCodec.class);
        assertThat(Codecs.forFile(dir.resolve("x.kryo"))).isInstanceOf(KryoCodec.class);
        assertThat(Codecs.forFile(dir.resolve("x.cbor"))).isInstanceOf(CborCodec.class);
        assertThat(Codecs.problems()).isEmpty();
    }

    @Test
    void framedFilesRoundTripAndDamageIsReportedWithTheFileName() throws IOException {
        for (Codec codec : List.of(new KryoCodec(), new CborCodec())) {
            Path file = dir.resolve("db." + codec.fileExtension());
            List<Record> records = new ArrayList<>();
            for (long i = 1; i <= 500; i++) {
                records.add(Record.of("id", i, "name", "user " + i, "score", i * 0.5));
            }
            ImageHeader header = ImageHeader.full(500, Instant.parse("2026-11-26T01:00:00Z"));
            ImageFiles files = ImageFiles.standard();
            files.write(file, codec, header, w -> {
                w.beginTable(new TableDefinition("users", "id", null, List.of()));
                for (Record r : records) {
                    w.writeRecord(r);
                }
                w.endTable();
                w.writeTableStates(List.of(new TableState("users", 501)));
            });
            assertThat(Codecs.forFile(file).name()).isEqualTo(codec.name());
            List<Record> back = files.read(file, (h, r) -> {
                assertThat(h).isEqualTo(header);
                assertThat(r.nextTable().name()).isEqualTo("users");
                List<Record> list = new ArrayList<>();
                Record rec;
                while ((rec = r.nextRecord()) != null) {
                    list.add(rec);
                }
                assertThat(r.nextTable()).isNull();
                assertThat(r.readTableStates()).containsExactly(new TableState("users", 501));
                return list;
            });
            assertThat(back).isEqualTo(records);
            ImageInfo info = files.verify(file);
            assertThat(info.codec()).isEqualTo(codec.name());

            byte[] bytes = Files.readAllBytes(file);
            bytes[bytes.length / 2] ^= 0x01;
            Files.write(file, bytes);
            assertThatThrownBy(() -> files.verify(file)).isInstanceOf(CodecException.class)
                    .hasMessageContaining(file.getFileName().toString());
        }
    }
}
