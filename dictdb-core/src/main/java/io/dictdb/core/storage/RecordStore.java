package io.dictdb.core.storage;

import io.dictdb.Record;
import io.dictdb.Values;
import io.dictdb.internal.ValueKeys;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.RandomAccess;

/**
 * The records of a table in insertion order, in fixed-size chunks of slots, with a map from primary hash key to
 * {@link Row}. Not thread-safe: the table's lock guards it.
 *
 * <p>Why chunks: a snapshot must not stall writers for the time it takes to copy a million references. Taking a
 * snapshot copies only the chunk directory (one reference per 1,024 records) and bumps an epoch; a writer that later
 * changes a slot in a chunk older than the epoch copies that chunk first (copy on write), so the snapshot's chunks
 * never change. Scans walk arrays, which is also faster than following a linked map's nodes.
 *
 * <p>A deleted record leaves an empty slot; when empty slots outnumber records, the store is compacted into new
 * chunks, which again leaves earlier snapshots untouched.
 */
public final class RecordStore {
    private static final int SHIFT = 10;
    private static final int CHUNK = 1 << SHIFT;
    private static final int MASK = CHUNK - 1;

    private final String primaryKey;
    private final KeyTable rows = new KeyTable();
    private Record[][] chunks = new Record[8][];
    private int[] chunkEpochs = new int[8];
    private int epoch;
    private int end;
    private int live;
    /** True while a transaction writes the table: no compaction, so rows keep their slots for its undo. */
    private boolean compactionHeld;

    /**
     * Creates an empty store.
     *
     * @param primaryKey the primary-key field, to re-key rows when compacting
     */
    public RecordStore(String primaryKey) {
        this.primaryKey = primaryKey;
    }

    /**
     * The number of records.
     *
     * @return the count
     */
    public int size() {
        return live;
    }

    /**
     * Whether there is no record.
     *
     * @return true when empty
     */
    public boolean isEmpty() {
        return live == 0;
    }

    /**
     * The row of a key.
     *
     * @param hashKey the primary hash key
     * @return the row, or null
     */
    public Row row(Object hashKey) {
        return rows.get(hashKey);
    }

    /**
     * Every row in insertion order (ascending {@link Row#order()}), as a new array: what an index built on a
     * populated table adds, so that each of its buckets fills by appends. Places each row at its slot, with no sort.
     *
     * @return the rows
     */
    public Row[] rowsInOrder() {
        Row[] bySlot = new Row[end];
        rows.forEach(r -> bySlot[r.slot] = r);
        Row[] out = new Row[live];
        int n = 0;
        for (Row r : bySlot) {
            if (r != null) {
                out[n++] = r;
            }
        }
        return out;
    }

    /**
     * Adds a record under a key that is not present.
     *
     * @param hashKey the primary hash key
     * @param record the record
     * @return the new row
     */
    public Row add(Object hashKey, Record record) {
        int s = end++;
        set(s, record);
        Row row = new Row(hashKey, record, s);
        rows.add(row);
        live++;
        return row;
    }

    /**
     * Makes room in the key map for {@code more} rows, so that a batch of that many resizes it at most once.
     *
     * @param more the rows about to be added
     */
    public void reserve(int more) {
        rows.reserve(more);
    }

    /**
     * Takes back the row added last, as if it had never been added: for a batch that fails after storing some of
     * its records. Never compacts, so no other row's slot changes.
     *
     * @param row the row returned by the latest {@link #add} not yet taken back
     * @throws IllegalStateException if {@code row} is not the newest row
     */
    public void removeNewest(Row row) {
        if (row.slot != end - 1 || rows.get(row.key()) != row) {
            throw new IllegalStateException("Not the newest row: " + row);
        }
        rows.remove(row);
        set(row.slot, null);
        end--;
        live--;
    }

    /**
     * Replaces the record of a row, in its slot.
     *
     * @param row a row of this store
     * @param record the new record
     */
    public void replace(Row row, Record record) {
        row.record(record);
        set(row.slot, record);
    }

    /**
     * Removes a row. May compact the store, which renumbers the slots of the other rows (in order): take a row out
     * of the indexes, which find it by its slot, before removing it here, and tell them when this returns true.
     *
     * @param row a row of this store
     * @return whether the store compacted, renumbering the slots of the rows left
     */
    public boolean remove(Row row) {
        rows.remove(row);
        set(row.slot, null);
        live--;
        return !compactionHeld && compactIfDue();
    }

    private boolean compactIfDue() {
        if (end - live > Math.max(CHUNK, live)) {
            compact();
            return true;
        }
        return false;
    }

    /**
     * Holds compaction off (while a transaction writes the table, so that its undo finds every row at its slot) or
     * lets it resume, compacting at once if deletes made it due.
     *
     * @param hold true to hold compaction off, false to let it resume
     * @return whether the store compacted now, renumbering slots (tell the indexes)
     */
    public boolean holdCompaction(boolean hold) {
        compactionHeld = hold;
        return !hold && compactIfDue();
    }

    /**
     * Puts back a row removed while compaction was held, at its slot and with the record it had: undoing a delete.
     *
     * @param row a row removed from this store since compaction was held
     * @throws IllegalStateException if its key is present again or its slot is taken
     */
    public void restore(Row row) {
        if (rows.get(row.key()) != null || get(row.slot) != null) {
            throw new IllegalStateException("Cannot restore " + row + ": its key or slot is taken");
        }
        rows.add(row);
        set(row.slot, row.record());
        live++;
    }

    private Record get(int slot) {
        Record[] chunk = slot < end ? chunks[slot >>> SHIFT] : null;
        return chunk == null ? null : chunk[slot & MASK];
    }

    /**
     * Removes every record.
     */
    public void clear() {
        rows.clear();
        chunks = new Record[8][];
        chunkEpochs = new int[8];
        end = 0;
        live = 0;
    }

    private void set(int slot, Record record) {
        int c = slot >>> SHIFT;
        if (c >= chunks.length) {
            int n = Math.max(chunks.length * 2, c + 1);
            chunks = Arrays.copyOf(chunks, n);
            chunkEpochs = Arrays.copyOf(chunkEpochs, n);
        }
        Record[] chunk = chunks[c];
        if (chunk == null) {
            chunk = new Record[CHUNK];
            chunks[c] = chunk;
            chunkEpochs[c] = epoch;
        } else if (chunkEpochs[c] != epoch) {
            chunk = chunk.clone();
            chunks[c] = chunk;
            chunkEpochs[c] = epoch;
        }
        chunk[slot & MASK] = record;
    }

    private void compact() {
        Record[][] old = chunks;
        int oldEnd = end;
        chunks = new Record[Math.max(8, (live >>> SHIFT) + 2)][];
        chunkEpochs = new int[chunks.length];
        end = 0;
        for (int s = 0; s < oldEnd; s++) {
            Record r = old[s >>> SHIFT][s & MASK];
            if (r != null) {
                int slot = end++;
                set(slot, r);
                rows.get(ValueKeys.hashKey(r.get(primaryKey))).slot = slot;
            }
        }
    }

    /**
     * The records in insertion order; iterate while the lock is held.
     *
     * @return the records
     */
    public Iterable<Record> values() {
        return () -> new SlotIterator(chunks, end);
    }

    /**
     * An immutable view of the records as they are now, for a snapshot. Costs a copy of the chunk directory; the
     * chunks themselves are shared until a writer touches them.
     *
     * @return the records in insertion order
     */
    public List<Record> freeze() {
        epoch++;
        int chunkCount = (end + MASK) >>> SHIFT;
        return new Frozen(Arrays.copyOf(chunks, chunkCount), end, live);
    }

    private static final class SlotIterator implements Iterator<Record> {
        private final Record[][] chunks;
        private final int end;
        private int slot;
        private Record next;

        SlotIterator(Record[][] chunks, int end) {
            this.chunks = chunks;
            this.end = end;
            advance();
        }

        private void advance() {
            next = null;
            while (slot < end) {
                Record r = chunks[slot >>> SHIFT][slot & MASK];
                slot++;
                if (r != null) {
                    next = r;
                    return;
                }
            }
        }

        @Override
        public boolean hasNext() {
            return next != null;
        }

        @Override
        public Record next() {
            if (next == null) {
                throw new NoSuchElementException();
            }
            Record r = next;
            advance();
            return r;
        }
    }

    /** A snapshot's records: iterated in place; indexed access packs them into an array on first use. */
    private static final class Frozen extends AbstractList<Record> implements RandomAccess {
        private final Record[][] chunks;
        private final int end;
        private final int size;
        private volatile Record[] packed;

        Frozen(Record[][] chunks, int end, int size) {
            this.chunks = chunks;
            this.end = end;
            this.size = size;
        }

        @Override
        public Iterator<Record> iterator() {
            return new SlotIterator(chunks, end);
        }

        @Override
        public Record get(int index) {
            Record[] p = packed;
            if (p == null) {
                p = new Record[size];
                int i = 0;
                for (Iterator<Record> it = iterator(); it.hasNext(); ) {
                    p[i++] = it.next();
                }
                packed = p;
            }
            return p[index];
        }

        @Override
        public int size() {
            return size;
        }
    }
}
