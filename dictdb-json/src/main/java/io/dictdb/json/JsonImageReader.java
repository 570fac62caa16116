package io.dictdb.json;

import io.dictdb.CodecException;
import io.dictdb.FieldType;
import io.dictdb.Record;
import io.dictdb.Schema;
import io.dictdb.spi.AbstractImageReader;
import io.dictdb.spi.Change;
import io.dictdb.spi.ImageHeader;
import io.dictdb.spi.ImageKind;
import io.dictdb.spi.ImageLimits;
import io.dictdb.spi.IndexDefinition;
import io.dictdb.spi.TableDefinition;
import io.dictdb.spi.TableState;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.StreamConstraintsException;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads one JSON image (ours, or a Python DictDB save or delta), pull style. */
final class JsonImageReader extends AbstractImageReader {
    private enum Format { DICTDB, PYTHON_FULL, PYTHON_DELTA }

    /** The most changes of a Python delta, which is read whole when its header is read. */
    static final int MAX_PYTHON_DELTA_CHANGES = 10_000_000;

    private final JsonParser p;
    private Format format;
    private int tables;
    /** Python: the auto-key counter of each table, from its records. */
    private final Map<String, Long> pythonCounters = new LinkedHashMap<>();
    private long pythonMaxKey;
    private final Deque<Change> pythonChanges = new ArrayDeque<>();

    JsonImageReader(JsonParser p) {
        super("JSON image reader");
        this.p = p;
    }

    private <T> T guard(Step<T> step) throws IOException {
        try {
            return step.run();
        } catch (StreamConstraintsException e) {
            throw new CodecException("JSON image exceeds a limit: " + e.getOriginalMessage() + " (corrupt or hostile "
                    + "input)", e);
        } catch (JacksonException e) {
            if (e.getCause() instanceof CodecException c) {
                throw c;
            }
            if (e.getCause() instanceof java.io.CharConversionException bad) {
                // bytes that are not text in the encoding Jackson detected (e.g. "{\0\0\0" read as UTF-32): bad
                // input, not an I/O failure
                throw new CodecException("invalid JSON image: " + bad.getMessage(), bad);
            }
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new CodecException("invalid JSON image: " + e.getOriginalMessage() + " at " + location(), e);
        } catch (IllegalArgumentException | ArithmeticException | java.time.DateTimeException e) {
            throw new CodecException("invalid JSON image: " + e.getMessage() + " at " + location(), e);
        } catch (StackOverflowError e) {
            throw new CodecException("JSON image nests too deeply", e);
        }
    }

    private String location() {
        try {
            return JsonValues.where(p);
        } catch (RuntimeException e) {
            return "an unknown position";
        }
    }

    private interface Step<T> {
        T run() throws IOException;
    }

    @Override
    protected ImageHeader doReadHeader() throws IOException {
        return guard(() -> {
            ImageHeader header;
            JsonToken t = p.nextToken();
            if (t == null) {
                throw new CodecException("empty input: not a JSON image");
            }
            JsonValues.expect(p, t, JsonToken.START_OBJECT);
            String name = p.nextName();
            if ("dictdb".equals(name)) {
                format = Format.DICTDB;
                String magic = JsonValues.readString(p, "dictdb");
                if (!magic.equals("image")) {
                    throw new CodecException("not a DictDB image: \"dictdb\" is '" + JsonValues.abbreviate(magic) + "'");
                }
                if (!"header".equals(p.nextName())) {
                    throw new CodecException("expected the image header at " + JsonValues.where(p));
                }
                header = readOwnHeader();
                String section = p.nextName();
                String expected = header.kind() == ImageKind.FULL ? "tables" : "changes";
                if (!expected.equals(section)) {
                    throw new CodecException("expected \"" + expected + "\" at " + JsonValues.where(p));
                }
                JsonValues.expect(p, p.nextToken(), JsonToken.START_ARRAY);
            } else if ("tables".equals(name)) {
                format = Format.PYTHON_FULL;
                header = new ImageHeader(ImageHeader.FOREIGN_FORMAT_VERSION, ImageKind.FULL, 1, 0, null, null,
                        Instant.EPOCH);
                JsonValues.expect(p, p.nextToken(), JsonToken.START_OBJECT);
            } else if ("type".equals(name)) {
                format = Format.PYTHON_DELTA;
                header = readPythonDelta();
            } else {
                throw new CodecException("not a DictDB image (it starts with \"" + (name == null ? "}" : name)
                        + "\")");
            }
            return header;
        });
    }

    private ImageHeader readOwnHeader() {
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
                case "id" -> id = nullableString("id");
                case "base" -> base = nullableString("base");
                case "created" -> created = JsonValues.readString(p, "created");
                case "db" -> database = nullableString("db");
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

    private String nullableString(String what) {
        JsonToken t = p.nextToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        JsonValues.expect(p, t, JsonToken.VALUE_STRING);
        return p.getString();
    }

    @Override
    protected TableDefinition doNextTable() throws IOException {
        return guard(() -> format == Format.DICTDB ? nextOwnTable() : nextPythonTable());
    }

    private TableDefinition nextOwnTable() {
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
                case "indexes" -> indexes = JsonValues.readIndexes(p);
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

    private TableDefinition nextPythonTable() {
        String name = p.nextName();
        if (name == null) {
            JsonValues.expect(p, p.currentToken(), JsonToken.END_OBJECT);
            return null;
        }
        tables = ImageLimits.check("tables", tables + 1L, ImageLimits.MAX_TABLES);
        JsonValues.expect(p, p.nextToken(), JsonToken.START_OBJECT);
        String pk = "id";
        Schema schema = null;
        String prop;
        while (!"records".equals(prop = p.nextName())) {
            if (prop == null) {
                throw new CodecException("table '" + name + "' has no \"records\"");
            }
            switch (prop) {
                case "primary_key" -> pk = JsonValues.readString(p, "primary_key");
                case "schema" -> schema = readPythonSchema(name);
                default -> {
                    p.nextToken(); // other Python properties carry nothing we keep
                    p.skipChildren();
                }
            }
        }
        JsonValues.expect(p, p.nextToken(), JsonToken.START_ARRAY);
        pythonMaxKey = 0;
        return new TableDefinition(name, pk, schema, List.of());
    }

    private Schema readPythonSchema(String tableName) {
        JsonToken t = p.nextToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        JsonValues.expect(p, t, JsonToken.START_OBJECT);
        Schema.Builder b = Schema.builder();
        String f;
        int n = 0;
        while ((f = p.nextName()) != null) {
            n = ImageLimits.check("schema fields", n + 1L, ImageLimits.MAX_FIELDS);
            String type = JsonValues.readString(p, "schema type of '" + f + "'");
            FieldType ft = switch (type) {
                case "str" -> FieldType.STRING;
                case "int" -> FieldType.LONG;
                case "float" -> FieldType.DOUBLE;
                case "bool" -> FieldType.BOOLEAN;
                case "list" -> FieldType.LIST;
                case "dict" -> FieldType.MAP;
                default -> throw new CodecException("table '" + tableName + "': unsupported Python schema type '"
                        + JsonValues.abbreviate(type) + "' of field '" + f + "'");
            };
            b.field(f, ft);
        }
        return b.build();
    }

    @Override
    protected Record doNextRecord() throws IOException {
        TableDefinition table = currentTable();
        return guard(() -> {
            JsonToken t = p.nextToken();
            if (t == JsonToken.END_ARRAY) {
                JsonValues.expect(p, p.nextToken(), JsonToken.END_OBJECT);
                if (format == Format.PYTHON_FULL) {
                    pythonCounters.put(table.name(), pythonMaxKey + 1);
                }
                return null;
            }
            JsonValues.expect(p, t, JsonToken.START_OBJECT);
            Record r = JsonValues.toRecord(JsonValues.readRecord(p, t, format == Format.DICTDB, table.name()),
                    table.name());
            if (format == Format.PYTHON_FULL && r.get(table.primaryKey()) instanceof Long key && key > pythonMaxKey
                    && key < Long.MAX_VALUE) {
                pythonMaxKey = key;
            }
            return r;
        });
    }

    @Override
    protected Change doNextChange() throws IOException {
        if (format == Format.PYTHON_DELTA) {
            return pythonChanges.poll();
        }
        return guard(() -> {
            JsonToken t = p.nextToken();
            if (t == JsonToken.END_ARRAY) {
                expectName("tableStates");
                return null;
            }
            JsonValues.expect(p, t, JsonToken.START_OBJECT);
            return readChange();
        });
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
                case "index" -> index = JsonValues.readIndex(p, p.nextToken());
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

    /** Reads a whole Python delta: {"type":"delta","timestamp":...,"tables":{t:{"upserts":[..],"deletes":[..]}}}. */
    private ImageHeader readPythonDelta() {
        String type = JsonValues.readString(p, "type");
        if (!type.equals("delta")) {
            throw new CodecException("not a Python DictDB delta (type '" + JsonValues.abbreviate(type) + "')");
        }
        Instant created = Instant.EPOCH;
        boolean sawTables = false;
        long seq = 0;
        String name;
        while ((name = p.nextName()) != null) {
            if (name.equals("timestamp")) {
                JsonToken t = p.nextToken();
                if (t != JsonToken.VALUE_NUMBER_FLOAT && t != JsonToken.VALUE_NUMBER_INT) {
                    throw new CodecException("the delta's timestamp must be a number");
                }
                BigDecimal ts = p.getDecimalValue();
                ImageLimits.check("timestamp", ts.abs().longValue(), Integer.MAX_VALUE);
                long secs = ts.longValue();
                long nanos = ts.subtract(BigDecimal.valueOf(secs)).movePointRight(9).longValue();
                created = Instant.ofEpochSecond(secs, nanos);
            } else if (name.equals("tables")) {
                sawTables = true;
                JsonValues.expect(p, p.nextToken(), JsonToken.START_OBJECT);
                String t;
                while ((t = p.nextName()) != null) {
                    tables = ImageLimits.check("tables", tables + 1L, ImageLimits.MAX_TABLES);
                    JsonValues.expect(p, p.nextToken(), JsonToken.START_OBJECT);
                    List<Change> upserts = new ArrayList<>();
                    List<Change> deletes = new ArrayList<>();
                    String part;
                    while ((part = p.nextName()) != null) {
                        boolean up = part.equals("upserts");
                        if (!up && !part.equals("deletes")) {
                            throw new CodecException("unknown delta property '" + part + "' of table '" + t + "'");
                        }
                        JsonValues.expect(p, p.nextToken(), JsonToken.START_ARRAY);
                        JsonToken v;
                        while ((v = p.nextToken()) != JsonToken.END_ARRAY) {
                            ImageLimits.check("delta changes", pythonChanges.size() + upserts.size()
                                    + deletes.size() + 1L, MAX_PYTHON_DELTA_CHANGES);
                            Object value = JsonValues.readValue(p, v, up ? 0 : 1, false);
                            if (up) {
                                upserts.add(new Change.Upsert(0, t, JsonValues.toRecord(value, t)));
                            } else {
                                if (value == null) {
                                    throw new CodecException("table '" + t + "': a null key in the deletes");
                                }
                                deletes.add(new Change.Delete(0, t, value));
                            }
                        }
                    }
                    // Python applies a table's upserts, then its deletes.
                    for (Change c : upserts) {
                        pythonChanges.add(new Change.Upsert(++seq, t, ((Change.Upsert) c).record()));
                    }
                    for (Change c : deletes) {
                        pythonChanges.add(new Change.Delete(++seq, t, ((Change.Delete) c).key()));
                    }
                }
            } else {
                p.nextToken();
                p.skipChildren();
            }
        }
        if (!sawTables) {
            throw new CodecException("a Python delta without \"tables\"");
        }
        return new ImageHeader(ImageHeader.FOREIGN_FORMAT_VERSION, ImageKind.DELTA, 1, seq, null, null, created);
    }

    @Override
    protected List<TableState> doReadTableStates() throws IOException {
        return guard(() -> {
            List<TableState> states = new ArrayList<>();
            if (format == Format.DICTDB) {
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
            } else if (format == Format.PYTHON_FULL) {
                for (Map.Entry<String, Long> e : pythonCounters.entrySet()) {
                    states.add(new TableState(e.getKey(), e.getValue()));
                }
            }
            return states;
        });
    }

    @Override
    protected void doFinish() throws IOException {
        guard(() -> {
            if (format != Format.PYTHON_DELTA) {
                JsonValues.expect(p, p.nextToken(), JsonToken.END_OBJECT);
            }
            JsonToken after = p.nextToken();
            if (after != null) {
                throw new CodecException("content after the end of the image: " + after + " at "
                        + JsonValues.where(p));
            }
            return null;
        });
    }

    @Override
    protected void doClose() throws IOException {
        try {
            p.close();
        } catch (JacksonException e) {
            throw new IOException(e.getOriginalMessage(), e);
        }
    }
}
