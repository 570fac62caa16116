package io.dictdb;

import java.util.Map;

/**
 * How a table's queries found their rows since it was created or its statistics were reset: full scans and the rows
 * they examined, and each index's {@link IndexStats}.
 *
 * @param scans the queries that examined the whole table (or a part no index served)
 * @param rowsScanned the rows those scans examined
 * @param indexes each index's statistics, keyed by the index's name ({@link IndexSpec#name()}), in creation order
 */
public record TableStats(long scans, long rowsScanned, Map<String, IndexStats> indexes) {
    /**
     * Copies the map.
     *
     * @param scans the scans
     * @param rowsScanned the rows they examined
     * @param indexes the indexes' statistics by name
     */
    public TableStats {
        indexes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(indexes));
    }
}
