package io.dictdb.json;

import io.dictdb.codec.tck.CodecCompatibilityKit;
import io.dictdb.spi.Codec;

/** The JSON codec passes the codec compatibility kit. */
class JsonCodecCompatibilityTest extends CodecCompatibilityKit {
    @Override
    protected Codec codec() {
        return new JsonCodec();
    }

    @Override
    protected UncheckedCommits uncheckedCommits() {
        return (writer, commits) -> ((JsonImageWriter) writer).doWriteCommits(commits);
    }
}
