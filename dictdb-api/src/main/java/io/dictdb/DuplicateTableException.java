package io.dictdb;

/**
 * Thrown when a table is created with the name of a table that already exists.
 */
public class DuplicateTableException extends DictDbException {
    private static final long serialVersionUID = 1L;
    private final String table;

    /**
     * Creates the exception for a table name already in use.
     *
     * @param table the table's name
     */
    public DuplicateTableException(String table) {
        super("Table '" + table + "' already exists");
        this.table = table;
    }

    /**
     * The name that is already taken.
     *
     * @return the table's name
     */
    public String table() {
        return table;
    }
}
