package io.dictdb.core.feed;

import io.dictdb.ChangeListener;
import io.dictdb.ChangeSubscription;
import io.dictdb.core.DictDB;
import io.dictdb.core.table.MemoryTable;
import io.dictdb.spi.Change;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine's change feed: a new subscription starts at the database's sequence, and listeners run holding no
 * table lock. The feed's contract (every commit once, in order, one call per commit; lagging and throwing
 * subscribers ended alone) is the table compatibility kit's {@code ChangeFeedKit}.
 */
class ChangeFeedTest {

    /** Records each call's changes, the thread it came on, and a failure. */
    private static class Recorder implements ChangeListener {
        final List<List<Change>> calls = new CopyOnWriteArrayList<>();
        final List<Thread> threads = new CopyOnWriteArrayList<>();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final CountDownLatch failed = new CountDownLatch(1);

        @Override
        public void onChanges(List<Change> changes) {
            calls.add(changes);
            threads.add(Thread.currentThread());
        }

        @Override
        public void onFailure(Throwable error) {
            failure.set(error);
            failed.countDown();
        }

        List<Long> sequences() {
            List<Long> out = new ArrayList<>();
            calls.forEach(c -> c.forEach(x -> out.add(x.sequence())));
            return out;
        }
    }

    @Test
    void listenersRunOnTheirOwnThreadHoldingNoTableLockAndMayReadTheDatabase() throws InterruptedException {
        DictDB db = DictDB.create();
        MemoryTable t = (MemoryTable) db.createTable("t");
        List<String> seen = new CopyOnWriteArrayList<>();
        long sequence = db.sequence();
        try (ChangeSubscription s = db.subscribe(changes -> {
            boolean locked = t.lock().isWriteLockedByCurrentThread() || t.lock().getReadHoldCount() > 0;
            seen.add(locked + ":" + db.table("t").count()); // a read from the listener must not deadlock
        })) {
            assertThat(s.position()).as("a new subscription starts at the database's sequence").isEqualTo(sequence);
            db.transaction(List.of("t"), () -> {
                t.insert(Map.of("n", 1));
                t.insert(Map.of("n", 2));
            });
            awaitPosition(s, db.sequence());
        }
        assertThat(seen).hasSize(1);
        assertThat(seen.get(0)).startsWith("false:");
    }

    static void awaitPosition(ChangeSubscription s, long sequence) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (s.position() < sequence && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertThat(s.position()).as("delivered through").isGreaterThanOrEqualTo(sequence);
    }
}
