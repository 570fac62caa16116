/**
 * The codec compatibility kit: {@link io.dictdb.codec.tck.CodecCompatibilityKit}, which a codec's test class
 * extends to prove the codec keeps the SPI's contract.
 */
@SuppressWarnings("requires-transitive-automatic") // QuickTheories is an automatic module; its Gen is our API
module io.dictdb.codec.tck {
    requires transitive io.dictdb.api;
    requires transitive org.junit.jupiter.api;
    requires transitive quicktheories; // EdgeRecords hands out its generators (Gen)

    exports io.dictdb.codec.tck;
}
