package io.dictdb.core.table;

import io.dictdb.DuplicateKeyException;
import io.dictdb.FieldType;
import io.dictdb.Index;
import io.dictdb.IndexSpec;
import io.dictdb.IndexType;
import io.dictdb.InsertOptions;
import io.dictdb.OnConflict;
import io.dictdb.Record;
import io.dictdb.RecordNotFoundException;
import io.dictdb.Schema;
import io.dictdb.Table;
import io.dictdb.TableNotFoundException;
import io.dictdb.UpsertResult;
import io.dictdb.Values;
import io.dictdb.core.OperationKind;
import io.dictdb.core.Snapshot;
import io.dictdb.core.index.FieldIndex;
import io.dictdb.core.log.DebugSampler;
import io.dictdb.core.query.QuerySource;
import io.dictdb.core.query.TableQuery;
import io.dictdb.core.stats.OperationStats;
import io.dictdb.core.stats.TableCounters;
import io.dictdb.core.storage.RecordStore;
import io.dictdb.core.storage.Row;
import io.dictdb.internal.ValueKeys;
import io.dictdb.query.Condition;
import io.dictdb.query.Conditions;
import io.dictdb.query.Query;
import io.dictdb.spi.IndexDefinition;
import io.dictdb.spi.TableDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * A table held in memory: records by primary key in insertion order, a key counter, an optional schema and
 * secondary indexes, all guarded by one reader-writer lock.
 *
 * <p>Every write validates everything first and changes state only when nothing can fail any more, so a failed
 * write (a bad record in a batch, a schema failure in one of many updated records, an exception from an update
 * function) leaves records, indexes and the key counter exactly as they were. Each committed change is numbered in
 * the database's change log before the write lock is released.
 *
 * <p>The lock is a non-fair {@link ReentrantReadWriteLock}: readers share it, a writer has it alone, and a new reader
 * queues behind a waiting writer, so a stream of readers cannot starve writers.
 */
public final class MemoryTable implements Table, QuerySource {
    private static final Logger LOG = LoggerFactory.getLogger(MemoryTable.class);

    private final TableContext context;
    private final String name;
    private final String primaryKey;
    private final Schema schema;
    private final SchemaCheck schemaCheck;
    /** Whether the key field takes the Long keys the counter generates (a STRING key, for one, does not). */
    private final boolean generatesKeys;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final RecordStore rows;
    /** The indexes by name ({@link IndexSpec#name()}): a single-field index's name is its field. */
    private final LinkedHashMap<String, FieldIndex> indexes = new LinkedHashMap<>();
    /** The unique ones among them, checked by every write; empty for most tables, which then pay nothing. */
    private List<FieldIndex> uniques = List.of();
    /** Queries that examined every record, and the records they examined, for {@link #stats()}. */
    private final LongAdder scans = new LongAdder();
    private final LongAdder rowsScanned = new LongAdder();
    private long nextKey;
    private volatile boolean dropped;
    /** The thread running an update function of this table, which must not write the table itself. */
    private Thread updating;
    /** The transaction of the write running now (under the write lock), or null for a write of its own. */
    private Transaction tx;
    /** Operation counts and latencies, for {@code DictDB.metrics()}. */
    private final TableCounters stats = new TableCounters();

    /**
     * Creates a table holding {@code records}, trusted to be valid and keyed uniquely (they come from a snapshot).
     *
     * @param context what the table shares with its database
     * @param definition name, primary key, schema and indexes
     * @param nextKey the key counter's next value
     * @param records records to hold, iterated once (a loader streams them from a file)
     * @throws IllegalArgumentException if two records share a key
     */
    public MemoryTable(TableContext context, TableDefinition definition, long nextKey, Iterable<Record> records) {
        this.context = context;
        this.name = definition.name();
        this.primaryKey = definition.primaryKey();
        this.schema = definition.schema() == null ? null
                : definition.schema().withFieldIfAbsent(primaryKey, FieldType.LONG);
        this.schemaCheck = new SchemaCheck(name, schema);
        this.generatesKeys = schema == null || schema.type(primaryKey).coerce(1L) != null;
        this.nextKey = Math.max(1, nextKey);
        this.rows = new RecordStore(primaryKey);
        for (Record r : records) {
            Object key = r.get(primaryKey);
            if (key == null) {
                throw new IllegalArgumentException("Table '" + name + "': a record without primary key '"
                        + primaryKey + "'");
            }
            Object hk = ValueKeys.hashKey(key);
            if (rows.row(hk) != null) {
                throw new DuplicateKeyException(name, key);
            }
            rows.add(hk, r);
            this.nextKey = advance(this.nextKey, key);
        }
        for (IndexDefinition d : definition.indexes()) {
            buildIndex(d.toSpec());
        }
    }

    // ---------------------------------------------------------------- plumbing

    @Override
    public String name() {
        return name;
    }

    @Override
    public String primaryKey() {
        return primaryKey;
    }

    @Override
    public Optional<Schema> schema() {
        return Optional.ofNullable(schema);
    }

    @Override
    public ReentrantReadWriteLock lock() {
        return lock;
    }

    @Override
    public void checkOpen() {
        context.checkOpen(name);
        if (dropped) {
            throw new TableNotFoundException(name);
        }
    }

    /**
     * Marks the table dropped: every later operation throws {@link TableNotFoundException}. Called under the
     * write lock.
     */
    public void markDropped() {
        dropped = true;
    }

    @Override
    public Row row(Object hashKey) {
        return rows.row(hashKey);
    }

    @Override
    public Iterable<Record> records() {
        return rows.values();
    }

    @Override
    public int size() {
        return rows.size();
    }

    @Override
    public FieldIndex indexOn(String field) {
        FieldIndex index = indexes.get(field);
        // a partial index of the same name holds only some records: the planner weighs it separately
        return index != null && index.isPlain() ? index : null;
    }

    @Override
    public Collection<FieldIndex> allIndexes() {
        return indexes.values();
    }

    @Override
    public void scanned(long examined) {
        scans.increment();
        rowsScanned.add(examined);
    }

    @Override
    public DebugSampler sampler() {
        return context.sampler();
    }

    @Override
    public long slowQueryNanos() {
        return context.slowQueryNanos();
    }

    @Override
    public TableCounters counters() {
        return stats;
    }

    /**
     * The table's definition: name, primary key, schema (with the key declared) and indexes. Call under the lock.
     *
     * @return the definition
     */
    public TableDefinition definition() {
        List<IndexDefinition> defs = new ArrayList<>(indexes.size());
        for (FieldIndex i : indexes.values()) {
            defs.add(i.definition());
        }
        return new TableDefinition(name, primaryKey, schema, defs);
    }

    /**
     * The key counter: the next key an insert without one gets. Call under the read lock.
     *
     * @return the next key
     */
    public long nextKey() {
        return nextKey;
    }

    /**
     * The table's image for a snapshot: definition, counter and record references. Call under the read lock.
     *
     * @return the image
     */
    public Snapshot.TableImage image() {
        return new Snapshot.TableImage(definition(), nextKey, rows.freeze());
    }

    private <T> T read(Supplier<T> work) {
        beforeRead();
        Lock r = lock.readLock();
        r.lock();
        try {
            checkOpen();
            return work.get();
        } finally {
            r.unlock();
        }
    }

    @Override
    public void beforeRead() {
        enteringFrom(false);
    }

    /**
     * The calling thread's transaction, checked before this table's lock is taken: a dropped table is not found,
     * whichever transaction asks; a table outside the transaction is refused (its lock is not in the transaction's
     * order, so waiting for it could deadlock; a write also dooms the transaction).
     */
    private Transaction enteringFrom(boolean write) {
        Transaction current = Transaction.current();
        if (current != null) {
            checkOpen();
            if (write) {
                current.requireWritable(this);
            } else {
                current.requireReadable(this);
            }
        }
        return current;
    }

    private <T> T write(Supplier<T> work) {
        context.checkWritable("change", name);
        Transaction current = enteringFrom(true);
        if (lock.getReadHoldCount() > 0 && !lock.isWriteLockedByCurrentThread()) {
            // A read lock cannot be upgraded: waiting for the write lock here would wait forever.
            throw new IllegalStateException("Table '" + name + "' cannot be changed by a thread that is reading it "
                    + "(inside a query's matching() predicate)");
        }
        T result = writeLocked(current, work);
        // Outside a transaction and every lock of this table, a durable database waits here until the commit is on
        // disk: a slow disk holds up this writer, not the others (writers waiting together share one fsync).
        if (current == null && !lock.isWriteLockedByCurrentThread()) {
            context.changes().awaitDurable();
        }
        return result;
    }

    private <T> T writeLocked(Transaction current, Supplier<T> work) {
        Lock w = lock.writeLock();
        lockSpinning(w);
        try {
            checkOpen();
            if (updating == Thread.currentThread()) {
                throw new IllegalStateException("Table '" + name + "' cannot be changed from inside its own update "
                        + "function");
            }
            Transaction outer = tx;
            tx = current;
            if (current != null) {
                current.touch(this);
            }
            try {
                return work.get();
            } finally {
                tx = outer;
            }
        } finally {
            w.unlock();
        }
    }

    /** Tries for the lock this many times, with a spin hint between tries, before queuing for it. */
    private static final int LOCK_SPINS = 100;

    /**
     * Takes a lock, trying for it a moment before queuing: a table's writes hold its lock for a microsecond or so,
     * while a writer that queues parks, and waking it again costs tens of microseconds on a busy or virtual machine.
     * Many writers arriving at once (those a journal force released together) otherwise pass the lock along a
     * convoy of parked threads, one wake-up per write.
     */
    private static void lockSpinning(Lock lock) {
        for (int i = 0; i < LOCK_SPINS; i++) {
            if (lock.tryLock()) {
                return;
            }
            Thread.onSpinWait();
        }
        lock.lock();
    }

    /** Refuses DDL inside a transaction: it could not be undone with the block's writes. */
    private void refuseInTransaction(String what) {
        Transaction current = Transaction.current();
        if (current != null) {
            throw new IllegalStateException("Cannot " + what + " of table '" + name + "' inside a transaction (over "
                    + current.tableNames() + "): create and drop indexes outside it");
        }
    }

    // ---------------------------------------------------------------- transactions

    /** The table joins a transaction: its store stops compacting, so rows keep their slots until it ends. */
    void enterTransaction() {
        rows.holdCompaction(true);
    }

    /** The transaction ended (committed or rolled back): compact now if deletes made it due. */
    void leaveTransaction() {
        if (rows.holdCompaction(false)) {
            for (FieldIndex index : indexes.values()) {
                index.slotsRenumbered();
            }
        }
    }

    /** Takes back an insert: the row is the store's newest, since everything after it was taken back first. */
    void undoInsert(Row row, long counterBefore) {
        Record record = row.record();
        for (FieldIndex index : indexes.values()) {
            index.remove(row, record);
        }
        rows.removeNewest(row);
        nextKey = counterBefore;
    }

    /** Takes back an update: the row gets its record from before. */
    void undoUpdate(Row row, Record before) {
        update(row, before);
    }

    /** Takes back a delete: the row, which kept its record and slot, goes back where it was. */
    void undoDelete(Row row) {
        rows.restore(row);
        for (FieldIndex index : indexes.values()) {
            index.add(row);
        }
    }

    // ---------------------------------------------------------------- numbering, or staging in a transaction

    private void logUpsert(Record stored, boolean created) {
        if (tx != null) {
            tx.upserted(this, stored, created);
        } else {
            context.changes().upsert(name, stored, created);
        }
    }

    private void logUpserts(List<Record> stored, boolean created) {
        if (tx != null) {
            for (Record r : stored) {
                tx.upserted(this, r, created);
            }
        } else {
            context.changes().upserts(name, stored, created);
        }
    }

    private void logDeletes(List<Object> keys) {
        if (tx != null) {
            for (Object k : keys) {
                tx.deleted(this, k);
            }
        } else {
            context.changes().deletes(name, keys);
        }
    }

    /**
     * Moves the key counter to at least {@code next} (loading an image's table state).
     *
     * @param next the lowest next automatic key
     */
    public void advanceKeyCounter(long next) {
        write(() -> {
            nextKey = Math.max(nextKey, next);
            return null;
        });
    }

    private static long advance(long counter, Object key) {
        return InsertBatch.advance(counter, key);
    }

    // ---------------------------------------------------------------- inserts

    @Override
    public Object insert(Map<String, ?> record) {
        long start = OperationStats.start();
        try {
            Record r = Record.of(Objects.requireNonNull(record, "record"));
            return write(() -> {
                InsertBatch batch = newBatch(1);
                Record stored = batch.add(r, true, -1); // stores nothing when it throws
                commit(batch);
                context.sampler().debug(LOG).addKeyValue("op", "insert").addKeyValue("table", name)
                        .addKeyValue("count", 1).log("insert");
                return stored.get(primaryKey);
            });
        } finally {
            stats.record(OperationKind.INSERT, start);
        }
    }

    @Override
    public List<Object> insertAll(Collection<? extends Map<String, ?>> records) {
        return insertAll(records, InsertOptions.defaults());
    }

    @Override
    public List<Object> insertAll(Collection<? extends Map<String, ?>> records, InsertOptions options) {
        long start = OperationStats.start();
        try {
            return insertAllCounted(records, options);
        } finally {
            stats.record(OperationKind.INSERT, start);
        }
    }

    private List<Object> insertAllCounted(Collection<? extends Map<String, ?>> records, InsertOptions options) {
        Objects.requireNonNull(records, "records");
        Objects.requireNonNull(options, "options");
        // Canonicalising is the costly part and needs no lock.
        List<Record> input = new ArrayList<>(records.size());
        int i = 0;
        for (Map<String, ?> m : records) {
            if (m == null) {
                throw new IllegalArgumentException("Table '" + name + "': record " + (i + 1) + " of the batch is null");
            }
            input.add(Record.of(m));
            i++;
        }
        int count = input.size();
        int chunk = options.batchSize() > 0 ? options.batchSize() : Math.max(1, count);
        return write(() -> {
            InsertBatch batch = newBatch(count);
            try {
                for (int from = 0; from < count; from += chunk) {
                    int to = Math.min(count, from + chunk);
                    for (int j = from; j < to; j++) {
                        batch.add(input.get(j), !options.skipValidation(), j);
                    }
                    context.sampler().debug(LOG).addKeyValue("op", "insert_chunk").addKeyValue("table", name)
                            .addKeyValue("count", to - from).log("validated chunk");
                }
            } catch (RuntimeException | Error e) {
                batch.rollback();
                throw e;
            }
            commit(batch);
            LOG.atDebug().addKeyValue("op", "insert_all").addKeyValue("table", name)
                    .addKeyValue("count", batch.size()).log("insertAll");
            List<Object> keys = new ArrayList<>(batch.size());
            for (int j = 0; j < batch.size(); j++) {
                keys.add(batch.record(j).get(primaryKey));
            }
            return keys;
        });
    }

    /** A batch of inserts into this table, from the counter as it is now; call under the write lock. */
    private InsertBatch newBatch(int expected) {
        return new InsertBatch(name, primaryKey, rows, schemaCheck, schema, generatesKeys, nextKey, expected);
    }

    /** Indexes a stored batch, moves the counter and numbers the batch in the change log. */
    private void commit(InsertBatch batch) {
        if (!uniques.isEmpty()) {
            try {
                UniqueCheck.check(name, primaryKey, uniques, null, batch.records());
            } catch (DuplicateKeyException e) {
                batch.rollback();
                throw e;
            }
        }
        long counterBefore = nextKey;
        nextKey = batch.commit(indexes.values());
        // Every key of a batch was absent before it (the batch refuses duplicates).
        if (tx != null) {
            for (int i = 0; i < batch.size(); i++) {
                tx.noteInsert(this, batch.row(i), counterBefore);
                tx.upserted(this, batch.record(i), true);
            }
        } else if (batch.size() == 1) {
            context.changes().upsert(name, batch.record(0), true);
        } else {
            context.changes().upserts(name, batch.records(), true);
        }
    }

    // ---------------------------------------------------------------- schema

    private Record validated(Record r, int position) {
        return schemaCheck.validated(r, position);
    }

    // ---------------------------------------------------------------- upsert, replace, remove

    @Override
    public UpsertResult upsert(Map<String, ?> record) {
        return upsert(record, OnConflict.UPDATE);
    }

    @Override
    public UpsertResult upsert(Map<String, ?> record, OnConflict onConflict) {
        long start = OperationStats.start();
        OperationKind kind = OperationKind.INSERT;
        try {
            UpsertResult result = upsertCounted(record, onConflict);
            if (result.action() != UpsertResult.Action.INSERTED) {
                kind = OperationKind.UPDATE;
            }
            return result;
        } finally {
            stats.record(kind, start);
        }
    }

    private UpsertResult upsertCounted(Map<String, ?> record, OnConflict onConflict) {
        Record r = Record.of(Objects.requireNonNull(record, "record"));
        Objects.requireNonNull(onConflict, "onConflict");
        return write(() -> {
            Object key = r.get(primaryKey);
            Row row = key == null ? null : rows.row(ValueKeys.hashKey(key));
            if (row == null) {
                InsertBatch batch = newBatch(1);
                Record stored = batch.add(r, true, -1); // stores nothing when it throws
                commit(batch);
                return new UpsertResult(stored.get(primaryKey), UpsertResult.Action.INSERTED);
            }
            Record existing = row.record();
            Object storedKey = existing.get(primaryKey);
            switch (onConflict) {
                case IGNORE:
                    return new UpsertResult(storedKey, UpsertResult.Action.IGNORED);
                case ERROR:
                    throw new DuplicateKeyException(name, key);
                default:
                    Record merged = validated(existing.withAll(r).with(primaryKey, storedKey), -1);
                    UniqueCheck.check(name, primaryKey, uniques, List.of(row), List.of(merged));
                    update(row, merged);
                    logUpsert(merged, false);
                    return new UpsertResult(storedKey, UpsertResult.Action.UPDATED);
            }
        });
    }

    private void update(Row row, Record after) {
        Record before = row.record();
        if (tx != null && !tx.undoing()) {
            tx.noteUpdate(this, row, before);
        }
        rows.replace(row, after);
        for (FieldIndex index : indexes.values()) {
            index.replace(row, before);
        }
    }

    private void add(Object hk, Record record) {
        long counterBefore = nextKey;
        Row row = rows.add(hk, record);
        if (tx != null) {
            tx.noteInsert(this, row, counterBefore);
        }
        for (FieldIndex index : indexes.values()) {
            index.add(row);
        }
    }

    private void remove(Row row) {
        Record old = row.record();
        if (tx != null) {
            tx.noteDelete(this, row);
        }
        // indexes first: they find the row by its slot, which a compaction of the store renumbers
        for (FieldIndex index : indexes.values()) {
            index.remove(row, old);
        }
        if (rows.remove(row)) {
            for (FieldIndex index : indexes.values()) {
                index.slotsRenumbered();
            }
        }
    }

    /**
     * Stores a whole record, replacing the one with the same key (applying a change): no schema check, the
     * counter moves past an explicit Long key.
     *
     * @param record the record, holding its primary key
     * @throws IllegalArgumentException if the record has no primary key
     */
    public void replace(Record record) {
        write(() -> {
            Object key = record.get(primaryKey);
            if (key == null) {
                throw new IllegalArgumentException("Table '" + name + "': cannot apply a record without primary key '"
                        + primaryKey + "'");
            }
            Object hk = ValueKeys.hashKey(key);
            Row row = rows.row(hk);
            if (row == null) {
                add(hk, record);
            } else {
                update(row, record);
            }
            nextKey = advance(nextKey, key);
            logUpsert(record, row == null);
            return null;
        });
    }

    /**
     * Removes the record with this key, if any (applying a change).
     *
     * @param key the primary key
     * @return true when a record was removed
     */
    public boolean removeKey(Object key) {
        Object canonical = Values.canonical(primaryKey, key);
        return write(() -> {
            Row row = rows.row(ValueKeys.hashKey(canonical));
            if (row == null) {
                return false;
            }
            Object storedKey = row.record().get(primaryKey);
            remove(row);
            logDeletes(List.of(storedKey));
            return true;
        });
    }

    // ---------------------------------------------------------------- reads

    @Override
    public Optional<Record> get(Object key) {
        if (key == null) {
            return Optional.empty();
        }
        long start = OperationStats.start();
        try {
            Object hk = ValueKeys.hashKey(Values.canonical(primaryKey, key));
            return read(() -> {
                Row row = rows.row(hk);
                return row == null ? Optional.empty() : Optional.of(row.record());
            });
        } finally {
            stats.record(OperationKind.LOOKUP, start);
        }
    }

    @Override
    public List<Record> select(Condition where) {
        return new TableQuery(this, Objects.requireNonNull(where, "where")).toList();
    }

    @Override
    public List<Record> all() {
        return read(() -> {
            List<Record> out = new ArrayList<>(rows.size());
            rows.values().forEach(out::add);
            return Collections.unmodifiableList(out);
        });
    }

    @Override
    public Query query() {
        return new TableQuery(this);
    }

    @Override
    public long count() {
        return read(rows::size);
    }

    @Override
    public long count(Condition where) {
        return new TableQuery(this, Objects.requireNonNull(where, "where")).count();
    }

    @Override
    public List<String> columns() {
        if (schema != null) {
            checkOpen();
            return List.copyOf(schema.fields().keySet());
        }
        return read(() -> {
            Set<String> names = new LinkedHashSet<>();
            for (Record r : rows.values()) {
                names.addAll(r.fields());
            }
            return List.copyOf(names);
        });
    }

    @Override
    public List<String> schemaFields() {
        checkOpen();
        return schema == null ? List.of() : List.copyOf(schema.fields().keySet());
    }

    // ---------------------------------------------------------------- updates and deletes

    @Override
    public int update(Map<String, ?> changes) {
        return updateWhere(changes, Conditions.all());
    }

    @Override
    public int update(Map<String, ?> changes, Condition where) {
        return updateWhere(changes, where);
    }

    @Override
    public int update(UnaryOperator<Record> updater, Condition where) {
        return updateWhere(updater, where);
    }

    @Override
    public int updateWhere(Map<String, ?> changes, Condition where) {
        Record delta = Record.of(Objects.requireNonNull(changes, "changes"));
        return updateWhere(r -> r.withAll(delta), Objects.requireNonNull(where, "where"), "update");
    }

    @Override
    public int updateWhere(UnaryOperator<Record> updater, Condition where) {
        Objects.requireNonNull(updater, "updater");
        return updateWhere(updater, Objects.requireNonNull(where, "where"), "update_fn");
    }

    private int updateWhere(UnaryOperator<Record> updater, Condition where, String op) {
        return counted(OperationKind.UPDATE,
                () -> write(() -> updateMatches(updater, query().where(where).toList(), where, op)));
    }

    @Override
    public int updateSelected(Map<String, ?> changes, Supplier<List<Record>> selection) {
        Record delta = Record.of(Objects.requireNonNull(changes, "changes"));
        return counted(OperationKind.UPDATE,
                () -> write(() -> updateMatches(r -> r.withAll(delta), selection.get(), null, "update")));
    }

    @Override
    public int deleteSelected(Supplier<List<Record>> selection) {
        return counted(OperationKind.DELETE, () -> write(() -> deleteMatches(selection.get(), null)));
    }

    /**
     * The condition named when nothing matched: {@code where}, or for a selection (a page of a query) the empty
     * key set that a paged update used to run as a second query, so the message stays what it was.
     */
    private Condition notFoundCondition(Condition where) {
        return where != null ? where : Conditions.field(primaryKey).in(List.of());
    }

    /** Replaces the records a query found (under the write lock) by the updater's; throws when there are none. */
    private int updateMatches(UnaryOperator<Record> updater, List<Record> matches, Condition where, String op) {
        if (matches.isEmpty()) {
            throw new RecordNotFoundException(name, "No record in table '" + name + "' matches "
                    + notFoundCondition(where));
        }
        // Compute and check every new record before changing anything.
        List<Record> updated = new ArrayList<>(matches.size());
        updating = Thread.currentThread();
        try {
            for (Record before : matches) {
                updated.add(updatedRecord(updater, before));
            }
        } finally {
            updating = null;
        }
        List<Row> targets = new ArrayList<>(matches.size());
        for (Record m : matches) {
            targets.add(rows.row(ValueKeys.hashKey(m.get(primaryKey))));
        }
        UniqueCheck.check(name, primaryKey, uniques, targets, updated);
        for (int i = 0; i < targets.size(); i++) {
            update(targets.get(i), updated.get(i));
        }
        logUpserts(updated, false);
        context.sampler().debug(LOG).addKeyValue("op", op).addKeyValue("table", name)
                .addKeyValue("count", updated.size()).log(op);
        return updated.size();
    }

    private Record updatedRecord(UnaryOperator<Record> updater, Record before) {
        Record after = updater.apply(before);
        if (after == null) {
            throw new IllegalArgumentException("Table '" + name + "': the update function returned null for "
                    + primaryKey + "=" + Values.describe(before.get(primaryKey)));
        }
        Object oldKey = before.get(primaryKey);
        Object newKey = after.get(primaryKey);
        if (!Values.equal(oldKey, newKey)) {
            throw new IllegalArgumentException("Table '" + name + "': an update cannot change the primary key '"
                    + primaryKey + "' (from " + Values.describe(oldKey) + " to " + Values.describe(newKey) + ")");
        }
        return validated(after.with(primaryKey, oldKey), -1);
    }

    @Override
    public int delete(Condition where) {
        return deleteWhere(where);
    }

    @Override
    public int deleteWhere(Condition where) {
        Objects.requireNonNull(where, "where");
        return counted(OperationKind.DELETE, () -> write(() -> deleteMatches(query().where(where).toList(), where)));
    }

    /** Deletes the records a query found (under the write lock); throws when there are none. */
    private int deleteMatches(List<Record> matches, Condition where) {
        if (matches.isEmpty()) {
            throw new RecordNotFoundException(name, "No record in table '" + name + "' matches "
                    + notFoundCondition(where));
        }
        return removeAll(matches, "delete");
    }

    @Override
    public int deleteAll() {
        return counted(OperationKind.DELETE, () -> write(() -> {
            if (rows.isEmpty()) {
                return 0;
            }
            List<Record> everything = new ArrayList<>(rows.size());
            rows.values().forEach(everything::add);
            return removeAll(everything, "delete_all");
        }));
    }

    /** Runs an update or delete, counting it (thrown or not) with its latency in the table's metrics. */
    private int counted(OperationKind kind, IntSupplier work) {
        long start = OperationStats.start();
        try {
            return work.getAsInt();
        } finally {
            stats.record(kind, start);
        }
    }

    private int removeAll(List<Record> records, String op) {
        List<Object> keys = new ArrayList<>(records.size());
        for (Record r : records) {
            Object key = r.get(primaryKey);
            remove(rows.row(ValueKeys.hashKey(key)));
            keys.add(key);
        }
        logDeletes(keys);
        context.sampler().debug(LOG).addKeyValue("op", op).addKeyValue("table", name)
                .addKeyValue("count", keys.size()).log(op);
        return keys.size();
    }

    // ---------------------------------------------------------------- indexes

    @Override
    public void createIndex(IndexSpec spec) {
        Objects.requireNonNull(spec, "spec");
        String indexName = spec.name();
        refuseInTransaction("create the index '" + indexName + "'");
        write(() -> {
            FieldIndex existing = indexes.get(indexName);
            if (existing != null) {
                throw new IllegalArgumentException("Table '" + name + "' already has an index named '" + indexName
                        + "' (" + existing.spec() + ")" + (existing.spec().fields().size() == 1
                        ? ": one index per field and type" : ""));
            }
            FieldIndex index = buildIndex(spec);
            context.changes().createIndex(name, index.definition());
            LOG.atInfo().addKeyValue("op", "create_index").addKeyValue("table", name)
                    .addKeyValue("field", indexName).addKeyValue("count", rows.size())
                    .log("Created {} index '{}' on table '{}'", spec, indexName, name);
            return null;
        });
    }

    /**
     * Builds an index from the records in insertion order and adds it; a unique index over duplicates fails naming
     * the first value held twice, and nothing is added.
     */
    private FieldIndex buildIndex(IndexSpec spec) {
        FieldIndex index = FieldIndex.of(spec);
        // in insertion order, so that every bucket fills by appends
        for (Row row : rows.rowsInOrder()) {
            if (spec.isUnique()) {
                Row holder = index.holderOf(row.record());
                if (holder != null) {
                    throw new DuplicateKeyException(name, spec.fields(), index.valueOf(row.record()),
                            holder.record().get(primaryKey));
                }
            }
            index.add(row);
        }
        indexes.put(spec.name(), index);
        refreshUniques();
        return index;
    }

    private void refreshUniques() {
        List<FieldIndex> u = new ArrayList<>();
        for (FieldIndex i : indexes.values()) {
            if (i.spec().isUnique()) {
                u.add(i);
            }
        }
        uniques = List.copyOf(u);
    }

    @Override
    public void dropIndex(String indexName) {
        refuseInTransaction("drop the index '" + indexName + "'");
        write(() -> {
            if (indexes.remove(indexName) == null) {
                throw new IllegalArgumentException("Table '" + name + "' has no index named '" + indexName
                        + "' (its indexes: " + indexes.keySet() + ")");
            }
            refreshUniques();
            context.changes().dropIndex(name, indexName);
            LOG.atInfo().addKeyValue("op", "drop_index").addKeyValue("table", name).addKeyValue("field", indexName)
                    .log("Dropped index '{}' of table '{}'", indexName, name);
            return null;
        });
    }

    @Override
    public void dropIndex(IndexSpec spec) {
        Objects.requireNonNull(spec, "spec");
        dropIndex(spec.name());
    }

    @Override
    public boolean hasIndex(String indexName) {
        return read(() -> indexes.containsKey(indexName));
    }

    @Override
    public List<String> indexedFields() {
        return read(() -> List.copyOf(indexes.keySet()));
    }

    @Override
    public Optional<Index> index(String indexName) {
        return read(() -> Optional.ofNullable(indexes.get(indexName)).map(this::view));
    }

    @Override
    public List<Index> indexes() {
        return read(() -> {
            List<Index> out = new ArrayList<>(indexes.size());
            for (FieldIndex i : indexes.values()) {
                out.add(view(i));
            }
            return List.copyOf(out);
        });
    }

    /** The public view of an index: reads under the lock; its stats stay readable after a drop. */
    private Index view(FieldIndex index) {
        return new Index() {
            @Override
            public String field() {
                return index.field();
            }

            @Override
            public IndexType type() {
                return index.spec().type();
            }

            @Override
            public long distinctKeys() {
                return read(index::distinctKeys);
            }

            @Override
            public IndexSpec spec() {
                return index.spec();
            }

            @Override
            public io.dictdb.IndexStats stats() {
                return index.usage().snapshot();
            }

            @Override
            public String toString() {
                return index.spec() + " index '" + index.name() + "' of table '" + name + "'";
            }
        };
    }

    @Override
    public io.dictdb.TableStats stats() {
        return read(() -> {
            Map<String, io.dictdb.IndexStats> byName = new LinkedHashMap<>();
            indexes.forEach((n, i) -> byName.put(n, i.usage().snapshot()));
            return new io.dictdb.TableStats(scans.sum(), rowsScanned.sum(), byName);
        });
    }

    /**
     * Adds usage counts taken earlier (a durable database's saved statistics): scans and rows add up, and each index
     * still here by that name adds its counts; counts of indexes gone since are dropped.
     *
     * @param earlier the counts to add
     */
    public void addStats(io.dictdb.TableStats earlier) {
        read(() -> {
            scans.add(earlier.scans());
            rowsScanned.add(earlier.rowsScanned());
            earlier.indexes().forEach((n, s) -> {
                FieldIndex i = indexes.get(n);
                if (i != null) {
                    i.usage().add(s);
                }
            });
            return null;
        });
    }

    @Override
    public void resetStats() {
        read(() -> {
            scans.reset();
            rowsScanned.reset();
            indexes.values().forEach(i -> i.usage().reset());
            return null;
        });
    }

    @Override
    public String toString() {
        return "Table[" + name + ", pk=" + primaryKey + "]";
    }
}
