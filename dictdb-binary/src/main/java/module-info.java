/**
 * Binary codecs for DictDB images: {@code "cbor"} ({@link io.dictdb.binary.CborCodec}, Jackson 3 CBOR) and
 * {@code "kryo"} ({@link io.dictdb.binary.KryoCodec}, Kryo 5 input/output in an LZ4 frame). Both are found by
 * {@code io.dictdb.spi.Codecs} on the class path and the module path.
 */
module io.dictdb.binary {
    requires transitive io.dictdb.api;
    requires tools.jackson.core;
    requires tools.jackson.dataformat.cbor;
    requires com.esotericsoftware.kryo;
    requires org.lz4.java;

    exports io.dictdb.binary;

    provides io.dictdb.spi.Codec with io.dictdb.binary.CborCodec, io.dictdb.binary.KryoCodec;
}
