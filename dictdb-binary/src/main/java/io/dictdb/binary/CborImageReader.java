package io.dictdb.binary;

import io.dictdb.CodecException;
import io.dictdb.FieldType;
import io.dictdb.IndexType;
import io.dictdb.Record;
import io.dictdb.Schema;
import io.dictdb.spi.Change;
import io.dictdb.spi.CommitRange;
import io.dictdb.spi.DeltaCommits;
import io.dictdb.spi.ImageHeader;
import io.dictdb.spi.ImageKind;
import io.dictdb.spi.ImageLimits;
import io.dictdb.spi.IndexDefinition;
import io.dictdb.spi.StoredCondition;
import io.dictdb.spi.TableDefinition;
import io.dictdb.spi.TableState;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.dataformat.cbor.CBORParser;

/**
 * Reads one CBOR image (layout in {@link CborCodec}), streaming token by token with Jackson's parser: the image's
 * structure (header, tables and their definitions, changes, table states); the values inside records, keys and the
 * header's time are {@link CborValues}'. Jackson's {@code StreamReadConstraints} bound nesting and string lengths;
 * this reader bounds counts and checks every token's type and tag, refusing anything it does not expect.
 */
final class CborImageReader extends BinaryImageReader {
    private CBORParser p;
    /** Reads the values of records, keys and the header's time from {@link #p}; made with it. */
    private CborValues values;
    /** The header read. */
    private ImageHeader header;
    /** Whether {@link #doReadCommits()} met the end of the image (a delta written without commits). */
    private boolean ended;

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
            throw corrupt("expected " + what + ", found " + CborValues.describe(t));
        }
    }

    private String nextString(String what) {
        JsonToken t = p.nextToken();
        if (t != JsonToken.VALUE_STRING || p.getCurrentTag() != -1) {
            throw corrupt("expected " + what + " (text), found " + CborValues.describe(t));
        }
        return CborValues.text(p.getString());
    }

    private String nextNullableString(String what) {
        JsonToken t = p.nextToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.VALUE_STRING || p.getCurrentTag() != -1) {
            throw corrupt("expected " + what + " (text or null), found " + CborValues.describe(t));
        }
        return CborValues.text(p.getString());
    }

    private long nextLong(String what) {
        JsonToken t = p.nextToken();
        if (t != JsonToken.VALUE_NUMBER_INT || p.getCurrentTag() != -1) {
            throw corrupt("expected " + what + " (an integer), found " + CborValues.describe(t));
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
            throw corrupt("expected the field " + what + ", found " + CborValues.describe(t));
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
            values = new CborValues(p);
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
            Object createdAt = values.readValue(0);
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
                throw corrupt("expected the end of the header, found " + CborValues.describe(afterCreated));
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
            header = h;
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
                throw corrupt("expected a table, found " + CborValues.describe(t));
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
                throw new DecodeError("expected a record, found " + CborValues.describe(t));
            }
            return values.readRecord(0);
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
                throw corrupt("expected a change, found " + CborValues.describe(t));
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
                        c = new Change.Upsert(seq, tb, values.readRecord(0));
                        break;
                    }
                    case "delete": {
                        String tb = nextString("the table of " + where);
                        p.nextToken();
                        Object key = values.readValue(0);
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
                        c = new Change.CreateIndex(seq, tb, readIndex("change " + seq + " of table '"
                                + KryoWire.abbreviate(tb) + "'"));
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
                    throw corrupt("expected a table state, found " + CborValues.describe(t));
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

    /** The fifth element of a delta's array, or its end when it has no commits (also every delta written before). */
    @Override
    protected List<CommitRange> doReadCommits() throws IOException {
        return call(() -> {
            JsonToken t = p.nextToken();
            if (t == JsonToken.END_ARRAY) {
                ended = true;
                return List.of();
            }
            if (t != JsonToken.START_ARRAY || p.getCurrentTag() != -1) {
                throw corrupt("expected the commits or the end of the image, found " + CborValues.describe(t));
            }
            DeltaCommits commits = new DeltaCommits(header);
            // a definite length claimed here is never allocated for: each pair is read, then counted and checked
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                if (t != JsonToken.START_ARRAY || p.getCurrentTag() != -1) {
                    throw corrupt("expected a commit, found " + CborValues.describe(t));
                }
                long first = nextLong("a commit's first sequence number");
                long last = nextLong("a commit's last sequence number");
                next(JsonToken.END_ARRAY, "the end of a commit");
                commits.add(first, last);
            }
            return commits.toList();
        });
    }

    @Override
    protected void doFinish() throws IOException {
        call(() -> {
            if (ended) {
                return consumeNothingMore();
            }
            next(JsonToken.END_ARRAY, "the end of the image");
            return consumeNothingMore();
        });
    }

    private Void consumeNothingMore() {
        JsonToken t = p.nextToken();
        if (t != null) {
            throw corrupt("data follows the end of the image");
        }
        return null;
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
                        throw corrupt("expected a schema field in " + where + ", found " + CborValues.describe(t));
                    }
                    if (++n > ImageLimits.MAX_FIELDS) {
                        throw corrupt("more than " + ImageLimits.MAX_FIELDS + " schema fields in " + where);
                    }
                    String field = nextString("a schema field in " + where);
                    FieldType type = KryoWire.enumValue(FieldType.class, nextString("a field type in " + where),
                            where);
                    JsonToken opt = p.nextToken();
                    if (opt != JsonToken.VALUE_TRUE && opt != JsonToken.VALUE_FALSE) {
                        throw corrupt("expected a boolean in a schema field in " + where + ", found " + CborValues.describe(opt));
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
            throw corrupt("expected the schema of " + where + ", found " + CborValues.describe(t));
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
            throw corrupt("expected an index in " + where + ", found " + CborValues.describe(t));
        }
        List<String> fields;
        JsonToken first = p.nextToken();
        if (first == JsonToken.START_ARRAY) {
            fields = new ArrayList<>();
            JsonToken f;
            while ((f = p.nextToken()) != JsonToken.END_ARRAY) {
                if (fields.size() >= ImageLimits.MAX_FIELDS) {
                    throw corrupt("an index with more than " + ImageLimits.MAX_FIELDS + " fields in " + where);
                }
                if (f != JsonToken.VALUE_STRING || p.getCurrentTag() != -1) {
                    throw corrupt("expected an indexed field (text) in " + where + ", found " + CborValues.describe(f));
                }
                fields.add(CborValues.text(p.getString()));
            }
        } else if (first == JsonToken.VALUE_STRING && p.getCurrentTag() == -1) {
            fields = List.of(CborValues.text(p.getString())); // a plain index, as every version writes it
        } else {
            throw corrupt("expected an indexed field in " + where + ", found " + CborValues.describe(first));
        }
        IndexType type = KryoWire.enumValue(IndexType.class, nextString("an index type in " + where), where);
        boolean unique = false;
        Object condition = null;
        if (first == JsonToken.START_ARRAY) {
            JsonToken u = p.nextToken();
            if (u != JsonToken.VALUE_TRUE && u != JsonToken.VALUE_FALSE) {
                throw corrupt("expected whether an index is unique in " + where + ", found " + CborValues.describe(u));
            }
            unique = u == JsonToken.VALUE_TRUE;
            p.nextToken();
            condition = values.readValue(0);
        }
        next(JsonToken.END_ARRAY, "the end of an index in " + where);
        String at = "an index on " + fields + " in " + where;
        try {
            return new IndexDefinition(fields, type, unique,
                    condition == null ? null : StoredCondition.fromValue(condition, "cbor image, " + at));
        } catch (IllegalArgumentException e) {
            throw corrupt(e.getMessage() + " in " + at);
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
