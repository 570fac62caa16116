/**
 * The codec compatibility kit: {@link io.dictdb.codec.tck.CodecCompatibilityKit}, which a codec's test class
 * extends to prove the codec keeps the SPI's contract.
 */
module io.dictdb.codec.tck {
    requires transitive io.dictdb.api;
    requires transitive org.junit.jupiter.api;
    requires quicktheories;

    exports io.dictdb.codec.tck;
}
