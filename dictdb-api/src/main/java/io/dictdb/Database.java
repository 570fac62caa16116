package io.dictdb;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * A database: a set of named tables. Every method is thread-safe. Create one with {@code DictDB.create()} from
 * {@code dictdb-core}.
 */
public interface Database extends AutoCloseable {

    /**
     * Creates a table whose primary key is {@code "id"}.
     *
     * @param name the table's name
     * @return the new table
     * @throws DuplicateTableException if a table has that name
     * @throws IllegalArgumentException if the name is blank or breaks the rule for names (see
     *     {@link io.dictdb.spi.ImageLimits})
     */
    default Table createTable(String name) {
        return createTable(TableSpec.named(name));
    }

    /**
     * Creates a table with the given primary-key field.
     *
     * @param name the table's name
     * @param primaryKey the primary-key field
     * @return the new table
     * @throws DuplicateTableException if a table has that name
     * @throws IllegalArgumentException if a name is blank or breaks the rule for names (see
     *     {@link io.dictdb.spi.ImageLimits})
     */
    default Table createTable(String name, String primaryKey) {
        return createTable(TableSpec.named(name).primaryKey(primaryKey));
    }

    /**
     * Creates a table from a spec: name, primary key, schema and indexes.
     *
     * @param spec the spec
     * @return the new table
     * @throws DuplicateTableException if a table has that name
     */
    Table createTable(TableSpec spec);

    /**
     * The table with this name.
     *
     * @param name the table's name
     * @return the table
     * @throws TableNotFoundException if there is none
     */
    default Table table(String name) {
        return findTable(name).orElseThrow(() -> new TableNotFoundException(name));
    }

    /**
     * The table with this name, if any.
     *
     * @param name the table's name
     * @return the table or empty
     */
    Optional<Table> findTable(String name);

    /**
     * Whether a table has this name.
     *
     * @param name the table's name
     * @return true when it exists
     */
    boolean hasTable(String name);

    /**
     * The tables' names in creation order.
     *
     * @return an immutable list
     */
    List<String> tableNames();

    /**
     * Drops a table and its records.
     *
     * @param name the table's name
     * @throws TableNotFoundException if there is none
     */
    void dropTable(String name);

    /**
     * Saves the database atomically, with the codec chosen from the file's extension.
     *
     * @param file the file to write
     * @throws CodecException if no codec serves the extension or writing fails, naming the file
     */
    void save(Path file);

    /**
     * Saves the database atomically with the named codec.
     *
     * @param file the file to write
     * @param format a codec name such as {@code "json"}, {@code "cbor"} or {@code "kryo"}
     * @throws CodecException if the codec is not installed or writing fails, naming the file
     */
    void save(Path file, String format);

    /**
     * Saves the database on the database's async executor, never the common fork-join pool. The consistent
     * snapshot is taken when this method is called, so the file holds the database as it was then, whatever is
     * written while the save waits for the executor or runs.
     *
     * @param file the file to write
     * @param format a codec name
     * @return a future completed when the file is durable, or completed exceptionally with a
     *     {@link CodecException}
     */
    CompletableFuture<Void> saveAsync(Path file, String format);

    /**
     * Runs {@code work} as one transaction over the named tables: their write locks are taken in name order (so two
     * transactions over overlapping tables cannot deadlock, whatever order they list them in) and held for the whole
     * block, so no other thread sees any of its changes before all of them.
     *
     * <p>If {@code work} throws (any exception or error), every change it made is undone before the same throwable
     * leaves this call: records, every index, key counters. Nothing of it reaches the change feed, a backup or a
     * save. If it returns, its changes are committed together, with consecutive sequence numbers, and reach every
     * subscriber as one {@link ChangeListener#onChanges(List) onChanges} call.
     *
     * <p>Inside {@code work}: reads see the block's own writes; a write to a table not named throws
     * {@link IllegalStateException} and dooms the transaction (it is undone when the block ends, even if the block
     * caught the exception); creating or dropping tables or indexes is refused with {@link IllegalStateException};
     * a nested {@code transaction} over a subset of the tables joins this one (if the nested block throws, its own
     * changes are undone, as a savepoint's would be, and the outer block decides what happens next), over other
     * tables it is refused with {@link IllegalStateException}.
     *
     * @param tables the tables the block may change, at least one
     * @param work the block
     * @param <T> what the block returns
     * @return what {@code work} returned
     * @throws TableNotFoundException if a table does not exist (nothing is run)
     * @throws IllegalStateException if called inside a transaction over other tables, or inside an update function
     * @throws NullPointerException if an argument is null
     */
    <T> T transaction(Collection<String> tables, Supplier<T> work);

    /**
     * Runs {@code work} as one transaction over the named tables, as {@link #transaction(Collection, Supplier)} does.
     *
     * @param tables the tables the block may change
     * @param work the block
     * @throws TableNotFoundException if a table does not exist (nothing is run)
     * @throws IllegalStateException if called inside a transaction over other tables
     * @throws NullPointerException if an argument is null
     */
    default void transaction(Collection<String> tables, Runnable work) {
        java.util.Objects.requireNonNull(work, "work");
        transaction(tables, () -> {
            work.run();
            return null;
        });
    }

    /**
     * Follows every change committed after this call, with a buffer of {@value ChangeSubscription#DEFAULT_MAX_PENDING}
     * changes: see {@link #subscribe(ChangeListener, int)}.
     *
     * @param listener the listener
     * @return the subscription; close it to stop
     * @throws NullPointerException if the listener is null
     */
    default ChangeSubscription subscribe(ChangeListener listener) {
        return subscribe(listener, ChangeSubscription.DEFAULT_MAX_PENDING);
    }

    /**
     * Follows every change committed after this call. The listener is called once per commit (a single write, an
     * {@code insertAll}, an update or delete of many records, a transaction), in sequence order, each change once;
     * nothing of a rolled-back transaction ever reaches it. Calls come from the subscription's own thread, never from
     * a writer's and never while a table lock is held, so a slow or blocked listener delays neither writers nor other
     * subscriptions.
     *
     * <p>Changes waiting for the listener are buffered up to {@code maxPendingChanges}; a subscription that falls
     * further behind is failed rather than holding memory without bound or slowing writers: its buffer is dropped,
     * {@link ChangeListener#onFailure(Throwable)} is told how far behind it was, and it delivers nothing more. A
     * listener that throws ends its own subscription the same way, and no other.
     *
     * @param listener the listener
     * @param maxPendingChanges the most changes buffered for it, at least 1
     * @return the subscription; close it to stop
     * @throws IllegalArgumentException if {@code maxPendingChanges} is less than 1
     * @throws NullPointerException if the listener is null
     */
    ChangeSubscription subscribe(ChangeListener listener, int maxPendingChanges);

    /**
     * Closes the database: a durable one flushes and closes its journal and releases its folder; every change
     * subscription is closed. Calling it again does nothing. Every later call on the database or its tables throws
     * {@link IllegalStateException}.
     */
    @Override
    void close();
}
