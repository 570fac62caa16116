package io.dictdb.examples.guides;

import io.dictdb.*;
import io.dictdb.core.DictDB;
import io.dictdb.core.Snapshot;
import java.nio.file.Path;
import java.util.*;
import java.util.concurrent.*;
import static io.dictdb.query.Conditions.*;

/** The blocks of docs/threads.md. */
public final class Threads {

    private Threads() {
    }

    /**
     * Counters updated from many threads, lost or not.
     *
     * @return the final counts, by name
     * @throws InterruptedException if interrupted while waiting for the threads
     */
    static Map<String, Object> counters() throws InterruptedException {
        // README:begin threads-counter
        Database db = DictDB.create();
        Table counters = db.createTable("counters", "name");
        counters.insert(Map.of("name", "hits", "n", 0));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (int i = 0; i < 1_000; i++) {
            pool.submit(() -> counters.update(                          // read-modify-write under the write lock
                    r -> r.with("n", r.getLong("n") + 1), field("name").eq("hits")));
        }
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.MINUTES);
        long hits = counters.get("hits").orElseThrow().getLong("n");     // 1000: no update lost
        // README:end threads-counter
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("hits", hits);
        return r;
    }

    /**
     * A transaction over two tables that throws and is undone, a nested block that joins it and fails alone, and
     * what a transaction refuses.
     *
     * @return the balances, the ledger and the refusals, by name
     */
    static Map<String, Object> transactions() {
        Map<String, Object> r = new LinkedHashMap<>();
        // README:begin threads-transaction
        DictDB db = DictDB.create();
        Table accounts = db.createTable("accounts", "owner");
        Table ledger = db.createTable("ledger");
        accounts.insertAll(List.of(Map.of("owner", "ann", "balance", 100), Map.of("owner", "ben", "balance", 0)));

        // Both tables' write locks, taken in name order and held for the whole block: all of it, or none.
        try {
            db.transaction(List.of("accounts", "ledger"), () -> {
                accounts.update(a -> a.with("balance", a.getLong("balance") - 500), field("owner").eq("ann"));
                ledger.insert(Map.of("from", "ann", "to", "ben", "amount", 500));
                if (accounts.get("ann").orElseThrow().getLong("balance") < 0) {   // sees its own write
                    throw new IllegalStateException("insufficient funds");      // undoes both writes
                }
            });
        } catch (IllegalStateException e) {
            System.err.println(e.getMessage());                                 // the same exception
        }
        long ann = accounts.get("ann").orElseThrow().getLong("balance");         // 100
        long entries = ledger.count();                                            // 0
        // README:end threads-transaction
        r.put("annAfterThrow", ann);
        r.put("ledgerAfterThrow", entries);
        r.put("sequenceAfterThrow", db.sequence());
        // README:begin threads-nested
        db.transaction(List.of("accounts", "ledger"), () -> {
            ledger.insert(Map.of("note", "kept"));
            try {
                db.transaction(List.of("ledger"), () -> {          // a subset of the tables: joins the outer one
                    ledger.insert(Map.of("note", "undone"));
                    throw new IllegalArgumentException("no");    // undoes the nested block's writes only
                });
            } catch (IllegalArgumentException e) {
                // the outer block decides what follows: here, it goes on and commits
            }
        });
        List<Object> notes = ledger.all().stream().map(n -> n.get("note")).toList();   // [kept]

        Table audit = db.createTable("audit");
        String readRefused = null;
        try {
            db.transaction(List.of("ledger"), () -> audit.count());   // a table not named: refused
        } catch (IllegalStateException e) {
            readRefused = e.getMessage();  // Table 'audit' is not part of the transaction over [ledger]: ...
        }
        String ddlRefused = null;
        try {
            db.transaction(List.of("ledger"), () -> ledger.createIndex("note"));
        } catch (IllegalStateException e) {
            ddlRefused = e.getMessage();   // tables and indexes are created and dropped outside transactions
        }
        // README:end threads-nested
        r.put("notes", notes);
        r.put("readRefused", readRefused);
        r.put("ddlRefused", ddlRefused);
        return r;
    }

    /**
     * Snapshots and asynchronous saves on an executor of one's own.
     *
     * @param dir a folder
     * @return the counts, by name
     */
    static Map<String, Object> snapshots(Path dir) {
        // README:begin threads-snapshot
        ExecutorService io = Executors.newSingleThreadExecutor();
        DictDB db = DictDB.builder().asyncExecutor(io).build();          // saveAsync runs there
        Table t = db.createTable("t");
        t.insert(Map.of("n", 1));
        Snapshot snapshot = db.snapshot();                               // every table at one sequence number
        CompletableFuture<Void> saved = db.saveAsync(dir.resolve("t.json"), "json"); // the state of now
        t.insert(Map.of("n", 2));                                        // in neither
        saved.join();
        long inFile = DictDB.load(dir.resolve("t.json")).table("t").count();    // 1
        long inCopy = DictDB.builder().buildFrom(snapshot).table("t").count();  // 1
        io.shutdown();
        // README:end threads-snapshot
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("inFile", inFile);
        r.put("inCopy", inCopy);
        r.put("live", t.count());
        return r;
    }
}
