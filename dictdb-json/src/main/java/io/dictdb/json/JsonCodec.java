package io.dictdb.json;

import io.dictdb.CodecException;
import io.dictdb.spi.Codec;
import io.dictdb.spi.ImageLimits;
import io.dictdb.spi.ImageReader;
import io.dictdb.spi.ImageWriter;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.json.JsonFactory;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;

/**
 * The {@code "json"} codec: human-readable images, one record or change per line.
 *
 * <p>A full image is one JSON object:
 * <pre>
 * {"dictdb":"image","header":{"format":1,"kind":"FULL","first":1,"last":42,"id":"...","base":null,"created":"...",
 *   "db":"..."},
 *  "tables":[
 * {"name":"users","primaryKey":"id","schema":{"fields":{"id":"LONG","name":"STRING"},"optional":[]},
 *  "indexes":[{"field":"name","type":"HASH"}],"records":[
 * {"id":1,"name":"Alice"}
 * ,{"id":2,"name":"Bob"}]}],
 *  "tableStates":[{"table":"users","nextKey":3}]}
 * </pre>
 * A plain index (one field, not unique, not partial) is {@code {"field":"name","type":"HASH"}} as in every version;
 * any other lists its fields and adds what it has: {@code {"fields":["city","age"],"type":"SORTED"}},
 * {@code {"fields":["email"],"type":"HASH","unique":true,"where":{"op":"eq","field":"deleted","value":false}}}
 * (the condition as {@link io.dictdb.spi.StoredCondition} makes it, written as a value).
 * A delta has {@code "changes"} instead of {@code "tables"}: objects with {@code "seq"}, {@code "op"}
 * ({@code upsert}, {@code delete}, {@code createTable}, {@code dropTable}, {@code createIndex}, {@code dropIndex})
 * and the change's parts, and after its {@code "tableStates"} the ranges of changes committed together (a
 * transaction, an {@code insertAll}), {@code "commits":[[203,205],[207,208]]}, left out when there are none (so
 * deltas written before commits were recorded read with none).
 *
 * <p>Values JSON has no type for are small tagged objects with one {@code $}-name: {@code {"$instant":"..."}},
 * {@code {"$date":"2024-01-31"}}, {@code {"$uuid":"..."}}, {@code {"$bytes":"base64"}},
 * {@code {"$decimal":"1.50"}} and {@code {"$double":"-0.0"}} (also {@code "NaN"}, {@code "Infinity"},
 * {@code "-Infinity"}). A record or map value whose first key starts with {@code $} is wrapped as
 * {@code {"$map":{...}}}, so user data is never taken for a tag: any field name can be written at any depth.
 * Files written before records were wrapped load too: there a record starting with a {@code $}-name (say
 * {@code $type}) was written unwrapped, and the reader takes it for the record it is (only an old record starting
 * with a {@code $map} field that holds an object is read as a wrapped one). Longs are JSON integers; other doubles
 * are JSON numbers with a fraction or exponent.
 *
 * <p>The reader also reads the Python DictDB's files: a JSON save ({@code {"tables":{...}}}: a full image whose
 * Python {@code int} values are Longs and {@code float} values Doubles) and a delta file
 * ({@code {"type":"delta","timestamp":...,"tables":{...}}}: per table in file order, its upserts then its deletes,
 * as Python applies them). Both have {@link io.dictdb.spi.ImageHeader#FOREIGN_FORMAT_VERSION}.
 *
 * <p>Reading is bounded: Jackson's {@link StreamReadConstraints} limit nesting, string, name and number lengths,
 * and the reader bounds tables, fields, collection sizes and depth by {@link ImageLimits}.
 */
public final class JsonCodec implements Codec {

    /** Nesting of JSON structures allowed: two levels per value level (tags, escaped maps) plus the envelope. */
    static final int MAX_JSON_NESTING = 2 * ImageLimits.MAX_DEPTH + 16;

    /**
     * What Jackson may read: nesting, string, name and number lengths bounded by {@link ImageLimits}. Shared by the
     * codec and {@link JsonValueText}, so that a value reads under the same bounds in an image and on its own.
     */
    static final StreamReadConstraints READ_CONSTRAINTS = StreamReadConstraints.builder()
            .maxNestingDepth(MAX_JSON_NESTING)
            .maxStringLength(Math.max(ImageLimits.MAX_STRING_LENGTH, ImageLimits.MAX_BYTES_LENGTH / 3 * 4 + 4))
            .maxNameLength(ImageLimits.MAX_NAME_LENGTH)
            .maxNumberLength(ImageLimits.MAX_NUMBER_LENGTH)
            .maxDocumentLength(-1)
            .build();

    private final JsonFactory factory;

    /**
     * Creates the codec.
     */
    public JsonCodec() {
        this.factory = JsonFactory.builder()
                .streamReadConstraints(READ_CONSTRAINTS)
                .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
                .disable(StreamWriteFeature.AUTO_CLOSE_CONTENT)
                .build();
    }

    @Override
    public String name() {
        return "json";
    }

    @Override
    public String fileExtension() {
        return "json";
    }

    @Override
    public ImageWriter newWriter(OutputStream out) {
        Objects.requireNonNull(out, "out");
        try {
            JsonGenerator g = factory.createGenerator(ObjectWriteContext.empty(), out);
            return new JsonImageWriter(g);
        } catch (JacksonException e) {
            throw new CodecException("cannot start a JSON image: " + e.getOriginalMessage(), e);
        }
    }

    @Override
    public ImageReader newReader(InputStream in) {
        Objects.requireNonNull(in, "in");
        try {
            JsonParser p = factory.createParser(ObjectReadContext.empty(), new TokenGuard(in));
            return new JsonImageReader(p);
        } catch (JacksonException e) {
            throw new CodecException("cannot start reading a JSON image: " + e.getOriginalMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "JsonCodec[json]";
    }

}
