package io.dictdb.hazelcast;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.flakeidgen.FlakeIdGenerator;
import com.hazelcast.map.IMap;
import com.hazelcast.nio.serialization.genericrecord.GenericRecord;
import com.hazelcast.nio.serialization.genericrecord.GenericRecordBuilder;
import io.dictdb.ChangeListener;
import io.dictdb.ChangeSubscription;
import io.dictdb.Database;
import io.dictdb.DuplicateTableException;
import io.dictdb.FieldType;
import io.dictdb.IndexType;
import io.dictdb.Record;
import io.dictdb.Schema;
import io.dictdb.Table;
import io.dictdb.TableNotFoundException;
import io.dictdb.TableSpec;
import io.dictdb.CodecException;
import io.dictdb.Values;
import io.dictdb.core.DictDB;
import io.dictdb.core.Snapshot;
import io.dictdb.core.journal.ValueBytes;
import io.dictdb.file.ImageFiles;
import io.dictdb.file.ImageInfo;
import io.dictdb.spi.Codec;
import io.dictdb.spi.Codecs;
import io.dictdb.spi.ImageHeader;
import io.dictdb.spi.ImageKind;
import io.dictdb.spi.TableState;
import io.dictdb.core.log.DebugSampler;
import io.dictdb.spi.IndexDefinition;
import io.dictdb.spi.StoredCondition;
import io.dictdb.spi.TableDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * A {@link Database} on a Hazelcast cluster: each table is an {@code IMap} named {@code dictdb.<database>.t.<table>}
 * (the table's name encoded to the characters Hazelcast object names take as they are), keyed by the primary key
 * and holding each record as a Compact {@link GenericRecord}, so the members need none of DictDB's classes. A
 * catalog map {@code dictdb.<database>.catalog} holds each table's primary key, schema and index specs; a map
 * {@code dictdb.<database>.keys} holds the key counters. Another {@code HazelcastDatabase} on the same cluster and
 * name sees the same tables. Works on a member or on a client instance.
 *
 * <p><b>Where work runs.</b> A query's condition is translated, where the translation is exact or selects more
 * (never fewer) records, into a Hazelcast predicate that the members evaluate next to the data; the records they
 * return are tested again against the whole condition on the caller, so results equal the in-memory engine's
 * (numbers compare by value across types, missing fields, nulls). What has no translation (text matching, regular
 * expressions, {@code Matching} lambdas, negations, null tests, lists) is filtered on the caller. Ordering, limits,
 * offsets, keyset paging, distinct, projections, aggregations and groups run on the caller over the records the
 * members returned, with the in-memory engine's own query code, so they behave exactly as it does.
 * {@code explain()} gives the caller-side plan over those candidates.
 *
 * <p><b>Writes.</b> Schema validation and key rules run on the caller before anything is sent. {@code insert} is a
 * {@code putIfAbsent}; updates (by changes or by function) are a compare-and-set loop per record
 * ({@code IMap.replace(key, old, new)}), so concurrent updaters on any number of callers never lose an update.
 * Unlike the in-memory engine, a write of many records ({@code insertAll}, {@code update} or {@code delete} of many)
 * is not atomic for readers: they may see part of it; {@code insertAll} that fails on a duplicate key takes back the
 * records it had stored, and an update function that throws changes no record (every result is computed before the
 * first is stored). Auto keys come from a counter per table in the keys map, moved by compare-and-set, with the
 * in-memory engine's rules.
 *
 * <p><b>Transactions</b> run the block on the calling thread with every write noting how to take itself back; if
 * the block throws, the writes are undone, newest first, and the same throwable is rethrown. They are not isolated:
 * other callers see a transaction's writes before it ends ({@code ISOLATED_TRANSACTIONS} is left out).
 *
 * <p><b>Left out:</b> the change feed ({@link #subscribe} throws {@link UnsupportedOperationException}), isolated
 * transactions, unique indexes (refused with {@link UnsupportedOperationException}) and usage statistics (always
 * zero). Index specs are kept in the catalog (so {@code indexes()}, saves and other instances see them) and are
 * made member-side {@code IMap} indexes on the per-kind attributes the pushdown uses (see the module's
 * documentation), so member predicates use them; results never depend on
 * them. {@code dropIndex} only removes the spec from the catalog: Hazelcast cannot drop a map index, so it stays
 * until the table is dropped. Saves write DictDB's own full image through its codecs
 * (see {@link #save(Path, String)} for their consistency), which {@link #load} and {@code DictDB.load} both read.
 *
 * <p><b>Backups:</b> {@link HazelcastBackups} writes full images into a backup folder of {@code dictdb-backup} (so
 * {@code Backups.restoreLatest} restores them into the in-memory engine) and restores the newest into Hazelcast;
 * each names this database's stable {@link #databaseId()}. Deltas from the event journal are left out.
 *
 * <p>{@link #close()} marks this object closed and never shuts the Hazelcast instance down nor deletes data;
 * {@link #destroy()} deletes this database's maps.
 */
public final class HazelcastDatabase implements Database {
    private static final Logger LOG = LoggerFactory.getLogger(HazelcastDatabase.class);
    private static final String TABLE_TYPE = "dictdb.table";

    private final HazelcastInstance hz;
    private final String name;
    private final String prefix;
    private final IMap<String, GenericRecord> catalog;
    private final IMap<String, Long> keys;
    private final IMap<String, Object> meta;
    private final FlakeIdGenerator seqs;
    private final DebugSampler sampler = new DebugSampler(1000);
    private final Map<String, HazelcastTable> open = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private HazelcastDatabase(HazelcastInstance hz, String name) {
        this.hz = Objects.requireNonNull(hz, "hazelcast");
        this.name = Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("A Hazelcast database name must not be blank");
        }
        this.prefix = "dictdb." + RecordCodec.objectName(name) + ".";
        this.catalog = hz.getMap(prefix + "catalog");
        this.keys = hz.getMap(prefix + "keys");
        this.meta = hz.getMap(prefix + "meta");
        this.seqs = hz.getFlakeIdGenerator(prefix + "seq");
    }

    /**
     * The database named {@code "dictdb"} on a Hazelcast member or client.
     *
     * @param hazelcast the instance
     * @return the database
     */
    public static HazelcastDatabase on(HazelcastInstance hazelcast) {
        return on(hazelcast, "dictdb");
    }

    /**
     * A named database on a Hazelcast member or client: several can live on one cluster.
     *
     * @param hazelcast the instance
     * @param name the database's name, not blank
     * @return the database
     */
    public static HazelcastDatabase on(HazelcastInstance hazelcast, String name) {
        return new HazelcastDatabase(hazelcast, name);
    }

    /**
     * The database's name on the cluster.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    private static final String META_ID = "id";
    private static final String META_BACKUPS = "backups";

    /**
     * The database's id, written into the header of its backups ({@link HazelcastBackups}) so that a backup folder
     * holds one database's files: created on first use, stored with the catalog (in {@code dictdb.<db>.meta}), so
     * every instance of the database on the cluster gives the same id until {@link #destroy()}. A database restored
     * from a backup takes the backup's id, as the in-memory engine does.
     *
     * @return the id, printable ASCII
     */
    public String databaseId() {
        checkOpen();
        Object id = meta.get(META_ID);
        if (id == null) {
            Object raced = meta.putIfAbsent(META_ID, ImageHeader.newId());
            id = raced != null ? raced : meta.get(META_ID);
        }
        return (String) id;
    }

    /** Takes over the id of the database a backup was taken of. */
    void adoptDatabaseId(String id) {
        meta.put(META_ID, id);
    }

    /**
     * The next number of the cluster-wide backup counter of this database (1 for the first backup), moved by
     * compare-and-set so that two callers never take the same number.
     */
    long nextBackupSequence() {
        while (true) {
            Long current = (Long) meta.get(META_BACKUPS);
            if (current == null) {
                if (meta.putIfAbsent(META_BACKUPS, 1L) == null) {
                    return 1;
                }
            } else if (meta.replace(META_BACKUPS, current, current + 1)) {
                return current + 1;
            }
        }
    }

    /** Moves the backup counter to at least {@code sequence} (after a restore). */
    void backupSequenceAtLeast(long sequence) {
        while (true) {
            Long current = (Long) meta.get(META_BACKUPS);
            if (current == null) {
                if (meta.putIfAbsent(META_BACKUPS, sequence) == null) {
                    return;
                }
            } else if (current >= sequence || meta.replace(META_BACKUPS, current, sequence)) {
                return;
            }
        }
    }

    HazelcastInstance hazelcast() {
        return hz;
    }

    DebugSampler sampler() {
        return sampler;
    }

    IMap<String, Long> keys() {
        return keys;
    }

    long nextSeq() {
        return seqs.newId();
    }

    String mapName(String table, long created) {
        return prefix + "t." + RecordCodec.objectName(table) + "." + created;
    }

    void checkOpen() {
        if (closed) {
            throw new IllegalStateException("The Hazelcast database '" + name + "' is closed");
        }
    }

    private static void refuseInTransaction(String what) {
        HzTransaction tx = HzTransaction.current();
        if (tx != null) {
            throw new IllegalStateException("Cannot " + what + " inside a transaction (over " + List.copyOf(tx.tables())
                    + "): create and drop tables and indexes outside it");
        }
    }

    // ---------------------------------------------------------------- catalog

    @Override
    public Table createTable(TableSpec spec) {
        Objects.requireNonNull(spec, "spec");
        checkOpen();
        refuseInTransaction("create table '" + spec.name() + "'");
        List<IndexDefinition> indexes = new ArrayList<>();
        spec.indexSpecs().forEach(i -> indexes.add(IndexDefinition.of(i)));
        for (IndexDefinition d : indexes) {
            if (d.unique()) {
                throw HazelcastTable.noUnique(spec.name());
            }
        }
        Schema schema = spec.schema().map(s -> s.withFieldIfAbsent(spec.primaryKey(), FieldType.LONG)).orElse(null);
        TableDefinition def = new TableDefinition(spec.name(), spec.primaryKey(), schema, indexes);
        long created = nextSeq();
        GenericRecord entry = catalogEntry(def, created);
        if (catalog.putIfAbsent(spec.name(), entry) != null) {
            throw new DuplicateTableException(spec.name());
        }
        HazelcastTable t = new HazelcastTable(this, def, created);
        open.put(spec.name(), t);
        spec.indexSpecs().forEach(t::addMapIndexes);
        LOG.atInfo().addKeyValue("op", "create_table").addKeyValue("table", spec.name())
                .addKeyValue("field", spec.primaryKey()).addKeyValue("database", name)
                .log("Created table '{}' (pk='{}') on Hazelcast", spec.name(), spec.primaryKey());
        return t;
    }

    /** Replaces the catalog entry of a table (its indexes changed). */
    void saveDefinition(TableDefinition def, long created) {
        catalog.put(def.name(), catalogEntry(def, created));
    }

    static GenericRecord catalogEntry(TableDefinition def, long created) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("primaryKey", def.primaryKey());
        if (def.schema() != null) {
            List<Object> fields = new ArrayList<>();
            for (Map.Entry<String, FieldType> f : def.schema().fields().entrySet()) {
                fields.add(List.of(f.getKey(), f.getValue().name(), !def.schema().isRequired(f.getKey())));
            }
            spec.put("schema", fields);
        }
        List<Object> idx = new ArrayList<>();
        for (IndexDefinition d : def.indexes()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("fields", List.copyOf(d.fields()));
            m.put("type", d.type().name());
            m.put("unique", d.unique());
            if (d.condition() != null) {
                m.put("condition", StoredCondition.toValue(d.condition()));
            }
            idx.add(m);
        }
        spec.put("indexes", idx);
        return GenericRecordBuilder.compact(TABLE_TYPE)
                .setString("name", def.name())
                .setInt64("created", created)
                .setArrayOfInt8("spec", ValueBytes.encode(Record.of(spec)))
                .build();
    }

    static TableDefinition definition(GenericRecord entry) {
        String table = entry.getString("name");
        Record spec = (Record) ValueBytes.decode(entry.getArrayOfInt8("spec"));
        Schema schema = null;
        List<Object> fields = spec.getList("schema");
        if (fields != null) {
            Schema.Builder b = Schema.builder();
            for (Object o : fields) {
                List<?> f = (List<?>) o;
                FieldType type = FieldType.valueOf((String) f.get(1));
                if (Boolean.TRUE.equals(f.get(2))) {
                    b.optional((String) f.get(0), type);
                } else {
                    b.field((String) f.get(0), type);
                }
            }
            schema = b.build();
        }
        List<IndexDefinition> indexes = new ArrayList<>();
        for (Object o : spec.getList("indexes")) {
            Record m = (Record) o;
            List<String> idxFields = new ArrayList<>();
            for (Object f : m.getList("fields")) {
                idxFields.add((String) f);
            }
            Object cond = m.get("condition");
            indexes.add(new IndexDefinition(idxFields, IndexType.valueOf(m.getString("type")),
                    Boolean.TRUE.equals(m.getBoolean("unique")),
                    cond == null ? null : StoredCondition.fromValue(cond, "index of table '" + table + "'")));
        }
        return new TableDefinition(table, spec.getString("primaryKey"), schema, indexes);
    }

    @Override
    public Optional<Table> findTable(String name) {
        checkOpen();
        if (name == null) {
            return Optional.empty();
        }
        GenericRecord entry = catalog.get(name);
        if (entry == null) {
            HazelcastTable gone = open.remove(name);
            if (gone != null) {
                gone.markDropped();
            }
            return Optional.empty();
        }
        long created = entry.getInt64("created");
        HazelcastTable t = open.get(name);
        if (t != null && t.created() == created) {
            return Optional.of(t);
        }
        if (t != null) {
            t.markDropped();
        }
        HazelcastTable fresh = new HazelcastTable(this, definition(entry), created);
        open.put(name, fresh);
        return Optional.of(fresh);
    }

    HazelcastTable requireTable(String name) {
        return (HazelcastTable) table(name);
    }

    @Override
    public boolean hasTable(String name) {
        checkOpen();
        return name != null && catalog.containsKey(name);
    }

    @Override
    public List<String> tableNames() {
        checkOpen();
        List<GenericRecord> entries = new ArrayList<>(catalog.values());
        entries.sort(Comparator.comparingLong(e -> e.getInt64("created")));
        List<String> out = new ArrayList<>(entries.size());
        for (GenericRecord e : entries) {
            out.add(e.getString("name"));
        }
        return List.copyOf(out);
    }

    @Override
    public void dropTable(String name) {
        checkOpen();
        refuseInTransaction("drop table '" + name + "'");
        GenericRecord entry = name == null ? null : catalog.remove(name);
        if (entry == null) {
            throw new TableNotFoundException(name);
        }
        HazelcastTable t = open.remove(name);
        if (t != null) {
            t.markDropped();
        }
        hz.getMap(mapName(name, entry.getInt64("created"))).destroy();
        keys.remove(name);
        LOG.atInfo().addKeyValue("op", "drop_table").addKeyValue("table", name).addKeyValue("database", this.name)
                .log("Dropped table '{}' on Hazelcast", name);
    }

    // ---------------------------------------------------------------- saves

    /**
     * {@inheritDoc}
     *
     * <p>The codec is chosen from the file's extension as {@code DictDB.save(Path)} chooses it. See
     * {@link #save(Path, String)} for what the image holds.
     */
    @Override
    public void save(Path file) {
        Objects.requireNonNull(file, "file");
        save(file, DictDB.formatFor(file));
    }

    /**
     * {@inheritDoc}
     *
     * <p>The image is a full image in DictDB's format, which {@code DictDB.load} and {@link #load} both read: each
     * table's definition, its records in insertion order and its key counter. <b>It is not a point-in-time image:</b>
     * the tables are read one after the other and each table's map partition by partition while writes go on, so a
     * write made during the save may be in the file or not, independently for each record (a record is always whole,
     * never half-updated), and two tables are not read at the same moment. For a consistent image, stop writers
     * while saving.
     */
    @Override
    public void save(Path file, String format) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(format, "format");
        checkOpen();
        write(file, codecToWrite(file, format), snapshot());
    }

    /**
     * {@inheritDoc}
     *
     * <p>On Hazelcast the records are read from the cluster on the calling thread before this method returns (as
     * {@link #save(Path, String)} reads them, not at one point in time); the file is written on a daemon thread of
     * this backend, never the common fork-join pool.
     */
    @Override
    public CompletableFuture<Void> saveAsync(Path file, String format) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(format, "format");
        checkOpen();
        Codec codec;
        Snapshot snap;
        try {
            codec = codecToWrite(file, format);
            snap = snapshot();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return CompletableFuture.runAsync(() -> write(file, codec, snap), SAVER);
    }

    private static final java.util.concurrent.ExecutorService SAVER =
            java.util.concurrent.Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "dictdb-hazelcast-save");
                t.setDaemon(true);
                return t;
            });

    private static Codec codecToWrite(Path file, String format) {
        try {
            return Codecs.named(format);
        } catch (CodecException e) {
            throw new CodecException("Cannot write image file " + file + ": " + e.getMessage(), e);
        }
    }

    private void write(Path file, Codec codec, Snapshot snap) {
        long started = System.nanoTime();
        ImageInfo info = ImageFiles.standard().write(file, codec, snap.fullHeader(), snap::writeTo);
        LOG.atInfo().addKeyValue("op", "save").addKeyValue("file", file).addKeyValue("codec", codec.name())
                .addKeyValue("records", snap.recordCount()).addKeyValue("bytes", info.size())
                .addKeyValue("ms", (System.nanoTime() - started) / 1_000_000).addKeyValue("database", name)
                .log("Saved {} records of Hazelcast database '{}' to {}", snap.recordCount(), name, file);
    }

    private Snapshot snapshot() {
        return snapshot(0, null);
    }

    /**
     * Every table's definition, records (insertion order) and key counter, read table by table (not at one point
     * in time: see {@link #save(Path, String)}).
     *
     * @param sequence the sequence number the image's header carries
     * @param databaseId the database id it carries, or null
     */
    Snapshot snapshot(long sequence, String databaseId) {
        List<Snapshot.TableImage> images = new ArrayList<>();
        for (String t : tableNames()) {
            Optional<Table> table = findTable(t);
            if (table.isEmpty()) {
                continue; // dropped meanwhile
            }
            HazelcastTable h = (HazelcastTable) table.get();
            Long next = keys.get(t);
            images.add(new Snapshot.TableImage(h.definition(), next == null ? 1 : next, h.fetch(null, null)));
        }
        return new Snapshot(sequence, Instant.now(), images, databaseId);
    }

    /**
     * Loads an image saved by either backend ({@code DictDB.save} or {@link #save}) into a database on a Hazelcast
     * cluster, with the codec named in the file's frame.
     *
     * @param hazelcast the instance
     * @param name the database's name; it must have no tables
     * @param file the image file
     * @return the database
     * @throws IllegalStateException if the database already has tables, naming it
     * @throws CodecException if the file cannot be read or is not a full image, naming it
     */
    public static HazelcastDatabase load(HazelcastInstance hazelcast, String name, Path file) {
        return load(hazelcast, name, file, null);
    }

    /**
     * Loads an image with the named codec, as {@link #load(HazelcastInstance, String, Path)} does.
     *
     * @param hazelcast the instance
     * @param name the database's name; it must have no tables
     * @param file the image file
     * @param format the codec's name, or null for the one named in the file's frame (or its extension)
     * @return the database
     * @throws IllegalStateException if the database already has tables, naming it
     * @throws CodecException if the file cannot be read or is not a full image, naming it
     */
    public static HazelcastDatabase load(HazelcastInstance hazelcast, String name, Path file, String format) {
        Objects.requireNonNull(file, "file");
        HazelcastDatabase db = on(hazelcast, name);
        if (!db.catalog.isEmpty()) {
            throw new IllegalStateException("Cannot load " + file + " into the Hazelcast database '" + name
                    + "': it already has tables " + db.tableNames());
        }
        long started = System.nanoTime();
        long[] count = new long[1];
        ImageFiles.standard().read(file, format, (header, reader) -> {
            if (header.kind() != ImageKind.FULL) {
                throw new CodecException("it is a " + header.kind() + " image, not a full save");
            }
            TableDefinition d;
            while ((d = reader.nextTable()) != null) {
                HazelcastTable t = db.createTable(d);
                Map<Object, GenericRecord> batch = new LinkedHashMap<>();
                Record r;
                while ((r = reader.nextRecord()) != null) {
                    Object key = r.get(d.primaryKey());
                    if (key == null) {
                        throw new CodecException("table '" + d.name() + "' holds a record without its primary key '"
                                + d.primaryKey() + "'");
                    }
                    if (batch.put(HazelcastTable.mapKey(key), RecordCodec.row(r, db.nextSeq())) != null) {
                        throw new CodecException("table '" + d.name() + "' holds the key " + Values.describe(key)
                                + " twice");
                    }
                    if (batch.size() >= 1000) {
                        t.map().putAll(batch);
                        batch.clear();
                    }
                    count[0]++;
                }
                t.map().putAll(batch);
            }
            for (TableState s : reader.readTableStates()) {
                if (db.hasTable(s.table())) {
                    db.keys.put(s.table(), Math.max(1, s.nextKey()));
                }
            }
            return null;
        });
        LOG.atInfo().addKeyValue("op", "load").addKeyValue("file", file).addKeyValue("records", count[0])
                .addKeyValue("ms", (System.nanoTime() - started) / 1_000_000).addKeyValue("database", name)
                .log("Loaded {} records from {} into Hazelcast database '{}'", count[0], file, name);
        return db;
    }

    /** Creates a table from a definition read from an image. */
    private HazelcastTable createTable(TableDefinition d) {
        TableSpec spec = TableSpec.named(d.name()).primaryKey(d.primaryKey());
        if (d.schema() != null) {
            spec = spec.schema(d.schema());
        }
        for (IndexDefinition i : d.indexes()) {
            if (!i.unique()) {
                spec = spec.index(i.toSpec());
            } else {
                LOG.atWarn().addKeyValue("op", "load").addKeyValue("table", d.name())
                        .log("The unique index {} of table '{}' is not loaded: the Hazelcast backend has no unique "
                                + "indexes", i, d.name());
            }
        }
        return (HazelcastTable) createTable(spec);
    }

    // ---------------------------------------------------------------- transactions and the feed

    /**
     * {@inheritDoc}
     *
     * <p>On Hazelcast the block runs on the calling thread with its writes applied at once and undone, newest first,
     * if it throws: the same throwable leaves this call. It is not isolated and takes no lock: other callers may see
     * its writes before it ends, and two transactions over the same table may interleave.
     */
    @Override
    public <T> T transaction(Collection<String> tables, Supplier<T> work) {
        Objects.requireNonNull(tables, "tables");
        Objects.requireNonNull(work, "work");
        checkOpen();
        if (tables.isEmpty()) {
            throw new IllegalArgumentException("A transaction needs at least one table");
        }
        Set<String> names = new LinkedHashSet<>();
        for (String n : tables) {
            requireTable(Objects.requireNonNull(n, "table name"));
            names.add(n);
        }
        HazelcastTable updating = HazelcastTable.updating();
        if (updating != null) {
            throw new IllegalStateException("Cannot start a transaction over " + List.copyOf(names) + " while holding "
                    + "the lock of table '" + updating.name() + "' (inside an update function)");
        }
        HzTransaction outer = HzTransaction.current();
        if (outer != null) {
            if (outer.database() != this || !outer.tables().containsAll(names)) {
                throw new IllegalStateException("A transaction over " + List.copyOf(names) + " cannot run inside the "
                        + "transaction over " + List.copyOf(outer.tables()) + ": a nested transaction joins the outer "
                        + "one and may only name its tables");
            }
            return outer.join(work);
        }
        return HzTransaction.run(this, names, work);
    }

    /**
     * Not available on Hazelcast: the change feed is left out.
     *
     * @param listener the listener
     * @param maxPendingChanges the buffer
     * @return never
     * @throws UnsupportedOperationException always
     */
    @Override
    public ChangeSubscription subscribe(ChangeListener listener, int maxPendingChanges) {
        Objects.requireNonNull(listener, "listener");
        if (maxPendingChanges < 1) {
            throw new IllegalArgumentException("maxPendingChanges must be at least 1, got " + maxPendingChanges);
        }
        throw new UnsupportedOperationException("The Hazelcast database '" + name + "' has no change feed: "
                + "subscribe() is left out of this backend");
    }

    /**
     * Marks this database closed: every later call on it or its tables throws {@link IllegalStateException}. The
     * Hazelcast instance keeps running and the data stays on the cluster. Calling it again does nothing.
     */
    @Override
    public void close() {
        closed = true;
    }

    /**
     * Deletes this database from the cluster: every table's map, the catalog, the key counters, its id and its
     * backup counter (a database created again under the name gets a new id). Other
     * {@code HazelcastDatabase} objects of the same name see no tables afterwards.
     */
    public void destroy() {
        for (GenericRecord e : new ArrayList<>(catalog.values())) {
            hz.getMap(mapName(e.getString("name"), e.getInt64("created"))).destroy();
        }
        for (HazelcastTable t : open.values()) {
            t.markDropped();
        }
        open.clear();
        catalog.destroy();
        keys.destroy();
        meta.destroy();
        seqs.destroy();
    }

    @Override
    public String toString() {
        return "HazelcastDatabase[" + name + "]";
    }
}
