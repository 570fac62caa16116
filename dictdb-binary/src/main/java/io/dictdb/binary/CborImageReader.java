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
import io.dictdb.spi.ImageReader;
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
import java.util.Objects;
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
final class CborImageReader implements ImageReader {
    private enum State { NEW, FULL, IN_TABLE, DELTA, STATES, FINISHED, CLOSED }

    private final Streams.Guard source;
    private CBORParser p;
    private State state = State.NEW;
    private String table;
    private long records;
    private long tables;

    CborImageReader(InputStream in) {
        this.source = new Streams.Guard(Objects.requireNonNull(in, "in"));
    }

    private void expectState(State... allowed) {
        for (State s : allowed) {
            if (state == s) {
                return;
            }
        }
        throw new IllegalStateException("cbor image reader: call not allowed in state " + state);
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
        return p.getString();
    }

    private String nextNullableString(String what) {
        JsonToken t = p.nextToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.VALUE_STRING || p.getCurrentTag() != -1) {
            throw corrupt("expected " + what + " (text or null), found " + describe(t));
        }
        return p.getString();
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
    public ImageHeader readHeader() throws IOException {
        expectState(State.NEW);
        ImageHeader header = call(() -> {
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
            Object createdAt = readValue(0, "the header");
            if (!(createdAt instanceof Instant at)) {
                throw corrupt("the header's creation time is not an instant");
            }
            next(JsonToken.END_OBJECT, "the end of the header");
            if (version != ImageHeader.FORMAT_VERSION) {
                throw new CodecException("Unsupported cbor image format version " + version
                        + " (this library reads version " + ImageHeader.FORMAT_VERSION + ")");
            }
            ImageHeader h;
            try {
                h = new ImageHeader((int) version, KryoWire.enumValue(ImageKind.class, kind, "the header"),
                        firstSequence, lastSequence, id, base, at);
            } catch (IllegalArgumentException e) {
                throw corrupt("invalid header: " + e.getMessage());
            }
            next(JsonToken.START_ARRAY, "the tables or changes");
            return h;
        });
        state = header.kind() == ImageKind.FULL ? State.FULL : State.DELTA;
        return header;
    }

    @Override
    public TableDefinition nextTable() throws IOException {
        expectState(State.FULL);
        TableDefinition def = call(() -> {
            JsonToken t = p.nextToken();
            if (t == JsonToken.END_ARRAY) {
                return null;
            }
            if (t != JsonToken.START_ARRAY) {
                throw corrupt("expected a table, found " + describe(t));
            }
            if (++tables > ImageLimits.MAX_TABLES) {
                throw corrupt("more than " + ImageLimits.MAX_TABLES + " tables");
            }
            return readDefinition();
        });
        if (def == null) {
            state = State.STATES;
        } else {
            table = def.name();
            records = 0;
            state = State.IN_TABLE;
        }
        return def;
    }

    @Override
    public Record nextRecord() throws IOException {
        expectState(State.IN_TABLE);
        Record record = call(() -> {
            JsonToken t = p.nextToken();
            if (t == JsonToken.END_ARRAY) {
                return null;
            }
            records++;
            String where = "record " + records + " of table '" + KryoWire.abbreviate(table) + "'";
            if (t != JsonToken.START_OBJECT || p.getCurrentTag() != -1) {
                throw corrupt("expected " + where + ", found " + describe(t));
            }
            return readRecord(0, where);
        });
        if (record == null) {
            state = State.FULL;
        }
        return record;
    }

    @Override
    public Change nextChange() throws IOException {
        expectState(State.DELTA);
        Change change = call(() -> {
            JsonToken t = p.nextToken();
            if (t == JsonToken.END_ARRAY) {
                return null;
            }
            if (t != JsonToken.START_ARRAY) {
                throw corrupt("expected a change, found " + describe(t));
            }
            String op = nextString("a change type");
            long seq = nextLong("a change's sequence number");
            String where = "change " + seq;
            Change c;
            try {
                switch (op) {
                    case "upsert": {
                        String tb = nextString("the table of " + where);
                        next(JsonToken.START_OBJECT, "the record of " + where);
                        c = new Change.Upsert(seq, tb, readRecord(0, where + " on table '"
                                + KryoWire.abbreviate(tb) + "'"));
                        break;
                    }
                    case "delete": {
                        String tb = nextString("the table of " + where);
                        p.nextToken();
                        Object key = readValue(0, where);
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
        if (change == null) {
            state = State.STATES;
        }
        return change;
    }

    @Override
    public List<TableState> readTableStates() throws IOException {
        expectState(State.STATES);
        List<TableState> states = call(() -> {
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
        state = State.FINISHED;
        return states;
    }

    @Override
    public void finish() throws IOException {
        expectState(State.FINISHED);
        call(() -> {
            next(JsonToken.END_ARRAY, "the end of the image");
            JsonToken t = p.nextToken();
            if (t != null) {
                throw corrupt("data follows the end of the image");
            }
            return null;
        });
        state = State.CLOSED;
    }

    @Override
    public void close() throws IOException {
        state = State.CLOSED;
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
        return new IndexDefinition(field, type);
    }

    /** A record (or nested map) whose START_OBJECT is the current token. */
    private Record readRecord(int depth, String where) {
        ArrayList<Object> pairs = new ArrayList<>(16);
        LinkedHashMap<String, Object> map = null;
        int n = 0;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_OBJECT) {
            if (t != JsonToken.PROPERTY_NAME) {
                throw corrupt("expected a field name at " + where + ", found " + describe(t));
            }
            if (++n > ImageLimits.MAX_COLLECTION_SIZE) {
                throw corrupt("more than " + ImageLimits.MAX_COLLECTION_SIZE + " fields at " + where);
            }
            String name = p.currentName();
            p.nextToken();
            Object value = readValue(depth, where + "." + name);
            if (map == null && n > 16) {
                map = new LinkedHashMap<>();
                for (int i = 0; i < pairs.size(); i += 2) {
                    map.put((String) pairs.get(i), pairs.get(i + 1));
                }
                pairs = null;
            }
            if (map != null) {
                if (map.containsKey(name)) {
                    throw corrupt("field '" + KryoWire.abbreviate(name) + "' appears twice at " + where);
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
            throw corrupt(where + ": " + e.getMessage());
        }
    }

    /** The value whose first token is the current token. */
    private Object readValue(int depth, String where) {
        JsonToken t = p.currentToken();
        int tag = p.getCurrentTag();
        if (t == null) {
            throw corrupt("the input ends within the value at " + where);
        }
        switch (t) {
            case VALUE_NULL:
                untagged(tag, where);
                return null;
            case VALUE_TRUE:
                untagged(tag, where);
                return Boolean.TRUE;
            case VALUE_FALSE:
                untagged(tag, where);
                return Boolean.FALSE;
            case VALUE_STRING:
                untagged(tag, where);
                return p.getString();
            case VALUE_NUMBER_INT:
                if (tag == CborImageWriter.TAG_DATE) {
                    long day = integer("the date at " + where);
                    try {
                        return LocalDate.ofEpochDay(day);
                    } catch (DateTimeException e) {
                        throw corrupt("invalid date at " + where);
                    }
                }
                untagged(tag, where);
                if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                    return decimal(new BigDecimal(p.getBigIntegerValue()), where);
                }
                return p.getLongValue();
            case VALUE_NUMBER_FLOAT:
                untagged(tag, where);
                if (p.getNumberType() == JsonParser.NumberType.BIG_DECIMAL) {
                    return decimal(p.getDecimalValue(), where);
                }
                return p.getDoubleValue();
            case VALUE_EMBEDDED_OBJECT: {
                Object o = p.getEmbeddedObject();
                if (!(o instanceof byte[] bytes)) {
                    throw corrupt("unsupported value at " + where);
                }
                if (tag == CborImageWriter.TAG_UUID) {
                    if (bytes.length != 16) {
                        throw corrupt("a UUID of " + bytes.length + " bytes at " + where);
                    }
                    ByteBuffer b = ByteBuffer.wrap(bytes);
                    return new UUID(b.getLong(), b.getLong());
                }
                untagged(tag, where);
                if (bytes.length > ImageLimits.MAX_BYTES_LENGTH) {
                    throw corrupt("a byte array of " + bytes.length + " bytes at " + where + " is over the limit of "
                            + ImageLimits.MAX_BYTES_LENGTH);
                }
                return bytes;
            }
            case START_ARRAY: {
                untagged(tag, where);
                checkDepth(depth, where);
                ArrayList<Object> list = new ArrayList<>();
                JsonToken e;
                while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
                    if (e == null) {
                        throw corrupt("the input ends within the list at " + where);
                    }
                    if (list.size() >= ImageLimits.MAX_COLLECTION_SIZE) {
                        throw corrupt("more than " + ImageLimits.MAX_COLLECTION_SIZE + " elements in the list at "
                                + where);
                    }
                    list.add(readValue(depth + 1, where));
                }
                return list;
            }
            case START_OBJECT:
                if (tag == CborImageWriter.TAG_INSTANT) {
                    return readInstant(where);
                }
                untagged(tag, where);
                checkDepth(depth, where);
                return readRecord(depth + 1, where);
            default:
                throw corrupt("unexpected " + t + " at " + where);
        }
    }

    private Instant readInstant(String where) {
        nextName("1");
        long seconds = nextLong("the seconds of the instant at " + where);
        nextName("-9");
        long nanos = nextLong("the nanoseconds of the instant at " + where);
        next(JsonToken.END_OBJECT, "the end of the instant at " + where);
        if (nanos < 0 || nanos > 999_999_999) {
            throw corrupt("invalid nanoseconds in the instant at " + where);
        }
        try {
            return Instant.ofEpochSecond(seconds, nanos);
        } catch (DateTimeException | ArithmeticException e) {
            throw corrupt("invalid instant at " + where);
        }
    }

    private static BigDecimal decimal(BigDecimal d, String where) {
        if (d.unscaledValue().bitLength() > Limits.MAX_DECIMAL_BITS
                || Math.abs((long) d.scale()) > ImageLimits.MAX_DECIMAL_SCALE) {
            throw new CodecException("Corrupt or hostile cbor image: the decimal at " + where + " is beyond the "
                    + "limits of " + ImageLimits.MAX_NUMBER_LENGTH + " digits and scale "
                    + ImageLimits.MAX_DECIMAL_SCALE);
        }
        return d;
    }

    private static void untagged(int tag, String where) {
        if (tag != -1) {
            throw corrupt("unsupported CBOR tag " + tag + " at " + where);
        }
    }

    private static void checkDepth(int depth, String where) {
        if (depth >= ImageLimits.MAX_DEPTH) {
            throw new CodecException("Corrupt or hostile cbor image: lists and maps nest deeper than "
                    + ImageLimits.MAX_DEPTH + " levels at " + where);
        }
    }

    /**
     * Runs parser steps: an I/O failure of the caller's stream comes back as the IOException it was; Jackson's
     * errors (truncation, malformed CBOR, constraint violations) become a {@link CodecException}.
     */
    private <T> T call(Supplier<T> step) throws IOException {
        try {
            return step.get();
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
