package io.dictdb.spi;

/**
 * What an image holds.
 */
public enum ImageKind {
    /** Every table of a database with all its records, at one sequence number. */
    FULL,
    /** The changes of a contiguous range of sequence numbers, to apply to the state before the first. */
    DELTA
}
