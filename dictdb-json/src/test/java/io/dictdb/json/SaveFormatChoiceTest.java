package io.dictdb.json;

import io.dictdb.CodecException;
import io.dictdb.Record;
import io.dictdb.core.DictDB;
import io.dictdb.spi.Codecs;
import io.dictdb.file.ImageFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How {@code save(Path)} picks its codec from the file name: one rule, shared with reading. */
class SaveFormatChoiceTest {
    @TempDir
    Path dir;

    private DictDB oneRecord() {
        DictDB db = DictDB.create();
        db.createTable("t").insert(Record.of("id", 1L, "v", "x"));
        return db;
    }

    @Test
    void anExtensionNoCodecUsesFailsNamingTheFileAndListingTheCodecsAndWritesNothing() {
        DictDB db = oneRecord();
        Path file = dir.resolve("data.parquet");
        assertThatThrownBy(() -> db.save(file)).isInstanceOf(CodecException.class)
                .hasMessageContaining("'.parquet' of " + file).hasMessageContaining("Installed codecs: ")
                .hasMessageContaining("json (.json)");
        assertThat(Files.exists(file)).isFalse();
        assertThat(db.saveAsync(file)).failsWithin(java.time.Duration.ofSeconds(10))
                .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .withCauseInstanceOf(CodecException.class);
        assertThat(Files.exists(file)).isFalse();
        assertThatThrownBy(() -> DictDB.formatFor(file)).isInstanceOf(CodecException.class);
        // reading a file by that name without a frame takes the same rule
        assertThatThrownBy(() -> Codecs.forFile(file)).isInstanceOf(CodecException.class)
                .hasMessageContaining("'.parquet' of " + file);
    }

    @Test
    void noExtensionOrAGivenFormatBehavesAsBefore() throws Exception {
        DictDB db = oneRecord();
        Path bare = dir.resolve("data");
        db.save(bare);
        assertThat(ImageFiles.standard().inspect(bare).codec()).isEqualTo("json");
        Path given = dir.resolve("data.parquet");
        db.save(given, "json");
        assertThat(ImageFiles.standard().inspect(given).codec()).isEqualTo("json");
        assertThat(DictDB.load(given).table("t").get(1L)).contains(Record.of("id", 1L, "v", "x"));
        db.saveAsync(dir.resolve("data.JSON")).get();
        assertThat(ImageFiles.standard().inspect(dir.resolve("data.JSON")).codec()).isEqualTo("json");
        assertThat(DictDB.formatFor(dir.resolve("x.kryo"))).isEqualTo("kryo");
    }
}
