package io.dictdb;

/**
 * Thrown when an update or delete matches no record.
 */
public class RecordNotFoundException extends DictDbException {
    private static final long serialVersionUID = 1L;
    private final String table;

    /**
     * Creates the exception for an operation on a table that matched nothing.
     *
     * @param table the table's name
     * @param message what was looked for, naming the table and the condition or key
     */
    public RecordNotFoundException(String table, String message) {
        super(message);
        this.table = table;
    }

    /**
     * The table in which nothing matched.
     *
     * @return the table's name
     */
    public String table() {
        return table;
    }
}
