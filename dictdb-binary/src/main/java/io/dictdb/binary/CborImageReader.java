package io.dictdb.binary;

import io.dictdb.CodecException;
import io.dictdb.FieldType;
import io.dictdb.IndexType;
import io.dictdb.Record;
import io.dictdb.Schema;
import io.dictdb.spi.Change;
import io.dictdb.spi.ImageHeader;
import io.dictdb.spi.ImageKind;
import io.dictdb.spi.ImageLimits;
import io.dictdb.spi.IndexDefinition;
import io.dictdb.spi.TableDefinition;
import io.dictdb.spi.TableState;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.dataformat.cbor.CBORParser;

/**
 * Reads one CBOR image (layout in {@link CborCodec}), streaming token by token with Jackson's parser. Jackson's
 * {@code StreamReadConstraints} bound nesting and string lengths; this reader bounds counts and checks every
 * token's type and tag, refusing anything it does not expect.
 */
final class CborImageReader extends BinaryImageReader {
    private CBORParser p;

    CborImageReader(InputStream in) {
        super("cbor", in);
    }

    private static CodecException corrupt(String message) {
        return new CodecException("Corrupt cbor image: " + message);
    }

    /** The next token, which must be {@code expected}. */
    private void next(JsonToken expected, String what) {
        JsonToken t = p.nextToken();
        if (t != expected) {
            throw corrupt("expected " + what + ", found " + describe(t));
        }
    }

    private static String describe(JsonToken t) {
        return t == null ? "the end of the input" : t.toString();
    }

    private String nextString(String what) {
        JsonToken t = p.nextToken();
        if (t != JsonToken.VALUE_STRING || p.getCurrentTag() != -1) {
            throw corrupt("expected " + what + " (text), found " + describe(t));
        }
        return text(p.getString());
    }

    private String nextNullableString(String what) {
        JsonToken t = p.nextToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.VALUE_STRING || p.getCurrentTag() != -1) {
            throw corrupt("expected " + what + " (text or null), found " + describe(t));
        }
        return text(p.getString());
    }

    private long nextLong(String what) {
        JsonToken t = p.nextToken();
        if (t != JsonToken.VALUE_NUMBER_INT || p.getCurrentTag() != -1) {
            throw corrupt("expected " + what + " (an integer), found " + describe(t));
        }
        return integer(what);
    }

    private long integer(String what) {
        JsonParser.NumberType type = p.getNumberType();
        if (type != JsonParser.NumberType.INT && type != JsonParser.NumberType.LONG) {
            throw corrupt(what + " is out of the range of a long");
        }
        return p.getLongValue();
    }

    /**
     * CBOR text as read: Jackson decodes the UTF-8 form of a lone surrogate without complaint, but such text is not
     * valid UTF-8 and this codec never writes it (a string holding one is a tagged byte string), and a database
     * holding it could not be saved again: refused.
     */
    private static String text(String s) {
        if (CborImageWriter.hasUnpairedSurrogate(s)) {
            throw new DecodeError("text that is not valid UTF-8 (an unpaired surrogate)");
        }
        return s;
    }

    private String nextName(String what) {
        JsonToken t = p.nextToken();
        if (t != JsonToken.PROPERTY_NAME) {
            throw corrupt("expected the field " + what + ", found " + describe(t));
        }
        String name = p.currentName();
        if (!name.equals(what)) {
            throw corrupt("expected the field " + what + ", found '" + KryoWire.abbreviate(name) + "'");
        }
        return name;
    }

    @Override
    protected ImageHeader doReadHeader() throws IOException {
        return call(() -> {
            p = (CBORParser) CborCodec.FACTORY.createParser(ObjectReadContext.empty(), source);
            JsonToken first = p.nextToken();
            if (first != JsonToken.START_ARRAY) {
                throw new CodecException("Not a cbor image: it does not start with an array");
            }
            JsonToken t = p.nextToken();
            if (t != JsonToken.VALUE_STRING || !CborCodec.MAGIC.equals(p.getString())) {
                throw new CodecException("Not a cbor image: the marker '" + CborCodec.MAGIC + "' is missing");
            }
            next(JsonToken.START_OBJECT, "the header");
            nextName("formatVersion");
            long version = nextLong("the format version");
            nextName("kind");
            String kind = nextString("the image kind");
            nextName("firstSequence");
            long firstSequence = nextLong("the first sequence");
            nextName("lastSequence");
            long lastSequence = nextLong("the last sequence");
            nextName("imageId");
            String id = nextNullableString("the image id");
            nextName("baseImageId");
            String base = nextNullableString("the base image id");
            nextName("createdAt");
            p.nextToken();
            Object createdAt = readValue(0);
            if (!(createdAt instanceof Instant at)) {
                throw corrupt("the header's creation time is not an instant");
            }
            String database = null;
            JsonToken afterCreated = p.nextToken();
            if (afterCreated == JsonToken.PROPERTY_NAME && "databaseId".equals(p.currentName())) {
                database = nextNullableString("the database id");
                afterCreated = p.nextToken();
            }
            if (afterCreated != JsonToken.END_OBJECT) {
                throw corrupt("expected the end of the header, found " + describe(afterCreated));
            }
            if (version != ImageHeader.FORMAT_VERSION) {
                throw new CodecException("Unsupported cbor image format version " + version
                        + " (this library reads version " + ImageHeader.FORMAT_VERSION + ")");
            }
            ImageHeader h;
            try {
                h = new ImageHeader((int) version, KryoWire.enumValue(ImageKind.class, kind, "the header"),
                        firstSequence, lastSequence, id, base, at, database);
            } catch (IllegalArgumentException e) {
                throw corrupt("invalid header: " + e.getMessage());
            }
            next(JsonToken.START_ARRAY, "the tables or changes");
            return h;
        });
    }

    @Override
    protected TableDefinition doNextTable() throws IOException {
        records = 0;
        return call(() -> {
            JsonToken t = p.nextToken();
            if (t == JsonToken.END_ARRAY) {
                return null;
            }
            if (t != JsonToken.START_ARRAY) {
                throw corrupt("expected a table, found " + describe(t));
            }
            TableDefinition definition = readDefinition();
            tables++;
            return definition;
        });
    }

    @Override
    protected Record doNextRecord() throws IOException {
        return call(() -> {
            JsonToken t = p.nextToken();
            if (t == JsonToken.END_ARRAY) {
                return null;
            }
            records++;
            if (t != JsonToken.START_OBJECT || p.getCurrentTag() != -1) {
                throw new DecodeError("expected a record, found " + describe(t));
            }
            return readRecord(0);
        });
    }

    @Override
    protected Change doNextChange() throws IOException {
        return call(() -> {
            JsonToken t = p.nextToken();
            if (t == JsonToken.END_ARRAY) {
                return null;
            }
            if (t != JsonToken.START_ARRAY) {
                throw corrupt("expected a change, found " + describe(t));
            }
            String op = nextString("a change type");
            long seq = nextLong("a change's sequence number");
            sequence = seq;
            final String where = "the change";
            Change c;
            try {
                switch (op) {
                    case "upsert": {
                        String tb = nextString("the table of " + where);
                        next(JsonToken.START_OBJECT, "the record of " + where);
                        c = new Change.Upsert(seq, tb, readRecord(0));
                        break;
                    }
                    case "delete": {
                        String tb = nextString("the table of " + where);
                        p.nextToken();
                        Object key = readValue(0);
                        if (key == null) {
                            throw corrupt(where + " deletes a null key");
                        }
                        c = new Change.Delete(seq, tb, io.dictdb.Values.canonical("key", key));
                        break;
                    }
                    case "createTable":
                        next(JsonToken.START_OBJECT, "the table definition of " + where);
                        c = new Change.CreateTable(seq, readDefinitionBody());
                        break;
                    case "dropTable":
                        c = new Change.DropTable(seq, nextString("the table of " + where));
                        break;
                    case "createIndex": {
                        String tb = nextString("the table of " + where);
                        c = new Change.CreateIndex(seq, tb, readIndex(where));
                        break;
                    }
                    case "dropIndex": {
                        String tb = nextString("the table of " + where);
                        c = new Change.DropIndex(seq, tb, nextString("the field of " + where));
                        break;
                    }
                    default:
                        throw corrupt("unknown change type '" + KryoWire.abbreviate(op) + "' at " + where);
                }
            } catch (IllegalArgumentException e) {
                throw corrupt(where + ": " + e.getMessage());
            }
            next(JsonToken.END_ARRAY, "the end of " + where);
            return c;
        });
    }

    @Override
    protected List<TableState> doReadTableStates() throws IOException {
        return call(() -> {
            next(JsonToken.START_ARRAY, "the table states");
            List<TableState> list = new ArrayList<>();
            while (true) {
                JsonToken t = p.nextToken();
                if (t == JsonToken.END_ARRAY) {
                    break;
                }
                if (t != JsonToken.START_ARRAY) {
                    throw corrupt("expected a table state, found " + describe(t));
                }
                if (list.size() >= ImageLimits.MAX_TABLES) {
                    throw corrupt("more than " + ImageLimits.MAX_TABLES + " table states");
                }
                String name = nextString("a table state's table");
                long next = nextLong("a table state's next key");
                next(JsonToken.END_ARRAY, "the end of a table state");
                try {
                    list.add(new TableState(name, next));
                } catch (IllegalArgumentException e) {
                    throw corrupt(e.getMessage());
                }
            }
            return List.copyOf(list);
        });
    }

    @Override
    protected void doFinish() throws IOException {
        call(() -> {
            next(JsonToken.END_ARRAY, "the end of the image");
            JsonToken t = p.nextToken();
            if (t != null) {
                throw corrupt("data follows the end of the image");
            }
            return null;
        });
    }

    @Override
    protected void doClose() throws IOException {
        if (p != null) {
            CBORParser parser = p;
            p = null;
            call(() -> {
                parser.close();
                return null;
            });
        }
    }

    private TableDefinition readDefinition() {
        next(JsonToken.START_OBJECT, "a table definition");
        return readDefinitionBody();
    }

    /** A definition map whose START_OBJECT is the current token. */
    private TableDefinition readDefinitionBody() {
        nextName("name");
        String name = nextString("a table name");
        String where = "the definition of table '" + KryoWire.abbreviate(name) + "'";
        nextName("primaryKey");
        String primaryKey = nextString("the primary key in " + where);
        nextName("schema");
        Schema schema = null;
        JsonToken t = p.nextToken();
        if (t == JsonToken.START_ARRAY) {
            Schema.Builder b = Schema.builder();
            int n = 0;
            try {
                while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                    if (t != JsonToken.START_ARRAY) {
                        throw corrupt("expected a schema field in " + where + ", found " + describe(t));
                    }
                    if (++n > ImageLimits.MAX_FIELDS) {
                        throw corrupt("more than " + ImageLimits.MAX_FIELDS + " schema fields in " + where);
                    }
                    String field = nextString("a schema field in " + where);
                    FieldType type = KryoWire.enumValue(FieldType.class, nextString("a field type in " + where),
                            where);
                    JsonToken opt = p.nextToken();
                    if (opt != JsonToken.VALUE_TRUE && opt != JsonToken.VALUE_FALSE) {
                        throw corrupt("expected a boolean in a schema field in " + where + ", found " + describe(opt));
                    }
                    if (opt == JsonToken.VALUE_TRUE) {
                        b.optional(field, type);
                    } else {
                        b.field(field, type);
                    }
                    next(JsonToken.END_ARRAY, "the end of a schema field in " + where);
                }
            } catch (IllegalArgumentException e) {
                throw corrupt(e.getMessage() + " in " + where);
            }
            schema = b.build();
        } else if (t != JsonToken.VALUE_NULL) {
            throw corrupt("expected the schema of " + where + ", found " + describe(t));
        }
        nextName("indexes");
        next(JsonToken.START_ARRAY, "the indexes of " + where);
        List<IndexDefinition> indexes = new ArrayList<>();
        while (true) {
            IndexDefinition index = readIndexOrEnd(where);
            if (index == null) {
                break;
            }
            if (indexes.size() >= ImageLimits.MAX_FIELDS) {
                throw corrupt("more than " + ImageLimits.MAX_FIELDS + " indexes in " + where);
            }
            indexes.add(index);
        }
        next(JsonToken.END_OBJECT, "the end of " + where);
        try {
            return new TableDefinition(name, primaryKey, schema, indexes);
        } catch (IllegalArgumentException e) {
            throw corrupt(e.getMessage() + " in " + where);
        }
    }

    private IndexDefinition readIndex(String where) {
        IndexDefinition index = readIndexOrEnd(where);
        if (index == null) {
            throw corrupt("expected an index in " + where);
        }
        return index;
    }

    private IndexDefinition readIndexOrEnd(String where) {
        JsonToken t = p.nextToken();
        if (t == JsonToken.END_ARRAY) {
            return null;
        }
        if (t != JsonToken.START_ARRAY) {
            throw corrupt("expected an index in " + where + ", found " + describe(t));
        }
        String field = nextString("an indexed field in " + where);
        IndexType type = KryoWire.enumValue(IndexType.class, nextString("an index type in " + where), where);
        next(JsonToken.END_ARRAY, "the end of an index in " + where);
        try {
            return new IndexDefinition(field, type);
        } catch (IllegalArgumentException e) {
            throw corrupt(e.getMessage() + " in " + where);
        }
    }

    /** A record (or nested map) whose START_OBJECT is the current token. */
    private Record readRecord(int depth) {
        ArrayList<Object> pairs = new ArrayList<>(16);
        LinkedHashMap<String, Object> map = null;
        int n = 0;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_OBJECT) {
            if (t != JsonToken.PROPERTY_NAME) {
                throw new DecodeError("expected a field name, found " + describe(t));
            }
            if (++n > ImageLimits.MAX_COLLECTION_SIZE) {
                throw new DecodeError("more than " + ImageLimits.MAX_COLLECTION_SIZE + " fields");
            }
            String name = p.currentName();
            if (CborImageWriter.hasUnpairedSurrogate(name)) {
                throw new DecodeError("a field name that is not valid UTF-8 text (an unpaired surrogate)");
            }
            p.nextToken();
            Object value;
            try {
                value = readValue(depth);
            } catch (DecodeError e) {
                throw e.field(name);
            }
            if (map == null && n > 16) {
                map = new LinkedHashMap<>();
                for (int i = 0; i < pairs.size(); i += 2) {
                    map.put((String) pairs.get(i), pairs.get(i + 1));
                }
                pairs = null;
            }
            if (map != null) {
                if (map.containsKey(name)) {
                    throw new DecodeError("field '" + KryoWire.abbreviate(name) + "' appears twice");
                }
                map.put(name, value);
            } else {
                pairs.add(name);
                pairs.add(value);
            }
        }
        try {
            return map != null ? Record.of(map) : Record.of(pairs.toArray());
        } catch (IllegalArgumentException e) {
            throw new DecodeError(e.getMessage());
        }
    }

    /** The value whose first token is the current token. */
    private Object readValue(int depth) {
        JsonToken t = p.currentToken();
        int tag = p.getCurrentTag();
        if (t == null) {
            throw new DecodeError("the input ends within a value");
        }
        switch (t) {
            case VALUE_NULL:
                untagged(tag);
                return null;
            case VALUE_TRUE:
                untagged(tag);
                return Boolean.TRUE;
            case VALUE_FALSE:
                untagged(tag);
                return Boolean.FALSE;
            case VALUE_STRING:
                untagged(tag);
                return text(p.getString());
            case VALUE_NUMBER_INT:
                if (tag == CborImageWriter.TAG_DATE) {
                    JsonParser.NumberType type = p.getNumberType();
                    if (type != JsonParser.NumberType.INT && type != JsonParser.NumberType.LONG) {
                        throw new DecodeError("a date out of range");
                    }
                    long day = p.getLongValue();
                    try {
                        return LocalDate.ofEpochDay(day);
                    } catch (DateTimeException e) {
                        throw new DecodeError("invalid date (epoch day " + day + ")");
                    }
                }
                untagged(tag);
                if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                    return decimal(new BigDecimal(p.getBigIntegerValue()));
                }
                return p.getLongValue();
            case VALUE_NUMBER_FLOAT:
                untagged(tag);
                if (p.getNumberType() == JsonParser.NumberType.BIG_DECIMAL) {
                    return decimal(p.getDecimalValue());
                }
                return p.getDoubleValue();
            case VALUE_EMBEDDED_OBJECT: {
                Object o = p.getEmbeddedObject();
                if (!(o instanceof byte[] bytes)) {
                    throw new DecodeError("unsupported value");
                }
                if (tag == CborImageWriter.TAG_UTF16) {
                    if (bytes.length % 2 != 0 || bytes.length / 2 > ImageLimits.MAX_STRING_LENGTH) {
                        throw new DecodeError("a UTF-16 string of " + bytes.length + " bytes");
                    }
                    char[] chars = new char[bytes.length / 2];
                    for (int i = 0; i < chars.length; i++) {
                        chars[i] = (char) (((bytes[2 * i] & 0xFF) << 8) | (bytes[2 * i + 1] & 0xFF));
                    }
                    return new String(chars);
                }
                if (tag == CborImageWriter.TAG_UUID) {
                    if (bytes.length != 16) {
                        throw new DecodeError("a UUID of " + bytes.length + " bytes");
                    }
                    ByteBuffer b = ByteBuffer.wrap(bytes);
                    return new UUID(b.getLong(), b.getLong());
                }
                untagged(tag);
                if (bytes.length > ImageLimits.MAX_BYTES_LENGTH) {
                    throw new DecodeError("a byte array of " + bytes.length + " bytes is over the limit of "
                            + ImageLimits.MAX_BYTES_LENGTH);
                }
                return bytes;
            }
            case START_ARRAY: {
                untagged(tag);
                checkDepth(depth);
                ArrayList<Object> list = new ArrayList<>();
                JsonToken e;
                while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
                    if (e == null) {
                        throw new DecodeError("the input ends within a list");
                    }
                    if (list.size() >= ImageLimits.MAX_COLLECTION_SIZE) {
                        throw new DecodeError("more than " + ImageLimits.MAX_COLLECTION_SIZE + " elements in a list");
                    }
                    try {
                        list.add(readValue(depth + 1));
                    } catch (DecodeError x) {
                        throw x.index(list.size());
                    }
                }
                return list;
            }
            case START_OBJECT:
                if (tag == CborImageWriter.TAG_INSTANT) {
                    return readInstant();
                }
                untagged(tag);
                checkDepth(depth);
                return readRecord(depth + 1);
            default:
                throw new DecodeError("unexpected " + t);
        }
    }

    private Instant readInstant() {
        expectName("1");
        long seconds = nextInteger("the seconds of an instant");
        expectName("-9");
        long nanos = nextInteger("the nanoseconds of an instant");
        if (p.nextToken() != JsonToken.END_OBJECT) {
            throw new DecodeError("an instant with more than seconds and nanoseconds");
        }
        if (nanos < 0 || nanos > 999_999_999) {
            throw new DecodeError("invalid nanoseconds " + nanos + " in an instant");
        }
        try {
            return Instant.ofEpochSecond(seconds, nanos);
        } catch (DateTimeException | ArithmeticException e) {
            throw new DecodeError("invalid instant (" + seconds + " s)");
        }
    }

    private void expectName(String name) {
        if (p.nextToken() != JsonToken.PROPERTY_NAME || !name.equals(p.currentName())) {
            throw new DecodeError("an instant without its field " + name);
        }
    }

    private long nextInteger(String what) {
        JsonToken t = p.nextToken();
        JsonParser.NumberType type = t == JsonToken.VALUE_NUMBER_INT ? p.getNumberType() : null;
        if (p.getCurrentTag() != -1 || (type != JsonParser.NumberType.INT && type != JsonParser.NumberType.LONG)) {
            throw new DecodeError(what + " is not a long integer");
        }
        return p.getLongValue();
    }

    private static BigDecimal decimal(BigDecimal d) {
        if (d.unscaledValue().bitLength() > Limits.MAX_DECIMAL_BITS
                || Math.abs((long) d.scale()) > ImageLimits.MAX_DECIMAL_SCALE) {
            throw new DecodeError("a decimal beyond the limits of " + ImageLimits.MAX_DECIMAL_DIGITS
                    + " digits and scale " + ImageLimits.MAX_DECIMAL_SCALE);
        }
        return d;
    }

    private static void untagged(int tag) {
        if (tag != -1) {
            throw new DecodeError("unsupported CBOR tag " + tag);
        }
    }

    private static void checkDepth(int depth) {
        if (depth >= ImageLimits.MAX_DEPTH) {
            throw new DecodeError("lists and maps nest deeper than " + ImageLimits.MAX_DEPTH + " levels");
        }
    }

    /**
     * Runs parser steps: an I/O failure of the caller's stream comes back as the IOException it was; Jackson's
     * errors (truncation, malformed CBOR, constraint violations) become a {@link CodecException}.
     */
    private <T> T call(Supplier<T> step) throws IOException {
        try {
            return step.get();
        } catch (DecodeError e) {
            throw e.at("cbor", position());
        } catch (StreamConstraintsException e) {
            throw new CodecException("Corrupt or hostile cbor image: " + e.getOriginalMessage(), e);
        } catch (JacksonException e) {
            if (source.failure() != null) {
                throw source.failure();
            }
            if (e.getCause() instanceof CodecException c) {
                throw c;
            }
            throw new CodecException("Corrupt or truncated cbor image: " + e.getOriginalMessage(), e);
        }
    }
}
