package io.dictdb.spi;

import io.dictdb.Record;

import java.util.Objects;

/**
 * One committed change of a database, numbered by a database-wide sequence number that strictly increases. A
 * delta image is a list of changes; applying them in sequence order to the state they follow gives the state at
 * the last one.
 */
public sealed interface Change permits Change.Upsert, Change.Delete, Change.CreateTable, Change.DropTable,
        Change.CreateIndex, Change.DropIndex {

    /**
     * The change's sequence number.
     *
     * @return the sequence number, at least 1
     */
    long sequence();

    /**
     * The table the change applies to.
     *
     * @return the table's name
     */
    String table();

    /**
     * A record written whole (inserted, updated or upserted): applying it replaces the stored record.
     *
     * @param sequence the sequence number
     * @param table the table's name
     * @param record the whole record after the change
     */
    record Upsert(long sequence, String table, Record record) implements Change {
        /**
         * Checks the parts.
         *
         * @param sequence the sequence number
         * @param table the table's name
         * @param record the whole record
         */
        public Upsert {
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(record, "record");
        }
    }

    /**
     * A record deleted by primary key.
     *
     * @param sequence the sequence number
     * @param table the table's name
     * @param key the primary key
     */
    record Delete(long sequence, String table, Object key) implements Change {
        /**
         * Checks the parts.
         *
         * @param sequence the sequence number
         * @param table the table's name
         * @param key the primary key
         */
        public Delete {
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(key, "key");
        }
    }

    /**
     * A table created (empty, with its indexes).
     *
     * @param sequence the sequence number
     * @param definition the table's definition
     */
    record CreateTable(long sequence, TableDefinition definition) implements Change {
        /**
         * Checks the parts.
         *
         * @param sequence the sequence number
         * @param definition the table's definition
         */
        public CreateTable {
            Objects.requireNonNull(definition, "definition");
        }

        @Override
        public String table() {
            return definition.name();
        }
    }

    /**
     * A table dropped with its records.
     *
     * @param sequence the sequence number
     * @param table the table's name
     */
    record DropTable(long sequence, String table) implements Change {
        /**
         * Checks the parts.
         *
         * @param sequence the sequence number
         * @param table the table's name
         */
        public DropTable {
            Objects.requireNonNull(table, "table");
        }
    }

    /**
     * An index created: its whole definition, fields, type, unique constraint and partial condition (a codec stores
     * them all, see {@link IndexDefinition}; the condition as a value through {@link StoredCondition}).
     *
     * @param sequence the sequence number
     * @param table the table's name
     * @param index the index
     */
    record CreateIndex(long sequence, String table, IndexDefinition index) implements Change {
        /**
         * Checks the parts.
         *
         * @param sequence the sequence number
         * @param table the table's name
         * @param index the index
         */
        public CreateIndex {
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(index, "index");
        }
    }

    /**
     * An index dropped, named by its {@link IndexDefinition#name() name}: a codec stores that name as it stores a
     * field (a name never holds a control character, so {@code a+b} and {@code tags[]} are ordinary names).
     *
     * @param sequence the sequence number
     * @param table the table's name
     * @param field the index's name ({@link io.dictdb.IndexSpec#name()}): the indexed field for a single-field
     *     index, {@code a+b} for a composite one, {@code tags[]} for an elements index
     */
    record DropIndex(long sequence, String table, String field) implements Change {
        /**
         * Checks the parts.
         *
         * @param sequence the sequence number
         * @param table the table's name
         * @param field the index's name
         */
        public DropIndex {
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(field, "field");
        }

        /**
         * The dropped index's name (the same as {@link #field()}).
         *
         * @return the name
         */
        public String name() {
            return field;
        }
    }
}
