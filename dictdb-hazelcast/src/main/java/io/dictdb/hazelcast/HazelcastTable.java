package io.dictdb.hazelcast;

import com.hazelcast.map.IMap;
import com.hazelcast.nio.serialization.genericrecord.GenericRecord;
import com.hazelcast.query.Predicate;
import io.dictdb.DictDbException;
import io.dictdb.DuplicateKeyException;
import io.dictdb.FieldType;
import io.dictdb.Index;
import io.dictdb.IndexSpec;
import io.dictdb.IndexStats;
import io.dictdb.IndexType;
import io.dictdb.InsertOptions;
import io.dictdb.OnConflict;
import io.dictdb.Record;
import io.dictdb.RecordNotFoundException;
import io.dictdb.Schema;
import io.dictdb.SchemaValidationException;
import io.dictdb.Table;
import io.dictdb.TableNotFoundException;
import io.dictdb.TableStats;
import io.dictdb.UpsertResult;
import io.dictdb.ValueRule;
import io.dictdb.Values;
import io.dictdb.core.stats.TableCounters;
import io.dictdb.core.table.SchemaCheck;
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
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A table of a {@link HazelcastDatabase}: an {@code IMap} from the primary key to the record's Compact form. See
 * {@link HazelcastDatabase} for what runs where and how writes behave.
 */
final class HazelcastTable implements Table {
    private static final Logger LOG = LoggerFactory.getLogger(HazelcastTable.class);
    private static final ThreadLocal<HazelcastTable> UPDATING = new ThreadLocal<>();

    private final HazelcastDatabase db;
    private final String name;
    private final String primaryKey;
    private final Schema schema;
    private final SchemaCheck check;
    private final boolean generatesKeys;
    private final long created;
    private final IMap<Object, GenericRecord> map;
    private final LinkedHashMap<String, IndexSpec> indexes = new LinkedHashMap<>();
    private final TableCounters counters = new TableCounters();
    private volatile boolean dropped;

    HazelcastTable(HazelcastDatabase db, TableDefinition def, long created) {
        this.db = db;
        this.name = def.name();
        this.primaryKey = def.primaryKey();
        this.schema = def.schema() == null ? null : def.schema().withFieldIfAbsent(primaryKey, FieldType.LONG);
        this.check = new SchemaCheck(name, schema);
        this.generatesKeys = schema == null || schema.type(primaryKey).coerce(1L) != null;
        this.created = created;
        this.map = db.hazelcast().getMap(db.mapName(name, created));
        for (IndexDefinition d : def.indexes()) {
            IndexSpec spec = d.toSpec();
            indexes.put(spec.name(), spec);
        }
    }

    static UnsupportedOperationException noUnique(String table) {
        return new UnsupportedOperationException("Table '" + table + "': unique indexes are left out of the Hazelcast "
                + "backend");
    }

    /**
     * The table whose update function the calling thread is running, or null.
     *
     * @return the table
     */
    static HazelcastTable updating() {
        return UPDATING.get();
    }

    long created() {
        return created;
    }

    void markDropped() {
        dropped = true;
    }

    IMap<Object, GenericRecord> map() {
        return map;
    }

    TableCounters counters() {
        return counters;
    }

    HazelcastDatabase database() {
        return db;
    }

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

    void checkOpen() {
        db.checkOpen();
        if (dropped) {
            throw new TableNotFoundException(name);
        }
    }

    /** Checks a write may run: open, named by the calling thread's transaction, not from an update function. */
    private HzTransaction beforeWrite() {
        checkOpen();
        HzTransaction tx = HzTransaction.current();
        if (tx != null) {
            tx.requireWritable(name);
        }
        if (CandidateSource.reading(this)) {
            // as the in-memory engine refuses it: a write from inside a query's matching() predicate
            throw new IllegalStateException("Table '" + name + "' cannot be changed by a thread that is reading it "
                    + "(inside a query's matching() predicate)");
        }
        if (UPDATING.get() == this) {
            throw new IllegalStateException("Table '" + name + "' cannot be changed from inside its own update "
                    + "function");
        }
        return tx;
    }

    private void refuseInTransaction(String what) {
        HzTransaction tx = HzTransaction.current();
        if (tx != null) {
            throw new IllegalStateException("Cannot " + what + " of table '" + name + "' inside a transaction (over "
                    + List.copyOf(tx.tables()) + "): create and drop indexes outside it");
        }
    }

    // ---------------------------------------------------------------- keys

    /**
     * The map key of a canonical primary key: a Long or String as it is (the members hash it without DictDB's
     * classes), any other value by DictDB equality (5.0 is the key 5) in its wrapped Compact form.
     */
    static Object mapKey(Object key) {
        Object hk = ValueKeys.hashKey(key);
        if (hk instanceof Long || hk instanceof String) {
            return hk;
        }
        if (key instanceof byte[] || !(hk instanceof Comparable<?> || hk instanceof java.util.UUID)) {
            return RecordCodec.wrapped(key);
        }
        return RecordCodec.wrapped(hk);
    }

    private Long counterRaw() {
        return db.keys().get(name);
    }

    private boolean counterSet(Long expected, long next) {
        if (expected == null) {
            return db.keys().putIfAbsent(name, next) == null;
        }
        return db.keys().replace(name, expected, next);
    }

    /** Moves the counter past an explicit Long key, as the in-memory engine does. */
    private void advanceCounter(Object given, HzTransaction tx) {
        if (!(given instanceof Long l)) {
            return;
        }
        while (true) {
            Long raw = counterRaw();
            long cur = raw == null ? 1 : raw;
            if (l < cur) {
                return;
            }
            long next = l == Long.MAX_VALUE ? Long.MAX_VALUE : l + 1;
            if (counterSet(raw, next)) {
                if (tx != null) {
                    tx.onUndo(() -> {
                        if (raw == null) {
                            db.keys().remove(name, next);
                        } else {
                            db.keys().replace(name, next, raw);
                        }
                    });
                }
                return;
            }
        }
    }

    /** Takes the next free automatic key, moving the counter past it. */
    private long claimKey(int position, HzTransaction tx) {
        while (true) {
            Long raw = counterRaw();
            long candidate = raw == null ? 1 : raw;
            if (map.containsKey(candidate)) {
                if (candidate == Long.MAX_VALUE) {
                    throw new DictDbException("Table '" + name + "': the key counter of '" + primaryKey
                            + "' is exhausted: key " + Long.MAX_VALUE + " (Long.MAX_VALUE) is taken, so no automatic "
                            + "key is left; give the key explicitly" + SchemaCheck.batchPosition(position));
                }
                counterSet(raw, candidate + 1);
                continue;
            }
            long next = candidate == Long.MAX_VALUE ? Long.MAX_VALUE : candidate + 1;
            if (candidate == Long.MAX_VALUE || counterSet(raw, next)) {
                if (tx != null && candidate != Long.MAX_VALUE) {
                    tx.onUndo(() -> {
                        if (raw == null) {
                            db.keys().remove(name, next);
                        } else {
                            db.keys().replace(name, next, raw);
                        }
                    });
                }
                return candidate;
            }
        }
    }

    private void requireGeneratesKeys(int position) {
        if (!generatesKeys) {
            throw new SchemaValidationException(name, primaryKey, "Table '" + name + "': a record needs its key '"
                    + primaryKey + "' (" + schema.type(primaryKey) + "): only LONG keys are generated"
                    + SchemaCheck.batchPosition(position));
        }
    }

    // ---------------------------------------------------------------- reads

    /** The records of stored rows, in insertion order. */
    static List<Record> inOrder(Collection<GenericRecord> rows, Map<Record, GenericRecord> origins) {
        List<GenericRecord> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparingLong(RecordCodec::seq));
        List<Record> out = new ArrayList<>(sorted.size());
        for (GenericRecord g : sorted) {
            Record r = RecordCodec.record(g);
            if (origins != null) {
                origins.put(r, g);
            }
            out.add(r);
        }
        return out;
    }

    /**
     * The records the members return for a predicate (every record for null), in insertion order.
     *
     * @param predicate the member-side predicate, or null
     * @param origins filled with each record's stored row, or null
     * @return the records
     */
    List<Record> fetch(Predicate<Object, GenericRecord> predicate, Map<Record, GenericRecord> origins) {
        checkOpen();
        Collection<GenericRecord> rows = predicate == null ? map.values() : map.values(predicate);
        return inOrder(rows, origins);
    }

    /**
     * The records of these primary keys, in insertion order.
     *
     * @param keys canonical keys
     * @param origins filled with each record's stored row
     * @return the records present
     */
    List<Record> fetchKeys(List<Object> keys, Map<Record, GenericRecord> origins) {
        checkOpen();
        Set<Object> mapKeys = new LinkedHashSet<>();
        for (Object k : keys) {
            mapKeys.add(mapKey(k));
        }
        if (mapKeys.isEmpty()) {
            return new ArrayList<>();
        }
        Collection<GenericRecord> rows = mapKeys.size() == 1
                ? java.util.Optional.ofNullable(map.get(mapKeys.iterator().next())).map(List::of).orElse(List.of())
                : map.getAll(mapKeys).values();
        return inOrder(rows, origins);
    }

    @Override
    public Optional<Record> get(Object key) {
        checkOpen();
        if (key == null) {
            return Optional.empty();
        }
        GenericRecord row = map.get(mapKey(Values.canonical(primaryKey, key)));
        return row == null ? Optional.empty() : Optional.of(RecordCodec.record(row));
    }

    @Override
    public List<Record> select(Condition where) {
        return query().where(Objects.requireNonNull(where, "where")).toList();
    }

    @Override
    public List<Record> all() {
        return List.copyOf(fetch(null, null));
    }

    @Override
    public Query query() {
        checkOpen();
        return new HazelcastQuery(this);
    }

    @Override
    public long count() {
        checkOpen();
        return map.size();
    }

    @Override
    public long count(Condition where) {
        return query().where(Objects.requireNonNull(where, "where")).count();
    }

    @Override
    public List<String> columns() {
        checkOpen();
        if (schema != null) {
            return List.copyOf(schema.fields().keySet());
        }
        Set<String> names = new LinkedHashSet<>();
        for (Record r : fetch(null, null)) {
            names.addAll(r.fields());
        }
        return List.copyOf(names);
    }

    @Override
    public List<String> schemaFields() {
        checkOpen();
        return schema == null ? List.of() : List.copyOf(schema.fields().keySet());
    }

    // ---------------------------------------------------------------- inserts

    @Override
    public Object insert(Map<String, ?> record) {
        Record r = Record.of(Objects.requireNonNull(record, "record"));
        HzTransaction tx = beforeWrite();
        Record stored = insertOne(r, true, -1, tx);
        db.sampler().debug(LOG).addKeyValue("op", "insert").addKeyValue("table", name).addKeyValue("count", 1)
                .log("insert");
        return stored.get(primaryKey);
    }

    /** Validates and stores one record; refuses a present key. */
    private Record insertOne(Record r, boolean validate, int position, HzTransaction tx) {
        Object key = r.get(primaryKey);
        if (key == null) {
            requireGeneratesKeys(position);
            Record valid = validate ? check.validated(r.with(primaryKey, 1L), position) : r;
            while (true) {
                long k = claimKey(position, tx);
                // the schema may store the key as another type (a DOUBLE key holds 6.0)
                Record withKey = validate ? check.validated(valid.with(primaryKey, k), position)
                        : valid.with(primaryKey, k);
                if (store(withKey.get(primaryKey), withKey, tx)) {
                    return withKey;
                }
            }
        }
        Record valid = validate ? check.validated(r, position) : r;
        Object storedKey = valid.get(primaryKey);
        if (!store(storedKey, valid, tx)) {
            throw new DuplicateKeyException(name, storedKey);
        }
        advanceCounter(key, tx);
        return valid;
    }

    /** Puts a record if its key is absent, noting the undo in a transaction. */
    private boolean store(Object key, Record r, HzTransaction tx) {
        Object mk = mapKey(key);
        GenericRecord row = RecordCodec.row(r, db.nextSeq());
        if (map.putIfAbsent(mk, row) != null) {
            return false;
        }
        if (tx != null) {
            tx.onUndo(() -> map.remove(mk, row));
        }
        return true;
    }

    @Override
    public List<Object> insertAll(Collection<? extends Map<String, ?>> records) {
        return insertAll(records, InsertOptions.defaults());
    }

    @Override
    public List<Object> insertAll(Collection<? extends Map<String, ?>> records, InsertOptions options) {
        Objects.requireNonNull(records, "records");
        Objects.requireNonNull(options, "options");
        List<Record> input = new ArrayList<>(records.size());
        int i = 0;
        for (Map<String, ?> m : records) {
            if (m == null) {
                throw new IllegalArgumentException("Table '" + name + "': record " + (i + 1) + " of the batch is null");
            }
            input.add(Record.of(m));
            i++;
        }
        HzTransaction tx = beforeWrite();
        // everything that can be checked is checked before anything is sent, record by record in the engine's
        // order (so the first bad record is the one named): its schema, then its key against the table and the batch
        Set<Object> given = new LinkedHashSet<>();
        for (Record r : input) {
            Object key = r.get(primaryKey);
            if (key != null) {
                given.add(mapKey(key));
            }
        }
        Set<Object> present = given.isEmpty() ? Set.of() : map.getAll(given).keySet();
        List<Record> valid = new ArrayList<>(input.size());
        Set<Object> seen = new HashSet<>();
        for (int j = 0; j < input.size(); j++) {
            Record r = input.get(j);
            Object key = r.get(primaryKey);
            if (key == null) {
                requireGeneratesKeys(j);
                if (!options.skipValidation()) {
                    check.validated(r.with(primaryKey, 1L), j);
                }
                valid.add(r);
                continue;
            }
            Record v = options.skipValidation() ? r : check.validated(r, j);
            Object storedKey = v.get(primaryKey);
            Object mk = mapKey(storedKey);
            if (present.contains(mk) || !seen.add(mk)) {
                throw new DuplicateKeyException(name, storedKey);
            }
            valid.add(v);
        }
        // a failure takes back what the batch stored (inside a transaction, as a savepoint would)
        HzTransaction sink = tx != null ? tx : HzTransaction.collector(db, name);
        int mark = sink.mark();
        List<Object> out = new ArrayList<>(valid.size());
        try {
            for (int j = 0; j < valid.size(); j++) {
                boolean auto = input.get(j).get(primaryKey) == null; // validated again with its key
                out.add(insertOne(valid.get(j), auto && !options.skipValidation(), j, sink).get(primaryKey));
            }
        } catch (RuntimeException | Error e) {
            sink.rollback(mark);
            throw e;
        }
        LOG.atDebug().addKeyValue("op", "insert_all").addKeyValue("table", name).addKeyValue("count", out.size())
                .log("insertAll");
        return out;
    }

    // ---------------------------------------------------------------- upsert

    @Override
    public UpsertResult upsert(Map<String, ?> record) {
        return upsert(record, OnConflict.UPDATE);
    }

    @Override
    public UpsertResult upsert(Map<String, ?> record, OnConflict onConflict) {
        Record r = Record.of(Objects.requireNonNull(record, "record"));
        Objects.requireNonNull(onConflict, "onConflict");
        HzTransaction tx = beforeWrite();
        Object key = r.get(primaryKey);
        if (key == null) {
            return new UpsertResult(insertOne(r, true, -1, tx).get(primaryKey), UpsertResult.Action.INSERTED);
        }
        Object mk = mapKey(key);
        while (true) {
            GenericRecord row = map.get(mk);
            if (row == null) {
                Record valid = check.validated(r, -1);
                if (store(valid.get(primaryKey), valid, tx)) {
                    advanceCounter(key, tx);
                    return new UpsertResult(valid.get(primaryKey), UpsertResult.Action.INSERTED);
                }
                continue;
            }
            Record existing = RecordCodec.record(row);
            Object storedKey = existing.get(primaryKey);
            switch (onConflict) {
                case IGNORE:
                    return new UpsertResult(storedKey, UpsertResult.Action.IGNORED);
                case ERROR:
                    throw new DuplicateKeyException(name, key);
                default:
                    Record merged = check.validated(existing.withAll(r).with(primaryKey, storedKey), -1);
                    if (replace(mk, row, merged, tx)) {
                        return new UpsertResult(storedKey, UpsertResult.Action.UPDATED);
                    }
            }
        }
    }

    /** Compare-and-set of one record, keeping its place in insertion order. */
    private boolean replace(Object mk, GenericRecord old, Record after, HzTransaction tx) {
        GenericRecord row = RecordCodec.row(after, RecordCodec.seq(old));
        if (!map.replace(mk, old, row)) {
            return false;
        }
        if (tx != null) {
            tx.onUndo(() -> map.replace(mk, row, old));
        }
        return true;
    }

    // ---------------------------------------------------------------- updates and deletes

    @Override
    public int update(Map<String, ?> changes) {
        return update(changes, Conditions.all());
    }

    @Override
    public int update(Map<String, ?> changes, Condition where) {
        Record delta = Record.of(Objects.requireNonNull(changes, "changes"));
        return update(r -> r.withAll(delta), where);
    }

    @Override
    public int update(UnaryOperator<Record> updater, Condition where) {
        Objects.requireNonNull(updater, "updater");
        Objects.requireNonNull(where, "where");
        return ((HazelcastQuery) query().where(where)).update(updater);
    }

    private static Condition notFound(String primaryKey, Condition where) {
        return where != null ? where : Conditions.field(primaryKey).in(List.of());
    }

    /**
     * Replaces the matched records by the updater's results: every result is computed and checked first (a
     * throwing function or a failed check changes nothing), then each is stored by compare-and-set; a record
     * another caller changed meanwhile is read again, tested against {@code where} again and recomputed.
     */
    int updateMatches(UnaryOperator<Record> updater, List<Record> matches, Map<Record, GenericRecord> origins,
                      Condition where) {
        HzTransaction tx = beforeWrite();
        if (matches.isEmpty()) {
            throw new RecordNotFoundException(name, "No record in table '" + name + "' matches "
                    + notFound(primaryKey, where));
        }
        List<Record> updated = new ArrayList<>(matches.size());
        for (Record before : matches) {
            updated.add(updatedRecord(updater, before));
        }
        int count = 0;
        for (int i = 0; i < matches.size(); i++) {
            Record before = matches.get(i);
            Object mk = mapKey(before.get(primaryKey));
            GenericRecord old = origins.get(before);
            Record after = updated.get(i);
            while (!replace(mk, old, after, tx)) {
                old = map.get(mk);
                if (old == null) {
                    break;
                }
                Record current = RecordCodec.record(old);
                if (where != null && !where.test(current)) {
                    old = null;
                    break;
                }
                after = updatedRecord(updater, current);
            }
            if (old != null) {
                count++;
            }
        }
        db.sampler().debug(LOG).addKeyValue("op", "update").addKeyValue("table", name).addKeyValue("count", count)
                .log("update");
        return count;
    }

    private Record updatedRecord(UnaryOperator<Record> updater, Record before) {
        Record after;
        UPDATING.set(this);
        try {
            after = updater.apply(before);
        } finally {
            UPDATING.remove();
        }
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
        return check.validated(after.with(primaryKey, oldKey), -1);
    }

    @Override
    public int delete(Condition where) {
        Objects.requireNonNull(where, "where");
        return query().where(where).delete();
    }

    /** Deletes the matched records, each by compare-and-set (one changed meanwhile is tested again). */
    int deleteMatches(List<Record> matches, Map<Record, GenericRecord> origins, Condition where) {
        HzTransaction tx = beforeWrite();
        if (matches.isEmpty()) {
            throw new RecordNotFoundException(name, "No record in table '" + name + "' matches "
                    + notFound(primaryKey, where));
        }
        int count = 0;
        for (Record r : matches) {
            Object mk = mapKey(r.get(primaryKey));
            GenericRecord old = origins.get(r);
            while (old != null && !map.remove(mk, old)) {
                old = map.get(mk);
                if (old != null && where != null && !where.test(RecordCodec.record(old))) {
                    old = null;
                }
            }
            if (old != null) {
                count++;
                if (tx != null) {
                    GenericRecord gone = old;
                    tx.onUndo(() -> map.putIfAbsent(mk, gone));
                }
            }
        }
        db.sampler().debug(LOG).addKeyValue("op", "delete").addKeyValue("table", name).addKeyValue("count", count)
                .log("delete");
        return count;
    }

    @Override
    public int deleteAll() {
        beforeWrite();
        Map<Record, GenericRecord> origins = new IdentityHashMap<>();
        List<Record> everything = fetch(null, origins);
        if (everything.isEmpty()) {
            return 0;
        }
        return deleteMatches(everything, origins, null);
    }

    // ---------------------------------------------------------------- indexes

    /**
     * {@inheritDoc}
     *
     * <p>On Hazelcast the spec is kept in the catalog and made member-side {@code IMap} indexes on the attributes
     * the pushdown's predicates use: the field's string, boolean and instant
     * attributes get the spec's type, its Long, Double, decimal and date attributes a SORTED index (the pushdown
     * sends numbers and dates as ranges); composite specs get these per field; {@code ELEMENTS} specs and fields
     * whose names are not plain identifiers get none. Unique indexes are refused.
     */
    @Override
    public void createIndex(IndexSpec spec) {
        Objects.requireNonNull(spec, "spec");
        String indexName = spec.name();
        refuseInTransaction("create the index '" + indexName + "'");
        checkOpen();
        if (spec.isUnique()) {
            throw noUnique(name);
        }
        synchronized (indexes) {
            IndexSpec existing = indexes.get(indexName);
            if (existing != null) {
                throw new IllegalArgumentException("Table '" + name + "' already has an index named '" + indexName
                        + "' (" + existing + ")" + (existing.fields().size() == 1
                        ? ": one index per field and type" : ""));
            }
            indexes.put(indexName, spec);
            db.saveDefinition(definition(), created);
        }
        addMapIndexes(spec);
        LOG.atInfo().addKeyValue("op", "create_index").addKeyValue("table", name).addKeyValue("field", indexName)
                .log("Created {} index '{}' on table '{}'", spec, indexName, name);
    }

    /**
     * Creates the member-side {@code IMap} indexes of an index spec: for each of its fields whose name the pushdown
     * sends (a plain identifier), one index per per-kind attribute the pushdown's predicates use. The string, boolean
     * and instant attributes, which the pushdown only compares for equality, get the spec's type (HASH or SORTED);
     * the Long, Double, decimal and date attributes always get a SORTED index, because the pushdown sends every
     * numeric or date condition, equality included, as a range (exact across numeric types and decimal scales), and
     * a HASH index cannot serve a range. A composite spec gets these indexes per field. An {@code ELEMENTS} spec
     * gets none (lists are stored opaque and list membership is filtered on the caller). Each attribute only ever
     * holds one Java type, so no value the API accepts makes a member refuse a write. Hazelcast keeps the indexes
     * in the map's configuration on every member, so every instance of the database uses them; adding one that
     * exists does nothing.
     *
     * @param spec the index spec
     */
    void addMapIndexes(IndexSpec spec) {
        if (spec.type() == IndexType.ELEMENTS) {
            return;
        }
        com.hazelcast.config.IndexType own = spec.type() == IndexType.SORTED
                ? com.hazelcast.config.IndexType.SORTED : com.hazelcast.config.IndexType.HASH;
        for (String field : spec.fields()) {
            if (!Pushdown.plainName(field)) {
                continue;
            }
            for (Map.Entry<String, com.hazelcast.config.IndexType> a : Pushdown.indexedAttributes(field, own)
                    .entrySet()) {
                map.addIndex(new com.hazelcast.config.IndexConfig(a.getValue(), a.getKey()));
            }
        }
    }

    /** The table's definition as the catalog holds it. */
    TableDefinition definition() {
        List<IndexDefinition> defs = new ArrayList<>();
        synchronized (indexes) {
            for (IndexSpec s : indexes.values()) {
                defs.add(IndexDefinition.of(s));
            }
        }
        return new TableDefinition(name, primaryKey, schema, defs);
    }

    /**
     * {@inheritDoc}
     *
     * <p>On Hazelcast this removes the spec from the catalog only: Hazelcast cannot drop a map index, so the
     * member-side {@code IMap} indexes stay (and keep serving queries) until the table is dropped.
     */
    @Override
    public void dropIndex(String indexName) {
        refuseInTransaction("drop the index '" + indexName + "'");
        checkOpen();
        synchronized (indexes) {
            if (indexes.remove(indexName) == null) {
                throw new IllegalArgumentException("Table '" + name + "' has no index named '" + indexName
                        + "' (its indexes: " + indexes.keySet() + ")");
            }
            db.saveDefinition(definition(), created);
        }
        LOG.atInfo().addKeyValue("op", "drop_index").addKeyValue("table", name).addKeyValue("field", indexName)
                .log("Dropped index '{}' of table '{}' (the member-side index stays until the table is dropped)",
                        indexName, name);
    }

    @Override
    public void dropIndex(IndexSpec spec) {
        Objects.requireNonNull(spec, "spec");
        dropIndex(spec.name());
    }

    @Override
    public boolean hasIndex(String indexName) {
        checkOpen();
        synchronized (indexes) {
            return indexes.containsKey(indexName);
        }
    }

    @Override
    public List<String> indexedFields() {
        checkOpen();
        synchronized (indexes) {
            return List.copyOf(indexes.keySet());
        }
    }

    @Override
    public Optional<Index> index(String indexName) {
        checkOpen();
        synchronized (indexes) {
            return Optional.ofNullable(indexes.get(indexName)).map(this::view);
        }
    }

    @Override
    public List<Index> indexes() {
        checkOpen();
        List<Index> out = new ArrayList<>();
        synchronized (indexes) {
            for (IndexSpec s : indexes.values()) {
                out.add(view(s));
            }
        }
        return List.copyOf(out);
    }

    private Index view(IndexSpec spec) {
        return new Index() {
            @Override
            public String field() {
                return spec.fields().get(0);
            }

            @Override
            public IndexSpec spec() {
                return spec;
            }

            @Override
            public IndexStats stats() {
                return new IndexStats(0, 0, null);
            }

            @Override
            public IndexType type() {
                return spec.type();
            }

            @Override
            public long distinctKeys() {
                Set<Object> distinct = new HashSet<>();
                for (Record r : fetch(null, null)) {
                    if (spec.condition().isPresent() && !spec.condition().get().test(r)) {
                        continue;
                    }
                    List<Object> values = new ArrayList<>(spec.fields().size());
                    boolean any = false;
                    for (String f : spec.fields()) {
                        Object v = r.get(f);
                        any |= v != null;
                        values.add(v == null ? null : ValueKeys.hashKey(v));
                    }
                    if (!any) {
                        continue;
                    }
                    if (spec.type() == IndexType.ELEMENTS && r.get(spec.fields().get(0)) instanceof List<?> l) {
                        for (Object e : l) {
                            distinct.add(ValueKeys.hashKey(e));
                        }
                    } else {
                        distinct.add(values.size() == 1 ? values.get(0) : values);
                    }
                }
                return distinct.size();
            }

            @Override
            public String toString() {
                return spec + " index '" + spec.name() + "' of table '" + name + "'";
            }
        };
    }

    /**
     * Usage statistics are left out of the Hazelcast backend: every count is zero.
     *
     * @return zero counts, one entry per index
     */
    @Override
    public TableStats stats() {
        checkOpen();
        Map<String, IndexStats> byName = new LinkedHashMap<>();
        synchronized (indexes) {
            for (String n : indexes.keySet()) {
                byName.put(n, new IndexStats(0, 0, null));
            }
        }
        return new TableStats(0, 0, byName);
    }

    @Override
    public void resetStats() {
        checkOpen();
    }

    @Override
    public String toString() {
        return "HazelcastTable[" + name + ", pk=" + primaryKey + "]";
    }
}
