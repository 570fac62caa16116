package io.dictdb.json;

import io.dictdb.CodecException;
import io.dictdb.Record;
import io.dictdb.IndexType;
import io.dictdb.codec.tck.Image;
import io.dictdb.codec.tck.Strict;
import io.dictdb.file.ImageFiles;
import io.dictdb.spi.CommitRange;
import io.dictdb.spi.Change;
import io.dictdb.spi.ImageHeader;
import io.dictdb.spi.ImageKind;
import io.dictdb.spi.IndexDefinition;
import io.dictdb.spi.TableDefinition;
import io.dictdb.spi.TableState;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * JSON deltas and commits: a delta written before deltas carried their commits ({@code json-delta-before-commits.json},
 * written from {@link #delta()} by the writer of commit d94999b with {@link #main}; never rewritten) still reads,
 * with none; a delta without commits is written as it was then, so older readers read it; commits are a
 * {@code "commits"} field after the table states; the Python DictDB's deltas read with none.
 */
class DeltaBeforeCommitsTest {
    private final JsonCodec codec = new JsonCodec();

    /** A delta of seven changes, 203..209. */
    static Image delta() {
        List<Change> changes = List.of(
                new Change.Upsert(203, "users", Record.of("id", 5L, "name", "five", "score", 1.5)),
                new Change.Upsert(204, "users", Record.of("id", 6L, "name", "six")),
                new Change.Delete(205, "users", 6L),
                new Change.CreateTable(206, new TableDefinition("t", "id", null, List.of())),
                new Change.CreateIndex(207, "t", new IndexDefinition("f", IndexType.SORTED)),
                new Change.DropIndex(208, "t", "f"),
                new Change.DropTable(209, "t"));
        ImageHeader header = new ImageHeader(ImageHeader.FORMAT_VERSION, ImageKind.DELTA, 203, 209, "img-2", "img-1",
                Instant.ofEpochSecond(1_700_000_001), "db-1");
        return new Image(header, List.of(), changes, List.of(new TableState("users", 7)));
    }

    private static byte[] resource() throws IOException {
        try (InputStream in = DeltaBeforeCommitsTest.class.getResourceAsStream("json-delta-before-commits.json")) {
            assertThat(in).isNotNull();
            return in.readAllBytes();
        }
    }

    @Test
    void anOlderDeltaReadsWithNoCommits() throws IOException {
        Image back = Image.decode(codec, resource());
        assertThat(Strict.difference(delta(), back)).isNull();
        assertThat(back.commits()).isEmpty();
    }

    @Test
    void aDeltaWithoutCommitsIsWrittenAsBefore() throws IOException {
        assertThat(delta().encode(codec)).isEqualTo(resource());
    }

    @Test
    void commitsAreAFieldAfterTheTableStatesAndRoundTrip() {
        Image withCommits = delta().withCommits(List.of(new CommitRange(203, 205), new CommitRange(207, 209)));
        byte[] bytes = withCommits.encode(codec);
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertThat(text).endsWith(",\"tableStates\":[{\"table\":\"users\",\"nextKey\":7}]\n"
                + ",\"commits\":[[203,205],[207,209]]}");
        assertThat(Strict.difference(withCommits, Image.decode(codec, bytes))).isNull();
    }

    @Test
    void unknownFieldsAndMalformedCommitsAreRefusedWhereTheyAre() throws IOException {
        String old = new String(resource(), StandardCharsets.UTF_8);
        String body = old.substring(0, old.length() - 1); // without the closing brace
        for (String[] bad : new String[][] {
            {",\"comits\":[]}", "\"comits\""},
            {",\"commits\":[[203]]}", "last sequence number"},
            {",\"commits\":[[203,204,205]]}", "END_ARRAY"},
            {",\"commits\":[[\"203\",204]]}", "first sequence number"},
            {",\"commits\":[[203,204.5]]}", "last sequence number"},
            {",\"commits\":[[203,99999999999999999999]]}", "last sequence number"},
            {",\"commits\":{}}", "START_ARRAY"},
            {",\"commits\":[[204,206],[203,209]]}", "commit #2 (203..209)"},
            {",\"commits\":[[209,210]]}", "outside"},
            {",\"commits\":[]", "end-of-input"},
            {",\"commits\":[],\"commits\":[]}", "commits"}}) {
            byte[] bytes = (body + bad[0]).getBytes(StandardCharsets.UTF_8);
            assertThatThrownBy(() -> Image.decode(codec, bytes)).as(bad[0]).isInstanceOf(CodecException.class)
                    .hasMessageContaining(bad[1]);
        }
        // a full image has no commits
        String full = new String(Image.decode(codec, resource()).encode(codec), StandardCharsets.UTF_8);
        assertThat(full).doesNotContain("commits");
    }

    @Test
    void pythonDeltasReadWithNoCommits() {
        Image python = ImageFiles.standard().read(PythonFilesTest.fixture("backups/dictdb_delta_1795357317_550222.json"),
                "json", Image::read);
        assertThat(python.header().kind()).isEqualTo(ImageKind.DELTA);
        assertThat(python.changes()).isNotEmpty();
        assertThat(python.commits()).isEmpty();
    }

    @Test
    void olderDeltasVerifyThroughImageFiles(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("old.json");
        Files.write(file, resource());
        assertThat(ImageFiles.standard().verify(file).header()).isEqualTo(delta().header());
    }

    /**
     * Writes the resource with the current writer (run once, before deltas carried commits).
     *
     * @param args the resource directory
     * @throws IOException if the file cannot be written
     */
    public static void main(String[] args) throws IOException {
        Files.write(Path.of(args[0]).resolve("json-delta-before-commits.json"), delta().encode(new JsonCodec()));
    }
}
