package io.dictdb.binary;

import io.dictdb.codec.tck.CodecCompatibilityKit;
import io.dictdb.spi.Codec;

/** The cbor codec passes the codec compatibility kit. */
class CborCodecTest extends CodecCompatibilityKit {
    @Override
    protected Codec codec() {
        return new CborCodec();
    }

    @Override
    protected UncheckedCommits uncheckedCommits() {
        return (writer, commits) -> ((CborImageWriter) writer).doWriteCommits(commits);
    }
}
