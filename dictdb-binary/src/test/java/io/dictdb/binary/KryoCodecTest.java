package io.dictdb.binary;

import io.dictdb.codec.tck.CodecCompatibilityKit;
import io.dictdb.spi.Codec;

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
}
