package io.dictdb;

/**
 * The kinds of secondary index a table can keep on a field.
 */
public enum IndexType {
    /** A hash index: serves equality and {@code in}. */
    HASH,
    /** A sorted index: serves equality, {@code in}, ranges, {@code between}, prefixes and ordering. */
    SORTED
}
