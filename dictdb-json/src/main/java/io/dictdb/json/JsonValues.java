package io.dictdb.json;

import io.dictdb.CodecException;
import io.dictdb.FieldType;
import io.dictdb.IndexType;
import io.dictdb.Record;
import io.dictdb.Schema;
import io.dictdb.query.Condition;
import io.dictdb.spi.ImageLimits;
import io.dictdb.spi.IndexDefinition;
import io.dictdb.spi.StoredCondition;
import io.dictdb.spi.TableDefinition;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Writing and reading values and table definitions as JSON; shared by the writer and the reader. */
final class JsonValues {
    static final String INSTANT = "$instant";
    static final String DATE = "$date";
    static final String UUID_TAG = "$uuid";
    static final String BYTES = "$bytes";
    static final String DECIMAL = "$decimal";
    static final String DOUBLE = "$double";
    static final String MAP = "$map";

    private static final long NEGATIVE_ZERO = Double.doubleToRawLongBits(-0.0);

    private JsonValues() {
    }

    // ------------------------------------------------------------------ writing

    /**
     * Writes a record. Like a nested map, a record whose first field's name starts with {@code $} is wrapped as
     * {@code {"$map":{...}}}, so that its fields are never taken for a tag (a record is never a tagged scalar, but
     * the reader must know from the first name alone whether it is looking at a wrapper).
     */
    static void writeRecord(JsonGenerator g, Map<String, Object> record) {
        writeMap(g, record, 1);
    }

    static void writeValue(JsonGenerator g, Object v, int depth, String field) {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Long l) {
            g.writeNumber(l.longValue());
        } else if (v instanceof Double d) {
            double x = d;
            if (Double.isFinite(x) && Double.doubleToRawLongBits(x) != NEGATIVE_ZERO) {
                g.writeNumber(x);
            } else {
                tagged(g, DOUBLE, Double.isNaN(x) ? "NaN" : Double.toString(x));
            }
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof BigDecimal bd) {
            tagged(g, DECIMAL, bd.toString());
        } else if (v instanceof Instant i) {
            tagged(g, INSTANT, i.toString());
        } else if (v instanceof LocalDate d) {
            tagged(g, DATE, d.toString());
        } else if (v instanceof UUID u) {
            tagged(g, UUID_TAG, u.toString());
        } else if (v instanceof byte[] bytes) {
            tagged(g, BYTES, Base64.getEncoder().encodeToString(bytes));
        } else if (v instanceof List<?> list) {
            checkWriteDepth(depth, field);
            g.writeStartArray();
            for (Object o : list) {
                writeValue(g, o, depth + 1, field);
            }
            g.writeEndArray();
        } else if (v instanceof Map<?, ?> map) {
            checkWriteDepth(depth, field);
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) map;
            writeMap(g, m, depth + 1);
        } else {
            throw new CodecException("field '" + field + "': cannot write a value of type "
                    + v.getClass().getName());
        }
    }

    private static void checkWriteDepth(int depth, String field) {
        if (depth > ImageLimits.MAX_DEPTH) {
            throw new CodecException("field '" + field + "': values nest deeper than " + ImageLimits.MAX_DEPTH
                    + " levels");
        }
    }

    private static void writeMap(JsonGenerator g, Map<String, Object> m, int depth) {
        boolean escape = !m.isEmpty() && m.keySet().iterator().next().startsWith("$");
        g.writeStartObject();
        if (escape) {
            g.writeName(MAP);
            g.writeStartObject();
        }
        for (Map.Entry<String, Object> e : m.entrySet()) {
            writeName(g, e.getKey());
            writeValue(g, e.getValue(), depth, e.getKey());
        }
        if (escape) {
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    /**
     * Writes a field name. JSON parsers (Jackson's included) refuse a name holding an unpaired UTF-16 surrogate
     * even when escaped, so such a name is refused here, before anything unreadable is written.
     */
    static void writeName(JsonGenerator g, String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isSurrogate(c)) {
                boolean paired = Character.isHighSurrogate(c) && i + 1 < name.length()
                        && Character.isLowSurrogate(name.charAt(i + 1));
                if (!paired) {
                    throw new CodecException("the field name '" + name + "' holds an unpaired UTF-16 surrogate at "
                            + i + ", which JSON cannot carry in a name");
                }
                i++;
            }
        }
        g.writeName(name);
    }

    private static void tagged(JsonGenerator g, String tag, String text) {
        g.writeStartObject();
        g.writeStringProperty(tag, text);
        g.writeEndObject();
    }

    static void writeDefinition(JsonGenerator g, TableDefinition d) {
        g.writeStringProperty("name", d.name());
        g.writeStringProperty("primaryKey", d.primaryKey());
        g.writeName("schema");
        if (d.schema() == null) {
            g.writeNull();
        } else {
            g.writeStartObject();
            g.writeName("fields");
            g.writeStartObject();
            for (Map.Entry<String, FieldType> f : d.schema().fields().entrySet()) {
                writeName(g, f.getKey());
                g.writeString(f.getValue().name());
            }
            g.writeEndObject();
            g.writeName("optional");
            g.writeStartArray();
            for (String f : d.schema().fields().keySet()) {
                if (d.schema().optionalFields().contains(f)) {
                    g.writeString(f);
                }
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeName("indexes");
        g.writeStartArray();
        for (IndexDefinition i : d.indexes()) {
            writeIndex(g, i);
        }
        g.writeEndArray();
    }

    /**
     * Writes an index: a plain one as {@code {"field":f,"type":T}}, as files were before composite, unique and partial
     * indexes (so older readers still read files that hold only plain indexes); any other as
     * {@code {"fields":[f, ...],"type":T,"unique":true,"where":condition}}, {@code unique} and {@code where} present
     * only when the index has them, the condition as {@link StoredCondition} makes it.
     */
    static void writeIndex(JsonGenerator g, IndexDefinition i) {
        g.writeStartObject();
        if (i.isPlain()) {
            g.writeStringProperty("field", i.field());
            g.writeStringProperty("type", i.type().name());
        } else {
            g.writeName("fields");
            g.writeStartArray();
            for (String f : i.fields()) {
                g.writeString(f);
            }
            g.writeEndArray();
            g.writeStringProperty("type", i.type().name());
            if (i.unique()) {
                g.writeBooleanProperty("unique", true);
            }
            if (i.condition() != null) {
                g.writeName("where");
                writeValue(g, StoredCondition.toValue(i.condition()), 1, "where");
            }
        }
        g.writeEndObject();
    }

    // ------------------------------------------------------------------ reading

    /** Reads the value whose first token is current; {@code depth} is the level a list or map here would be. */
    static Object readValue(JsonParser p, JsonToken t, int depth, boolean tagged) {
        if (t == null) {
            throw new CodecException("the JSON ends inside a value");
        }
        switch (t) {
            case VALUE_NULL:
                return null;
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_STRING:
                return p.getString();
            case VALUE_NUMBER_INT:
                if (p.getNumberType() == JsonParser.NumberType.INT || p.getNumberType() == JsonParser.NumberType.LONG) {
                    return p.getLongValue();
                }
                return new BigDecimal(p.getBigIntegerValue());
            case VALUE_NUMBER_FLOAT:
                return p.getDoubleValue();
            case START_ARRAY: {
                ImageLimits.checkDepth(depth);
                List<Object> list = new ArrayList<>();
                JsonToken n;
                while ((n = p.nextToken()) != JsonToken.END_ARRAY) {
                    if (list.size() >= ImageLimits.MAX_COLLECTION_SIZE) {
                        ImageLimits.check("list size", list.size() + 1L, ImageLimits.MAX_COLLECTION_SIZE);
                    }
                    list.add(readValue(p, n, depth + 1, tagged));
                }
                return list;
            }
            case START_OBJECT:
                // The depth is checked inside: a tagged scalar ({"$instant": ...}) is a value, not a level.
                return readObject(p, depth, tagged);
            default:
                throw new CodecException("unexpected JSON " + t + " where a value belongs");
        }
    }

    private static Object readObject(JsonParser p, int depth, boolean tagged) {
        String name = p.nextName();
        if (name == null) {
            ImageLimits.checkDepth(depth);
            expect(p, p.currentToken(), JsonToken.END_OBJECT);
            return Record.empty();
        }
        if (tagged && name.startsWith("$")) {
            if (name.equals(MAP)) {
                ImageLimits.checkDepth(depth);
                JsonToken t = p.nextToken();
                expect(p, t, JsonToken.START_OBJECT);
                Map<String, Object> m = readEntries(p, p.nextName(), depth, tagged);
                expect(p, p.nextToken(), JsonToken.END_OBJECT);
                return m;
            }
            JsonToken t = p.nextToken();
            if (t != JsonToken.VALUE_STRING) {
                throw new CodecException("tag " + name + " must hold a string, found " + t);
            }
            String text = p.getString();
            Object v = untag(name, text);
            expect(p, p.nextToken(), JsonToken.END_OBJECT);
            return v;
        }
        ImageLimits.checkDepth(depth);
        return readEntries(p, name, depth, tagged);
    }

    /**
     * Reads a record whose START_OBJECT is {@code t}. A record is never a tagged scalar, so its first name decides
     * less than a value's: {@code {"$map":{...}}} is a record written wrapped, and any other {@code $}-name is the
     * first field of a record written unwrapped, as versions before the wrapping wrote every record (such files
     * could not be read back then; they load now). The one record those versions wrote that stays ambiguous, a
     * {@code $map} field holding an object followed by more fields, is refused naming the table and the position.
     */
    static Map<String, Object> readRecord(JsonParser p, JsonToken t, boolean tagged, String table) {
        expect(p, t, JsonToken.START_OBJECT);
        String first = p.nextName();
        if (!tagged || !MAP.equals(first)) {
            return readEntries(p, first, 0, tagged);
        }
        JsonToken v = p.nextToken();
        if (v != JsonToken.START_OBJECT) {
            // an old unwrapped record whose first field, $map, holds no object
            Map<String, Object> m = new LinkedHashMap<>();
            m.put(MAP, readValue(p, v, 1, tagged));
            return readEntries(p, p.nextName(), 0, tagged, m);
        }
        Map<String, Object> m = readEntries(p, p.nextName(), 0, tagged);
        JsonToken after = p.nextToken();
        if (after != JsonToken.END_OBJECT) {
            throw new CodecException("table '" + table + "': a record whose first field is \"$map\", holding an "
                    + "object, and more fields follow at " + where(p) + ": written by a version before records were "
                    + "wrapped, it cannot be told from a wrapped record");
        }
        return m;
    }

    /** Reads an object's entries, the first name already read; ends on its END_OBJECT. */
    private static Map<String, Object> readEntries(JsonParser p, String first, int depth, boolean tagged) {
        return readEntries(p, first, depth, tagged, new LinkedHashMap<>());
    }

    /** Reads an object's entries into {@code m}, the first name already read; ends on its END_OBJECT. */
    private static Map<String, Object> readEntries(JsonParser p, String first, int depth, boolean tagged,
            Map<String, Object> m) {
        String name = first;
        while (name != null) {
            if (m.size() >= ImageLimits.MAX_COLLECTION_SIZE) {
                ImageLimits.check("map size", m.size() + 1L, ImageLimits.MAX_COLLECTION_SIZE);
            }
            m.put(name, readValue(p, p.nextToken(), depth + 1, tagged));
            name = p.nextName();
        }
        expect(p, p.currentToken(), JsonToken.END_OBJECT);
        return m;
    }

    private static Object untag(String tag, String text) {
        try {
            switch (tag) {
                case INSTANT:
                    return Instant.parse(text);
                case DATE:
                    return LocalDate.parse(text);
                case UUID_TAG:
                    return UUID.fromString(text);
                case BYTES:
                    ImageLimits.check("bytes length", decodedLength(text), ImageLimits.MAX_BYTES_LENGTH);
                    return Base64.getDecoder().decode(text);
                case DECIMAL:
                    // MAX_NUMBER_LENGTH leaves room for the sign, point and exponent of MAX_DECIMAL_DIGITS digits
                    ImageLimits.check("decimal length", text.length(), ImageLimits.MAX_NUMBER_LENGTH);
                    BigDecimal bd = new BigDecimal(text);
                    ImageLimits.check("decimal scale", Math.abs((long) bd.scale()), ImageLimits.MAX_DECIMAL_SCALE);
                    return bd;
                case DOUBLE:
                    switch (text) {
                        case "NaN":
                            return Double.NaN;
                        case "Infinity":
                            return Double.POSITIVE_INFINITY;
                        case "-Infinity":
                            return Double.NEGATIVE_INFINITY;
                        case "-0.0":
                            return -0.0;
                        default:
                            ImageLimits.check("number length", text.length(), 64);
                            return Double.parseDouble(text);
                    }
                default:
                    throw new CodecException("unknown value tag '" + tag + "'");
            }
        } catch (CodecException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new CodecException("bad " + tag + " value '" + abbreviate(text) + "': " + e.getMessage(), e);
        }
    }

    /** The number of bytes a base64 text decodes to (padded or not), so a value at the limit is not refused. */
    static long decodedLength(String base64) {
        int n = base64.length();
        int padding = base64.endsWith("==") ? 2 : base64.endsWith("=") ? 1 : 0;
        return n / 4L * 3 + Math.max(0, n % 4 - 1) - padding;
    }

    static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    static void expect(JsonParser p, JsonToken actual, JsonToken expected) {
        if (actual != expected) {
            throw new CodecException("expected JSON " + expected + " but found " + (actual == null ? "the end" : actual)
                    + " at " + where(p));
        }
    }

    static String where(JsonParser p) {
        var loc = p.currentLocation();
        return "line " + loc.getLineNr() + ", column " + loc.getColumnNr();
    }

    static String readString(JsonParser p, String what) {
        JsonToken t = p.nextToken();
        if (t != JsonToken.VALUE_STRING) {
            throw new CodecException(what + " must be a string, found " + t + " at " + where(p));
        }
        return p.getString();
    }

    static long readLong(JsonParser p, String what) {
        JsonToken t = p.nextToken();
        if (t != JsonToken.VALUE_NUMBER_INT || (p.getNumberType() != JsonParser.NumberType.INT
                && p.getNumberType() != JsonParser.NumberType.LONG)) {
            throw new CodecException(what + " must be an integer, found " + t + " at " + where(p));
        }
        return p.getLongValue();
    }

    static Schema readSchema(JsonParser p) {
        JsonToken t = p.nextToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(p, t, JsonToken.START_OBJECT);
        Map<String, FieldType> fields = new LinkedHashMap<>();
        java.util.Set<String> optional = new java.util.LinkedHashSet<>();
        String name;
        while ((name = p.nextName()) != null) {
            if (name.equals("fields")) {
                expect(p, p.nextToken(), JsonToken.START_OBJECT);
                String f;
                while ((f = p.nextName()) != null) {
                    ImageLimits.check("schema fields", fields.size() + 1L, ImageLimits.MAX_FIELDS);
                    fields.put(f, fieldType(readString(p, "schema type of '" + f + "'")));
                }
            } else if (name.equals("optional")) {
                expect(p, p.nextToken(), JsonToken.START_ARRAY);
                JsonToken n;
                while ((n = p.nextToken()) != JsonToken.END_ARRAY) {
                    expect(p, n, JsonToken.VALUE_STRING);
                    ImageLimits.check("optional fields", optional.size() + 1L, ImageLimits.MAX_FIELDS);
                    optional.add(p.getString());
                }
            } else {
                throw new CodecException("unknown schema property '" + name + "' at " + where(p));
            }
        }
        Schema.Builder b = Schema.builder();
        for (Map.Entry<String, FieldType> e : fields.entrySet()) {
            if (optional.contains(e.getKey())) {
                b.optional(e.getKey(), e.getValue());
            } else {
                b.field(e.getKey(), e.getValue());
            }
        }
        for (String o : optional) {
            if (!fields.containsKey(o)) {
                throw new CodecException("optional field '" + o + "' is not in the schema");
            }
        }
        return b.build();
    }

    private static FieldType fieldType(String s) {
        try {
            return FieldType.valueOf(s);
        } catch (IllegalArgumentException e) {
            throw new CodecException("unknown field type '" + abbreviate(s) + "'");
        }
    }

    /**
     * Reads an index whose START_OBJECT is {@code start}: {@code "field"} (older files and plain indexes) or
     * {@code "fields"}, {@code "type"}, and optionally {@code "unique"} and {@code "where"}; {@code owner} names
     * what holds it (a table, a change) in errors.
     */
    static IndexDefinition readIndex(JsonParser p, JsonToken start, String owner) {
        expect(p, start, JsonToken.START_OBJECT);
        List<String> fields = null;
        IndexType type = null;
        boolean unique = false;
        Object where = null;
        String name;
        while ((name = p.nextName()) != null) {
            switch (name) {
                case "field" -> fields = List.of(readString(p, "index field"));
                case "fields" -> fields = readIndexFields(p, owner);
                case "type" -> {
                    String s = readString(p, "index type");
                    try {
                        type = IndexType.valueOf(s);
                    } catch (IllegalArgumentException e) {
                        throw new CodecException("unknown index type '" + abbreviate(s) + "' in " + owner + " at "
                                + where(p));
                    }
                }
                case "unique" -> {
                    JsonToken t = p.nextToken();
                    if (t != JsonToken.VALUE_TRUE && t != JsonToken.VALUE_FALSE) {
                        throw new CodecException("index \"unique\" must be true or false, found " + t + " in "
                                + owner + " at " + where(p));
                    }
                    unique = t == JsonToken.VALUE_TRUE;
                }
                case "where" -> where = readValue(p, p.nextToken(), 1, true);
                default -> throw new CodecException("unknown index property '" + abbreviate(name) + "' in " + owner
                        + " at " + where(p));
            }
        }
        if (fields == null || type == null) {
            throw new CodecException("an index needs a field and a type, in " + owner + " at " + where(p));
        }
        String at = "an index on " + fields + " of " + owner + " at " + where(p);
        Condition condition = where == null ? null : StoredCondition.fromValue(where, at);
        try {
            return new IndexDefinition(fields, type, unique, condition);
        } catch (IllegalArgumentException e) {
            throw new CodecException("bad index in " + at + ": " + e.getMessage(), e);
        }
    }

    private static List<String> readIndexFields(JsonParser p, String owner) {
        expect(p, p.nextToken(), JsonToken.START_ARRAY);
        List<String> fields = new ArrayList<>();
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            ImageLimits.check("index fields", fields.size() + 1L, ImageLimits.MAX_FIELDS);
            if (t != JsonToken.VALUE_STRING) {
                throw new CodecException("an index field must be a string, found " + t + " in " + owner + " at "
                        + where(p));
            }
            fields.add(p.getString());
        }
        return fields;
    }

    static List<IndexDefinition> readIndexes(JsonParser p, String owner) {
        expect(p, p.nextToken(), JsonToken.START_ARRAY);
        List<IndexDefinition> list = new ArrayList<>();
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            ImageLimits.check("indexes", list.size() + 1L, ImageLimits.MAX_FIELDS);
            list.add(readIndex(p, t, owner));
        }
        return list;
    }

    static Record toRecord(Object map, String table) {
        if (!(map instanceof Map<?, ?> m)) {
            throw new CodecException("table '" + table + "': a record must be a JSON object");
        }
        if (m instanceof Record r) {
            return r;
        }
        try {
            @SuppressWarnings("unchecked")
            Map<String, ?> typed = (Map<String, ?>) m;
            return Record.of(typed);
        } catch (IllegalArgumentException e) {
            throw new CodecException("table '" + table + "': " + e.getMessage(), e);
        }
    }
}
