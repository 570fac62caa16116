package io.dictdb.core.change;

import io.dictdb.ChangeListener;
import io.dictdb.ChangeSubscription;
import io.dictdb.Record;
import io.dictdb.core.feed.ChangeFeed;
import io.dictdb.spi.Change;
import io.dictdb.spi.IndexDefinition;
import io.dictdb.spi.TableDefinition;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Numbers every committed change of a database and hands each commit to those who follow them: the
 * {@link ChangeFollower}s (a backup manager's record of what its next delta holds) and the {@link ChangeFeed}'s
 * subscriptions.
 *
 * <p>Writers call the recording methods while they hold the write lock of every table they changed (or the catalog
 * lock for table creation and removal), one call per commit: a single write, a batch, or a whole transaction. So a
 * reader holding every table's read lock sees a state in which every numbered change is applied and every applied
 * change is numbered, and a commit's changes are numbered consecutively. Numbering and handing on happen under one
 * mutex, so every follower and subscription receives the commits in sequence order, without gap or overlap. When
 * nobody follows, a write only moves the counter: no change object is built.
 */
public final class ChangeLog {
    /** The pending list's length below which a follower's changes are never coalesced. */
    public static final int DEFAULT_COALESCE_THRESHOLD = 4096;

    private final Object mutex = new Object();
    private final int coalesceThreshold;
    private final ChangeFeed feed;
    private long sequence;
    /** The primary key field of every live table, by name, for coalescing. */
    private final Map<String, String> primaryKeys = new HashMap<>();
    private final List<ChangeFollower> followers = new ArrayList<>(2);
    /** The journal of a durable database, or null; read without the mutex by writers waiting for durability. */
    private volatile CommitSink sink;

    /**
     * Starts numbering after {@code sequence}.
     *
     * @param sequence the sequence number of the last change already made
     */
    public ChangeLog(long sequence) {
        this(sequence, DEFAULT_COALESCE_THRESHOLD, new ChangeFeed());
    }

    /**
     * Starts numbering after {@code sequence}; followers coalesce pending lists from {@code coalesceThreshold}
     * changes.
     *
     * @param sequence the sequence number of the last change already made
     * @param coalesceThreshold the shortest pending list that is rewritten into net form
     * @param feed the subscriptions to hand commits to
     * @throws IllegalArgumentException if the threshold is less than 1
     */
    public ChangeLog(long sequence, int coalesceThreshold, ChangeFeed feed) {
        if (coalesceThreshold < 1) {
            throw new IllegalArgumentException("The change log's coalescing threshold must be at least 1, got "
                    + coalesceThreshold);
        }
        this.sequence = sequence;
        this.coalesceThreshold = coalesceThreshold;
        this.feed = feed;
    }

    /**
     * Sets the sequence number of the last change, for a database restored from an image. Only while nobody follows.
     *
     * @param value the sequence number
     * @throws IllegalStateException if a follower is open
     */
    public void resetSequence(long value) {
        synchronized (mutex) {
            if (!followers.isEmpty()) {
                throw new IllegalStateException("Cannot reset the sequence while changes are followed");
            }
            sequence = value;
        }
    }

    /**
     * Moves the sequence number of the last change up to {@code value} (when it is lower), so the next change is
     * numbered after it: applying changes numbered with gaps keeps their numbers.
     *
     * @param value the sequence number to reach
     */
    public void advanceTo(long value) {
        synchronized (mutex) {
            sequence = Math.max(sequence, value);
        }
    }

    /**
     * The sequence number of the last committed change.
     *
     * @return the sequence number
     */
    public long sequence() {
        synchronized (mutex) {
            return sequence;
        }
    }

    /**
     * The sequence number of the last committed change, for a snapshot: it is remembered by every follower as a
     * point a full image may be written at, which coalescing must keep deltas correct from. Call it while holding
     * every table's lock, as the snapshot does.
     *
     * @return the sequence number
     */
    public long pinSnapshot() {
        synchronized (mutex) {
            for (ChangeFollower f : followers) {
                f.pinHeld(sequence);
            }
            return sequence;
        }
    }

    /**
     * Starts a follower that keeps every change committed from now on, until it is closed.
     *
     * @return the follower, at the current sequence number
     */
    public ChangeFollower follow() {
        synchronized (mutex) {
            ChangeFollower f = new ChangeFollower(this, sequence, coalesceThreshold);
            followers.add(f);
            return f;
        }
    }

    /**
     * The followers open now.
     *
     * @return the count
     */
    public int followerCount() {
        synchronized (mutex) {
            return followers.size();
        }
    }

    void unfollow(ChangeFollower f) {
        synchronized (mutex) {
            followers.remove(f);
            f.closeHeld();
        }
    }

    /**
     * Subscribes a listener to every commit numbered after now.
     *
     * @param listener the listener
     * @param maxPending its buffer bound
     * @return the subscription
     */
    public ChangeSubscription subscribe(ChangeListener listener, int maxPending) {
        synchronized (mutex) {
            return feed.subscribe(listener, maxPending, sequence);
        }
    }

    /**
     * Hands every later commit to {@code sink} (a durable database's journal), first, before followers and
     * subscriptions.
     *
     * @param sink the sink
     * @throws IllegalStateException if a sink is already attached
     */
    public void attach(CommitSink sink) {
        synchronized (mutex) {
            if (this.sink != null) {
                throw new IllegalStateException("A journal is already attached to this change log");
            }
            this.sink = sink;
        }
    }

    /**
     * Waits until the commits the calling thread made are durable (see {@link CommitSink#awaitDurable()}); returns at
     * once for an in-memory database. Call it with no table lock held, so that a slow disk holds no writer back.
     */
    public void awaitDurable() {
        CommitSink s = sink;
        if (s != null) {
            s.awaitDurable();
        }
    }

    /** Closes every subscription of the change feed (the database is closing). */
    public void closeFeed() {
        feed.closeAll();
    }

    // ---------------------------------------------------------------- commits

    /**
     * Numbers the upsert of whole records, as one commit.
     *
     * @param table the table
     * @param records the records as stored after the change
     * @param createdKeys whether the records' keys were absent before (inserts), or present (updates)
     */
    public void upserts(String table, List<Record> records, boolean createdKeys) {
        if (records.isEmpty()) {
            return;
        }
        synchronized (mutex) {
            long first = sequence + 1;
            sequence += records.size();
            if (!listened()) {
                return;
            }
            Change[] out = new Change[records.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = new Change.Upsert(first + i, table, records.get(i));
            }
            BitSet created = new BitSet();
            if (createdKeys) {
                created.set(0, out.length);
            }
            handOn(List.of(out), created);
        }
    }

    /**
     * Numbers the upsert of one whole record, as one commit.
     *
     * @param table the table
     * @param record the record as stored after the change
     * @param createdKey whether the record's key was absent before (an insert), or present (an update)
     */
    public void upsert(String table, Record record, boolean createdKey) {
        synchronized (mutex) {
            ++sequence;
            if (listened()) {
                handOn(List.of(new Change.Upsert(sequence, table, record)), createdKey ? ONE : NONE);
            }
        }
    }

    /**
     * Numbers the deletion of records, as one commit.
     *
     * @param table the table
     * @param keys the primary keys deleted
     */
    public void deletes(String table, List<Object> keys) {
        if (keys.isEmpty()) {
            return;
        }
        synchronized (mutex) {
            long first = sequence + 1;
            sequence += keys.size();
            if (!listened()) {
                return;
            }
            Change[] out = new Change[keys.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = new Change.Delete(first + i, table, keys.get(i));
            }
            handOn(List.of(out), NONE);
        }
    }

    /**
     * Numbers the writes of a transaction, as one commit with consecutive numbers.
     *
     * @param writes the writes, in the order they were made; nothing when empty
     */
    public void commit(List<StagedWrite> writes) {
        if (writes.isEmpty()) {
            return;
        }
        synchronized (mutex) {
            long first = sequence + 1;
            sequence += writes.size();
            if (!listened()) {
                return;
            }
            Change[] out = new Change[writes.size()];
            BitSet created = new BitSet();
            for (int i = 0; i < out.length; i++) {
                StagedWrite w = writes.get(i);
                out[i] = w.toChange(first + i);
                if (w.createdKey()) {
                    created.set(i);
                }
            }
            handOn(List.of(out), created);
        }
    }

    /**
     * Numbers the creation of a table.
     *
     * @param definition the new table's definition
     */
    public void createTable(TableDefinition definition) {
        synchronized (mutex) {
            ++sequence;
            primaryKeys.put(definition.name(), definition.primaryKey());
            if (listened()) {
                handOn(List.of(new Change.CreateTable(sequence, definition)), NONE);
            }
        }
    }

    /**
     * Numbers the removal of a table.
     *
     * @param table the table
     */
    public void dropTable(String table) {
        synchronized (mutex) {
            ++sequence;
            primaryKeys.remove(table);
            if (listened()) {
                handOn(List.of(new Change.DropTable(sequence, table)), NONE);
            }
        }
    }

    /**
     * Numbers the creation of an index.
     *
     * @param table the table
     * @param index the index
     */
    public void createIndex(String table, IndexDefinition index) {
        synchronized (mutex) {
            ++sequence;
            if (listened()) {
                handOn(List.of(new Change.CreateIndex(sequence, table, index)), NONE);
            }
        }
    }

    /**
     * Numbers the removal of an index.
     *
     * @param table the table
     * @param field the indexed field
     */
    public void dropIndex(String table, String field) {
        synchronized (mutex) {
            ++sequence;
            if (listened()) {
                handOn(List.of(new Change.DropIndex(sequence, table, field)), NONE);
            }
        }
    }

    private static final BitSet NONE = new BitSet();
    private static final BitSet ONE = bits();

    private static BitSet bits() {
        BitSet b = new BitSet();
        b.set(0);
        return b;
    }

    private boolean listened() {
        return sink != null || !followers.isEmpty() || feed.hasSubscribers();
    }

    /** Hands one commit to every follower and subscription; under the mutex. The bit sets are only read. */
    private void handOn(List<Change> changes, BitSet created) {
        CommitSink s = sink;
        if (s != null) {
            s.append(changes);
        }
        for (ChangeFollower f : followers) {
            f.appendHeld(changes, created);
        }
        feed.publish(changes);
    }

    // ---------------------------------------------------------------- for followers

    Object mutex() {
        return mutex;
    }

    long sequenceHeld() {
        return sequence;
    }

    Map<String, String> primaryKeysHeld() {
        return primaryKeys;
    }
}
