package io.dictdb.json;

import io.dictdb.CodecException;
import io.dictdb.FieldType;
import io.dictdb.Record;
import io.dictdb.Schema;
import io.dictdb.spi.ImageHeader;
import io.dictdb.spi.ImageKind;
import io.dictdb.spi.ImageLimits;
import io.dictdb.spi.TableDefinition;
import io.dictdb.spi.TableState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * A JSON save of the Python DictDB, read as a full image: {@code {"tables":{"<name>":{"primary_key":"id",
 * "schema":{"<field>":"str"|"int"|"float"|"bool"|"list"|"dict"},"records":[...]}}}}. Its values are untagged
 * (Python {@code int} is a Long, {@code float} a Double), other table properties are skipped, and it carries no
 * key counters: each table's counter is one past the largest Long key of its records, as Python's auto keys go.
 * Its header is {@link ImageHeader#FOREIGN_FORMAT_VERSION}, created at the epoch (the file says no time).
 */
final class PythonJsonSave implements JsonImageFormat {
    private static final ImageHeader HEADER = new ImageHeader(ImageHeader.FOREIGN_FORMAT_VERSION, ImageKind.FULL, 1,
            0, null, null, Instant.EPOCH);

    private final JsonParser p;
    private int tables;
    /** The auto-key counter of each table read, from its records. */
    private final Map<String, Long> counters = new LinkedHashMap<>();
    private long maxKey;

    private PythonJsonSave(JsonParser p) {
        this.p = p;
    }

    /**
     * Starts reading a save whose {@code "tables"} name has been read.
     *
     * @param p the parser, at the name {@code "tables"}
     * @return the save, at its first table
     */
    static PythonJsonSave open(JsonParser p) {
        JsonValues.expect(p, p.nextToken(), JsonToken.START_OBJECT);
        return new PythonJsonSave(p);
    }

    @Override
    public ImageHeader header() {
        return HEADER;
    }

    @Override
    public TableDefinition nextTable() {
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
                case "schema" -> schema = readSchema(name);
                default -> {
                    p.nextToken(); // other Python properties carry nothing we keep
                    p.skipChildren();
                }
            }
        }
        JsonValues.expect(p, p.nextToken(), JsonToken.START_ARRAY);
        maxKey = 0;
        return new TableDefinition(name, pk, schema, List.of());
    }

    private Schema readSchema(String tableName) {
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
    public Record nextRecord(TableDefinition table) {
        JsonToken t = p.nextToken();
        if (t == JsonToken.END_ARRAY) {
            JsonValues.expect(p, p.nextToken(), JsonToken.END_OBJECT);
            counters.put(table.name(), maxKey + 1);
            return null;
        }
        JsonValues.expect(p, t, JsonToken.START_OBJECT);
        Record r = JsonValues.toRecord(JsonValues.readRecord(p, t, false, table.name()), table.name());
        if (r.get(table.primaryKey()) instanceof Long key && key > maxKey && key < Long.MAX_VALUE) {
            maxKey = key;
        }
        return r;
    }

    @Override
    public List<TableState> tableStates() {
        List<TableState> states = new ArrayList<>();
        for (Map.Entry<String, Long> e : counters.entrySet()) {
            states.add(new TableState(e.getKey(), e.getValue()));
        }
        return states;
    }

    @Override
    public void finish() {
        JsonValues.expect(p, p.nextToken(), JsonToken.END_OBJECT);
    }
}
