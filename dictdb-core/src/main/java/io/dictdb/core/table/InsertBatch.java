package io.dictdb.core.table;

import io.dictdb.DictDbException;
import io.dictdb.DuplicateKeyException;
import io.dictdb.Record;
import io.dictdb.Schema;
import io.dictdb.SchemaValidationException;
import io.dictdb.Values;
import io.dictdb.core.index.FieldIndex;
import io.dictdb.core.storage.RecordStore;
import io.dictdb.core.storage.Row;
import io.dictdb.internal.ValueKeys;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * The records of one insert (one record, or a whole {@code insertAll}) going into a table, under its write lock.
 * Each record is keyed (a free key from the counter when it has none), validated and put into the store at once, so
 * that the store's own key lookup finds a key repeated within the batch: no set of the batch's keys on the side.
 * If a record fails, {@link #rollback()} takes the stored ones back out, leaving the store as it was; the counter,
 * the indexes and the change log learn of the batch only on {@link #commit}.
 */
final class InsertBatch {
    private final String table;
    private final String primaryKey;
    private final RecordStore store;
    private final SchemaCheck check;
    /** Whether the key field takes the Long keys the counter generates; {@code schema} says why not. */
    private final boolean generatesKeys;
    private final Schema schema;
    /** The rows stored so far, in order: an array rather than a list, as most batches are one insert. */
    private Row[] rows;
    private int count;
    private long counter;

    /**
     * Starts a batch.
     *
     * @param table the table's name, for messages
     * @param primaryKey the key field
     * @param store the table's store
     * @param check the table's schema check
     * @param schema the schema, or null
     * @param generatesKeys whether the counter may key a record that has no key
     * @param counter the key counter's value now
     * @param expected how many records are coming (to presize)
     */
    InsertBatch(String table, String primaryKey, RecordStore store, SchemaCheck check, Schema schema,
                boolean generatesKeys, long counter, int expected) {
        this.table = table;
        this.primaryKey = primaryKey;
        this.store = store;
        this.check = check;
        this.schema = schema;
        this.generatesKeys = generatesKeys;
        this.counter = counter;
        this.rows = new Row[Math.max(1, expected)];
        if (expected > 1) {
            store.reserve(expected);
        }
    }

    /**
     * Keys, validates and stores one record; on failure nothing of this record is stored.
     *
     * @param r the canonical record
     * @param validate whether to check it against the schema
     * @param position its index in the batch, or -1 for a single insert (named in messages)
     * @return the record as stored
     * @throws DuplicateKeyException if its key is taken (in the table or earlier in the batch)
     * @throws SchemaValidationException if it breaks the schema, or has no key and the key is not generated
     */
    Record add(Record r, boolean validate, int position) {
        Object key = r.get(primaryKey);
        if (key == null) {
            key = freeKey(position);
            r = r.with(primaryKey, key);
        }
        // The counter follows the key as given: a schema may store 5 as 5.0, but 5 was still taken.
        Object given = key;
        if (validate) {
            r = check.validated(r, position);
            key = r.get(primaryKey);
        }
        Object hk = ValueKeys.hashKey(key);
        if (store.row(hk) != null) {
            throw new DuplicateKeyException(table, key);
        }
        counter = advance(counter, given);
        if (count == rows.length) {
            rows = Arrays.copyOf(rows, count * 2);
        }
        rows[count++] = store.add(hk, r);
        return r;
    }

    /** Takes every stored record of the batch back out of the store, newest first. */
    void rollback() {
        for (int i = count - 1; i >= 0; i--) {
            store.removeNewest(rows[i]);
            rows[i] = null;
        }
        count = 0;
    }

    /**
     * Adds the batch's rows to the indexes, one index at a time (each index's structure stays in cache for the
     * whole batch), and gives the counter's new value.
     *
     * @param indexes the table's indexes
     * @return the key counter after the batch
     */
    long commit(Collection<FieldIndex> indexes) {
        for (FieldIndex index : indexes) {
            for (int i = 0; i < count; i++) {
                index.add(rows[i]);
            }
        }
        return counter;
    }

    /**
     * The number of records stored.
     *
     * @return the count
     */
    int size() {
        return count;
    }

    /**
     * The record stored {@code i}-th.
     *
     * @param i from 0 to {@link #size()} - 1
     * @return the record
     */
    Row row(int i) {
        return rows[i];
    }

    Record record(int i) {
        return rows[i].record();
    }

    /**
     * The records stored, in order, in a new list.
     *
     * @return the records
     */
    List<Record> records() {
        List<Record> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(rows[i].record());
        }
        return out;
    }

    /** The counter's next free key; the counter stops at Long.MAX_VALUE rather than wrap to negative keys. */
    private long freeKey(int position) {
        if (!generatesKeys) {
            throw new SchemaValidationException(table, primaryKey, "Table '" + table + "': a record needs its key '"
                    + primaryKey + "' (" + schema.type(primaryKey) + "): only LONG keys are generated"
                    + SchemaCheck.batchPosition(position));
        }
        while (store.row(counter) != null) {
            if (counter == Long.MAX_VALUE) {
                throw new DictDbException("Table '" + table + "': the key counter of '" + primaryKey
                        + "' is exhausted: key " + Long.MAX_VALUE + " (Long.MAX_VALUE) is taken, so no automatic "
                        + "key is left; give the key explicitly" + SchemaCheck.batchPosition(position));
            }
            counter++;
        }
        return counter;
    }

    /** The counter after a record keyed {@code key}: past it when it is a Long at or above the counter. */
    static long advance(long counter, Object key) {
        if (key instanceof Long l && l >= counter) {
            return l == Long.MAX_VALUE ? Long.MAX_VALUE : l + 1;
        }
        return counter;
    }
}
