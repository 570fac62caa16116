package io.dictdb;

/**
 * What {@link Table#upsert(java.util.Map, OnConflict)} does when the primary key is already present.
 */
public enum OnConflict {
    /** Merge the given fields into the stored record. */
    UPDATE,
    /** Keep the stored record unchanged. */
    IGNORE,
    /** Throw {@link DuplicateKeyException}. */
    ERROR
}
