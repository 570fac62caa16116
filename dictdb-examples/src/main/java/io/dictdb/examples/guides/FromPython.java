package io.dictdb.examples.guides;

import io.dictdb.*;
import io.dictdb.Record;
import io.dictdb.core.DictDB;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.*;
import static io.dictdb.query.Conditions.*;

/** The blocks of docs/python.md. */
public final class FromPython {

    private FromPython() {
    }

    /**
     * A Python DictDB save loaded, queried the Java way.
     *
     * @param dir a folder
     * @return what the queries returned, by name
     */
    static Map<String, Object> load(Path dir) {
        copyResource("python_save.json", dir.resolve("python_save.json"));
        Map<String, Object> r = new LinkedHashMap<>();
        // README:begin python-load
        // Python: db.save("python_save.json", file_format="json")
        Database db = DictDB.load(dir.resolve("python_save.json"));   // no conversion step
        Table users = db.table("users");                                // db.get_table("users")
        Table products = db.table("products");
        String key = products.primaryKey();                             // "sku", as in Python
        Optional<Schema> schema = products.schema();     // {sku: STRING, name: STRING, price: DOUBLE, stock: LONG}

        // Python: users.select(where=users.dept != "HR") -> Alice and Zoë (Zoë has no "dept")
        List<Record> ne = users.select(field("dept").ne("HR"));          // Alice only: ne wants a value
        List<Record> asInPython = users.select(not(field("dept").eq("HR")));   // Alice and Zoë

        // Python: users.update({"age": 31}, where=users.name == "Alice")
        users.update(Map.of("age", 31), field("name").eq("Alice"));
        // Python: rec = users.select(...)[0]; rec["age"] = 99 changes a copy. Here a record cannot change:
        Record alice = users.select(field("name").eq("Alice")).get(0);
        Record changed = alice.with("age", 99);                        // a new record; the table is untouched
        // README:end python-load
        r.put("key", key);
        r.put("schema", schema.orElseThrow());
        r.put("ne", ne.stream().map(x -> x.getString("name")).toList());
        r.put("asInPython", asInPython.stream().map(x -> x.getString("name")).toList());
        r.put("age", users.get(1L).orElseThrow().getLong("age"));
        r.put("changed", changed.getLong("age"));
        return r;
    }

    private static void copyResource(String name, Path target) {
        try (InputStream in = FromPython.class.getResourceAsStream("/io/dictdb/examples/" + name)) {
            Files.copy(Objects.requireNonNull(in, name), target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
