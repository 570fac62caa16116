package io.dictdb.core;

import io.dictdb.Record;
import io.dictdb.spi.TableDefinition;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A consistent image of a whole database at one sequence number: every table's definition, key counter and
 * records as they were after the change numbered {@link #sequence()} and before the next one. Records are
 * immutable, so a snapshot shares them with the live database and costs one reference per record.
 *
 * @param sequence the sequence number of the last change the snapshot contains (0 for none)
 * @param takenAt when the snapshot was taken
 * @param tables the tables, in creation order
 */
public record Snapshot(long sequence, Instant takenAt, List<TableImage> tables) {

    /**
     * Copies the table list.
     *
     * @param sequence the sequence number of the last change contained
     * @param takenAt when the snapshot was taken
     * @param tables the tables
     */
    public Snapshot {
        Objects.requireNonNull(takenAt, "takenAt");
        tables = List.copyOf(tables);
    }

    /**
     * The total number of records in all tables.
     *
     * @return the record count
     */
    public long recordCount() {
        long n = 0;
        for (TableImage t : tables) {
            n += t.records().size();
        }
        return n;
    }

    /**
     * One table of a snapshot.
     *
     * @param definition name, primary key, schema and indexes
     * @param nextKey the next value of the table's primary-key counter
     * @param records the records, in insertion order
     */
    public record TableImage(TableDefinition definition, long nextKey, List<Record> records) {
        /**
         * Checks the parts; the record list is taken as it is (it is never changed afterwards).
         *
         * @param definition the definition
         * @param nextKey the next counter value
         * @param records the records
         */
        public TableImage {
            Objects.requireNonNull(definition, "definition");
            records = java.util.Collections.unmodifiableList(records);
        }
    }
}
