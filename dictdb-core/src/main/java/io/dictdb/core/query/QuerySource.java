package io.dictdb.core.query;

import io.dictdb.Record;
import io.dictdb.core.index.FieldIndex;
import io.dictdb.core.log.DebugSampler;
import io.dictdb.core.stats.TableCounters;
import io.dictdb.core.storage.Row;
import io.dictdb.query.Condition;

import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * What the query engine needs of a table. The storage maps and indexes may only be read while holding
 * {@link #lock()}.
 */
public interface QuerySource {

    /**
     * The table's name.
     *
     * @return the name
     */
    String name();

    /**
     * The primary-key field.
     *
     * @return the field's name
     */
    String primaryKey();

    /**
     * The table's lock.
     *
     * @return the lock
     */
    ReentrantReadWriteLock lock();

    /**
     * Throws when the table has been dropped.
     */
    void checkOpen();

    /**
     * Called before the read lock is taken: refuses a read that could deadlock (a table outside the calling thread's
     * transaction). Does nothing by default.
     *
     * @throws IllegalStateException if the read is refused
     */
    default void beforeRead() {
    }

    /**
     * The row of this primary hash key; call under the lock.
     *
     * @param hashKey the key as {@link io.dictdb.internal.ValueKeys#hashKey(Object)} gives it
     * @return the row, or null
     */
    Row row(Object hashKey);

    /**
     * Every record in insertion order; iterate under the lock.
     *
     * @return the records
     */
    Iterable<Record> records();

    /**
     * The number of records; call under the lock.
     *
     * @return the count
     */
    int size();

    /**
     * The index on a field.
     *
     * @param field the field
     * @return the index, or null
     */
    FieldIndex indexOn(String field);

    /**
     * The DEBUG sampler of the database.
     *
     * @return the sampler
     */
    DebugSampler sampler();

    /**
     * Queries slower than this many nanoseconds are logged at WARN.
     *
     * @return the threshold, {@code Long.MAX_VALUE} when off
     */
    long slowQueryNanos();

    /**
     * The table's operation counters, where query runs and slow queries are counted.
     *
     * @return the counters
     */
    TableCounters counters();

    /**
     * Every index of the table, plain or not (composite, partial, elements), for the planner to weigh; call under
     * the lock.
     *
     * @return the indexes, in creation order; must not be changed
     */
    default java.util.Collection<FieldIndex> allIndexes() {
        return java.util.List.of();
    }

    /**
     * Counts a query that examined every record, for the table's usage statistics.
     *
     * @param examined the records it examined
     */
    default void scanned(long examined) {
    }

    /**
     * Replaces every record matching {@code where} by {@code updater}'s result, atomically.
     *
     * @param updater the new record from the old one
     * @param where the condition
     * @return the number changed
     */
    int updateWhere(UnaryOperator<Record> updater, Condition where);

    /**
     * Merges changes into every record matching {@code where}, atomically.
     *
     * @param changes the fields to set
     * @param where the condition
     * @return the number changed
     */
    int updateWhere(Map<String, ?> changes, Condition where);

    /**
     * Deletes every record matching {@code where}.
     *
     * @param where the condition
     * @return the number deleted
     */
    int deleteWhere(Condition where);

    /**
     * Merges changes into the records a query selects, atomically: {@code selection} runs under the table's write
     * lock, so the records it returns are those changed, without a second query to find them again (a page of a
     * query, {@code query().limit(n).update(...)}).
     *
     * @param changes the fields to set
     * @param selection the records to change; called once, under the write lock
     * @return the number changed
     */
    int updateSelected(Map<String, ?> changes, Supplier<List<Record>> selection);

    /**
     * Deletes the records a query selects, atomically: as {@link #updateSelected}, one query under the write lock.
     *
     * @param selection the records to delete; called once, under the write lock
     * @return the number deleted
     */
    int deleteSelected(Supplier<List<Record>> selection);
}
