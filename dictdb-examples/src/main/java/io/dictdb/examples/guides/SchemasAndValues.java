package io.dictdb.examples.guides;

import io.dictdb.*;
import io.dictdb.Record;
import io.dictdb.core.DictDB;
import java.math.BigDecimal;
import java.time.*;
import java.util.*;

/** The blocks of docs/schemas.md. */
public final class SchemasAndValues {

    private SchemasAndValues() {
    }

    /**
     * A table created from a spec with a schema, and what it refuses.
     *
     * @return what was stored and the messages of what was refused, by name
     */
    static Map<String, Object> spec() {
        Map<String, Object> r = new LinkedHashMap<>();
        // README:begin schemas-spec
        Database db = DictDB.create();
        Schema schema = Schema.builder()
                .field("sku", FieldType.STRING)              // required: present and non-null
                .field("price", FieldType.DECIMAL)
                .field("stock", FieldType.LONG)
                .optional("tags", FieldType.LIST)            // may be missing or null
                .optional("added", FieldType.DATE)
                .build();
        Table products = db.createTable(TableSpec.named("products")
                .primaryKey("sku")                           // default "id"
                .schema(schema)
                .index("tags")                               // HASH
                .index("price", IndexType.SORTED));

        products.insert(Map.of("sku", "A1", "price", new BigDecimal("19.99"), "stock", 3,   // 3 becomes 3L
                "tags", List.of("tools"), "added", LocalDate.of(2026, 1, 31)));
        products.insert(Map.of("sku", "B2", "price", 5, "stock", 0));       // a Long fits DECIMAL: stored as 5
        try {
            products.insert(Map.of("sku", "C3", "price", "cheap", "stock", 1));
        } catch (SchemaValidationException e) {
            r.put("wrongType", e.getMessage());
        }
        try {
            products.insert(Map.of("sku", "D4", "price", 1, "stock", 1, "colour", "red"));
        } catch (SchemaValidationException e) {
            r.put("unknownField", e.getMessage());                   // fields outside the schema are refused
        }
        try {
            products.insert(Map.of("sku", "E5", "stock", 1));
        } catch (SchemaValidationException e) {
            r.put("missing", e.getMessage());
        }
        // README:end schemas-spec
        r.put("price", products.get("B2").orElseThrow().get("price"));
        r.put("stock", products.get("A1").orElseThrow().get("stock"));
        r.put("schema", products.schema().orElseThrow());
        r.put("indexes", products.indexedFields());
        return r;
    }

    /**
     * Canonical values and typed getters.
     *
     * @return the stored record and what the getters returned, by name
     */
    static Map<String, Object> values() {
        Database db = DictDB.create();
        Table t = db.createTable("things");
        Map<String, Object> r = new LinkedHashMap<>();
        // README:begin schemas-values
        Object key = t.insert(Map.of(
                "count", 7,                                  // Integer, Short, Byte -> Long
                "ratio", 0.5f,                               // Float -> Double
                "big", new java.math.BigInteger("123456789012345678901234567890"),  // -> BigDecimal
                "initial", 'A',                              // Character -> String
                "at", Instant.parse("2026-01-31T12:00:00Z"),
                "id2", UUID.fromString("123e4567-e89b-12d3-a456-426614174000"),
                "raw", new byte[] {1, 2, 3},
                "address", Map.of("city", "Lyon", "tags", List.of("home"))));    // nested map -> Record
        Record stored = t.get(key).orElseThrow();
        Long count = stored.getLong("count");                // 7
        Record address = stored.getRecord("address");        // a nested Record
        String missing = stored.getString("nope");           // null: a missing field
        try {
            stored.getString("count");                       // a Long is not a String
        } catch (DictDbException e) {
            r.put("wrongGetter", e.getMessage());
        }
        try {
            t.insert(Map.of("when", new java.util.Date()));  // not a canonical type
        } catch (IllegalArgumentException e) {
            r.put("unsupported", e.getMessage());
        }
        // README:end schemas-values
        r.put("stored", stored);
        r.put("types", stored.entrySet().stream()
                .map(e -> e.getKey() + ":" + e.getValue().getClass().getSimpleName()).sorted().toList());
        r.put("count", count);
        r.put("address", address);
        r.put("missing", missing);
        return r;
    }

    /**
     * Immutable records.
     *
     * @return the copies and the exception's class, by name
     */
    static Map<String, Object> records() {
        Map<String, Object> r = new LinkedHashMap<>();
        // README:begin schemas-records
        Record alice = Record.of("name", "Alice", "age", 30);
        Record older = alice.with("age", 31);                // a changed copy
        Record noAge = alice.without("age");
        try {
            alice.put("age", 99);                            // every mutator of Map throws
        } catch (UnsupportedOperationException e) {
            r.put("put", "refused");
        }
        // alice is still {name=Alice, age=30}
        // README:end schemas-records
        r.put("alice", alice);
        r.put("older", older);
        r.put("noAge", noAge);
        return r;
    }

    /**
     * The rule for names.
     *
     * @return what was accepted and the messages of what was refused, by name
     */
    static Map<String, Object> names() {
        Database db = DictDB.create();
        Map<String, Object> r = new LinkedHashMap<>();
        // README:begin schemas-names
        Table events = db.createTable("events");
        events.insert(Record.of("$type", "click", "payload", Record.of("$ref", 42)));  // $ names: fine, any depth
        events.insert(Map.of("text", "line one\nline two\u001b[31m"));             // control characters in values too
        try {
            events.insert(Map.of("bad\nname", 1));          // but not in names: newline, NUL, ESC, ...
        } catch (IllegalArgumentException e) {
            r.put("fieldName", e.getMessage());
        }
        try {
            db.createTable("");
        } catch (IllegalArgumentException e) {
            r.put("emptyTable", e.getMessage());
        }
        try {
            ValueRule.checkName("Column", "tab\there");     // the same check, for names of your own
        } catch (IllegalArgumentException e) {
            r.put("checkName", e.getMessage());
        }
        try {
            events.insert(Map.of("price", new BigDecimal("1e100001")));   // beyond ImageLimits.MAX_DECIMAL_SCALE
        } catch (IllegalArgumentException e) {
            r.put("limit", e.getMessage());
        }
        // README:end schemas-names
        r.put("count", events.count());
        r.put("first", events.get(1L).orElseThrow());
        return r;
    }

    /**
     * Bulk inserts with options.
     *
     * @return the keys, by name
     */
    static Map<String, Object> bulk() {
        Database db = DictDB.create();
        Table t = db.createTable(TableSpec.named("t").schema(Schema.builder().field("n", FieldType.LONG).build()));
        Map<String, Object> r = new LinkedHashMap<>();
        // README:begin schemas-bulk
        List<Map<String, Object>> rows = List.of(Map.of("n", 1), Map.of("n", 2), Map.of("n", "three"));
        try {
            t.insertAll(rows);                               // all or nothing: "three" is no LONG
        } catch (SchemaValidationException e) {
            r.put("refused", t.count());                     // 0
        }
        List<Object> keys = t.insertAll(rows.subList(0, 2), InsertOptions.defaults()
                .batchSize(1_000)                            // chunks; still atomic as a whole
                .skipValidation(true));                      // trusted data: no schema checks (keys still checked)
        // README:end schemas-bulk
        r.put("keys", keys);
        return r;
    }
}
