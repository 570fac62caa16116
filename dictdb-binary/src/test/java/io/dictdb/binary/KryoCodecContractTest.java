package io.dictdb.binary;

import io.dictdb.spi.Codec;

class KryoCodecContractTest extends BinaryCodecContract {
    @Override
    Codec codec() {
        return new KryoCodec();
    }
}
