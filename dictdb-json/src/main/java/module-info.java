/**
 * The JSON codec of DictDB ({@code "json"}): human-readable images written and read with Jackson 3 streaming.
 * It also reads the Python DictDB's JSON saves and delta files.
 */
module io.dictdb.json {
    requires transitive io.dictdb.api;
    requires tools.jackson.core;

    exports io.dictdb.json;

    provides io.dictdb.spi.Codec with io.dictdb.json.JsonCodec;
}
