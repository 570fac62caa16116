package io.dictdb.backup;

import io.dictdb.CodecException;
import io.dictdb.Record;
import io.dictdb.file.ImageFiles;
import io.dictdb.spi.Change;
import io.dictdb.spi.Codecs;
import io.dictdb.spi.CommitRange;
import io.dictdb.spi.ImageHeader;
import io.dictdb.spi.TableState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A delta file read whole gives its commits, for a restore to stop before a transaction it would split. */
class DeltaContentTest {
    private static final ImageHeader HEADER = ImageHeader.delta(11, 16, "base", Instant.EPOCH, "db-1");
    private static final List<Change> CHANGES = List.of(
            new Change.Upsert(11, "accounts", Record.of("id", 1L, "balance", 50L)),
            new Change.Upsert(12, "accounts", Record.of("id", 2L, "balance", 150L)),
            new Change.Delete(13, "accounts", 3L),
            new Change.Upsert(14, "audit", Record.of("id", 1L, "what", "transfer")),
            new Change.Upsert(15, "audit", Record.of("id", 2L, "what", "transfer")),
            new Change.Upsert(16, "accounts", Record.of("id", 4L)));
    private static final List<CommitRange> COMMITS = List.of(new CommitRange(11, 12), new CommitRange(14, 15));

    private static Path write(Path file, String codec, List<CommitRange> commits) {
        ImageFiles.standard().write(file, Codecs.named(codec), HEADER, w -> {
            for (Change c : CHANGES) {
                w.writeChange(c);
            }
            w.writeTableStates(List.of(new TableState("accounts", 5)));
            w.writeCommits(commits);
        });
        return file;
    }

    @Test
    void aDeltaFileGivesItsCommitsInEveryCodec(@TempDir Path dir) {
        for (String codec : List.of("json", "cbor", "kryo")) {
            DeltaContent content = DeltaContent.read(write(dir.resolve("d." + codec), codec, COMMITS),
                    ImageFiles.standard());
            assertThat(content.commits()).as(codec).isEqualTo(COMMITS);
            assertThat(content.changes()).as(codec).hasSize(CHANGES.size());
            assertThat(content.states()).as(codec).containsExactly(new TableState("accounts", 5));
            assertThat(ImageFiles.standard().verify(dir.resolve("d." + codec)).header()).isEqualTo(HEADER);

            DeltaContent none = DeltaContent.read(write(dir.resolve("none." + codec), codec, List.of()),
                    ImageFiles.standard());
            assertThat(none.commits()).as(codec).isEmpty();
        }
    }

    @Test
    void invalidCommitsFailTheReadAndTheVerifyNamingTheFile(@TempDir Path dir) throws Exception {
        Path good = dir.resolve("good.json");
        ImageFiles.standard().export(good, Codecs.named("json"), HEADER, w -> {
            for (Change c : CHANGES) {
                w.writeChange(c);
            }
            w.writeTableStates(List.of());
            w.writeCommits(COMMITS);
        });
        String text = Files.readString(good, StandardCharsets.UTF_8);
        assertThat(text).contains("\"commits\":[[11,12],[14,15]]");
        Path bad = dir.resolve("bad.json"); // a plain export: no checksum stops it before the codec
        Files.writeString(bad, text.replace("[[11,12],[14,15]]", "[[11,12],[12,15]]"), StandardCharsets.UTF_8);
        assertThatThrownBy(() -> DeltaContent.read(bad, ImageFiles.standard())).isInstanceOf(CodecException.class)
                .hasMessageContaining(bad.toString()).hasMessageContaining("commit #2 (12..15)");
        assertThatThrownBy(() -> ImageFiles.standard().verify(bad)).isInstanceOf(CodecException.class)
                .hasMessageContaining(bad.toString()).hasMessageContaining("commit #2");
    }
}
