package io.dictdb.binary;

import io.dictdb.codec.tck.CodecCompatibilityKit;
import io.dictdb.spi.Codec;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertFalse;

/** The kryo codec passes the codec compatibility kit. */
class KryoCodecTest extends CodecCompatibilityKit {
    @Override
    protected Codec codec() {
        return new KryoCodec();
    }

    @Override
    protected UncheckedCommits uncheckedCommits() {
        return (writer, commits) -> ((KryoImageWriter) writer).doWriteCommits(commits);
    }

    /** The content is inside an LZ4 frame: replaced there, and framed again. */
    @Override
    protected byte[] replaceInPayload(byte[] payload, String from, String to) {
        int magic = KryoCodec.MAGIC.length;
        try (Lz4FrameReader lz4 = new Lz4FrameReader(new ByteArrayInputStream(payload, magic,
                payload.length - magic))) {
            byte[] content = lz4.readAllBytes();
            byte[] changed = replaceAll(content, from, to);
            assertFalse(Arrays.equals(content, changed), () -> "the kryo content does not hold '" + from + "'");
            return KryoHostileInputTest.frame(Arrays.copyOf(payload, magic), changed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
