/**
 * The binary codecs: {@link io.dictdb.binary.CborCodec} ({@code "cbor"}, standard CBOR read and written with
 * Jackson 3) and {@link io.dictdb.binary.KryoCodec} ({@code "kryo"}, the most compact and fastest format: Kryo 5
 * byte encoding compressed with LZ4). Add the {@code io.dictdb:dictdb-binary} artifact and both are available to
 * {@code Database.save(path, "cbor")}, {@code DictDB.load(path)} and {@code io.dictdb.spi.Codecs}.
 */
package io.dictdb.binary;
