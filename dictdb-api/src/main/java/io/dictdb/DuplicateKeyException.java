package io.dictdb;

import java.util.List;

/**
 * Thrown when a write would give a table a second record under the same primary key, or under the same value of a
 * unique index ({@link IndexSpec#unique()}). The write changes nothing: not the record, not the rest of its batch,
 * not the rest of its transaction.
 */
public class DuplicateKeyException extends DictDbException {
    private static final long serialVersionUID = 1L;
    private final String table;
    private final List<String> fields;
    private final transient Object value;
    private final transient Object key;

    /**
     * Creates the exception for a primary key already present in a table.
     *
     * @param table the table's name
     * @param key the duplicate primary key
     */
    public DuplicateKeyException(String table, Object key) {
        super("Duplicate primary key " + Values.describe(key) + " in table '" + table + "'");
        this.table = table;
        this.fields = List.of();
        this.value = key;
        this.key = key;
    }

    /**
     * Creates the exception for a value a unique index already holds.
     *
     * @param table the table's name
     * @param fields the unique index's fields
     * @param value the duplicate value: the field's value, or the list of the fields' values for a composite index
     * @param holderKey the primary key of the record that holds the value
     */
    public DuplicateKeyException(String table, List<String> fields, Object value, Object holderKey) {
        super("Duplicate value " + Values.describe(value) + " for the unique index on " + fields + " of table '"
                + table + "': the record with key " + Values.describe(holderKey) + " holds it");
        this.table = table;
        this.fields = List.copyOf(fields);
        this.value = value;
        this.key = holderKey;
    }

    /**
     * The table that already holds the key or value.
     *
     * @return the table's name
     */
    public String table() {
        return table;
    }

    /**
     * The fields of the unique index that refused the write.
     *
     * @return the index's fields, or an empty list for a duplicate primary key
     */
    public List<String> fields() {
        return fields;
    }

    /**
     * The duplicate value: the primary key, the indexed field's value, or the list of a composite index's values.
     *
     * @return the value
     */
    public Object value() {
        return value;
    }

    /**
     * For a duplicate primary key, that key; for a unique index, the key of the record that already holds the value.
     *
     * @return the key value
     */
    public Object key() {
        return key;
    }
}
