package io.dictdb.json;

import io.dictdb.CodecException;
import io.dictdb.Record;
import io.dictdb.Schema;
import io.dictdb.spi.Change;
import io.dictdb.spi.CommitRange;
import io.dictdb.spi.DeltaCommits;
import io.dictdb.spi.ImageHeader;
import io.dictdb.spi.ImageKind;
import io.dictdb.spi.ImageLimits;
import io.dictdb.spi.IndexDefinition;
import io.dictdb.spi.TableDefinition;
import io.dictdb.spi.TableState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * This library's JSON image (see {@link JsonCodec} for the layout), read straight through: the header, then the
 * tables with their records (a full image) or the changes (a delta), then the table states.
 */
final class NativeJsonImage implements JsonImageFormat {
    private final JsonParser p;
    private final ImageHeader header;
    private int tables;
    /** Whether {@link #commits()} met the end of the top-level object (a delta written without commits). */
    private boolean ended;

    private NativeJsonImage(JsonParser p, ImageHeader header) {
        this.p = p;
        this.header = header;
    }

    /**
     * Reads the image from its {@code "dictdb"} property (whose name has been read) to the start of its tables or
     * changes.
     *
     * @param p the parser, at the name {@code "dictdb"}
     * @return the image, its header read
     */
    static NativeJsonImage open(JsonParser p) {
        String magic = JsonValues.readString(p, "dictdb");
        if (!magic.equals("image")) {
            throw new CodecException("not a DictDB image: \"dictdb\" is '" + JsonValues.abbreviate(magic) + "'");
        }
        if (!"header".equals(p.nextName())) {
            throw new CodecException("expected the image header at " + JsonValues.where(p));
        }
        ImageHeader header = readHeader(p);
        String section = p.nextName();
        String expected = header.kind() == ImageKind.FULL ? "tables" : "changes";
        if (!expected.equals(section)) {
            throw new CodecException("expected \"" + expected + "\" at " + JsonValues.where(p));
        }
        JsonValues.expect(p, p.nextToken(), JsonToken.START_ARRAY);
        return new NativeJsonImage(p, header);
    }

    @Override
    public ImageHeader header() {
        return header;
    }

    private static ImageHeader readHeader(JsonParser p) {
        JsonValues.expect(p, p.nextToken(), JsonToken.START_OBJECT);
        Integer formatVersion = null;
        String kind = null;
        Long first = null;
        Long last = null;
        String id = null;
        String base = null;
        String created = null;
        String database = null;
        String name;
        while ((name = p.nextName()) != null) {
            switch (name) {
                case "format" -> formatVersion = (int) JsonValues.readLong(p, "format");
                case "kind" -> kind = JsonValues.readString(p, "kind");
                case "first" -> first = JsonValues.readLong(p, "first");
                case "last" -> last = JsonValues.readLong(p, "last");
                case "id" -> id = nullableString(p);
                case "base" -> base = nullableString(p);
                case "created" -> created = JsonValues.readString(p, "created");
                case "db" -> database = nullableString(p);
                default -> throw new CodecException("unknown header property '" + name + "'");
            }
        }
        if (formatVersion == null || kind == null || first == null || last == null || created == null) {
            throw new CodecException("incomplete image header");
        }
        if (formatVersion > ImageHeader.FORMAT_VERSION) {
            throw new CodecException("image format " + formatVersion + " is newer than this library reads ("
                    + ImageHeader.FORMAT_VERSION + ")");
        }
        ImageKind k;
        try {
            k = ImageKind.valueOf(kind);
        } catch (IllegalArgumentException e) {
            throw new CodecException("unknown image kind '" + JsonValues.abbreviate(kind) + "'");
        }
        return new ImageHeader(formatVersion, k, first, last, id, base, Instant.parse(created), database);
    }

    private static String nullableString(JsonParser p) {
        JsonToken t = p.nextToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        JsonValues.expect(p, t, JsonToken.VALUE_STRING);
        return p.getString();
    }

    @Override
    public TableDefinition nextTable() {
        JsonToken t = p.nextToken();
        if (t == JsonToken.END_ARRAY) {
            expectName("tableStates");
            return null;
        }
        JsonValues.expect(p, t, JsonToken.START_OBJECT);
        tables = ImageLimits.check("tables", tables + 1L, ImageLimits.MAX_TABLES);
        TableDefinition definition = readDefinitionProperties("records");
        JsonValues.expect(p, p.nextToken(), JsonToken.START_ARRAY);
        return definition;
    }

    /**
     * The properties of a table definition whose START_OBJECT has been read: up to the property {@code last},
     * whose value is left unread, or with a null {@code last} up to the end of the object.
     */
    private TableDefinition readDefinitionProperties(String last) {
        String name = null;
        String pk = null;
        Schema schema = null;
        List<IndexDefinition> indexes = List.of();
        String prop;
        while ((prop = p.nextName()) != null && !prop.equals(last)) {
            switch (prop) {
                case "name" -> name = JsonValues.readString(p, "table name");
                case "primaryKey" -> pk = JsonValues.readString(p, "primary key");
                case "schema" -> schema = JsonValues.readSchema(p);
                case "indexes" -> indexes = JsonValues.readIndexes(p, name == null ? "a table"
                        : "table '" + JsonValues.abbreviate(name) + "'");
                default -> throw new CodecException("unknown table property '" + prop + "' at "
                        + JsonValues.where(p));
            }
        }
        if (prop == null && last != null) {
            throw new CodecException("a table without \"" + last + "\" at " + JsonValues.where(p));
        }
        if (name == null || pk == null) {
            throw new CodecException("a table needs a name and a primary key, at " + JsonValues.where(p));
        }
        return new TableDefinition(name, pk, schema, indexes);
    }

    @Override
    public Record nextRecord(TableDefinition table) {
        JsonToken t = p.nextToken();
        if (t == JsonToken.END_ARRAY) {
            JsonValues.expect(p, p.nextToken(), JsonToken.END_OBJECT);
            return null;
        }
        JsonValues.expect(p, t, JsonToken.START_OBJECT);
        return JsonValues.toRecord(JsonValues.readRecord(p, t, true, table.name()), table.name());
    }

    @Override
    public Change nextChange() {
        JsonToken t = p.nextToken();
        if (t == JsonToken.END_ARRAY) {
            expectName("tableStates");
            return null;
        }
        JsonValues.expect(p, t, JsonToken.START_OBJECT);
        return readChange();
    }

    private Change readChange() {
        Long seq = null;
        String op = null;
        String tableName = null;
        Object record = null;
        boolean hasKey = false;
        Object key = null;
        TableDefinition definition = null;
        IndexDefinition index = null;
        String field = null;
        String name;
        while ((name = p.nextName()) != null) {
            switch (name) {
                case "seq" -> seq = JsonValues.readLong(p, "seq");
                case "op" -> op = JsonValues.readString(p, "op");
                case "table" -> tableName = JsonValues.readString(p, "table");
                case "record" -> record = JsonValues.readRecord(p, p.nextToken(), true, tableName);
                case "key" -> {
                    key = JsonValues.readValue(p, p.nextToken(), 1, true);
                    hasKey = true;
                }
                case "definition" -> definition = readDefinitionObject();
                case "index" -> index = JsonValues.readIndex(p, p.nextToken(), "change " + seq
                        + (tableName == null ? "" : " of table '" + JsonValues.abbreviate(tableName) + "'"));
                case "field" -> field = JsonValues.readString(p, "field");
                default -> throw new CodecException("unknown change property '" + name + "' at "
                        + JsonValues.where(p));
            }
        }
        if (seq == null || op == null) {
            throw new CodecException("a change needs \"seq\" and \"op\", at " + JsonValues.where(p));
        }
        Change c = switch (op) {
            case "upsert" -> tableName == null || record == null ? null
                    : new Change.Upsert(seq, tableName, JsonValues.toRecord(record, tableName));
            case "delete" -> tableName == null || !hasKey || key == null ? null
                    : new Change.Delete(seq, tableName, key);
            case "createTable" -> definition == null ? null : new Change.CreateTable(seq, definition);
            case "dropTable" -> tableName == null ? null : new Change.DropTable(seq, tableName);
            case "createIndex" -> tableName == null || index == null ? null
                    : new Change.CreateIndex(seq, tableName, index);
            case "dropIndex" -> tableName == null || field == null ? null
                    : new Change.DropIndex(seq, tableName, field);
            default -> throw new CodecException("unknown change op '" + JsonValues.abbreviate(op) + "'");
        };
        if (c == null) {
            throw new CodecException("change " + seq + " (" + op + ") is incomplete, at " + JsonValues.where(p));
        }
        return c;
    }

    private TableDefinition readDefinitionObject() {
        JsonValues.expect(p, p.nextToken(), JsonToken.START_OBJECT);
        return readDefinitionProperties(null);
    }

    private void expectName(String expected) {
        String n = p.nextName();
        if (!expected.equals(n)) {
            throw new CodecException("expected \"" + expected + "\" but found " + (n == null ? p.currentToken()
                    : "\"" + n + "\"") + " at " + JsonValues.where(p));
        }
    }

    @Override
    public List<TableState> tableStates() {
        List<TableState> states = new ArrayList<>();
        JsonValues.expect(p, p.nextToken(), JsonToken.START_ARRAY);
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            JsonValues.expect(p, t, JsonToken.START_OBJECT);
            ImageLimits.check("table states", states.size() + 1L, ImageLimits.MAX_TABLES);
            String table = null;
            Long next = null;
            String n;
            while ((n = p.nextName()) != null) {
                switch (n) {
                    case "table" -> table = JsonValues.readString(p, "table");
                    case "nextKey" -> next = JsonValues.readLong(p, "nextKey");
                    default -> throw new CodecException("unknown table state property '" + n + "'");
                }
            }
            if (table == null || next == null) {
                throw new CodecException("incomplete table state at " + JsonValues.where(p));
            }
            states.add(new TableState(table, next));
        }
        return states;
    }

    /**
     * A delta's {@code "commits"}, an array of {@code [first, last]} pairs after its table states; absent in deltas
     * written before commits were recorded and in deltas with none, which end after the table states.
     */
    @Override
    public List<CommitRange> commits() {
        JsonToken t = p.nextToken();
        if (t == JsonToken.END_OBJECT) {
            ended = true;
            return List.of();
        }
        if (t != JsonToken.PROPERTY_NAME || !"commits".equals(p.currentName())) {
            throw new CodecException("expected \"commits\" or the end of the delta but found "
                    + (t == JsonToken.PROPERTY_NAME ? "\"" + JsonValues.abbreviate(p.currentName()) + "\"" : t)
                    + " at " + JsonValues.where(p));
        }
        DeltaCommits commits = new DeltaCommits(header);
        JsonValues.expect(p, p.nextToken(), JsonToken.START_ARRAY);
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            JsonValues.expect(p, t, JsonToken.START_ARRAY);
            long first = JsonValues.readLong(p, "a commit's first sequence number");
            long last = JsonValues.readLong(p, "a commit's last sequence number");
            JsonValues.expect(p, p.nextToken(), JsonToken.END_ARRAY);
            commits.add(first, last); // bounded by the header's range, checked in order
        }
        return commits.toList();
    }

    @Override
    public void finish() {
        if (!ended) {
            JsonValues.expect(p, p.nextToken(), JsonToken.END_OBJECT);
        }
    }
}
