package io.dictdb.examples;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.dictdb.Database;
import io.dictdb.Record;
import io.dictdb.Table;
import io.dictdb.core.DictDB;
import io.dictdb.query.Condition;

/**
 * Python DictDB's "Thread-Safety Patterns". Each table has one reader-writer lock: many readers at once, or one writer,
 * and every {@link Table} method is atomic. What is not atomic is a read followed by a write in your code: the
 * Python DictDB's counter shows the lost updates, and {@link Table#update(java.util.function.UnaryOperator, Condition)}
 * is the fix. Then a producer-consumer pipeline over two tables, and changes to two tables made atomically with
 * {@link DictDB#transaction(java.util.Collection, java.util.function.Supplier)}.
 */
public final class ThreadSafety {

    private ThreadSafety() {
    }

    /**
     * Runs the example, printing to standard output.
     *
     * @param args ignored
     * @throws InterruptedException if interrupted while joining the threads
     */
    public static void main(String[] args) throws InterruptedException {
        run(System.out);
    }

    /**
     * Runs the three patterns.
     *
     * @param out where to print what it does
     * @throws InterruptedException if interrupted while joining the threads
     */
    static void run(PrintStream out) throws InterruptedException {
        concurrentReads(out);
        concurrentWrites(4, 500, out);
        producerConsumer(100, 3, out);
        acrossTables(4, 100, out);
    }

    /**
     * Ten threads read the same table at once.
     *
     * @param out where to print
     * @throws InterruptedException if interrupted while joining
     */
    static void concurrentReads(PrintStream out) throws InterruptedException {
        Database db = DictDB.create();
        Table products = db.createTable("products");
        for (int i = 0; i < 1000; i++) {
            products.insert(Map.of("name", "Product " + i, "price", i * 9.99, "stock", i % 100));
        }

        int threads = 10;
        int[] found = new int[threads];
        double[] mostExpensive = new double[threads];
        List<Thread> readers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            readers.add(new Thread(() -> {
                // Readers share the table's read lock: they run together and never see a half-done write.
                List<Record> results = products.query()
                        .where(products.field("price").gt(500))
                        .orderBy("-price")
                        .limit(10)
                        .toList();
                found[id] = results.size();
                mostExpensive[id] = results.get(0).getDouble("price");
            }, "reader-" + t));
        }
        readers.forEach(Thread::start);
        for (Thread r : readers) {
            r.join();
        }
        for (int t = 0; t < threads; t++) {
            out.println("Thread " + t + ": found " + found[t] + " expensive products, the first at "
                    + mostExpensive[t]);
        }
        out.println("All reads completed; products over 500 in all: " + products.count(products.field("price")
                .gt(500)));
    }

    /**
     * Python DictDB's counter, incremented from several threads: first the racy way, then atomically.
     *
     * @param threads the number of writer threads
     * @param iterations the increments per thread
     * @param out where to print
     * @throws InterruptedException if interrupted while joining
     */
    static void concurrentWrites(int threads, int iterations, PrintStream out) throws InterruptedException {
        Database db = DictDB.create();
        Table counters = db.createTable("counters", "name");
        counters.insert(Map.of("name", "racy", "value", 0));
        counters.insert(Map.of("name", "visits", "value", 0));
        Condition racy = counters.field("name").eq("racy");
        Condition visits = counters.field("name").eq("visits");

        // WRONG: the read and the write are two operations. Another thread can write in between, and then one of
        // the two increments is lost.
        runConcurrently(threads, () -> {
            for (int i = 0; i < iterations; i++) {
                long current = counters.get("racy").orElseThrow().getLong("value");
                counters.update(Map.of("value", current + 1), racy);
            }
        });

        // RIGHT: the function runs under the table's write lock, so read-modify-write is one atomic step.
        runConcurrently(threads, () -> {
            for (int i = 0; i < iterations; i++) {
                counters.update(r -> r.with("value", r.getLong("value") + 1), visits);
            }
        });

        long expected = (long) threads * iterations;
        long racyValue = counters.get("racy").orElseThrow().getLong("value");
        long safeValue = counters.get("visits").orElseThrow().getLong("value");
        out.println("Increments attempted per counter: " + expected);
        out.println("Read-then-update counter: " + racyValue + " (" + (expected - racyValue) + " updates lost)");
        out.println("Atomic update counter: " + safeValue);
    }

    private static void runConcurrently(int threads, Runnable work) throws InterruptedException {
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> all = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            all.add(new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                work.run();
            }, "writer-" + t));
        }
        all.forEach(Thread::start);
        go.countDown();
        for (Thread t : all) {
            t.join();
        }
    }

    /**
     * A producer creates tasks and queues their keys; consumers mark them in progress, record a result and mark
     * them completed.
     *
     * @param taskCount the number of tasks
     * @param consumerCount the number of consumer threads
     * @param out where to print
     * @throws InterruptedException if interrupted while joining
     */
    static void producerConsumer(int taskCount, int consumerCount, PrintStream out) throws InterruptedException {
        Database db = DictDB.create();
        Table tasks = db.createTable("tasks");
        Table results = db.createTable("results", "task_id");
        BlockingQueue<Long> queue = new ArrayBlockingQueue<>(16);   // bounded: a fast producer waits
        long done = -1;                                               // poison pill: one per consumer

        Thread producer = new Thread(() -> {
            try {
                for (int i = 0; i < taskCount; i++) {
                    Object key = tasks.insert(Map.of("id", i, "status", "pending", "data", "task_" + i));
                    queue.put((Long) key);
                }
                for (int c = 0; c < consumerCount; c++) {
                    queue.put(done);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "producer");

        List<Thread> consumers = new ArrayList<>();
        for (int c = 0; c < consumerCount; c++) {
            int worker = c;
            consumers.add(new Thread(() -> {
                try {
                    for (long taskId = queue.take(); taskId != done; taskId = queue.take()) {
                        tasks.update(Map.of("status", "in_progress"), tasks.field("id").eq(taskId));
                        results.insert(Map.of("task_id", taskId, "worker", worker, "result", "success"));
                        tasks.update(Map.of("status", "completed"), tasks.field("id").eq(taskId));
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "consumer-" + c));
        }
        producer.start();
        consumers.forEach(Thread::start);
        producer.join();
        for (Thread c : consumers) {
            c.join();
        }
        out.println("Tasks processed: " + results.count());
        out.println("Tasks completed: " + tasks.count(tasks.field("status").eq("completed")) + " of "
                + tasks.count());
        out.println("Results per worker: " + results.query().groupBy("worker")
                .aggregateGroups(io.dictdb.query.Aggregates.count().as("n")));
    }

    /**
     * Orders that take an item from stock: the stock update and the order insert happen together, under both
     * tables' write locks ({@link DictDB#transaction}), and an auditor reading both tables the same way never sees
     * one without the other.
     *
     * @param threads the number of ordering threads
     * @param ordersPerThread the orders each thread places
     * @param out where to print
     * @throws InterruptedException if interrupted while joining
     */
    static void acrossTables(int threads, int ordersPerThread, PrintStream out) throws InterruptedException {
        DictDB db = DictDB.create();
        Table stock = db.createTable("stock", "item");
        Table orders = db.createTable("orders");
        long initial = 1000;
        stock.insert(Map.of("item", "widget", "quantity", initial));
        List<String> both = List.of("stock", "orders");

        AtomicBoolean done = new AtomicBoolean();
        AtomicLong audits = new AtomicLong();
        AtomicLong mismatches = new AtomicLong();
        Thread auditor = new Thread(() -> {
            do {
                long total = db.transaction(both, () ->
                        stock.get("widget").orElseThrow().getLong("quantity") + orders.count());
                audits.incrementAndGet();
                if (total != initial) {
                    mismatches.incrementAndGet();
                }
            } while (!done.get());
        }, "auditor");
        auditor.start();
        runConcurrently(threads, () -> {
            for (int i = 0; i < ordersPerThread; i++) {
                db.transaction(both, () -> {
                    stock.update(r -> r.with("quantity", r.getLong("quantity") - 1),
                            stock.field("item").eq("widget"));
                    return orders.insert(Map.of("item", "widget", "thread", Thread.currentThread().getName()));
                });
            }
        });
        done.set(true);
        auditor.join();
        out.println("Orders placed: " + orders.count() + ", widgets left: "
                + stock.get("widget").orElseThrow().getLong("quantity") + " of " + initial);
        out.println("Audits of stock + orders: " + (audits.get() > 0 ? "some" : "none") + ", mismatches: "
                + mismatches.get());
    }
}
