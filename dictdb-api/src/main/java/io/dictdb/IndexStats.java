package io.dictdb;

import java.time.Instant;
import java.util.Optional;

/**
 * How much an index has been used since it was created or its table's statistics were reset: lookups it served, rows
 * it returned, and when it was last used.
 *
 * @param lookups the queries the planner served from this index (a unique check on a write is not counted)
 * @param rowsReturned the rows those lookups returned to the query
 * @param lastUsedAt when it last served a query, or null if never
 */
public record IndexStats(long lookups, long rowsReturned, Instant lastUsedAt) {
    /**
     * When the index last served a query.
     *
     * @return the instant, or empty if never
     */
    public Optional<Instant> lastUsed() {
        return Optional.ofNullable(lastUsedAt);
    }
}
