package io.dictdb.spi;

import java.util.Objects;

/**
 * The state of a table that records do not show, carried at the end of every image: the table's auto-key
 * counter. A full image carries one per table; a delta carries one per table that exists after its last change.
 *
 * @param table the table's name
 * @param nextKey the next automatic primary key the table will hand out (at least 1)
 */
public record TableState(String table, long nextKey) {
    /**
     * Checks the parts.
     *
     * @param table the table's name
     * @param nextKey the next automatic key
     */
    public TableState {
        Objects.requireNonNull(table, "table");
        if (nextKey < 1) {
            throw new IllegalArgumentException("nextKey of table '" + table + "' must be at least 1, got " + nextKey);
        }
    }
}
