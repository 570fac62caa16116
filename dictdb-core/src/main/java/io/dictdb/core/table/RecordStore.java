package io.dictdb.core.table;

import io.dictdb.Record;
import io.dictdb.Values;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.RandomAccess;

/**
 * The records of a table in insertion order, in fixed-size chunks of slots, with a map from primary hash key to
 * slot. Not thread-safe: the table's lock guards it.
 *
 * <p>Why chunks: a snapshot must not stall writers for the time it takes to copy a million references. Taking a
 * snapshot copies only the chunk directory (one reference per 1,024 records) and bumps an epoch; a writer that later
 * changes a slot in a chunk older than the epoch copies that chunk first (copy on write), so the snapshot's chunks
 * never change. Scans walk arrays, which is also faster than following a linked map's nodes.
 *
 * <p>A deleted record leaves an empty slot; when empty slots outnumber records, the store is compacted into new
 * chunks, which again leaves earlier snapshots untouched.
 */
final class RecordStore {
    private static final int SHIFT = 10;
    private static final int CHUNK = 1 << SHIFT;
    private static final int MASK = CHUNK - 1;

    private final String primaryKey;
    private final HashMap<Object, Integer> slots = new HashMap<>();
    private Record[][] chunks = new Record[8][];
    private int[] chunkEpochs = new int[8];
    private int epoch;
    private int end;
    private int live;

    RecordStore(String primaryKey) {
        this.primaryKey = primaryKey;
    }

    int size() {
        return live;
    }

    boolean isEmpty() {
        return live == 0;
    }

    boolean containsKey(Object hashKey) {
        return slots.containsKey(hashKey);
    }

    Record get(Object hashKey) {
        Integer slot = slots.get(hashKey);
        return slot == null ? null : chunks[slot >>> SHIFT][slot & MASK];
    }

    /** Stores a record under its key, in its old slot when the key is present; returns the record replaced. */
    Record put(Object hashKey, Record record) {
        Integer slot = slots.get(hashKey);
        if (slot != null) {
            Record old = chunks[slot >>> SHIFT][slot & MASK];
            set(slot, record);
            return old;
        }
        int s = end++;
        set(s, record);
        slots.put(hashKey, s);
        live++;
        return null;
    }

    /** Removes the record with this key; returns it, or null. */
    Record remove(Object hashKey) {
        Integer slot = slots.remove(hashKey);
        if (slot == null) {
            return null;
        }
        Record old = chunks[slot >>> SHIFT][slot & MASK];
        set(slot, null);
        live--;
        if (end - live > Math.max(CHUNK, live)) {
            compact();
        }
        return old;
    }

    void clear() {
        slots.clear();
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
                slots.put(Values.hashKey(r.get(primaryKey)), slot);
            }
        }
    }

    /** The records in insertion order; valid while the lock is held. */
    Iterable<Record> values() {
        return () -> new SlotIterator(chunks, end);
    }

    /**
     * An immutable view of the records as they are now, for a snapshot. Costs a copy of the chunk directory; the
     * chunks themselves are shared until a writer touches them.
     */
    List<Record> freeze() {
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
