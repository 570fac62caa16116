package io.dictdb.core.storage;

import io.dictdb.Record;

/**
 * The place of one primary key in a table: its current record and its slot. A row lives as long as its key is in
 * the table, so indexes hold rows rather than keys and reach the record without another lookup; an update only
 * swaps {@link #record()}. Rows compare by identity. Read and written under the table's lock.
 */
public final class Row {
    private final Object key;
    private Record record;
    int slot;

    Row(Object key, Record record, int slot) {
        this.key = key;
        this.record = record;
        this.slot = slot;
    }

    /**
     * The primary key, as {@link io.dictdb.internal.ValueKeys#hashKey(Object)} gives it.
     *
     * @return the hash key
     */
    public Object key() {
        return key;
    }

    /**
     * The record stored under the key now.
     *
     * @return the record
     */
    public Record record() {
        return record;
    }

    /**
     * The row's position in insertion order: rows compare by it to come out as a scan would give them.
     *
     * @return the slot, increasing with insertion (compaction keeps the order)
     */
    public int order() {
        return slot;
    }

    /**
     * Sorts rows into insertion order (by {@link #order()}): a primitive sort of packed (order, position) keys,
     * which reads each row once instead of at every comparison.
     *
     * @param rows the rows, sorted in place
     */
    public static void sortByOrder(Row[] rows) {
        int n = rows.length;
        int i = 1;
        while (i < n && rows[i - 1].slot < rows[i].slot) {
            i++;
        }
        if (i >= n) {
            return; // already in order, as the rows of one index bucket are: one pass instead of a sort
        }
        long[] keys = new long[n];
        for (int k = 0; k < n; k++) {
            keys[k] = ((long) rows[k].slot << 32) | k;
        }
        java.util.Arrays.sort(keys);
        Row[] copy = rows.clone();
        for (int k = 0; k < n; k++) {
            rows[k] = copy[(int) keys[k]];
        }
    }

    void record(Record r) {
        this.record = r;
    }

    @Override
    public String toString() {
        return "Row" + record;
    }
}
