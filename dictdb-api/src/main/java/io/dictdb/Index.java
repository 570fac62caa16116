package io.dictdb;

/**
 * A read-only view of a secondary index of a table.
 */
public interface Index {
    /**
     * The indexed field: the first one for a composite index (see {@link #spec()} for all).
     *
     * @return the field's name
     */
    String field();

    /**
     * What the index is: fields, type, uniqueness and a partial index's condition.
     *
     * @return the spec it was created with
     */
    IndexSpec spec();

    /**
     * How much the index has been used.
     *
     * @return a snapshot of its usage counts
     */
    IndexStats stats();

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
