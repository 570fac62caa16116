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
     * Two tables changed together, and a block that throws.
     *
     * @return the balances and what the failed block left, by name
     */
    static Map<String, Object> atomically() {
        Map<String, Object> r = new LinkedHashMap<>();
        // README:begin threads-atomically
        DictDB db = DictDB.create();
        Table accounts = db.createTable("accounts", "owner");
        Table ledger = db.createTable("ledger");
        accounts.insertAll(List.of(Map.of("owner", "ann", "balance", 100), Map.of("owner", "ben", "balance", 0)));

        // Both tables' write locks, taken in name order: no reader sees one change without the other.
        db.atomically(List.of("accounts", "ledger"), () -> {
            accounts.update(a -> a.with("balance", a.getLong("balance") - 30), field("owner").eq("ann"));
            accounts.update(a -> a.with("balance", a.getLong("balance") + 30), field("owner").eq("ben"));
            return ledger.insert(Map.of("from", "ann", "to", "ben", "amount", 30));
        });

        // atomically is isolation, not a transaction: there is no rollback. A block that throws keeps every
        // write it made before the throw.
        try {
            db.atomically(List.of("accounts", "ledger"), () -> {
                accounts.update(a -> a.with("balance", a.getLong("balance") - 500), field("owner").eq("ann"));
                throw new IllegalStateException("insufficient funds");   // too late: ann's update stays
            });
        } catch (IllegalStateException e) {
            System.err.println(e.getMessage());                          // the locks are released
        }
        long ann = accounts.get("ann").orElseThrow().getLong("balance");   // -430, not 70
        // README:end threads-atomically
        r.put("annAfterThrow", ann);
        r.put("ben", accounts.get("ben").orElseThrow().getLong("balance"));
        r.put("ledger", ledger.count());
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
