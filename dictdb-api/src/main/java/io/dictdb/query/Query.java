package io.dictdb.query;

import io.dictdb.Record;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A query on one table, built fluently: {@code table.query().where(...).orderBy("-age").limit(10).toList()}.
 * Immutable: each builder method returns a new query, so a query can be kept and run again. Terminal methods run
 * under the table's read lock (or its write lock for {@link #update(Map)} and {@link #delete()}); {@link #stream()}
 * picks its records under the read lock and does the rest as it is consumed.
 *
 * <p>Order of evaluation: filter, sort, project, distinct, offset, limit.
 */
public interface Query {

    /**
     * Adds a condition; several {@code where} calls are combined with AND.
     *
     * @param condition the condition
     * @return the new query
     */
    Query where(Condition condition);

    /**
     * Keeps only these fields, in this order, in the result records. A field missing from a record is
     * null in the result, as in SQL.
     *
     * @param fields the fields to keep
     * @return the new query
     */
    Query columns(String... fields);

    /**
     * Projects fields under new names: each entry maps the alias (the key in the result) to the field read;
     * a missing field is null in the result.
     *
     * @param aliasToField aliases to fields, in result order
     * @return the new query
     */
    Query columns(Map<String, String> aliasToField);

    /**
     * Sorts by fields: {@code "-age"} is descending, {@code "age"} or {@code "+age"} ascending. Nulls and missing
     * values sort last; the primary key breaks remaining ties.
     *
     * @param fields the sort keys
     * @return the new query
     */
    Query orderBy(String... fields);

    /**
     * Sorts by the given orders.
     *
     * @param orders the sort keys
     * @return the new query
     */
    Query orderBy(Order... orders);

    /**
     * Returns at most this many records.
     *
     * @param limit the maximum, at least 0
     * @return the new query
     * @throws IllegalArgumentException if negative
     */
    Query limit(int limit);

    /**
     * Skips this many records first.
     *
     * @param offset the number to skip, at least 0
     * @return the new query
     * @throws IllegalArgumentException if negative
     */
    Query offset(int offset);

    /**
     * Removes duplicate result records (after projection).
     *
     * @return the new query
     */
    Query distinct();

    /**
     * Groups records by these fields for {@link #aggregateGroups(Aggregate...)}.
     *
     * @param fields the group fields
     * @return the new query
     */
    Query groupBy(String... fields);

    /**
     * Keyset pagination: only the records that come strictly after {@code last} in this query's order (the
     * primary key being the implicit last sort key). Pass the last record of the previous page. The query must have
     * an order: without {@code orderBy}, its terminal methods throw {@link IllegalStateException} (records would come
     * in insertion order, which the keyset cannot follow).
     *
     * @param last the last record of the previous page; it must hold the sort fields and the primary key
     * @return the new query
     */
    Query after(Record last);

    /**
     * Runs the query.
     *
     * @return the matching records
     */
    List<Record> toList();

    /**
     * Runs the query as a stream, for large result sets: the same records in the same order as {@link #toList()}
     * (condition, order, keyset, projection, distinct, offset and limit alike). The records are picked when this
     * method is called, under the table's read lock, as {@code toList()} picks them: the stream is a snapshot, and
     * writes after this call do not change what it yields. The work per record that comes after the pick, building
     * the projected records of {@link #columns(String...)} (and removing duplicates, and paging), is done lazily as
     * the stream is consumed, so a large projected result is not built twice and a consumer that stops early (say
     * {@code stream().limit(10)}) builds only what it took. The picked references themselves are held until the
     * stream is dropped.
     *
     * <p>Aggregates ({@link #aggregate(Aggregate...)}, {@link #aggregateGroups(Aggregate...)}) have no such per-row
     * work and no stream: they return their result whole.
     *
     * @return a sequential stream of the matching records
     */
    Stream<Record> stream();

    /**
     * Runs the query for its first record.
     *
     * @return the first matching record, or empty
     */
    Optional<Record> first();

    /**
     * Counts the matching records (after distinct, offset and limit, when set).
     *
     * @return the count
     */
    long count();

    /**
     * Aggregates the matching records into one row.
     *
     * @param aggregates the aggregates
     * @return a record keyed by each aggregate's {@link Aggregate#name()}
     */
    Record aggregate(Aggregate... aggregates);

    /**
     * Aggregates per group of {@link #groupBy(String...)}: each row holds the group fields then the aggregates,
     * groups in first-seen order (or in the query's order when it has one).
     *
     * @param aggregates the aggregates
     * @return one record per group
     * @throws IllegalStateException if the query has no group fields
     */
    List<Record> aggregateGroups(Aggregate... aggregates);

    /**
     * Merges the changes into every record the query selects (its condition, keyset, offset and limit, in its
     * order; projection and distinct do not matter), atomically.
     *
     * @param changes fields to set
     * @return the number of records updated
     * @throws io.dictdb.RecordNotFoundException if nothing matches
     * @throws io.dictdb.SchemaValidationException if a changed record fails the schema (then nothing changes)
     */
    int update(Map<String, ?> changes);

    /**
     * Deletes every record the query selects (its condition, keyset, offset and limit, in its order), atomically.
     *
     * @return the number of records deleted
     * @throws io.dictdb.RecordNotFoundException if nothing matches
     */
    int delete();

    /**
     * Runs the query and reports how it ran.
     *
     * @return the plan with its measured counts
     */
    Plan explain();
}
