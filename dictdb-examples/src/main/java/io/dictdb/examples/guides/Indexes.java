package io.dictdb.examples.guides;

import io.dictdb.*;
import io.dictdb.Record;
import io.dictdb.core.DictDB;
import io.dictdb.query.*;
import java.util.*;
import static io.dictdb.query.Conditions.*;

/** The blocks of docs/indexes.md. */
public final class Indexes {

    private Indexes() {
    }

    /**
     * A table of 10,000 users with a hash index on dept and a sorted index on age.
     *
     * @return the table
     */
    static Table users() {
        // README:begin indexes-create
        Database db = DictDB.create();
        Table users = db.createTable(TableSpec.named("users")
                .index("dept")                               // HASH by default
                .index("age", IndexType.SORTED));
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            String dept = List.of("IT", "HR", "Sales", "Ops").get(i % 4);
            batch.add(Map.of("name", "user" + i, "age", 18 + i % 60, "dept", dept, "city", "city" + i % 100));
        }
        users.insertAll(batch);
        users.createIndex("city", IndexType.HASH);           // later, on a filled table: built from its records
        // README:end indexes-create
        return users;
    }

    /**
     * The plans of typical queries.
     *
     * @return each plan's text, by name
     */
    static Map<String, String> plans() {
        Table users = users();
        // README:begin indexes-explain
        Plan equality = users.query().where(field("dept").eq("HR")).explain();
        Plan range = users.query().where(field("age").between(20, 21)).explain();
        Plan both = users.query().where(and(field("city").eq("city7"), field("age").lt(30))).explain();
        Plan either = users.query().where(or(field("city").eq("city7"), field("city").eq("city8"))).explain();
        Plan topK = users.query().orderBy("-age").limit(5).explain();
        Plan scan = users.query().where(field("name").endsWith("99")).explain();
        Plan key = users.query().where(field("id").eq(42L)).explain();
        System.out.println(equality);                            // a tree, one step a line
        List<String> served = both.indexes();                    // [city, age]
        boolean scanned = scan.fullScan();                       // true
        // README:end indexes-explain
        Map<String, String> r = new LinkedHashMap<>();
        r.put("equality", equality.toString());
        r.put("range", range.toString());
        r.put("both", both.toString());
        r.put("either", either.toString());
        r.put("topK", topK.toString());
        r.put("scan", scan.toString());
        r.put("key", key.toString());
        r.put("served", served.toString());
        r.put("scanned", String.valueOf(scanned));
        return r;
    }

    /**
     * What the index holds, and dropping one.
     *
     * @return the index facts, by name
     */
    static Map<String, Object> manage() {
        Table users = users();
        // README:begin indexes-manage
        List<String> indexed = users.indexedFields();              // [dept, age, city]
        Index dept = users.index("dept").orElseThrow();
        long distinct = dept.distinctKeys();                        // 4
        users.dropIndex("city");
        boolean still = users.hasIndex("city");                     // false
        // README:end indexes-manage
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("indexed", indexed);
        r.put("type", dept.type());
        r.put("distinct", distinct);
        r.put("still", still);
        return r;
    }

    /**
     * Composite, unique (partial) and elements indexes, with their plans and usage statistics.
     *
     * @return the facts and plans, by name
     */
    static Map<String, Object> specs() {
        Table users = users();
        // README:begin indexes-specs
        users.createIndex(IndexSpec.sorted("dept", "age"));                 // composite: name "dept+age"
        users.createIndex(IndexSpec.hash("name").unique()
                .where(field("deleted").isNull()));                         // unique among records not deleted
        users.update(Map.of("tags", List.of("admin", "ops")), field("city").eq("city3"));
        users.createIndex(IndexSpec.elements("tags"));                      // name "tags[]"

        Plan young = users.query().where(and(field("dept").eq("IT"), field("age").between(30, 34))).explain();
        Plan oldest = users.query().where(field("dept").eq("IT")).orderBy("-age").limit(3).explain();
        Plan admins = users.query().where(field("tags").has("admin")).explain();
        Plan byName = users.query().where(and(field("name").eq("user7"), field("deleted").isNull())).explain();
        try {
            users.insert(Map.of("name", "user7"));                            // a second record named user7
        } catch (DuplicateKeyException e) {
            System.out.println(e.getMessage());                             // names table, fields, value, holder
        }
        users.update(Map.of("deleted", true), field("name").eq("user7"));   // soft delete: frees the name
        users.insert(Map.of("name", "user7"));

        IndexStats tags = users.index("tags[]").orElseThrow().stats();       // lookups 1, rows returned 100
        TableStats stats = users.stats();                                  // + scans and rows they examined
        Plan slow = users.query().where(field("name").eq("user42")).explain(); // a scan: suggests an index
        users.resetStats();
        // README:end indexes-specs
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("young", young.toString());
        r.put("oldest", oldest.toString());
        r.put("admins", admins.toString());
        r.put("byName", byName.toString());
        r.put("tags", tags.lookups() + "/" + tags.rowsReturned());
        r.put("scans", stats.scans());
        r.put("slow", slow.toString());
        r.put("indexes", users.indexedFields());
        r.put("named", users.select(field("name").eq("user7")).size());
        return r;
    }
}
