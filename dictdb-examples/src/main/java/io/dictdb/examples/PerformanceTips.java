package io.dictdb.examples;

import java.io.PrintStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.dictdb.Database;
import io.dictdb.FieldType;
import io.dictdb.IndexType;
import io.dictdb.InsertOptions;
import io.dictdb.Record;
import io.dictdb.Schema;
import io.dictdb.Table;
import io.dictdb.TableSpec;
import io.dictdb.core.DictDB;
import io.dictdb.query.Plan;
import io.dictdb.query.Query;

/**
 * Python DictDB's "Performance Tips": indexes (hash for equality, sorted for ranges and order), reads without copies,
 * batch inserts, skipping validation for trusted data, and top-k through a sorted index. Each tip prints the
 * query plan ({@link Query#explain()}) that shows the tip at work; the timings are for a feel only (JMH in
 * {@code dictdb-bench} measures).
 */
public final class PerformanceTips {

    private PerformanceTips() {
    }

    /**
     * Runs the example with 20,000 records per table, printing to standard output.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        run(20_000, System.out);
    }

    /**
     * Runs every tip.
     *
     * @param records the number of records per table
     * @param out where to print what it does
     */
    static void run(int records, PrintStream out) {
        indexes(records, out);
        readsWithoutCopies(out);
        batchInserts(records, out);
        skipValidation(records, out);
        topK(records, out);
    }

    /**
     * Tip 1: an index on each field you filter or sort on.
     *
     * @param records how many transactions
     * @param out where to print
     */
    static void indexes(int records, PrintStream out) {
        Database db = DictDB.create();
        Table transactions = db.createTable("transactions");
        transactions.createIndex("customer_id", IndexType.HASH);   // equality: one hash lookup
        transactions.createIndex("amount", IndexType.SORTED);      // ranges: a walk over the matching keys
        transactions.createIndex("date", IndexType.SORTED);        // order by
        List<Map<String, Object>> rows = new ArrayList<>(records);
        for (int i = 0; i < records; i++) {
            rows.add(Map.of("customer_id", i % 1000, "amount", i * 0.99,
                    "date", LocalDate.of(2024, 1, i % 28 + 1), "status", i % 2 == 0 ? "active" : "inactive"));
        }
        transactions.insertAll(rows);

        Query byCustomer = transactions.query().where(transactions.field("customer_id").eq(42));
        long start = System.nanoTime();
        int found = byCustomer.toList().size();
        out.println("Search by customer_id: " + found + " results in " + micros(start) + " us; plan: "
                + summary(byCustomer.explain()));

        Query byAmount = transactions.query().where(transactions.field("amount").between(1000, 2000));
        start = System.nanoTime();
        found = byAmount.toList().size();
        out.println("Search by amount range: " + found + " results in " + micros(start) + " us; plan: "
                + summary(byAmount.explain()));

        Query byStatus = transactions.query().where(transactions.field("status").eq("active"));
        out.println("Search by status (no index): " + byStatus.count() + " results; plan: "
                + summary(byStatus.explain()));
    }

    /**
     * Tip 2: reads never copy. Python's {@code copy=False} is how Python avoids copying; in DictDB for Java every
     * read returns the stored records themselves, which are immutable, so there is nothing to copy and nothing a
     * caller can break.
     *
     * @param out where to print
     */
    static void readsWithoutCopies(PrintStream out) {
        Database db = DictDB.create();
        Table logs = db.createTable("logs");
        for (int i = 0; i < 1000; i++) {
            logs.insert(Map.of("message", "Log entry " + i, "level", "INFO"));
        }
        Record fromGet = logs.get(1L).orElseThrow();
        Record fromSelect = logs.select(logs.field("id").eq(1L)).get(0);
        out.println("get and select return the same stored record (no copy): " + (fromGet == fromSelect));
        try {
            fromGet.put("message", "Modified");
        } catch (UnsupportedOperationException e) {
            out.println("Modifying a read record: UnsupportedOperationException");
        }
        Record changed = fromGet.with("message", "Modified");        // a changed copy, for your own use
        out.println("with() gives a copy: " + changed.getString("message") + "; stored record still: "
                + logs.get(1L).orElseThrow().getString("message"));
    }

    /**
     * Tip 3: insert many records with one {@code insertAll}: one lock, one index pass, all or nothing.
     *
     * @param records how many events
     * @param out where to print
     */
    static void batchInserts(int records, PrintStream out) {
        Database db = DictDB.create();
        Table events = db.createTable("events");
        List<Map<String, Object>> data = new ArrayList<>(records);
        for (int i = 0; i < records; i++) {
            data.add(Map.of("type", "click", "page", "/page/" + i));
        }

        long start = System.nanoTime();
        for (Map<String, Object> record : data) {
            events.insert(record);                                  // one lock and one log call per record
        }
        out.println("Individual inserts: " + events.count() + " records in " + millis(start) + " ms");

        events.deleteAll();
        start = System.nanoTime();
        events.insertAll(data);                                     // one operation
        out.println("Batch insert: " + events.count() + " records in " + millis(start) + " ms");

        events.deleteAll();
        start = System.nanoTime();
        events.insertAll(data, InsertOptions.defaults().batchSize(1000)); // validated in chunks, still atomic
        out.println("Batch insert with batchSize(1000): " + events.count() + " records in " + millis(start)
                + " ms");
    }

    /**
     * Tip 4: skip schema validation for data you already trust. Primary-key checks still run.
     *
     * @param records how many records
     * @param out where to print
     */
    static void skipValidation(int records, PrintStream out) {
        Database db = DictDB.create();
        Table data = db.createTable(TableSpec.named("imported_data").schema(Schema.builder()
                .field("id", FieldType.LONG).field("value", FieldType.LONG).build()));
        List<Map<String, Object>> trusted = new ArrayList<>(records);
        for (int i = 0; i < records; i++) {
            trusted.add(Map.of("id", i, "value", i * 10));
        }

        long start = System.nanoTime();
        data.insertAll(trusted);
        out.println("With validation: " + data.count() + " records in " + millis(start) + " ms");

        data.deleteAll();
        start = System.nanoTime();
        data.insertAll(trusted, InsertOptions.defaults().skipValidation(true));
        out.println("Without validation: " + data.count() + " records in " + millis(start) + " ms");
    }

    /**
     * Tip 5: top-k with {@code orderBy} and {@code limit}; with a sorted index on the sort field, the query walks
     * the index from the top and stops after k records.
     *
     * @param records how many scores
     * @param out where to print
     */
    static void topK(int records, PrintStream out) {
        Database db = DictDB.create();
        Table scores = db.createTable("scores");
        scores.createIndex("points", IndexType.SORTED);
        List<Map<String, Object>> rows = new ArrayList<>(records);
        for (int i = 0; i < records; i++) {
            rows.add(Map.of("player", "Player" + i, "points", i * 7 % 10000));
        }
        scores.insertAll(rows);

        Query top10 = scores.query().orderBy("-points").limit(10);
        long start = System.nanoTime();
        List<Record> top = top10.toList();
        out.println("Top 10 in " + micros(start) + " us; plan: " + summary(top10.explain()));
        for (int i = 0; i < top.size(); i++) {
            out.println("  " + (i + 1) + ". " + top.get(i).getString("player") + ": " + top.get(i).getLong("points")
                    + " points");
        }
    }

    private static String summary(Plan plan) {
        return (plan.fullScan() ? "full scan" : "index " + plan.indexes()) + ", examined " + plan.examined()
                + (plan.orderedByIndex() ? ", ordered by index" : "");
    }

    private static long micros(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000;
    }

    private static long millis(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
