package io.dictdb.table.tck;

import io.dictdb.ChangeListener;
import io.dictdb.ChangeSubscription;
import io.dictdb.Table;
import io.dictdb.spi.Change;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static io.dictdb.query.Conditions.field;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The change feed: every subscriber receives every committed change once, in order, one call per commit, on its own
 * thread; a subscriber that lags past its bound or throws is ended alone, and writers never wait for one (needs
 * {@link Capability#CHANGE_FEED}).
 */
public abstract class ChangeFeedKit extends KitBase {

    @BeforeEach
    void requireTheFeed() {
        require(Capability.CHANGE_FEED);
    }

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
    void everySubscriberGetsEveryCommitOnceInOrderOneCallPerCommit() throws InterruptedException {
        Table t = db.createTable("t");
        t.insert(Map.of("n", 0));
        List<Recorder> recorders = List.of(new Recorder(), new Recorder(), new Recorder());
        List<ChangeSubscription> subs = new ArrayList<>();
        for (Recorder r : recorders) {
            subs.add(db.subscribe(r));
        }
        long start = subs.get(0).position();   // the database's sequence: the insert above is numbered
        assertThat(subs).as("subscriptions made in a row start at the same sequence")
                .allMatch(s -> s.position() == start);
        t.insert(Map.of("n", 1));                                             // 1 change
        t.insertAll(List.of(Map.of("n", 2), Map.of("n", 3), Map.of("n", 4))); // 3, one commit
        t.update(Map.of("big", true), field("n").gte(3));                    // 2, one commit
        t.delete(field("n").eq(0));                                           // 1
        db.createTable("u");                                                  // 1
        db.transaction(List.of("t", "u"), () -> {                             // 2, one commit
            t.insert(Map.of("n", 5));
            db.table("u").insert(Map.of("m", 1));
        });
        long end = start + 10;
        for (ChangeSubscription s : subs) {
            awaitPosition(s, end);
        }
        for (Recorder r : recorders) {
            assertThat(r.calls).extracting(List::size).containsExactly(1, 3, 2, 1, 1, 2);
            List<Long> expected = new ArrayList<>();
            for (long s = start + 1; s <= end; s++) {
                expected.add(s);
            }
            assertThat(r.sequences()).isEqualTo(expected);
            assertThat(r.calls.get(1)).allMatch(c -> c instanceof Change.Upsert);
            assertThat(r.calls.get(3).get(0)).isInstanceOf(Change.Delete.class);
            assertThat(r.calls.get(4).get(0)).isInstanceOf(Change.CreateTable.class);
            assertThat(r.threads).noneMatch(th -> th == Thread.currentThread());
        }
        subs.forEach(ChangeSubscription::close);
    }

    @Test
    void aBlockedSubscriberIsFailedAtItsBoundWhileWritersAndOtherSubscribersGoOn() throws InterruptedException {
        Table t = db.createTable("t");
        CountDownLatch release = new CountDownLatch(1);
        Recorder slow = new Recorder() {
            @Override
            public void onChanges(List<Change> changes) {
                try {
                    release.await(); // blocked: a listener stuck on a slow network
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                super.onChanges(changes);
            }
        };
        Recorder fast = new Recorder();
        ChangeSubscription slowSub = db.subscribe(slow, 100);
        ChangeSubscription fastSub = db.subscribe(fast);
        long start = fastSub.position();
        // Writers are not held back by the blocked listener: all of this completes while it is still blocked.
        for (int i = 0; i < 1_000; i++) {
            t.insert(Map.of("n", i));
        }
        assertThat(slowSub.isActive()).as("fell more than 100 changes behind").isFalse();
        release.countDown();
        assertThat(slow.failed.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(slow.failure.get()).isInstanceOf(ChangeSubscription.LaggedException.class)
                .hasMessageContaining("101 changes behind").hasMessageContaining("bound is 100");
        ChangeSubscription.LaggedException lag = (ChangeSubscription.LaggedException) slow.failure.get();
        assertThat(lag.pending()).isEqualTo(101);
        assertThat(slow.calls.size()).as("nothing after the failure but the call in progress").isLessThanOrEqualTo(1);
        awaitPosition(fastSub, start + 1_000);
        assertThat(fast.sequences()).hasSize(1_000);
        assertThat(fastSub.isActive()).isTrue();
        fastSub.close();
        assertThat(fastSub.isActive()).isFalse();
    }

    @Test
    void aListenerThatThrowsEndsOnlyItsOwnSubscription() throws InterruptedException {
        Table t = db.createTable("t");
        RuntimeException bug = new IllegalArgumentException("listener bug");
        Recorder throwing = new Recorder() {
            @Override
            public void onChanges(List<Change> changes) {
                super.onChanges(changes);
                if (calls.size() == 2) {
                    throw bug;
                }
            }
        };
        Recorder other = new Recorder();
        ChangeSubscription bad = db.subscribe(throwing);
        ChangeSubscription good = db.subscribe(other);
        long start = good.position();
        for (int i = 0; i < 10; i++) {
            t.insert(Map.of("n", i));
        }
        assertThat(throwing.failed.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(throwing.failure.get()).isSameAs(bug);
        assertThat(bad.isActive()).isFalse();
        assertThat(throwing.calls).hasSize(2);
        awaitPosition(good, start + 10);
        assertThat(other.calls).hasSize(10);
        good.close();
    }

    @Test
    void aClosedSubscriptionReceivesNothingMoreAndIsNotFailed() throws InterruptedException {
        Table t = db.createTable("t");
        Recorder r = new Recorder();
        ChangeSubscription s = db.subscribe(r);
        long start = s.position();
        t.insert(Map.of("n", 1));
        awaitPosition(s, start + 1);
        s.close();
        s.close(); // idempotent
        t.insert(Map.of("n", 2));
        Thread.sleep(50);
        assertThat(r.calls).hasSize(1);
        assertThat(r.failure.get()).isNull();
        assertThat(s.isActive()).isFalse();
    }

    @Test
    void badArgumentsAreRefused() {
        assertThatThrownBy(() -> db.subscribe(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> db.subscribe(c -> { }, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxPendingChanges");
    }

    static void awaitPosition(ChangeSubscription s, long sequence) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (s.position() < sequence && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertThat(s.position()).as("delivered through").isGreaterThanOrEqualTo(sequence);
    }
}
