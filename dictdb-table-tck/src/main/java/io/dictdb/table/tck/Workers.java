package io.dictdb.table.tck;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.fail;

/**
 * Runs tasks on daemon threads, started together; fails the test with a thread dump when they do not finish in time.
 * The kit's concurrency part uses it, and so may a backend's own concurrency tests.
 */
public final class Workers {
    private final List<Thread> threads = new ArrayList<>();
    private final ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
    private final List<Runnable> tasks = new ArrayList<>();
    private final List<String> names = new ArrayList<>();
    /** Set to tell the tasks that run until told to stop. */
    public final AtomicBoolean stop = new AtomicBoolean();

    /**
     * Adds a task, run on its own daemon thread named {@code test-<name>}.
     *
     * @param name the task's name
     * @param task the task
     * @return this
     */
    public Workers add(String name, Runnable task) {
        names.add(name);
        tasks.add(task);
        return this;
    }

    /**
     * Starts every task together and waits for them; then sets {@link #stop} and waits for the others.
     *
     * @param timeout how long the tasks may take; past it the test fails with a thread dump
     * @param mustFinish the tasks that end by themselves (all when none is named); the others run until stop
     */
    public void run(Duration timeout, String... mustFinish) {
        CyclicBarrier start = new CyclicBarrier(tasks.size());
        CountDownLatch finished = new CountDownLatch(mustFinish.length == 0 ? tasks.size() : mustFinish.length);
        CountDownLatch all = new CountDownLatch(tasks.size());
        List<String> awaited = mustFinish.length == 0 ? names : List.of(mustFinish);
        for (int i = 0; i < tasks.size(); i++) {
            Runnable task = tasks.get(i);
            String name = names.get(i);
            boolean counted = awaited.contains(name);
            Thread t = new Thread(() -> {
                try {
                    start.await();
                    task.run();
                } catch (Throwable e) {
                    errors.add(new AssertionError("worker " + name + " failed: " + e, e));
                    stop.set(true);
                } finally {
                    if (counted) {
                        finished.countDown();
                    }
                    all.countDown();
                }
            }, "test-" + name);
            t.setDaemon(true);
            threads.add(t);
        }
        threads.forEach(Thread::start);
        try {
            if (!finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                stop.set(true);
                AssertionError hang = new AssertionError("workers did not finish within " + timeout
                        + " (deadlock or starvation?); worker errors so far: " + errors.size() + "\n"
                        + threadDump());
                errors.forEach(hang::addSuppressed);
                throw hang;
            }
            stop.set(true);
            if (!all.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                fail("background workers did not stop within " + timeout + "\n" + threadDump());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        if (!errors.isEmpty()) {
            AssertionError first = new AssertionError(errors.size() + " worker(s) failed; first: "
                    + errors.peek().getMessage(), errors.peek());
            errors.stream().skip(1).forEach(first::addSuppressed);
            throw first;
        }
    }

    /**
     * Every test thread's state and full stack.
     *
     * @return the dump
     */
    public static String threadDump() {
        StringBuilder sb = new StringBuilder("---- thread dump ----\n");
        for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
            Thread t = e.getKey();
            if (!t.getName().startsWith("test-") && !t.getName().equals("main")) {
                continue;
            }
            sb.append('"').append(t.getName()).append("\" ").append(t.getState()).append('\n');
            for (StackTraceElement f : e.getValue()) {
                sb.append("    at ").append(f).append('\n');
            }
        }
        return sb.toString();
    }
}
