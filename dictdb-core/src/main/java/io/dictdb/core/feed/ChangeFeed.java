package io.dictdb.core.feed;

import io.dictdb.ChangeListener;
import io.dictdb.ChangeSubscription;
import io.dictdb.spi.Change;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The subscriptions of one database. The change log calls {@link #publish(List)} with each commit, in sequence order,
 * under its own mutex: publishing only appends to each subscription's buffer (constant time, never blocking), and
 * delivery runs later on the subscription's own task. Subscribing happens under the same mutex, so a subscription
 * receives exactly the commits numbered after its starting position.
 */
public final class ChangeFeed {
    private final CopyOnWriteArrayList<FeedSubscription> subscriptions = new CopyOnWriteArrayList<>();
    private final Executor executor;

    /** A feed delivering on the shared feed threads. */
    public ChangeFeed() {
        this(FeedThreads.SHARED);
    }

    /**
     * A feed delivering on {@code executor}: each delivery run is one task, and a task runs one subscription only.
     *
     * @param executor where deliveries run; it must not run tasks on the caller's thread
     */
    public ChangeFeed(Executor executor) {
        this.executor = executor;
    }

    /**
     * Whether any subscription is active: when none is, writers need not build change objects for the feed.
     *
     * @return true when someone listens
     */
    public boolean hasSubscribers() {
        return !subscriptions.isEmpty();
    }

    /**
     * Adds a subscription starting after {@code position}. Call under the change log's mutex, so that no commit
     * falls between the position read and the subscription's start.
     *
     * @param listener the listener
     * @param maxPending its buffer bound
     * @param position the sequence number of the last change it does not receive
     * @return the subscription
     */
    public ChangeSubscription subscribe(ChangeListener listener, int maxPending, long position) {
        FeedSubscription s = new FeedSubscription(this, listener, maxPending, position, executor);
        subscriptions.add(s);
        return s;
    }

    /**
     * Hands one commit's changes to every subscription. Call under the change log's mutex, in sequence order.
     *
     * @param changes the commit's changes, an unmodifiable list, in sequence order
     */
    public void publish(List<Change> changes) {
        for (FeedSubscription s : subscriptions) {
            s.offer(changes);
        }
    }

    /**
     * The changes waiting for each active subscription's listener (its lag), for metrics.
     *
     * @return one count per subscription, in subscription order
     */
    public List<Long> pendingCounts() {
        List<Long> out = new ArrayList<>();
        for (FeedSubscription s : subscriptions) {
            out.add(s.pending());
        }
        return out;
    }

    /** Closes every subscription (the database is closing). */
    public void closeAll() {
        for (FeedSubscription s : subscriptions) {
            s.close();
        }
    }

    void remove(FeedSubscription s) {
        subscriptions.remove(s);
    }

    /** The daemon threads deliveries run on by default: created as needed, so a blocked listener holds only its own. */
    private static final class FeedThreads {
        static final ExecutorService SHARED = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "dictdb-feed-" + Counter.N.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    private static final class Counter {
        static final AtomicInteger N = new AtomicInteger();
    }
}
