package io.dictdb;

/**
 * The kinds of secondary index a table can keep (see {@link IndexSpec}).
 */
public enum IndexType {
    /** A hash index: serves equality and {@code in} (on all its fields, for a composite index). */
    HASH,
    /**
     * A sorted index: serves equality, {@code in}, ranges, {@code between}, prefixes and ordering; a composite sorted
     * index serves equality on a prefix of its fields plus a range or an ordering on the next one.
     */
    SORTED,
    /**
     * An index of the elements of a list field: each element of a record's list is a key that finds the record.
     * Serves {@code field(f).has(..)}, {@code hasAny(..)} and {@code hasAll(..)}.
     */
    ELEMENTS
}
