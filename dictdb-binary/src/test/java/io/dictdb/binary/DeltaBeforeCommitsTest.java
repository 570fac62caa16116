package io.dictdb.binary;

import static org.assertj.core.api.Assertions.assertThat;

import io.dictdb.codec.tck.Image;
import io.dictdb.file.ImageFiles;
import io.dictdb.spi.Codec;
import io.dictdb.spi.ImageReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deltas written before deltas carried their commits still read, with none, in both binary codecs; a delta without
 * commits is written as it was then, so older readers read it too. The resources
 * {@code kryo-delta-before-commits.kryo} and {@code cbor-delta-before-commits.cbor} were written from
 * {@link KryoFormatOneTest#delta()} by the writers of commit d94999b with {@link #main}; they are never rewritten.
 */
class DeltaBeforeCommitsTest {

    private static byte[] resource(String name) {
        try (InputStream in = DeltaBeforeCommitsTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void anOlderKryoDeltaReadsWithNoCommits() throws IOException {
        assertOlderDeltaReads(new KryoCodec(), resource("kryo-delta-before-commits.kryo"));
    }

    @Test
    void anOlderCborDeltaReadsWithNoCommits() throws IOException {
        assertOlderDeltaReads(new CborCodec(), resource("cbor-delta-before-commits.cbor"));
    }

    private static void assertOlderDeltaReads(Codec codec, byte[] bytes) throws IOException {
        Image back = Image.decode(codec, bytes);
        KryoFormatOneTest.assertSameImage(back, KryoFormatOneTest.delta());
        assertThat(back.commits()).isEmpty();
        // a caller that leaves the commits unread reads it to its end too
        try (ImageReader r = codec.newReader(new ByteArrayInputStream(bytes))) {
            r.readHeader();
            while (r.nextChange() != null) {
                // dropped
            }
            r.readTableStates();
            r.finish();
        }
    }

    /** A delta without commits is written byte for byte as before, so a reader that predates commits reads it. */
    @Test
    void aDeltaWithoutCommitsIsWrittenAsBefore() {
        // kryo: the LZ4 frame of the writer in use (safe or JNI) may differ; compare what it holds
        assertThat(KryoFormatOneTest.delta().encode(new CborCodec()))
                .isEqualTo(resource("cbor-delta-before-commits.cbor"));
        Image again = Image.decode(new KryoCodec(), KryoFormatOneTest.delta().encode(new KryoCodec()));
        KryoFormatOneTest.assertSameImage(again, KryoFormatOneTest.delta());
        assertThat(KryoFormatOneTest.delta().encode(new KryoCodec()))
                .isEqualTo(resource("kryo-delta-before-commits.kryo"));
    }

    @Test
    void olderDeltasVerifyThroughImageFiles(@TempDir Path dir) throws IOException {
        for (String name : List.of("kryo-delta-before-commits.kryo", "cbor-delta-before-commits.cbor")) {
            Path file = dir.resolve(name);
            Files.write(file, resource(name));
            assertThat(ImageFiles.standard().verify(file).header()).isEqualTo(KryoFormatOneTest.delta().header());
            assertThat(ImageFiles.standard().read(file, Image::read).commits()).isEmpty();
        }
    }

    /**
     * Writes the two resources with the current writers (run once, before deltas carried commits).
     *
     * @param args the resource directory
     * @throws IOException if a file cannot be written
     */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        Files.write(dir.resolve("kryo-delta-before-commits.kryo"), KryoFormatOneTest.delta().encode(new KryoCodec()));
        Files.write(dir.resolve("cbor-delta-before-commits.cbor"), KryoFormatOneTest.delta().encode(new CborCodec()));
    }
}
