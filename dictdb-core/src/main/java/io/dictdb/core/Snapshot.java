package io.dictdb.core;

import io.dictdb.Record;
import io.dictdb.spi.ImageHeader;
import io.dictdb.spi.ImageWriter;
import io.dictdb.spi.TableDefinition;
import io.dictdb.spi.TableState;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
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
 * @param databaseId the id of the database it was taken of ({@link DictDB#databaseId()}), written into its image
 *     and kept by a database built from it; null when unknown
 */
public record Snapshot(long sequence, Instant takenAt, List<TableImage> tables, String databaseId) {

    /**
     * Copies the table list.
     *
     * @param sequence the sequence number of the last change contained
     * @param takenAt when the snapshot was taken
     * @param tables the tables
     * @param databaseId the database's id, or null
     * @throws IllegalArgumentException if the database id is not one an image header can carry (1 to
     *     {@link ImageHeader#MAX_ID_LENGTH} printable ASCII characters, not {@code "-"})
     */
    public Snapshot {
        Objects.requireNonNull(takenAt, "takenAt");
        tables = List.copyOf(tables);
        if (databaseId != null) {
            ImageHeader.full(sequence, takenAt, databaseId); // refused now rather than at every later save
        }
    }

    /**
     * A snapshot of no known database: a database built from it gets a new id.
     *
     * @param sequence the sequence number of the last change contained
     * @param takenAt when the snapshot was taken
     * @param tables the tables
     */
    public Snapshot(long sequence, Instant takenAt, List<TableImage> tables) {
        this(sequence, takenAt, tables, null);
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
     * The header of a full image of this snapshot: changes 1 to {@link #sequence()}, a new image id, created when
     * the snapshot was taken, naming the snapshot's database.
     *
     * @return the header
     */
    public ImageHeader fullHeader() {
        return ImageHeader.full(sequence, takenAt, databaseId);
    }

    /**
     * Writes this snapshot as the body of a full image: each table with its records, then every table's key
     * counter. Usable as an {@link io.dictdb.file.ImageFiles.Body} ({@code snapshot::writeTo}).
     *
     * @param writer a codec's writer, its header already written
     * @throws IOException if writing fails
     */
    public void writeTo(ImageWriter writer) throws IOException {
        List<TableState> states = new ArrayList<>(tables.size());
        for (TableImage t : tables) {
            writer.beginTable(t.definition());
            for (Record r : t.records()) {
                writer.writeRecord(r);
            }
            writer.endTable();
            states.add(new TableState(t.definition().name(), t.nextKey()));
        }
        writer.writeTableStates(states);
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
