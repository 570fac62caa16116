package io.dictdb.core.change;

import io.dictdb.Record;
import io.dictdb.core.ChangeSet;
import io.dictdb.spi.Change;
import io.dictdb.spi.IndexDefinition;
import io.dictdb.spi.TableDefinition;

import java.util.ArrayList;
import java.util.List;

/**
 * Numbers every committed change of a database and, while tracking is on, keeps the changes not yet captured.
 *
 * <p>Writers call the recording methods while they hold the write lock of the table they changed (or the catalog
 * lock for table creation and removal), so a reader holding every table's read lock sees a state in which every
 * numbered change is applied and every applied change is numbered. Numbering and appending happen under one mutex,
 * so the pending list is always in sequence order and a capture is a contiguous range.
 */
public final class ChangeLog {
    private final Object mutex = new Object();
    private long sequence;
    private boolean tracking;
    /** The sequence number just before the first pending change. */
    private long capturedThrough;
    private ArrayList<Change> pending = new ArrayList<>();

    /**
     * Starts numbering after {@code sequence}.
     *
     * @param sequence the sequence number of the last change already made
     */
    public ChangeLog(long sequence) {
        this.sequence = sequence;
        this.capturedThrough = sequence;
    }

    /**
     * Sets the sequence number of the last change, for a database restored from an image. Only before tracking.
     *
     * @param value the sequence number
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
     * Turns tracking on (if it is off) and returns the sequence number after which changes are kept.
     *
     * @return the last sequence number not kept
     */
    public long startTracking() {
        synchronized (mutex) {
            if (!tracking) {
                tracking = true;
                capturedThrough = sequence;
                pending = new ArrayList<>();
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
            pending = new ArrayList<>();
            capturedThrough = sequence;
        }
    }

    /**
     * Numbers the upsert of whole records.
     *
     * @param table the table
     * @param records the records as stored after the change
     */
    public void upserts(String table, List<Record> records) {
        synchronized (mutex) {
            if (!tracking) {
                sequence += records.size();
                return;
            }
            pending.ensureCapacity(pending.size() + records.size());
            for (Record r : records) {
                pending.add(new Change.Upsert(++sequence, table, r));
            }
        }
    }

    /**
     * Numbers the upsert of one whole record.
     *
     * @param table the table
     * @param record the record as stored after the change
     */
    public void upsert(String table, Record record) {
        synchronized (mutex) {
            ++sequence;
            if (tracking) {
                pending.add(new Change.Upsert(sequence, table, record));
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
                pending.add(new Change.Delete(++sequence, table, k));
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
            if (tracking) {
                pending.add(new Change.CreateTable(sequence, definition));
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
            if (tracking) {
                pending.add(new Change.DropTable(sequence, table));
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
                pending.add(new Change.CreateIndex(sequence, table, index));
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
                pending.add(new Change.DropIndex(sequence, table, field));
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
            pending = new ArrayList<>();
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
            ArrayList<Change> merged = new ArrayList<>(set.size() + pending.size());
            merged.addAll(set.changes());
            merged.addAll(pending);
            pending = merged;
            capturedThrough = set.firstSequence() - 1;
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
            int drop = (int) (limit - capturedThrough);
            pending = new ArrayList<>(pending.subList(drop, pending.size()));
            capturedThrough = limit;
        }
    }

    private void requireTracking() {
        if (!tracking) {
            throw new IllegalStateException("Change tracking is off: call startChangeTracking() first");
        }
    }
}
