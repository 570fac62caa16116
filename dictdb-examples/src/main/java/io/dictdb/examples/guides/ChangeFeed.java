package io.dictdb.examples.guides;

import io.dictdb.*;
import io.dictdb.core.DictDB;
import io.dictdb.spi.Change;
import java.util.*;
import java.util.concurrent.*;
import static io.dictdb.query.Conditions.*;

/** The blocks of docs/changes.md. */
public final class ChangeFeed {

    private ChangeFeed() {
    }

    /**
     * An audit trail: one line per commit, from a single write, a batch and a transaction; nothing from a
     * transaction that rolled back.
     *
     * @return the trail and the subscription's position, by name
     * @throws InterruptedException if interrupted while waiting for the feed
     */
    static Map<String, Object> auditTrail() throws InterruptedException {
        Map<String, Object> r = new LinkedHashMap<>();
        // README:begin changes-audit
        DictDB db = DictDB.create();
        Table orders = db.createTable("orders");                              // sequence 1, before the subscription
        List<String> trail = Collections.synchronizedList(new ArrayList<>());
        ChangeSubscription audit = db.subscribe(changes -> {                  // on the feed's thread
            Change first = changes.get(0);
            Change last = changes.get(changes.size() - 1);
            trail.add(first.sequence() + ".." + last.sequence());            // one commit's numbers
        });
        orders.insert(Map.of("total", 10));                                   // one call: 2..2
        orders.insertAll(List.of(Map.of("total", 20), Map.of("total", 30)));  // one call: 3..4
        try {
            db.transaction(List.of("orders"), () -> {
                orders.insert(Map.of("total", 40));
                throw new IllegalStateException("cancelled");                 // rolled back: never delivered
            });
        } catch (IllegalStateException e) {
            // nothing of it was numbered or delivered
        }
        db.transaction(List.of("orders"), () -> {
            orders.update(Map.of("paid", true), field("total").gte(20));      // two changes
            orders.delete(field("total").eq(10));                             // and a third: one call, 5..7
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (audit.position() < db.sequence() && System.nanoTime() < deadline) {
            Thread.sleep(1);                                                  // delivery is asynchronous
        }
        audit.close();                                                        // stops delivery
        // trail: [2..2, 3..4, 5..7]
        // README:end changes-audit
        r.put("trail", List.copyOf(trail));
        r.put("position", audit.position());
        r.put("sequence", db.sequence());
        r.put("active", audit.isActive());
        return r;
    }

    /**
     * A listener that cannot keep up: it is failed at its bound, told why, and the writer never waited.
     *
     * @return the failure and the subscription's state, by name
     * @throws Exception if interrupted or the failure is not told in time
     */
    static Map<String, Object> fallingBehind() throws Exception {
        Map<String, Object> r = new LinkedHashMap<>();
        DictDB db = DictDB.create();
        Table orders = db.createTable("orders");
        // README:begin changes-bound
        CountDownLatch stuck = new CountDownLatch(1);
        CompletableFuture<Throwable> ended = new CompletableFuture<>();
        ChangeSubscription slow = db.subscribe(new ChangeListener() {
            @Override
            public void onChanges(List<Change> changes) {
                try {
                    stuck.await();                                            // a listener that cannot keep up
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }

            @Override
            public void onFailure(Throwable error) {                          // once, on the feed's thread
                ended.complete(error);
            }
        }, 100);                                                              // at most 100 changes waiting
        for (int i = 0; i < 200; i++) {
            orders.insert(Map.of("total", i));                                // the writer never waits
        }
        boolean active = slow.isActive();                                     // false: failed at its bound
        stuck.countDown();
        Throwable why = ended.get(10, TimeUnit.SECONDS);   // ChangeSubscription.LaggedException: fell 101 behind
        // README:end changes-bound
        r.put("active", active);
        r.put("why", why);
        r.put("records", orders.count());
        return r;
    }
}
