package io.dictdb;

/**
 * Thrown when a record does not satisfy its table's schema: a required field is missing or null, a field is not
 * in the schema, or a value has another type than the one declared.
 */
public class SchemaValidationException extends DictDbException {
    private static final long serialVersionUID = 1L;
    private final String table;
    private final String field;

    /**
     * Creates the exception for one field of one record.
     *
     * @param table the table's name
     * @param field the field that failed
     * @param message the whole message, naming table, field, expected and actual type
     */
    public SchemaValidationException(String table, String field, String message) {
        super(message);
        this.table = table;
        this.field = field;
    }

    /**
     * The table whose schema was violated.
     *
     * @return the table's name
     */
    public String table() {
        return table;
    }

    /**
     * The field that failed validation.
     *
     * @return the field's name
     */
    public String field() {
        return field;
    }
}
