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
        List<String> refused = new ArrayList<>();
        for (Map<String, ?> bad : List.<Map<String, ?>>of(
                Map.of("sku", "C3", "price", "cheap", "stock", 1),
                Map.of("sku", "D4", "price", 1, "stock", 1, "colour", "red"),
                Map.of("sku", "E5", "stock", 1))) {
            try {
                products.insert(bad);
            } catch (SchemaValidationException e) {
                refused.add(e.getMessage());
            }
        }
        // Table 'products': field 'price' expects DECIMAL, got STRING 'cheap'
        // Table 'products': field 'colour' is not in the schema [sku, price, stock, tags, added]
        // Table 'products': required field 'price' (DECIMAL) is missing
        // README:end schemas-spec
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("wrongType", refused.get(0));
        r.put("unknownField", refused.get(1));
        r.put("missing", refused.get(2));
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
        // README:begin schemas-values
        Table t = db.createTable("things");
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
        List<String> refused = new ArrayList<>();
        try {
            stored.getString("count");                       // a Long is not a String
        } catch (DictDbException e) {
            refused.add(e.getMessage());                     // Field 'count' holds LONG 7, not STRING
        }
        try {
            t.insert(Map.of("when", new java.util.Date()));  // not a canonical type
        } catch (IllegalArgumentException e) {
            refused.add(e.getMessage());  // Field 'when': unsupported value type java.util.Date (supported: ...)
        }
        // README:end schemas-values
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("wrongGetter", refused.get(0));
        r.put("unsupported", refused.get(1));
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
        // README:begin schemas-records
        Record alice = Record.of("name", "Alice", "age", 30);
        Record older = alice.with("age", 31);                // a changed copy
        Record noAge = alice.without("age");
        boolean changed = true;
        try {
            alice.put("age", 99);                            // every mutator of Map throws
        } catch (UnsupportedOperationException e) {
            changed = false;
        }
        // alice is still {name=Alice, age=30}
        // README:end schemas-records
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("put", changed ? "changed" : "refused");
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
        // README:begin schemas-names
        Table events = db.createTable("events");
        events.insert(Record.of("$type", "click", "payload", Record.of("$ref", 42)));  // $ names: fine, any depth
        events.insert(Map.of("text", "line one\nline two\u001b[31m"));             // control characters in values too
        List<String> refused = new ArrayList<>();
        for (Runnable bad : List.<Runnable>of(
                () -> events.insert(Map.of("bad\nname", 1)),                // not in names: newline, NUL, ESC, ...
                () -> db.createTable(""),
                () -> ValueRule.checkName("Column", "tab\there"),           // the same check, for names of your own
                () -> events.insert(Map.of("price", new BigDecimal("1e100001"))))) {     // beyond a limit
            try {
                bad.run();
            } catch (IllegalArgumentException e) {
                refused.add(e.getMessage());
            }
        }
        // Field 'bad\nname': the name holds the control character U+000A at index 3, which names may not hold
        // A table name must not be blank
        // Column 'tab\there' holds the control character U+0009 at index 3, which names may not hold
        // Field 'price': a decimal of scale -100,001 (exponent 100,001) exceeds the limit of ±100,000
        //     (ImageLimits.MAX_DECIMAL_SCALE)
        // README:end schemas-names
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("fieldName", refused.get(0));
        r.put("emptyTable", refused.get(1));
        r.put("checkName", refused.get(2));
        r.put("limit", refused.get(3));
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
        // README:begin schemas-bulk
        Table t = db.createTable(TableSpec.named("t").schema(Schema.builder().field("n", FieldType.LONG).build()));
        List<Map<String, Object>> rows = List.of(Map.of("n", 1), Map.of("n", 2), Map.of("n", "three"));
        try {
            t.insertAll(rows);                               // all or nothing: "three" is no LONG
        } catch (SchemaValidationException e) {
            System.err.println(e.getMessage());
        }
        long none = t.count();                               // 0
        List<Object> keys = t.insertAll(rows.subList(0, 2), InsertOptions.defaults()
                .batchSize(1_000)                            // chunks; still atomic as a whole
                .skipValidation(true));                      // trusted data: no schema checks (keys still checked)
        // README:end schemas-bulk
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("refused", none);
        r.put("keys", keys);
        return r;
    }
}
