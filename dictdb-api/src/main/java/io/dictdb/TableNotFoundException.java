package io.dictdb;

/**
 * Thrown when a table is looked up, dropped or used by a name that the database does not hold.
 */
public class TableNotFoundException extends DictDbException {
    private static final long serialVersionUID = 1L;
    private final String table;

    /**
     * Creates the exception for a missing table.
     *
     * @param table the name that was asked for
     */
    public TableNotFoundException(String table) {
        super("Table '" + table + "' does not exist");
        this.table = table;
    }

    /**
     * The name that was asked for.
     *
     * @return the table's name
     */
    public String table() {
        return table;
    }
}
