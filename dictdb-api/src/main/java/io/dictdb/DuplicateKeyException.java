package io.dictdb;

/**
 * Thrown when a record is inserted with a primary key that its table already holds.
 */
public class DuplicateKeyException extends DictDbException {
    private static final long serialVersionUID = 1L;
    private final String table;
    private final transient Object key;

    /**
     * Creates the exception for a key already present in a table.
     *
     * @param table the table's name
     * @param key the duplicate primary key
     */
    public DuplicateKeyException(String table, Object key) {
        super("Duplicate primary key " + Values.describe(key) + " in table '" + table + "'");
        this.table = table;
        this.key = key;
    }

    /**
     * The table that already holds the key.
     *
     * @return the table's name
     */
    public String table() {
        return table;
    }

    /**
     * The duplicate primary key.
     *
     * @return the key value
     */
    public Object key() {
        return key;
    }
}
