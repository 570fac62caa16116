package io.dictdb.examples;

import io.dictdb.*;
import io.dictdb.Record;          // explicit: java.lang.Record would make the simple name ambiguous
import io.dictdb.core.DictDB;
import io.dictdb.spi.Change;
import java.io.PrintStream;
import java.time.Duration;
import java.util.*;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.CountDownLatch;
import static io.dictdb.query.Conditions.*;

/**
 * Python DictDB's cache invalidation, with the change feed: a read-through cache of one table's records by key,
 * which drops a record as soon as a commit changes it. {@link ProductCache} subscribes with
 * {@link Database#subscribe(ChangeListener, int)}; when it falls more than its bound behind (a
 * {@link ChangeSubscription.LaggedException}), it subscribes again and empties itself, since it no longer knows what
 * changed.
 */
public final class FreshCache {

    private FreshCache() {
    }

    /**
     * Runs the example, printing to standard output.
     *
     * @param args ignored
     * @throws InterruptedException if interrupted while waiting for the feed
     */
    public static void main(String[] args) throws InterruptedException {
        run(System.out);
    }

    // README:begin cache
    /** The records of "products" by key, read through, and dropped when a commit changes them. */
    static final class ProductCache implements ChangeListener {
        private final Database db;
        private final int maxPending;
        private final Map<Object, Record> bySku = new ConcurrentHashMap<>();
        private volatile ChangeSubscription feed;
        private volatile Throwable lastFailure;

        ProductCache(Database db, int maxPending) {
            this.db = db;
            this.maxPending = maxPending;
            this.feed = db.subscribe(this, maxPending);   // follows every commit from now on
        }

        Optional<Record> get(String sku) {
            return Optional.ofNullable(bySku.computeIfAbsent(sku, k -> db.table("products").get(k).orElse(null)));
        }

        @Override
        public void onChanges(List<Change> changes) {     // the feed's own thread: one call per commit, in order
            for (Change c : changes) {
                if (!c.table().equals("products")) {
                    continue;
                }
                if (c instanceof Change.Upsert u) {
                    bySku.remove(u.record().get("sku"));
                } else if (c instanceof Change.Delete d) {
                    bySku.remove(d.key());
                } else {
                    bySku.clear();                           // the table or an index created or dropped
                }
            }
        }

        @Override
        public void onFailure(Throwable error) {           // a LaggedException: it fell behind its bound
            feed = db.subscribe(this, maxPending);         // follow again from now,
            bySku.clear();                                 // and forget what may have changed in between
            lastFailure = error;                           // for health checks
        }

        long position() {
            return feed.position();                        // the last sequence number it has seen
        }
    }
    // README:end cache

    /**
     * Waits, at most {@code timeout}, until the cache has seen every commit of {@code db} so far.
     *
     * @param cache the cache
     * @param db its database
     * @param timeout the longest wait
     * @return whether it caught up in time
     * @throws InterruptedException if interrupted while waiting
     */
    // README:begin cache-wait
    static boolean caughtUp(ProductCache cache, DictDB db, Duration timeout) throws InterruptedException {
        long target = db.sequence();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (cache.position() < target && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        return cache.position() >= target;
    }
    // README:end cache-wait

    /**
     * A price read through the cache, changed, and read again once the feed delivered the change.
     *
     * @return the prices read and whether the cache caught up, by name
     * @throws InterruptedException if interrupted while waiting for the feed
     */
    static Map<String, Object> freshness() throws InterruptedException {
        Map<String, Object> r = new LinkedHashMap<>();
        // README:begin cache-use
        DictDB db = DictDB.create();
        Table products = db.createTable("products", "sku");
        products.insert(Map.of("sku", "A1", "price", 10));
        ProductCache cache = new ProductCache(db, ChangeSubscription.DEFAULT_MAX_PENDING);

        long before = cache.get("A1").orElseThrow().getLong("price");        // 10, now cached
        products.update(Map.of("price", 12), field("sku").eq("A1"));
        boolean seen = caughtUp(cache, db, Duration.ofSeconds(10));          // its position reached db.sequence()
        long after = cache.get("A1").orElseThrow().getLong("price");         // 12: the cached 10 was dropped
        // README:end cache-use
        r.put("before", before);
        r.put("caughtUp", seen);
        r.put("after", after);
        return r;
    }

    /**
     * A cache whose feed cannot deliver for a while (its executor is busy), so it falls behind its bound: the
     * subscription fails, the cache subscribes again and empties itself, and serves the new price.
     *
     * @return the prices read, the subscriptions' states, by name
     * @throws InterruptedException if interrupted while waiting for the feed
     */
    static Map<String, Object> fallingBehind() throws InterruptedException {
        Map<String, Object> r = new LinkedHashMap<>();
        ExecutorService feedThread = Executors.newSingleThreadExecutor();
        CountDownLatch busy = new CountDownLatch(1);
        feedThread.execute(() -> {                        // deliveries queue behind this task
            try {
                busy.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        DictDB db = DictDB.builder().feedExecutor(feedThread).build();
        Table products = db.createTable("products", "sku");
        products.insert(Map.of("sku", "A1", "price", 10));
        ProductCache cache = new ProductCache(db, 100);
        ChangeSubscription first = cache.feed;
        r.put("before", cache.get("A1").orElseThrow().getLong("price"));
        products.update(Map.of("price", 12), field("sku").eq("A1"));
        for (int i = 0; i < 200; i++) {                   // 201 changes waiting: past the bound of 100
            products.insert(Map.of("sku", "B" + i, "price", i));
        }
        r.put("firstActive", first.isActive());
        busy.countDown();                                 // the feed runs again: it tells the failure first
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (cache.lastFailure == null && System.nanoTime() < deadline) {   // set once it recovered
            Thread.sleep(1);
        }
        r.put("resubscribed", cache.feed != first);
        r.put("failure", cache.lastFailure);
        r.put("after", cache.get("A1").orElseThrow().getLong("price"));
        products.update(Map.of("price", 13), field("sku").eq("A1"));
        r.put("caughtUp", caughtUp(cache, db, Duration.ofSeconds(10)));
        r.put("afterNext", cache.get("A1").orElseThrow().getLong("price"));
        cache.feed.close();
        feedThread.shutdown();
        return r;
    }

    /**
     * Runs both stories and prints what the cache served.
     *
     * @param out where to print
     * @throws InterruptedException if interrupted while waiting for the feed
     */
    static void run(PrintStream out) throws InterruptedException {
        Map<String, Object> fresh = freshness();
        out.println("Price before the update: " + fresh.get("before"));
        out.println("Price after the update: " + fresh.get("after"));
        Map<String, Object> lag = fallingBehind();
        out.println("Subscription active after 201 changes waiting (bound 100): " + lag.get("firstActive"));
        out.println("Subscribed again after the failure: " + lag.get("resubscribed"));
        out.println("Price after the failure: " + lag.get("after"));
        out.println("Price after the next update: " + lag.get("afterNext"));
    }
}
