package io.dictdb;

/**
 * A read-only view of a secondary index of a table.
 */
public interface Index {
    /**
     * The indexed field.
     *
     * @return the field's name
     */
    String field();

    /**
     * How the index is organised.
     *
     * @return the index type
     */
    IndexType type();

    /**
     * The number of distinct non-null values the index holds right now.
     *
     * @return the count of distinct keys
     */
    long distinctKeys();
}
