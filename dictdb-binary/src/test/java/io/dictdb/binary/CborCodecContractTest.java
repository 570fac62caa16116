package io.dictdb.binary;

import io.dictdb.spi.Codec;

class CborCodecContractTest extends BinaryCodecContract {
    @Override
    Codec codec() {
        return new CborCodec();
    }
}
