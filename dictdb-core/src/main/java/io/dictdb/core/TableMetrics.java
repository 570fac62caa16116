package io.dictdb.core;

import io.dictdb.TableNotFoundException;
import io.dictdb.core.stats.TableCounters;
import io.dictdb.core.table.MemoryTable;

/**
 * The metrics of one table, read-only: how many records it holds and, per {@link OperationKind}, how many operations
 * ran and how long they took, and how many queries were slow. The counters start at zero when the table is created
 * (or loaded) and only grow; a table dropped and created again under the same name starts again from zero. Get it
 * from {@link DatabaseMetrics#table(String)} or {@link DatabaseMetrics#tables()}.
 *
 * <p>Counting costs an operation a striped-counter addition, with no lock, and one operation in 16 is timed: see
 * {@link DatabaseMetrics}.
 */
public final class TableMetrics {
    private final MemoryTable table;
    private final TableCounters stats;

    TableMetrics(MemoryTable table) {
        this.table = table;
        this.stats = table.counters();
    }

    /**
     * The table's name.
     *
     * @return the name
     */
    public String table() {
        return table.name();
    }

    /**
     * The number of records the table holds now ({@code Table.count()}): it takes the table's read lock, so it waits
     * for a write running on the table.
     *
     * @return the record count, 0 once the table has been dropped
     */
    public long records() {
        try {
            return table.count();
        } catch (TableNotFoundException e) {
            return 0; // dropped since this view was taken
        }
    }

    /**
     * The count and latency of one kind of operation on this table since it was created.
     *
     * @param kind the kind
     * @return the numbers now
     */
    public OperationMetrics operation(OperationKind kind) {
        return stats.of(kind).read();
    }

    /**
     * The queries on this table slower than the database's slow-query threshold
     * ({@link DictDB.Builder#slowQueryThreshold}), each of which the slow-query log also logged at WARN; always 0
     * when no threshold is set.
     *
     * @return the count
     */
    public long slowQueries() {
        return stats.slowQueries();
    }

    @Override
    public String toString() {
        return "TableMetrics[" + table.name() + "]";
    }
}
