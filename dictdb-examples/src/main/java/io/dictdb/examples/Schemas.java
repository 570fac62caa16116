package io.dictdb.examples;

import static io.dictdb.query.Conditions.field;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.dictdb.Database;
import io.dictdb.FieldType;
import io.dictdb.IndexType;
import io.dictdb.InsertOptions;
import io.dictdb.Schema;
import io.dictdb.SchemaValidationException;
import io.dictdb.Table;
import io.dictdb.TableSpec;
import io.dictdb.core.DictDB;

/**
 * Schemas: a table declared with its primary key, typed fields (required and optional) and indexes in one
 * {@link TableSpec}; what the schema accepts, converts and rejects, and how to skip it for trusted data.
 */
public final class Schemas {

    private Schemas() {
    }

    /**
     * Runs the example, printing to standard output.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        run(System.out);
    }

    /**
     * Runs the example against a fresh in-memory database.
     *
     * @param out where to print what it does
     */
    static void run(PrintStream out) {
        Database db = DictDB.create();
        Schema productSchema = Schema.builder()
                .field("sku", FieldType.STRING)
                .field("name", FieldType.STRING)
                .field("price", FieldType.DECIMAL)
                .optional("tags", FieldType.LIST)
                .optional("added", FieldType.DATE)
                .build();
        Table products = db.createTable(TableSpec.named("products")
                .primaryKey("sku")
                .schema(productSchema)
                .index("price", IndexType.SORTED)
                .index("name", IndexType.HASH));
        out.println("schema of products: " + products.schema().orElseThrow());
        out.println("indexes of products: " + products.indexedFields());

        products.insert(Map.of("sku", "ABC123", "name", "Widget", "price", new BigDecimal("29.99"),
                "tags", List.of("tools", "sale"), "added", LocalDate.of(2024, 1, 20)));
        products.insert(Map.of("sku", "XYZ789", "name", "Gadget", "price", new BigDecimal("5.00")));
        out.println("inserted: " + products.count() + " products");

        // Each bad record is refused whole, with the table and the field in the message.
        List<Map<String, Object>> bad = List.of(
                Map.of("sku", "NOPRICE", "name", "Nameless price"),                       // required field missing
                Map.of("sku", "BADTYPE", "name", "Gizmo", "price", "cheap"),               // wrong type
                Map.of("sku", "EXTRA", "name", "Gizmo", "price", BigDecimal.ONE, "colour", "red")); // undeclared
        for (Map<String, Object> record : bad) {
            try {
                products.insert(record);
                out.println("accepted " + record.get("sku") + " (unexpected)");
            } catch (SchemaValidationException e) {
                out.println("rejected " + record.get("sku") + ": field=" + e.field() + ", table=" + e.table()
                        + ": " + e.getMessage());
            }
        }
        out.println("after the rejected inserts: " + products.count() + " products");

        // A batch is atomic: one bad record and none of the batch is stored.
        try {
            products.insertAll(List.of(
                    Map.of("sku", "OK1", "name", "Fine", "price", BigDecimal.TEN),
                    Map.of("sku", "BAD1", "name", "Broken", "price", "ten")));
        } catch (SchemaValidationException e) {
            out.println("batch rejected: field=" + e.field() + "; OK1 stored: " + products.get("OK1").isPresent());
        }

        // Trusted data (already validated elsewhere) can skip the schema checks; key checks always run.
        List<Object> keys = products.insertAll(List.of(
                Map.of("sku", "T1", "name", "Trusted 1", "price", new BigDecimal("1.50")),
                Map.of("sku", "T2", "name", "Trusted 2", "price", new BigDecimal("2.50"))),
                InsertOptions.defaults().skipValidation(true));
        out.println("trusted batch inserted without validation: " + keys);

        out.println("products under 10: " + products.query().where(field("price").lt(10)).orderBy("price").toList()
                .stream().map(r -> r.getString("sku") + "=" + r.getDecimal("price")).toList());
    }
}
