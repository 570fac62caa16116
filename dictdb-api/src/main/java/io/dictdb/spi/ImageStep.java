package io.dictdb.spi;

/**
 * Where an {@link AbstractImageReader} or {@link AbstractImageWriter} is in the call order of one image: what it
 * expects next. A codec reads it to describe the position of a failure ("record 12 of table 'users'").
 */
public enum ImageStep {
    /** Nothing yet: the header comes first. */
    HEADER,
    /** A full image between tables: the next table or the end of the tables. */
    TABLES,
    /** Inside a table of a full image: its next record or its end. */
    RECORDS,
    /** A delta: the next change or the end of the changes. */
    CHANGES,
    /** A reader after the tables or changes: the table states come next. */
    TABLE_STATES,
    /**
     * A delta after its table states: its commits come next ({@code writeCommits} or {@code readCommits}), or
     * {@code finish()} when there are none to write or the caller does not read them.
     */
    COMMITS,
    /** After the table states (and a delta's commits): {@code finish()} comes next. */
    FINISH,
    /** Finished: only {@code close()} is left. */
    FINISHED,
    /** Closed. */
    CLOSED
}
