package io.dictdb.examples;

import static io.dictdb.query.Aggregates.avg;
import static io.dictdb.query.Aggregates.count;
import static io.dictdb.query.Conditions.and;
import static io.dictdb.query.Conditions.field;
import static io.dictdb.query.Conditions.not;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.dictdb.Database;
import io.dictdb.IndexType;
import io.dictdb.Record; // explicit: java.lang.Record would make the simple name ambiguous
import io.dictdb.Table;
import io.dictdb.core.DictDB;
import io.dictdb.query.Condition;

/**
 * The "Quick look" of the API contract as a program: creates a table, inserts, indexes, queries, aggregates and
 * updates, printing each step and its result. Run it with {@code mvn -B -q -pl dictdb-examples exec:java} after
 * {@code mvn -B -q install -DskipTests}.
 */
public final class QuickLook {

    private QuickLook() {
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
        out.println("DictDB quick look");

        Database db = DictDB.create();
        Table users = db.createTable("users"); // primary key "id", auto-increment
        out.println("Created table " + users.name() + " with primary key " + users.primaryKey());

        Object alice = users.insert(Map.of("name", "Alice", "age", 30, "dept", "IT"));
        Object bob = users.insert(Map.of("name", "Bob", "age", 25, "dept", "HR"));
        out.println("Inserted Alice (key " + alice + ") and Bob (key " + bob + ")");

        users.createIndex("dept", IndexType.HASH);
        users.createIndex("age", IndexType.SORTED);
        out.println("Indexes: " + users.indexedFields().stream()
                .map(f -> f + " (" + users.index(f).orElseThrow().type() + ")")
                .collect(Collectors.joining(", ")));

        Condition inIt = field("dept").eq("IT");
        List<Record> it = users.select(inIt);
        out.println("select " + inIt + ": " + show(it));

        Condition adultsNotInHr = and(field("age").gte(18), not(field("dept").eq("HR")));
        List<Record> top = users.query()
                .where(adultsNotInHr)
                .orderBy("-age", "name")
                .limit(10)
                .toList();
        out.println("select " + adultsNotInHr + " order by -age, name limit 10: " + show(top));

        Record stats = users.query().aggregate(count().as("n"), avg("age").as("avg_age"));
        out.println("count and average age: n=" + stats.getLong("n") + ", avg_age=" + stats.getDouble("avg_age"));

        List<Record> byDept = users.query().groupBy("dept").aggregateGroups(count().as("n"));
        out.println("count per department: " + byDept);

        int moved = users.update(Map.of("dept", "Ops"), field("name").eq("Bob"));
        out.println("update dept to Ops where name is Bob: " + moved + " record(s)");

        // A function update is an atomic read-modify-write under the table's write lock.
        int birthdays = users.update(r -> r.with("age", r.getLong("age") + 1), field("name").eq("Alice"));
        out.println("atomic age + 1 where name is Alice: " + birthdays + " record(s)");

        out.println("users now: " + show(users.query().orderBy("id").toList()));

        // Saving and loading: the json codec (dictdb-json) is on the class path, so the extension picks it.
        Path file = tempDir().resolve("data.json");
        db.save(file);
        Database copy = DictDB.load(file);
        out.println("saved to data.json and loaded back: " + show(copy.table("users").query().orderBy("id").toList())
                + ", indexes " + copy.table("users").indexedFields());
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("dictdb-quicklook");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One line per record, fields in a fixed order: a record keeps the (unspecified) order of Map.of. */
    private static String show(List<Record> records) {
        return records.stream()
                .map(r -> "#" + r.get("id") + " " + r.getString("name") + ", " + r.getLong("age") + ", "
                        + r.getString("dept"))
                .collect(Collectors.joining("; ", "[", "]"));
    }
}
