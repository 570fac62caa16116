/**
 * The JSON codec: {@link io.dictdb.json.JsonCodec}. Found by {@link io.dictdb.spi.Codecs} under the name
 * {@code "json"}.
 */
package io.dictdb.json;
