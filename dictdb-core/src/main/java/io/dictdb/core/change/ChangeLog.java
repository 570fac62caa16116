package io.dictdb.core.change;

import io.dictdb.Record;
import io.dictdb.core.ChangeSet;
import io.dictdb.spi.Change;
import io.dictdb.spi.IndexDefinition;
import io.dictdb.spi.TableDefinition;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Numbers every committed change of a database and, while tracking is on, keeps the changes not yet captured.
 *
 * <p>Writers call the recording methods while they hold the write lock of the table they changed (or the catalog
 * lock for table creation and removal), so a reader holding every table's read lock sees a state in which every
 * numbered change is applied and every applied change is numbered. Numbering and appending happen under one mutex,
 * so the pending list is always in sequence order and captures chain without gap or overlap.
 *
 * <p>Memory is bounded by the net change since the last capture, never by the number of writes: while the pending
 * list is short it is kept change by change (a capture is then exact), and when it grows past a threshold
 * (at least {@link #DEFAULT_COALESCE_THRESHOLD}, then twice its size after the last rewrite, so each write costs
 * amortised constant time) it is rewritten into {@link NetForm net form}. To know which keys a write created, the
 * table says so when it records the write; to know from which points a delta may be applied, {@link #pinSnapshot()}
 * records every snapshot taken while tracking.
 */
public final class ChangeLog {
    /** The pending list's length below which it is never coalesced. */
    public static final int DEFAULT_COALESCE_THRESHOLD = 4096;

    private final Object mutex = new Object();
    private final int coalesceThreshold;
    private long sequence;
    private boolean tracking;
    /** The sequence number just before the first pending change: the state the pending changes follow. */
    private long capturedThrough;
    private ArrayList<Change> pending = new ArrayList<>();
    /** Bit i set: pending change i is an upsert whose key was absent right before it (and, once coalesced, before
     *  the pending list and after the pin). */
    private BitSet created = new BitSet();
    /** The pending list's length at which it is coalesced next. */
    private int coalesceAt;
    /** The sequence of the latest snapshot taken while tracking: a full image may start a chain there. */
    private long pin;
    /** The primary key field of every live table, by name, for coalescing. */
    private final Map<String, String> primaryKeys = new HashMap<>();
    /** The created bits of the last capture, so that giving it back loses nothing coalescing needs. */
    private BitSet lastCaptureCreated;
    private long lastCaptureFirst;
    private int lastCaptureSize;

    /**
     * Starts numbering after {@code sequence}.
     *
     * @param sequence the sequence number of the last change already made
     */
    public ChangeLog(long sequence) {
        this(sequence, DEFAULT_COALESCE_THRESHOLD);
    }

    /**
     * Starts numbering after {@code sequence}, coalescing pending lists from {@code coalesceThreshold} changes.
     *
     * @param sequence the sequence number of the last change already made
     * @param coalesceThreshold the shortest pending list that is rewritten into net form
     * @throws IllegalArgumentException if the threshold is less than 1
     */
    public ChangeLog(long sequence, int coalesceThreshold) {
        if (coalesceThreshold < 1) {
            throw new IllegalArgumentException("The change log's coalescing threshold must be at least 1, got "
                    + coalesceThreshold);
        }
        this.sequence = sequence;
        this.capturedThrough = sequence;
        this.coalesceThreshold = coalesceThreshold;
        this.coalesceAt = coalesceThreshold;
    }

    /**
     * Sets the sequence number of the last change, for a database restored from an image. Only before tracking.
     *
     * @param value the sequence number
     * @throws IllegalStateException if tracking is on
     */
    public void resetSequence(long value) {
        synchronized (mutex) {
            if (tracking) {
                throw new IllegalStateException("Cannot reset the sequence while tracking changes");
            }
            sequence = value;
            capturedThrough = value;
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
     * The sequence number of the last committed change, for a snapshot: while tracking, it is remembered as a point
     * a full image may be written at, which coalescing must keep deltas correct from. Call it while holding every
     * table's lock, as the snapshot does.
     *
     * @return the sequence number
     */
    public long pinSnapshot() {
        synchronized (mutex) {
            if (tracking) {
                pin = Math.max(pin, sequence);
            }
            return sequence;
        }
    }

    /**
     * Turns tracking on (if it is off) and returns the sequence number after which changes are kept.
     *
     * @return the last sequence number not kept
     */
    public long startTracking() {
        synchronized (mutex) {
            if (!tracking) {
                tracking = true;
                capturedThrough = sequence;
                clearPending();
            }
            return capturedThrough;
        }
    }

    /**
     * Turns tracking off and forgets pending changes.
     */
    public void stopTracking() {
        synchronized (mutex) {
            tracking = false;
            clearPending();
            lastCaptureCreated = null;
            capturedThrough = sequence;
        }
    }

    /**
     * Numbers the upsert of whole records.
     *
     * @param table the table
     * @param records the records as stored after the change
     * @param createdKeys whether the records' keys were absent before (inserts), or present (updates)
     */
    public void upserts(String table, List<Record> records, boolean createdKeys) {
        synchronized (mutex) {
            if (!tracking) {
                sequence += records.size();
                return;
            }
            pending.ensureCapacity(pending.size() + records.size());
            for (Record r : records) {
                append(new Change.Upsert(++sequence, table, r), createdKeys);
            }
        }
    }

    /**
     * Numbers the upsert of one whole record.
     *
     * @param table the table
     * @param record the record as stored after the change
     * @param createdKey whether the record's key was absent before (an insert), or present (an update)
     */
    public void upsert(String table, Record record, boolean createdKey) {
        synchronized (mutex) {
            ++sequence;
            if (tracking) {
                append(new Change.Upsert(sequence, table, record), createdKey);
            }
        }
    }

    /**
     * Numbers the deletion of records.
     *
     * @param table the table
     * @param keys the primary keys deleted
     */
    public void deletes(String table, List<Object> keys) {
        synchronized (mutex) {
            if (!tracking) {
                sequence += keys.size();
                return;
            }
            for (Object k : keys) {
                append(new Change.Delete(++sequence, table, k), false);
            }
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
            if (tracking) {
                append(new Change.CreateTable(sequence, definition), false);
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
            if (tracking) {
                append(new Change.DropTable(sequence, table), false);
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
            if (tracking) {
                append(new Change.CreateIndex(sequence, table, index), false);
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
            if (tracking) {
                append(new Change.DropIndex(sequence, table, field), false);
            }
        }
    }

    /**
     * Takes every pending change as one set and starts a new pending list.
     *
     * @return the captured set, possibly empty
     * @throws IllegalStateException if tracking is off
     */
    public ChangeSet capture() {
        synchronized (mutex) {
            requireTracking();
            ChangeSet set = new ChangeSet(capturedThrough + 1, sequence, pending);
            lastCaptureCreated = created;
            lastCaptureFirst = set.firstSequence();
            lastCaptureSize = set.size();
            clearPending();
            capturedThrough = sequence;
            return set;
        }
    }

    /**
     * Puts a captured set back in front of the pending changes, so the next capture includes it first.
     *
     * @param set the set most recently captured
     * @throws IllegalStateException if tracking is off or the set is not the one most recently captured
     */
    public void giveBack(ChangeSet set) {
        synchronized (mutex) {
            requireTracking();
            if (set.lastSequence() != capturedThrough) {
                throw new IllegalStateException("Only the most recent capture can be given back: it ends at "
                        + capturedThrough + ", the set given ends at " + set.lastSequence());
            }
            // Without the bits of this very capture, no key is known to be new: coalescing then keeps every delete.
            boolean known = lastCaptureCreated != null && set.firstSequence() == lastCaptureFirst
                    && set.size() == lastCaptureSize;
            BitSet merged = known ? (BitSet) lastCaptureCreated.clone() : new BitSet();
            for (int i = created.nextSetBit(0); i >= 0; i = created.nextSetBit(i + 1)) {
                merged.set(set.size() + i);
            }
            ArrayList<Change> changes = new ArrayList<>(set.size() + pending.size());
            changes.addAll(set.changes());
            changes.addAll(pending);
            pending = changes;
            created = merged;
            capturedThrough = set.firstSequence() - 1;
            lastCaptureCreated = null;
            if (pending.size() >= coalesceAt) {
                coalesce();
            }
        }
    }

    /**
     * Forgets the pending changes numbered up to {@code through}, which a full image already contains.
     *
     * @param through the last sequence number to forget
     */
    public void discardThrough(long through) {
        synchronized (mutex) {
            if (!tracking || through <= capturedThrough) {
                return;
            }
            long limit = Math.min(through, sequence);
            int drop = firstAfter(limit);
            pending = new ArrayList<>(pending.subList(drop, pending.size()));
            created = created.get(drop, Math.max(drop, created.length()));
            if (limit > pin) {
                // A full image at a point no snapshot pinned: what coalescing knew of absent keys is relative to
                // other points, so forget it (deletes are then kept, which is always safe).
                pin = limit;
                created.clear();
            }
            capturedThrough = limit;
        }
    }

    /** The index of the first pending change numbered after {@code limit}; the list is in sequence order. */
    private int firstAfter(long limit) {
        int lo = 0;
        int hi = pending.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (pending.get(mid).sequence() <= limit) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private void append(Change change, boolean createdKey) {
        if (createdKey) {
            created.set(pending.size());
        }
        pending.add(change);
        if (pending.size() >= coalesceAt) {
            coalesce();
        }
    }

    /** Rewrites the pending list into net form; the next rewrite waits until it has doubled. */
    private void coalesce() {
        NetForm.Result net = NetForm.of(pending, created, pin, primaryKeys);
        pending = net.changes();
        created = net.created();
        coalesceAt = (int) Math.min(Integer.MAX_VALUE - 8, Math.max(coalesceThreshold, 2L * pending.size()));
    }

    private void clearPending() {
        pending = new ArrayList<>();
        created = new BitSet();
        coalesceAt = coalesceThreshold;
    }

    private void requireTracking() {
        if (!tracking) {
            throw new IllegalStateException("Change tracking is off: call startChangeTracking() first");
        }
    }
}
