package io.dictdb.csv;

import io.dictdb.Database;
import io.dictdb.Record;
import io.dictdb.Table;
import io.dictdb.core.DictDB;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Files the Python DictDB's {@code Table.export_csv} wrote (see {@code python/README.md} in the test resources for
 * how they were made and where in the Python code each detail comes from) import with default options.
 */
class PythonCsvCompatibilityTest {
    @TempDir
    Path dir;

    private Path resource(String name) throws IOException {
        Path f = dir.resolve(name);
        try (InputStream in = getClass().getResourceAsStream("python/" + name)) {
            assertThat(in).as(name).isNotNull();
            Files.copy(in, f);
        }
        return f;
    }

    @Test
    void usersWithAutoKeysBooleansFloatsNestedValuesAndNoneImport() throws IOException {
        Database db = DictDB.create();
        long n = Csv.importTable(db, resource("python_users.csv"), "users", CsvImportOptions.defaults());
        assertThat(n).isEqualTo(5);
        Table users = db.table("users");
        // The id column comes last in the Python file; it is still the primary key.
        Record alice = users.get(1L).orElseThrow();
        assertThat(alice.get("name")).isEqualTo("Alice");
        assertThat(alice.get("active")).isEqualTo(true);
        assertThat(alice.get("score")).isEqualTo(9.5);
        assertThat(alice.get("tags")).isEqualTo("['a', 'b']");
        assertThat(alice).containsEntry("manager", null);
        // Python ints have no size limit: one beyond long makes the whole column DECIMAL, losing nothing.
        assertThat(alice.get("age")).isEqualTo(new BigDecimal("30"));
        Record bob = users.get(2L).orElseThrow();
        assertThat(bob.get("name")).isEqualTo("Smith, Bob");
        assertThat(bob.get("active")).isEqualTo(false);
        assertThat(bob.get("score")).isEqualTo(1e-05);
        assertThat(bob.get("tags")).isEqualTo("[]");
        assertThat(bob.get("manager")).isEqualTo("Alice");
        Record carol = users.get(3L).orElseThrow();
        assertThat(carol.get("name")).isEqualTo("Carol \"CJ\"");
        assertThat(carol.get("score")).isEqualTo(Double.POSITIVE_INFINITY);
        Record dan = users.get(4L).orElseThrow();
        assertThat(dan.get("name")).isEqualTo("Dan\nSecond line");
        assertThat(dan.get("age")).isEqualTo(new BigDecimal("12345678901234567890123"));
        assertThat(dan.get("score")).isEqualTo(100.0);
        assertThat(dan.get("tags")).isEqualTo("{'k': 1, 'j': [2, 3]}");
        Record five = users.get(5L).orElseThrow();
        assertThat(five.get("name")).isEqualTo("H\u00e9lo\u00efse \uD83D\uDE00");
        assertThat(five.get("age")).isEqualTo(new BigDecimal("-7"));
        assertThat((Double) five.get("score")).isNaN();
        assertThat(five.get("tags")).isNull();
        // The key counter moved past the imported keys.
        assertThat(users.insert(Map.of("name", "next"))).isEqualTo(6L);
    }

    @Test
    void productsWithAStringKeyImport() throws IOException {
        Database db = DictDB.create();
        Path file = resource("python_products.csv");
        long n = Csv.importTable(db, file, "products", CsvImportOptions.defaults().primaryKey("sku"));
        assertThat(n).isEqualTo(3);
        Table products = db.table("products");
        assertThat(products.get("A-1").orElseThrow()).isEqualTo(Record.of("sku", "A-1", "name", "Widget", "price",
                19.99, "stock", 12L, "discontinued", false));
        assertThat(products.get("B-2").orElseThrow().get("price")).isEqualTo(5.0);
        assertThat(products.get("B-2").orElseThrow().get("name")).isEqualTo("Gadget; deluxe");
        assertThat(products.get("C-3").orElseThrow()).containsEntry("stock", null);

        // Written back by us, the file reads the same (our export writes booleans as true/false).
        Path again = dir.resolve("again.csv");
        Csv.exportTable(products, again, CsvExportOptions.defaults());
        Csv.importTable(db, again, "again", CsvImportOptions.defaults().primaryKey("sku"));
        assertThat(db.table("again").all()).isEqualTo(products.all());
    }
}
