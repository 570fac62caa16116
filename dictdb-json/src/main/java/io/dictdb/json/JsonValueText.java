package io.dictdb.json;

import io.dictdb.CodecException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.SerializableString;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamFactory;
import tools.jackson.core.io.CharacterEscapes;
import tools.jackson.core.io.SerializedString;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.core.util.JsonRecyclerPools;

import java.io.StringWriter;

/**
 * One value as JSON text of its own, written and read as the value is inside a {@code .json} image (see
 * {@link JsonCodec}): JSON types as themselves, the others tagged ({@code {"$instant":"..."}}, {@code $date},
 * {@code $uuid}, {@code $bytes}, {@code $decimal}, {@code $double} for {@code -0.0}, NaN and the infinities), a map
 * whose first key starts with {@code $} wrapped as {@code {"$map":{...}}}. So every value the API accepts comes back
 * the same value of the same type. For formats that keep a value in a text field, as CSV does a list or map in a
 * cell.
 *
 * <p>The text differs from an image's in one way that no reader sees: surrogates are written as {@code \}{@code u}
 * escapes, so that a string holding an unpaired one (a value may) is plain ASCII there and any charset can carry it.
 *
 * <p>Reading is bounded as the codec's is: Jackson's read constraints on string, name and number lengths and
 * nesting, and {@link io.dictdb.spi.ImageLimits} on depth, collection sizes, decimals and byte arrays.
 */
public final class JsonValueText {
    /** The depth of a list or map that is a field's value, as the codec counts it. */
    private static final int FIELD_DEPTH = 1;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(JsonCodec.READ_CONSTRAINTS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            // untagged text written before tags spelled non-finite doubles as bare NaN, Infinity and -Infinity
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .characterEscapes(new SurrogatesEscaped())
            // one small text per call, many calls (a CSV cell each): no shared name table to fork per parser, and
            // buffers kept per thread rather than in the shared concurrent pool, which cost more than the parsing
            .disable(TokenStreamFactory.Feature.CANONICALIZE_PROPERTY_NAMES)
            .recyclerPool(JsonRecyclerPools.threadLocalPool())
            .build();

    private JsonValueText() {
    }

    /**
     * Writes a value as JSON text, non-JSON types tagged.
     *
     * @param value a canonical value (null, String, Long, Double, Boolean, BigDecimal, Instant, LocalDate, UUID,
     *     byte[], or a list or map of them)
     * @return the text, on one line
     * @throws CodecException if the value is not canonical or nests deeper than
     *     {@link io.dictdb.spi.ImageLimits#MAX_DEPTH}
     */
    public static String write(Object value) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(ObjectWriteContext.empty(), out)) {
            JsonValues.writeValue(g, value, FIELD_DEPTH, "value");
        } catch (JacksonException e) {
            throw new CodecException("cannot write the value as JSON: " + e.getOriginalMessage(), e);
        }
        return out.toString();
    }

    /**
     * Reads a value written by {@link #write(Object)}: tagged objects become the values they stand for.
     *
     * @param text one JSON value and nothing after it but whitespace
     * @return the value: lists as {@code List}, maps as {@code Map}, integers as Long (beyond a long, BigDecimal),
     *     other numbers as Double
     * @throws CodecException if the text is not one JSON value, holds an unknown or malformed tag, or breaks a limit;
     *     the message says what and where
     */
    public static Object read(String text) {
        return read(text, true);
    }

    /**
     * Reads plain JSON, tags not interpreted: an object is always a map, whatever its keys. For text written
     * without tags, as the CSV export wrote lists and maps before it used them.
     *
     * @param text one JSON value and nothing after it but whitespace
     * @return the value, as {@link #read(String)} gives it but with no tagged types
     * @throws CodecException if the text is not one JSON value or breaks a limit
     */
    public static Object readPlain(String text) {
        return read(text, false);
    }

    private static Object read(String text, boolean tagged) {
        try (JsonParser p = FACTORY.createParser(ObjectReadContext.empty(), text)) {
            Object value = JsonValues.readValue(p, p.nextToken(), FIELD_DEPTH, tagged);
            if (p.nextToken() != null) {
                throw new CodecException("text after the JSON value at " + JsonValues.where(p));
            }
            return value;
        } catch (JacksonException e) {
            var loc = e.getLocation();
            throw new CodecException("not JSON: " + e.getOriginalMessage()
                    + (loc == null ? "" : " at column " + loc.getColumnNr()), e);
        }
    }

    /** JSON's standard escapes, and every surrogate as a {@code \}{@code u} escape (see the class comment). */
    private static final class SurrogatesEscaped extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private final int[] ascii = standardAsciiEscapesForJSON();

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return ch >= Character.MIN_SURROGATE && ch <= Character.MAX_SURROGATE
                    ? new SerializedString(String.format("\\u%04x", ch)) : null;
        }
    }
}
