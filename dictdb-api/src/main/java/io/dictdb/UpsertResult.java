package io.dictdb;

/**
 * The outcome of an upsert: the record's primary key and what was done.
 *
 * @param key the primary key of the record inserted, updated or left alone
 * @param action what the upsert did
 */
public record UpsertResult(Object key, Action action) {

    /** What an upsert did. */
    public enum Action {
        /** The key was new: the record was inserted. */
        INSERTED,
        /** The key was present: the given fields were merged into the stored record. */
        UPDATED,
        /** The key was present and the conflict policy was IGNORE: nothing changed. */
        IGNORED
    }
}
