package io.dictdb.core.change;

import io.dictdb.Record;
import io.dictdb.spi.Change;

/**
 * A record write made inside a transaction, kept until the transaction commits, when it is numbered: an upsert of a
 * whole record, or a delete by key.
 *
 * @param table the table
 * @param record the record as stored after the write, or null for a delete
 * @param key the primary key (of the record, or deleted)
 * @param createdKey whether the write created its key (an insert)
 */
public record StagedWrite(String table, Record record, Object key, boolean createdKey) {

    /**
     * An upsert.
     *
     * @param table the table
     * @param record the record as stored
     * @param createdKey whether it was an insert
     * @return the write
     */
    public static StagedWrite upsert(String table, Record record, boolean createdKey) {
        return new StagedWrite(table, record, null, createdKey);
    }

    /**
     * A delete.
     *
     * @param table the table
     * @param key the primary key deleted
     * @return the write
     */
    public static StagedWrite delete(String table, Object key) {
        return new StagedWrite(table, null, key, false);
    }

    Change toChange(long sequence) {
        return record != null ? new Change.Upsert(sequence, table, record) : new Change.Delete(sequence, table, key);
    }
}
