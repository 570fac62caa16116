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
     * The primary key, as {@link io.dictdb.Values#hashKey(Object)} gives it.
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

    void record(Record r) {
        this.record = r;
    }

    @Override
    public String toString() {
        return "Row" + record;
    }
}
