package io.dictdb.examples.tck;

// README:begin kit-imports
import io.dictdb.codec.tck.CodecCompatibilityKit;
import io.dictdb.json.JsonCodec;
import io.dictdb.spi.Codec;
// README:end kit-imports

// README:begin kit
class JsonCodecTest extends CodecCompatibilityKit {
    @Override protected Codec codec() { return new JsonCodec(); }
}
// README:end kit
