package io.dictdb.examples.guides;

// README:begin docs-imports
import io.dictdb.*;
import io.dictdb.Record;          // explicit: java.lang.Record would make the simple name ambiguous
import io.dictdb.backup.*;
import io.dictdb.core.DictDB;
import io.dictdb.csv.*;
import io.dictdb.query.*;
import io.dictdb.spi.Change;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.*;
import java.util.*;
import java.util.concurrent.*;
import java.util.regex.Pattern;
import static io.dictdb.query.Conditions.*;
import static io.dictdb.query.Aggregates.*;
// README:end docs-imports
import java.util.stream.Stream;

/** The blocks of docs/queries.md. */
public final class Queries {

    private Queries() {
    }

    /**
     * A small table of users, the same in every query example.
     *
     * @return the table, in a new database
     */
    static Table users() {
        // README:begin queries-setup
        Database db = DictDB.create();
        Table users = db.createTable("users");
        users.insertAll(List.of(
                Map.of("name", "Alice", "age", 30, "dept", "IT", "email", "alice@example.com"),
                Map.of("name", "Bob", "age", 25, "dept", "HR"),
                Map.of("name", "Carol", "age", 41, "dept", "IT", "email", "carol@example.org"),
                Map.of("name", "Dan", "age", 17, "dept", "Sales")));
        // README:end queries-setup
        return users;
    }

    /**
     * Point reads and selects.
     *
     * @return what each returned, by name
     */
    static Map<String, Object> reads() {
        Table users = users();
        // README:begin queries-reads
        Optional<Record> one = users.get(1L);                          // by primary key (1, 2, 3, ... generated)
        List<Record> it = users.select(field("dept").eq("IT"));        // every match, in insertion order
        List<Record> everyone = users.all();
        long adults = users.count(field("age").gte(18));
        String name = one.orElseThrow().getString("name");             // typed getters: null when missing
        // README:end queries-reads
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("one", name);
        r.put("it", it);
        r.put("everyone", everyone);
        r.put("adults", adults);
        return r;
    }

    /**
     * Every operator, each with the names it matches.
     *
     * @return one line per condition: its text, then the names it selected
     */
    static List<String> operators() {
        Table users = users();
        // README:begin queries-operators
        List<Condition> conditions = List.of(
                field("age").eq(30),                       // numbers by value: eq(30), eq(30L), eq(30.0) alike
                field("age").ne(30),                       // a non-null value of the same type, not 30
                field("age").lt(25), field("age").lte(25), field("age").gt(40), field("age").gte(41),
                field("age").between(18, 30),              // both bounds inclusive
                field("dept").in("IT", "HR"), field("dept").notIn("IT", "HR"),
                field("name").like("_a%"),                 // SQL LIKE: % any run, _ one character, \ escapes
                field("name").ilike("A%"),                 // LIKE ignoring case
                field("name").startsWith("Ca"), field("name").endsWith("n"), field("name").contains("li"),
                field("name").iequals("BOB"), field("name").istartsWith("al"),
                field("name").iendsWith("OL"), field("name").icontains("AR"),
                field("email").isNull(),                   // null or missing
                field("email").isNotNull(),
                field("email").matches(Pattern.compile("\\.org$")),     // find(), not a whole match
                matching(r -> r.getString("name").length() == 3),      // any predicate; never uses an index
                and(field("dept").eq("IT"), field("age").lt(35)),
                or(field("dept").eq("HR"), field("age").lt(18)),
                not(field("dept").eq("IT")),
                field("dept").eq("IT").and(field("age").gt(35)),       // the same, as methods of Condition
                field("dept").eq("IT").negate());
        for (Condition c : conditions) {
            System.out.println(c + " -> " + users.select(c).stream().map(r -> r.getString("name")).toList());
        }
        // README:end queries-operators
        List<String> out = new ArrayList<>();
        for (Condition c : conditions) {
            out.add(c + " -> " + users.select(c).stream().map(r -> r.getString("name")).toList());
        }
        return out;
    }

    /**
     * {@code ne} and {@code notIn} against {@code not(eq)} on a missing field.
     *
     * @return the names each selected
     */
    static Map<String, List<String>> missingFields() {
        Table users = users();
        // README:begin queries-missing
        // Bob and Dan have no "email". ne and notIn want a value: a missing or null field never matches them.
        List<Record> ne = users.select(field("email").ne("alice@example.com"));        // Carol
        List<Record> notIn = users.select(field("email").notIn("alice@example.com"));  // Carol
        // not(eq) is the plain negation: true wherever eq is false, missing fields included.
        List<Record> notEq = users.select(not(field("email").eq("alice@example.com"))); // Bob, Carol, Dan
        // README:end queries-missing
        Map<String, List<String>> out = new LinkedHashMap<>();
        out.put("ne", names(ne));
        out.put("notIn", names(notIn));
        out.put("notEq", names(notEq));
        return out;
    }

    /**
     * The fluent query.
     *
     * @return what each query returned, by name
     */
    static Map<String, Object> fluent() {
        Table users = users();
        // README:begin queries-fluent
        List<Record> page = users.query()
                .where(field("age").gte(18))                 // several where(...) are ANDed
                .orderBy("-age", "name")                     // "-" descending; nulls last; then the primary key
                .offset(1).limit(2)
                .toList();                                   // Alice (30), Bob (25): Carol (41) skipped
        List<Record> projected = users.query()
                .columns("name", "dept")                     // only these fields, in this order
                .orderBy("name").toList();
        List<Record> renamed = users.query()
                .columns(Map.of("who", "name"))              // alias -> field
                .where(field("dept").eq("HR")).toList();     // [{who=Bob}]
        List<Record> depts = users.query().columns("dept").distinct().orderBy("dept").toList();
        Optional<Record> oldest = users.query().orderBy("-age").first();
        long itCount = users.query().where(field("dept").eq("IT")).count();
        // README:end queries-fluent
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("page", names(page));
        r.put("projected", projected);
        r.put("renamed", renamed);
        r.put("depts", depts);
        r.put("oldest", oldest.orElseThrow().getString("name"));
        r.put("itCount", itCount);
        return r;
    }

    /**
     * Keyset pagination.
     *
     * @return the pages, as lists of names
     */
    static List<List<String>> keyset() {
        Table users = users();
        // README:begin queries-keyset
        List<List<String>> pages = new ArrayList<>();
        Query byAge = users.query().orderBy("age").limit(2);  // a Query is immutable: keep it, run it again
        List<Record> page = byAge.toList();
        while (!page.isEmpty()) {
            pages.add(page.stream().map(r -> r.getString("name")).toList());
            page = byAge.after(page.get(page.size() - 1)).toList(); // strictly after the last record seen
        }
        // pages: [[Dan, Bob], [Alice, Carol]]
        // README:end queries-keyset
        return pages;
    }

    /**
     * A stream over a query's results.
     *
     * @return what the stream gave, by name
     */
    static Map<String, Object> streamed() {
        Table users = users();
        // README:begin queries-stream
        List<String> adults;
        try (Stream<Record> rows = users.query()
                .where(field("age").gte(18)).orderBy("name")
                .columns("name", "dept")                     // each projected record is built as it is consumed
                .stream()) {                                 // the records are picked now, under the read lock
            users.insert(Map.of("name", "Aaron", "age", 52)); // a write after stream(): the stream does not see it
            adults = rows.map(r -> r.getString("name") + " (" + r.getString("dept") + ")").toList();
        }
        // adults: [Alice (IT), Bob (HR), Carol (IT)]
        // README:end queries-stream
        return Map.of("adults", adults);
    }

    /**
     * Writes: update, delete and upsert, and what they throw.
     *
     * @return what each returned or threw, by name
     */
    static Map<String, Object> writes() {
        Table users = users();
        // README:begin queries-writes
        int moved = users.update(Map.of("dept", "Ops"), field("dept").eq("HR"));     // 1: Bob
        int older = users.update(r -> r.with("age", r.getLong("age") + 1),           // atomic read-modify-write
                field("dept").eq("IT"));                                             // 2
        int capped = users.query().where(field("dept").eq("IT")).orderBy("-age").limit(1)
                .update(Map.of("lead", true));                                       // 1: Carol, the oldest
        try {
            users.update(Map.of("dept", "Legal"), field("dept").eq("Marketing"));    // nothing matches
        } catch (RecordNotFoundException e) {
            System.out.println(e.getMessage());
        }
        try {
            users.delete(field("age").gt(100));                                      // nothing matches
        } catch (RecordNotFoundException e) {
            System.out.println(e.getMessage());
        }
        UpsertResult added = users.upsert(Map.of("id", 10L, "name", "Erin", "age", 35)); // INSERTED
        UpsertResult merged = users.upsert(Map.of("id", 10L, "dept", "IT"));               // UPDATED: fields merged
        UpsertResult kept = users.upsert(Map.of("id", 10L, "age", 99), OnConflict.IGNORE); // IGNORED
        int removed = users.delete(field("age").lt(18));                             // 1: Dan
        int all = users.deleteAll();                                                 // 4
        int none = users.deleteAll();                                                // 0: no exception
        // README:end queries-writes
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("moved", moved);
        r.put("older", older);
        r.put("capped", capped);
        r.put("added", added.action());
        r.put("merged", merged.action());
        r.put("kept", kept.action());
        r.put("removed", removed);
        r.put("all", all);
        r.put("none", none);
        return r;
    }

    /**
     * The exceptions of update and delete, with their messages.
     *
     * @return the messages, by name
     */
    static Map<String, String> notFound() {
        Database db = DictDB.create();
        // README:begin queries-not-found
        Table empty = db.createTable("empty");
        List<String> refused = new ArrayList<>();
        try {
            empty.update(Map.of("x", 1));          // update(map) of every record: an empty table throws too
        } catch (RecordNotFoundException e) {
            refused.add(e.getMessage());           // No record in table 'empty' matches all
        }
        try {
            empty.delete(all());
        } catch (RecordNotFoundException e) {
            refused.add(e.getMessage());           // No record in table 'empty' matches all
        }
        int zero = empty.deleteAll();              // 0
        // README:end queries-not-found
        Map<String, String> r = new LinkedHashMap<>();
        r.put("update", refused.get(0));
        r.put("delete", refused.get(1));
        r.put("deleteAll", String.valueOf(zero));
        return r;
    }

    private static List<String> names(List<Record> records) {
        return records.stream().map(x -> x.getString("name")).toList();
    }
}
