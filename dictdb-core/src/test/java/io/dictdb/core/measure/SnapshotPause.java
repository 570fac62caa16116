package io.dictdb.core.measure;

import io.dictdb.IndexType;
import io.dictdb.Table;
import io.dictdb.core.DictDB;
import io.dictdb.core.Snapshot;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A timed main (not a unit test) that measures how long {@link DictDB#snapshot()} holds writers back on a table of
 * N records with 10 fields, and the worst insert latency a concurrent writer sees meanwhile. The JMH suite in
 * dictdb-bench is the real benchmark; this is the quick figure for the foundation.
 *
 * <p>Run: {@code java -cp <test classpath> io.dictdb.core.measure.SnapshotPause [records]}.
 */
public final class SnapshotPause {
    private SnapshotPause() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        DictDB db = DictDB.create();
        Table t = db.createTable("items");
        t.createIndex("category", IndexType.HASH);
        t.createIndex("price", IndexType.SORTED);
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, Object> r = new HashMap<>();
            r.put("name", "item-" + i);
            r.put("category", "c" + (i % 100));
            r.put("price", (i % 10_000) / 100.0);
            r.put("stock", (long) (i % 500));
            r.put("active", i % 3 == 0);
            r.put("sku", "SKU" + i);
            r.put("weight", i * 0.001);
            r.put("rating", (long) (i % 5));
            r.put("tag", "t" + (i % 7));
            batch.add(r);
            if (batch.size() == 10_000) {
                t.insertAll(batch);
                batch.clear();
            }
        }
        t.insertAll(batch);
        System.out.printf("records=%d fields=10 indexes=2%n", t.count());

        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong worstInsertNanos = new AtomicLong();
        Thread writer = new Thread(() -> {
            long k = 0;
            while (!stop.get()) {
                long s = System.nanoTime();
                t.insert(Map.of("name", "w" + k++, "category", "w", "price", 1.0));
                long d = System.nanoTime() - s;
                worstInsertNanos.accumulateAndGet(d, Math::max);
            }
        });
        // Warm up the snapshot path before measuring.
        for (int i = 0; i < 5; i++) {
            db.snapshot();
        }
        writer.start();
        Thread.sleep(200);
        worstInsertNanos.set(0);
        long[] pauses = new long[20];
        for (int i = 0; i < pauses.length; i++) {
            long s = System.nanoTime();
            Snapshot snap = db.snapshot();
            pauses[i] = System.nanoTime() - s;
            if (snap.recordCount() < n) {
                throw new AssertionError("snapshot lost records");
            }
            Thread.sleep(20);
        }
        stop.set(true);
        writer.join();
        java.util.Arrays.sort(pauses);
        System.out.printf("snapshot pause ms: min=%.2f median=%.2f max=%.2f; worst concurrent insert latency ms=%.2f%n",
                pauses[0] / 1e6, pauses[pauses.length / 2] / 1e6, pauses[pauses.length - 1] / 1e6,
                worstInsertNanos.get() / 1e6);
    }
}
