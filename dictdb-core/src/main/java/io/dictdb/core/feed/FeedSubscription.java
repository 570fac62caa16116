package io.dictdb.core.feed;

import io.dictdb.ChangeListener;
import io.dictdb.ChangeSubscription;
import io.dictdb.spi.Change;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.LockSupport;

/**
 * One listener's place in the feed: a buffer of commits waiting for it and a delivery task that drains the buffer on
 * the feed's executor, one commit per {@link ChangeListener#onChanges} call. At most one task runs per subscription,
 * so calls never overlap and keep sequence order.
 *
 * <p>Waking a thread costs a writer microseconds of system time (a futex call), more than the write itself, so a
 * writer wakes the delivery task only when it starts it (the first commit after an idle spell) or when the buffer is
 * half full. Otherwise the task, once its buffer is empty, lingers: it looks again every {@value #POLL_MICROS} us for
 * {@value #LINGER_POLLS} looks before it ends, so a stream of commits is delivered in batches at most that late, and
 * an idle subscription holds no thread.
 *
 * <p>Writers only ever append to the buffer (under the change log's mutex, then this object's monitor, for
 * constant time): when the changes waiting would pass the bound, the subscription is failed instead, its buffer
 * dropped, and its listener told on its own task. A listener that throws is failed the same way; other
 * subscriptions never notice.
 */
final class FeedSubscription implements ChangeSubscription {
    private static final Logger LOG = LoggerFactory.getLogger(FeedSubscription.class);
    /** How often a lingering delivery task looks at its buffer again. */
    static final int POLL_MICROS = 200;
    /** How many empty looks a delivery task makes before it ends. */
    static final int LINGER_POLLS = 10;

    private final ChangeFeed feed;
    private final ChangeListener listener;
    private final int maxPending;
    private final Executor executor;
    private final ArrayDeque<List<Change>> buffer = new ArrayDeque<>();
    /** The pending count at which a writer wakes a lingering delivery task. */
    private final long wakeAt;
    /** The thread running the delivery task while it lingers, or null. */
    private Thread lingering;
    /** Changes in the buffer (not commits). */
    private long pending;
    /** A delivery task is queued or running. */
    private boolean scheduled;
    private boolean closed;
    /** Set when failed; told to the listener once, by the delivery task. */
    private Throwable failure;
    private boolean failureTold;
    private volatile long position;

    FeedSubscription(ChangeFeed feed, ChangeListener listener, int maxPending, long position, Executor executor) {
        this.feed = feed;
        this.listener = listener;
        this.maxPending = maxPending;
        this.position = position;
        this.executor = executor;
        this.wakeAt = Math.max(1, maxPending / 2);
    }

    /** Appends a commit, or fails the subscription when it would pass its bound. */
    void offer(List<Change> changes) {
        boolean start;
        Thread wake = null;
        synchronized (this) {
            if (closed || failure != null) {
                return;
            }
            if (pending + changes.size() > maxPending) {
                failure = new LaggedException(pending + changes.size(), maxPending, position);
                buffer.clear();
                pending = 0;
                feed.remove(this);
            } else {
                buffer.addLast(changes);
                pending += changes.size();
            }
            start = !scheduled;
            scheduled = true;
            if (!start && (pending >= wakeAt || failure != null)) {
                wake = lingering;
            }
        }
        if (start) {
            schedule();
        } else if (wake != null) {
            LockSupport.unpark(wake);
        }
    }

    private void schedule() {
        try {
            executor.execute(this::drain);
        } catch (RejectedExecutionException e) {
            synchronized (this) {
                scheduled = false;
                if (failure == null) {
                    failure = e;
                }
                buffer.clear();
                pending = 0;
            }
            feed.remove(this);
            LOG.atError().addKeyValue("op", "feed.deliver").setCause(e)
                    .log("The change feed's executor refused a delivery: the subscription ended");
        }
    }

    /**
     * Delivers buffered commits; when the buffer is empty, tells a failure if there is one, else lingers for more
     * before it ends.
     */
    private void drain() {
        int emptyLooks = 0;
        while (true) {
            List<Change> next;
            Throwable tell = null;
            synchronized (this) {
                next = closed ? null : buffer.pollFirst();
                if (next != null) {
                    pending -= next.size();
                    emptyLooks = 0;
                } else {
                    if (failure != null && !failureTold && !closed) {
                        failureTold = true;
                        tell = failure;
                    }
                    if (tell == null && (closed || failure != null || emptyLooks >= LINGER_POLLS)) {
                        scheduled = false;
                        lingering = null;
                        return;
                    }
                    if (tell == null) {
                        lingering = Thread.currentThread();
                    }
                }
            }
            if (tell != null) {
                tellFailure(tell);
                continue;
            }
            if (next == null) {
                emptyLooks++;
                LockSupport.parkNanos(this, POLL_MICROS * 1_000L);
                continue;
            }
            try {
                listener.onChanges(next);
                position = next.get(next.size() - 1).sequence();
            } catch (Throwable t) {
                synchronized (this) {
                    if (failure == null) {
                        failure = t;
                    }
                    buffer.clear();
                    pending = 0;
                }
                feed.remove(this);
                LOG.atWarn().addKeyValue("op", "feed.deliver").addKeyValue("sequence", next.get(0).sequence())
                        .setCause(t).log("A change listener threw: its subscription ended ({})", t.toString());
            }
        }
    }

    private void tellFailure(Throwable error) {
        try {
            listener.onFailure(error);
        } catch (Throwable t) {
            LOG.atWarn().addKeyValue("op", "feed.failure").setCause(t)
                    .log("A change listener's onFailure threw: {}", t.toString());
        }
    }

    /** The changes in the buffer, waiting for the listener: the subscription's lag. */
    synchronized long pending() {
        return pending;
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public synchronized boolean isActive() {
        return !closed && failure == null;
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            buffer.clear();
            pending = 0;
        }
        feed.remove(this);
    }

    @Override
    public String toString() {
        return "ChangeSubscription[position=" + position + (isActive() ? "" : ", ended") + "]";
    }
}
