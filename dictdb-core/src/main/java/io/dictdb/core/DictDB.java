package io.dictdb.core;

import io.dictdb.CodecException;
import io.dictdb.DictDbException;
import io.dictdb.Database;
import io.dictdb.DuplicateTableException;
import io.dictdb.Record;
import io.dictdb.Table;
import io.dictdb.TableNotFoundException;
import io.dictdb.TableSpec;
import io.dictdb.ChangeListener;
import io.dictdb.ChangeSubscription;
import io.dictdb.core.change.ChainRecovery;
import io.dictdb.core.change.ChangeChannel;
import io.dictdb.core.change.ChangeFollower;
import io.dictdb.core.change.ChangeLog;
import io.dictdb.core.change.ChangeSet;
import io.dictdb.core.change.ChannelAccess;
import io.dictdb.core.feed.ChangeFeed;
import io.dictdb.core.journal.FolderLock;
import io.dictdb.core.journal.Journal;
import io.dictdb.core.journal.JournalRecovery;
import io.dictdb.core.lock.LockOrder;
import io.dictdb.core.stats.OperationStats;
import io.dictdb.core.table.MemoryTable;
import io.dictdb.core.table.TableContext;
import io.dictdb.core.table.Transaction;
import io.dictdb.spi.Change;
import io.dictdb.spi.Codec;
import io.dictdb.spi.Codecs;
import io.dictdb.file.FileOps;
import io.dictdb.file.ImageFiles;
import io.dictdb.spi.ImageHeader;
import io.dictdb.file.ImageInfo;
import io.dictdb.spi.ImageKind;
import io.dictdb.spi.ImageReader;
import io.dictdb.spi.TableState;
import io.dictdb.spi.IndexDefinition;
import io.dictdb.spi.TableDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * The in-memory DictDB database, and the entry point of the engine: {@link #create()}, {@link #builder()},
 * {@link #load(Path)}.
 *
 * <p><b>Concurrency.</b> Each table has one reader-writer lock: many readers together or one writer. Every public
 * method of a table is atomic with respect to that table. Operations over several tables ({@link #snapshot()},
 * {@link #transaction(Collection, Supplier)}) lock tables in one global order, by name, so they cannot deadlock
 * with each other.
 *
 * <p><b>Transactions</b> ({@link #transaction(Collection, Supplier)}): a block over named tables commits whole or is
 * undone whole; see {@link Database#transaction(Collection, Supplier)}.
 *
 * <p><b>Changes.</b> Every committed change (record upsert or delete, table or index created or dropped) gets a
 * database-wide, strictly increasing sequence number ({@link #sequence()} is the last one); the changes of one commit
 * (a write, a batch, a transaction) are numbered consecutively. {@link #snapshot()} returns every table at one
 * sequence number while writers run. {@link #subscribe(ChangeListener, int)} follows the commits. Backups reach the
 * database through {@code io.dictdb.core.change.ChangeChannel}, which is not part of the public API.
 *
 * <p><b>Durability.</b> {@link #open(Path)} opens a durable database in a folder: every commit is appended to a
 * journal there before the write returns (see {@link JournalSync} for what "durable" means in each mode), and the
 * journal is replayed when the folder is opened again. Close it ({@link #close()}) to release the folder.
 */
public final class DictDB implements Database {
    private static final Logger LOG = LoggerFactory.getLogger(DictDB.class);
    /** The format of {@link #save(Path)} when the file's extension names no installed codec. */
    public static final String DEFAULT_FORMAT = "json";

    private final Builder options;
    private final String databaseId;
    private final ChangeLog changes;
    private final TableContext context;
    /**
     * Serialises table creation and removal (exclusive) against snapshots (shared). Lookups take no lock: they read
     * {@link #tables}, an immutable map replaced whole under the exclusive lock, so a lookup can never wait behind
     * a snapshot and close a lock cycle.
     */
    private final ReentrantReadWriteLock catalog = new ReentrantReadWriteLock();
    private volatile Map<String, MemoryTable> tables = Map.of();
    /** Transactions committed and rolled back, for {@link #metrics()}. */
    private final OperationStats commits = new OperationStats();
    private final OperationStats rollbacks = new OperationStats();
    private final DatabaseMetrics metrics;
    /** Set once by {@link #close()}; every later call throws. */
    private volatile boolean closed;
    /** The usage statistics taken by {@link #close()} under the tables' write locks, written after the journal. */
    private Map<String, io.dictdb.TableStats> finalUsage;
    /** The journal and the folder hold of a durable database; null for an in-memory one. */
    private Journal journal;
    private FolderLock folderLock;
    /** The periodic write of a durable database's usage statistics ({@link UsageStatsFile}); null in memory. */
    private java.util.concurrent.ScheduledFuture<?> usageTask;
    /** The usage statistics last written or restored, so that the timer writes only when they changed. */
    private Map<String, io.dictdb.TableStats> usageWritten = Map.of();

    /**
     * How often at most a durable database writes its usage statistics while they change: a minute (package private
     * so that a test can shorten it).
     */
    static volatile long usageIntervalMillis = 60_000;

    static {
        ChannelAccess.install(db -> db.channel);
    }

    private final ChangeChannel channel = new Channel();

    /** The file in a durable database's folder that keeps its id across opens. */
    static final String ID_FILE = "dictdb.id";

    /** Opens (or creates) the durable database in {@code dir}; see {@link Builder#open(Path)}. */
    private static DictDB openDurable(Builder options, Path dir) {
        Objects.requireNonNull(dir, "dir");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new DictDbException("Cannot create database folder " + dir + ": " + e, e);
        }
        FolderLock lock = FolderLock.acquire(dir);
        try {
            Codec codec = Codecs.named(options.journalFormat);
            long started = System.nanoTime();
            String id = storedDatabaseId(dir);
            Optional<Snapshot> chain = restoreChain(dir, id);
            DictDB db = chain.isPresent() ? options.buildFrom(chain.get()) : new DictDB(options, 0, id);
            if (id == null) {
                storeDatabaseId(dir, db.databaseId);
            }
            Path journalDir = dir.resolve("journal");
            long fromBackup = db.sequence();
            JournalRecovery.Result r = JournalRecovery.replay(journalDir, codec, fromBackup, db.channel::apply);
            Files.createDirectories(journalDir);
            Journal journal = new Journal(journalDir, r.lastSegment(), codec, db.databaseId, options.journalSync,
                    options.journalSyncInterval, options.journalSegmentSize, options.fileOps);
            db.journal = journal;
            db.folderLock = lock;
            db.changes.attach(journal);
            db.startUsageStats();
            LOG.atInfo().addKeyValue("op", "open").addKeyValue("folder", dir).addKeyValue("sequence", r.lastSequence())
                    .addKeyValue("count", r.changes()).addKeyValue("backup_sequence", fromBackup)
                    .addKeyValue("ms", (System.nanoTime() - started) / 1_000_000)
                    .log("Opened the database in {}: backups up to sequence {}, then {} journalled changes", dir,
                            fromBackup, r.changes());
            return db;
        } catch (IOException e) {
            lock.close();
            throw new DictDbException("Cannot open the database in folder " + dir + ": " + e, e);
        } catch (RuntimeException | Error e) {
            lock.close();
            throw e;
        }
    }

    /**
     * Restores the usage statistics the folder kept (they add up across opens; an unreadable file is reported and
     * ignored) and starts writing them at most every {@link #usageIntervalMillis} while they change.
     */
    private void startUsageStats() {
        Path dir = folderLock.folder();
        UsageStatsFile.read(dir).ifPresent(u -> u.tables().forEach((name, stats) -> {
            MemoryTable t = tables.get(name);
            if (t != null) {
                t.addStats(stats);
            }
        }));
        usageWritten = usageNow();
        long every = usageIntervalMillis;
        usageTask = UsageTimer.SHARED.scheduleWithFixedDelay(this::writeUsageIfChanged, every, every,
                java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** Every table's usage statistics now; tables dropped meanwhile are skipped. */
    private Map<String, io.dictdb.TableStats> usageNow() {
        Map<String, io.dictdb.TableStats> out = new LinkedHashMap<>();
        for (MemoryTable t : tables.values()) {
            try {
                out.put(t.name(), t.stats());
            } catch (IllegalStateException | TableNotFoundException e) {
                // dropped or closing: nothing to keep
            }
        }
        return out;
    }

    /** The timer's task: writes the usage statistics when they changed since the last write. */
    private void writeUsageIfChanged() {
        try {
            if (closed) {
                return;
            }
            Map<String, io.dictdb.TableStats> now = usageNow();
            if (!now.equals(usageWritten)) {
                writeUsage(now, false);
            }
        } catch (RuntimeException e) {
            LOG.atWarn().addKeyValue("op", "usage_stats_write").addKeyValue("database", describe())
                    .addKeyValue("error", e.toString()).log("Cannot write the usage statistics: {}", e.toString());
        }
    }

    /**
     * Writes the usage statistics file; a failure is logged (WARN) and the counts stay in memory. Once the database
     * is closed only {@link #close()}'s own write goes through: a timer run that started before it cannot put older
     * counts over the final ones, nor write after the folder is released.
     */
    private synchronized void writeUsage(Map<String, io.dictdb.TableStats> now, boolean fromClose) {
        if (closed && !fromClose) {
            return;
        }
        Path dir = folderLock.folder();
        try {
            UsageStatsFile.write(dir, new UsageStatsFile.Usage(Instant.now(), now));
            usageWritten = now;
        } catch (IOException e) {
            LOG.atWarn().addKeyValue("op", "usage_stats_write").addKeyValue("file", UsageStatsFile.of(dir))
                    .addKeyValue("error", e.toString())
                    .log("Cannot write the usage statistics file {}: {}", UsageStatsFile.of(dir), e.toString());
        }
    }

    /** The one daemon thread that writes every durable database's usage statistics, created on first use. */
    private static final class UsageTimer {
        static final java.util.concurrent.ScheduledThreadPoolExecutor SHARED = timer();

        private static java.util.concurrent.ScheduledThreadPoolExecutor timer() {
            java.util.concurrent.ScheduledThreadPoolExecutor t = new java.util.concurrent.ScheduledThreadPoolExecutor(1,
                    r -> {
                        Thread th = new Thread(r, "dictdb-usage-stats");
                        th.setDaemon(true);
                        return th;
                    });
            t.setRemoveOnCancelPolicy(true);
            return t;
        }
    }

    /** The newest backup chain of the folder, through the backup module's {@link ChainRecovery}, if any. */
    private static Optional<Snapshot> restoreChain(Path dir, String databaseId) throws IOException {
        Iterator<ChainRecovery> providers = java.util.ServiceLoader.load(ChainRecovery.class,
                DictDB.class.getClassLoader()).iterator();
        if (providers.hasNext()) {
            return providers.next().restoreLatest(dir, databaseId);
        }
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            Optional<Path> backup = files.filter(p -> p.getFileName().toString()
                    .startsWith(ChainRecovery.FULL_BACKUP_PREFIX)).findFirst();
            if (backup.isPresent()) {
                throw new DictDbException("Database folder " + dir + " holds backups (" + backup.get().getFileName()
                        + ") but dictdb-backup, which restores them, is not on the class path: add it, or open "
                        + "another folder");
            }
        }
        return Optional.empty();
    }

    /** The id kept in the folder, or null before the first open. */
    private static String storedDatabaseId(Path dir) throws IOException {
        Path file = dir.resolve(ID_FILE);
        if (Files.exists(file)) {
            String id = Files.readString(file, StandardCharsets.US_ASCII).strip();
            if (!id.isEmpty()) {
                return id;
            }
        }
        return null;
    }

    /** Keeps the id in the folder (written atomically and forced), so that every open gives the same one. */
    private static void storeDatabaseId(Path dir, String id) throws IOException {
        Path file = dir.resolve(ID_FILE);
        Path tmp = dir.resolve(ID_FILE + ".tmp");
        try (java.nio.channels.FileChannel c = java.nio.channels.FileChannel.open(tmp,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE,
                java.nio.file.StandardOpenOption.TRUNCATE_EXISTING)) {
            c.write(java.nio.ByteBuffer.wrap((id + "\n").getBytes(StandardCharsets.US_ASCII)));
            c.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private DictDB(Builder options, long sequence, String databaseId) {
        this.options = options;
        this.databaseId = databaseId == null ? ImageHeader.newId() : databaseId;
        ChangeFeed feed = options.feedExecutor != null ? new ChangeFeed(options.feedExecutor) : new ChangeFeed();
        this.changes = new ChangeLog(sequence, options.coalesceThreshold, feed);
        this.metrics = new DatabaseMetrics(this, commits, rollbacks, feed);
        this.context = new TableContext(changes, options.debugLogSampling, options.slowQueryThreshold);
        LOG.atDebug().addKeyValue("op", "init").log("Initialized an empty DictDB instance");
    }

    /**
     * The version of this library, as its build gave it (for example {@code 0.1.0}); the same value is every jar's
     * {@code Implementation-Version}.
     *
     * @return the version, or {@code "unknown"} if the library's version file is missing (a class path assembled by
     *     hand from classes without their resources)
     */
    public static String version() {
        return VersionHolder.VERSION;
    }

    /** Reads the version file once, on first use. */
    private static final class VersionHolder {
        static final String VERSION = read();

        private static String read() {
            try (java.io.InputStream in = DictDB.class.getResourceAsStream("dictdb-version.properties")) {
                if (in == null) {
                    return "unknown";
                }
                java.util.Properties p = new java.util.Properties();
                p.load(in);
                return p.getProperty("version", "unknown");
            } catch (java.io.IOException e) {
                return "unknown";
            }
        }
    }

    /**
     * Creates an empty database with default options.
     *
     * @return a new database
     */
    public static DictDB create() {
        return builder().build();
    }

    /**
     * Starts a database with options.
     *
     * @return a builder with the defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Loads a database saved by {@link #save(Path)}, streaming: memory is the database plus one record. The codec
     * is the one named in the file's frame, or for a frameless file (a plain export, a Python DictDB save) the one
     * for its extension.
     *
     * @param file the file
     * @return the loaded database, with default options
     * @throws CodecException if no codec can read the file, or it is missing, truncated, damaged or not a full
     *     image; the message names the file
     * @throws NullPointerException if the file is null
     */
    public static DictDB load(Path file) {
        return builder().load(file, null);
    }

    /**
     * Loads a database with the named codec.
     *
     * @param file the file
     * @param format the codec name, or null to choose as {@link #load(Path)} does
     * @return the loaded database
     * @throws CodecException if the codec is not installed or the file is corrupt, naming it
     * @throws NullPointerException if the file is null
     */
    public static DictDB load(Path file, String format) {
        return builder().load(file, format);
    }

    /**
     * Loads a database on a dedicated daemon executor, never the common fork-join pool.
     *
     * @param file the file
     * @param format the codec name, or null to choose as {@link #load(Path)} does
     * @return a future of the loaded database, completed exceptionally with a {@link CodecException} on failure
     * @throws NullPointerException if the file is null
     */
    public static CompletableFuture<Database> loadAsync(Path file, String format) {
        return builder().loadAsync(file, format);
    }

    @Override
    public Table createTable(TableSpec spec) {
        Objects.requireNonNull(spec, "spec");
        List<IndexDefinition> indexes = new ArrayList<>();
        spec.indexSpecs().forEach(index -> indexes.add(IndexDefinition.of(index)));
        return createTable(new TableDefinition(spec.name(), spec.primaryKey(), spec.schema().orElse(null), indexes),
                1, List.of());
    }

    private MemoryTable createTable(TableDefinition definition, long nextKey, Iterable<Record> records) {
        checkOpen();
        context.checkWritable("create", definition.name());
        MemoryTable created = createTableLocked(definition, nextKey, records);
        changes.awaitDurable(); // after the catalog lock: a slow disk holds no one else back
        return created;
    }

    private MemoryTable createTableLocked(TableDefinition definition, long nextKey, Iterable<Record> records) {
        requireNoTableLockHeld("create table '" + definition.name() + "'");
        Lock w = catalog.writeLock();
        w.lock();
        try {
            if (tables.containsKey(definition.name())) {
                throw new DuplicateTableException(definition.name());
            }
            MemoryTable table = new MemoryTable(context, definition, nextKey, records);
            Map<String, MemoryTable> next = new LinkedHashMap<>(tables);
            next.put(definition.name(), table);
            tables = Collections.unmodifiableMap(next);
            changes.createTable(table.definition());
            LOG.atInfo().addKeyValue("op", "create_table").addKeyValue("table", definition.name())
                    .addKeyValue("field", definition.primaryKey())
                    .log("Created table '{}' (pk='{}')", definition.name(), definition.primaryKey());
            return table;
        } finally {
            w.unlock();
        }
    }

    @Override
    public Optional<Table> findTable(String name) {
        return Optional.ofNullable(memoryTable(name));
    }

    private MemoryTable memoryTable(String name) {
        checkOpen();
        return name == null ? null : tables.get(name);
    }

    private MemoryTable requireTable(String name) {
        MemoryTable t = memoryTable(name);
        if (t == null) {
            throw new TableNotFoundException(name);
        }
        return t;
    }

    @Override
    public boolean hasTable(String name) {
        return memoryTable(name) != null;
    }

    @Override
    public List<String> tableNames() {
        checkOpen();
        return List.copyOf(tables.keySet());
    }

    @Override
    public void dropTable(String name) {
        checkOpen();
        context.checkWritable("drop", name);
        dropTableLocked(name);
        changes.awaitDurable(); // after the catalog lock: a slow disk holds no one else back
    }

    private void dropTableLocked(String name) {
        requireNoTableLockHeld("drop table '" + name + "'");
        Lock w = catalog.writeLock();
        w.lock();
        try {
            MemoryTable table = tables.get(name);
            if (table == null) {
                throw new TableNotFoundException(name);
            }
            // Wait for operations in flight on the table, then make every later one fail.
            Lock tw = table.lock().writeLock();
            tw.lock();
            try {
                table.markDropped();
                Map<String, MemoryTable> next = new LinkedHashMap<>(tables);
                next.remove(name);
                tables = Collections.unmodifiableMap(next);
                changes.dropTable(name);
            } finally {
                tw.unlock();
            }
            LOG.atInfo().addKeyValue("op", "drop_table").addKeyValue("table", name).log("Dropped table '{}'", name);
        } finally {
            w.unlock();
        }
    }

    /**
     * Creating or dropping a table takes the catalog lock, which snapshots take before table locks; doing it while
     * holding a table lock (inside a transaction, an update function or a query predicate) would invert that order
     * and could deadlock, so it is refused; inside a transaction it could not be undone either.
     */
    private void requireNoTableLockHeld(String what) {
        Transaction tx = Transaction.current();
        if (tx != null) {
            throw new IllegalStateException("Cannot " + what + " inside a transaction (over " + tx.tableNames()
                    + "): do it outside");
        }
        for (MemoryTable t : tables.values()) {
            if (t.lock().isWriteLockedByCurrentThread() || t.lock().getReadHoldCount() > 0) {
                throw new IllegalStateException("Cannot " + what + " while holding the lock of table '"
                        + t.name() + "' (inside an update function or a query predicate)");
            }
        }
    }

    // ---------------------------------------------------------------- transactions and the change feed

    /**
     * {@inheritDoc}
     *
     * <p>Undo costs O(changes made), never O(table): each write notes how to take itself back.
     */
    @Override
    public <T> T transaction(Collection<String> tableNames, Supplier<T> work) {
        Objects.requireNonNull(tableNames, "tables");
        Objects.requireNonNull(work, "work");
        if (tableNames.isEmpty()) {
            throw new IllegalArgumentException("A transaction needs at least one table");
        }
        context.checkWritable("start a transaction over " + List.copyOf(tableNames));
        List<MemoryTable> locked = new ArrayList<>(tableNames.size());
        for (String n : tableNames) {
            locked.add(requireTable(Objects.requireNonNull(n, "table name")));
        }
        Transaction outer = Transaction.current();
        if (outer != null) {
            if (!outer.covers(locked)) {
                throw new IllegalStateException("A transaction over " + List.copyOf(tableNames) + " cannot run inside "
                        + "the transaction over " + outer.tableNames() + ": a nested transaction joins the outer one "
                        + "and may only name its tables");
            }
            return outer.join(work);
        }
        requireNoTableLockHeld("start a transaction");
        long start = System.nanoTime();
        boolean committed = false;
        T result;
        try {
            result = LockOrder.withWriteLocks(locked, () -> Transaction.run(changes, locked, work));
            committed = true;
        } finally {
            (committed ? commits : rollbacks).record(start);
        }
        changes.awaitDurable(); // after the table locks are released: a slow disk holds no other writer back
        return result;
    }

    /**
     * The former name of {@link #transaction(Collection, Supplier)}, which it now is: if {@code work} throws, its
     * changes are undone.
     *
     * @param tableNames the tables to lock
     * @param work the work to run
     * @param <T> the work's result type
     * @return what {@code work} returns
     * @throws TableNotFoundException if a table does not exist
     */
    public <T> T atomically(Collection<String> tableNames, Supplier<T> work) {
        return transaction(tableNames, work);
    }

    @Override
    public ChangeSubscription subscribe(ChangeListener listener, int maxPendingChanges) {
        Objects.requireNonNull(listener, "listener");
        if (maxPendingChanges < 1) {
            throw new IllegalArgumentException("maxPendingChanges must be at least 1, got " + maxPendingChanges);
        }
        checkOpen();
        ChangeSubscription s = changes.subscribe(listener, maxPendingChanges);
        LOG.atDebug().addKeyValue("op", "subscribe").addKeyValue("sequence", s.position())
                .addKeyValue("count", maxPendingChanges).log("subscribed to the change feed");
        return s;
    }

    // ---------------------------------------------------------------- metrics

    /**
     * This database's metrics: records, operation counts and latencies per table, slow queries, transactions and
     * change-feed lag, read-only and always current (see {@link DatabaseMetrics}). The {@code dictdb-micrometer}
     * module publishes them to a Micrometer registry.
     *
     * @return the metrics view, the same object at every call
     */
    public DatabaseMetrics metrics() {
        return metrics;
    }

    /** The metrics view of a table, for {@link DatabaseMetrics#table(String)}. */
    Optional<TableMetrics> tableMetrics(String name) {
        MemoryTable t = memoryTable(name);
        return t == null ? Optional.empty() : Optional.of(new TableMetrics(t));
    }

    // ---------------------------------------------------------------- change tracking

    /**
     * The sequence number of the last committed change (0 before any).
     *
     * @return the sequence number
     */
    public long sequence() {
        checkOpen();
        return changes.sequence();
    }

    /**
     * This database's id: a random UUID given at creation, written into every image of it and kept when it is loaded
     * from its save or restored from its backups, so that a backup folder can tell whose chains it holds. A database
     * loaded from a file written before databases had ids gets a new one.
     *
     * @return the id, printable ASCII
     */
    public String databaseId() {
        return databaseId;
    }

    /**
     * A consistent image of every table at one sequence number, taken while writers run: writers wait only while
     * each table's chunk directory is copied.
     *
     * @return the snapshot
     * @throws IllegalStateException if the calling thread holds a table lock (inside {@link #atomically} or an
     *     update function), where waiting for the other tables could deadlock
     */
    public Snapshot snapshot() {
        checkOpen();
        requireNoTableLockHeld("take a snapshot");
        Lock r = catalog.readLock();
        r.lock();
        try {
            List<MemoryTable> all = new ArrayList<>(tables.values());
            return LockOrder.withReadLocks(all, () -> {
                List<Snapshot.TableImage> images = new ArrayList<>(all.size());
                for (MemoryTable t : all) {
                    images.add(t.image());
                }
                return new Snapshot(changes.pinSnapshot(), Instant.now(), images, databaseId);
            });
        } finally {
            r.unlock();
        }
    }

    /** The channel the backup module reaches this database through ({@link ChangeChannel#of(DictDB)}). */
    private final class Channel implements ChangeChannel {
        @Override
        public long sequence() {
            return DictDB.this.sequence();
        }

        @Override
        public String databaseId() {
            return databaseId;
        }

        @Override
        public Snapshot snapshot() {
            return DictDB.this.snapshot();
        }

        @Override
        public ChangeFollower follow() {
            return changes.follow();
        }

        @Override
        public int backedUp(Path folder, long sequence) {
            Journal j = journal;
            if (j == null || folderLock == null) {
                return 0;
            }
            try {
                if (!Files.isSameFile(folder, folderLock.folder())) {
                    return 0;
                }
            } catch (IOException e) {
                return 0;
            }
            return j.releaseThrough(sequence);
        }

        @Override
        public int followerCount() {
            return changes.followerCount();
        }

        @Override
        public ChangeSet capture(ChangeFollower follower) {
            Objects.requireNonNull(follower, "follower");
            requireNoTableLockHeld("capture changes");
            Lock r = catalog.readLock();
            r.lock();
            try {
                List<MemoryTable> all = new ArrayList<>(tables.values());
                return LockOrder.withReadLocks(all, () -> {
                    ChangeSet set = follower.captureHeld();
                    List<TableState> counters = new ArrayList<>(all.size());
                    for (MemoryTable t : all) {
                        counters.add(new TableState(t.name(), t.nextKey()));
                    }
                    return new ChangeSet(set.firstSequence(), set.lastSequence(), set.changes(), counters,
                            set.commits());
                });
            } finally {
                r.unlock();
            }
        }

        @Override
        public void readOnly(String reason) {
            context.readOnly(Objects.requireNonNull(reason, "reason"));
            LOG.atInfo().addKeyValue("op", "read_only").addKeyValue("database", describe())
                    .log("The {} is read-only: {}", describe(), reason);
        }

        @Override
        public void writable() {
            context.readOnly(null);
        }

        @Override
        public Optional<String> readOnlyReason() {
            return Optional.ofNullable(context.readOnlyReason());
        }

        @Override
        public int apply(ChangeSet set) {
            return context.applying(() -> {
                int n = apply(set.changes());
                for (TableState s : set.keyCounters()) {
                    requireTable(s.table()).advanceKeyCounter(s.nextKey());
                }
                changes.advanceTo(set.lastSequence());
                return n;
            });
        }

        @Override
        public int applyCommit(List<Change> commit) {
            boolean records = commit.stream().allMatch(c -> c instanceof Change.Upsert || c instanceof Change.Delete);
            if (commit.size() < 2 || !records) {
                return apply(commit); // DDL is a commit of its own; one change is atomic anyway
            }
            return context.applying(() -> {
                java.util.Set<String> names = new java.util.LinkedHashSet<>();
                for (Change c : commit) {
                    names.add(c.table());
                }
                // A transaction numbers its changes consecutively after the sequence, as the commit's are.
                changes.advanceTo(commit.get(0).sequence() - 1);
                int n = transaction(names, () -> {
                    for (Change c : commit) {
                        if (c instanceof Change.Upsert u) {
                            requireTable(u.table()).replace(u.record());
                        } else if (c instanceof Change.Delete d) {
                            requireTable(d.table()).removeKey(d.key());
                        }
                    }
                    return commit.size();
                });
                changes.advanceTo(commit.get(commit.size() - 1).sequence());
                return n;
            });
        }

        @Override
        public int apply(List<Change> list) {
            return context.applying(() -> applyEach(list));
        }

        private int applyEach(List<Change> list) {
            int n = 0;
            for (Change c : list) {
                changes.advanceTo(c.sequence() - 1);
                if (c instanceof Change.Upsert u) {
                    requireTable(u.table()).replace(u.record());
                } else if (c instanceof Change.Delete d) {
                    requireTable(d.table()).removeKey(d.key());
                } else if (c instanceof Change.CreateTable ct) {
                    createTable(ct.definition(), 1, List.of());
                } else if (c instanceof Change.DropTable dt) {
                    dropTable(dt.table());
                } else if (c instanceof Change.CreateIndex ci) {
                    requireTable(ci.table()).createIndex(ci.index().toSpec());
                } else if (c instanceof Change.DropIndex di) {
                    requireTable(di.table()).dropIndex(di.name());
                }
                n++;
            }
            return n;
        }
    }

    // ---------------------------------------------------------------- persistence

    /**
     * Saves a consistent snapshot of every table, streaming, while writers go on: the codec is the one whose file
     * extension the file has, {@value #DEFAULT_FORMAT} for a file name without an extension (see
     * {@link #formatFor(Path)}). The file is written atomically with the shared frame
     * (see {@link ImageFiles}): a failure leaves the previous file untouched.
     *
     * @param file the file
     * @throws CodecException if writing fails, or if the file's extension names no installed codec, naming the
     *     file (and then listing the installed codecs)
     * @throws NullPointerException if the file is null
     */
    @Override
    public void save(Path file) {
        save(file, formatFor(file));
    }

    /**
     * Saves a consistent snapshot with the named codec.
     *
     * @param file the file
     * @param format the codec name
     * @throws CodecException if the codec is not installed or writing fails, naming the file
     * @throws NullPointerException if the file or the format is null
     */
    @Override
    public void save(Path file, String format) {
        save(file, format, ImageFiles.standard());
    }

    /**
     * Saves a consistent snapshot through the given image files (for example one with a failing {@link FileOps},
     * in tests).
     *
     * @param file the file
     * @param format the codec name
     * @param files the image files to write with
     * @return what was written
     * @throws CodecException if the codec is not installed or writing fails, naming the file
     */
    public ImageInfo save(Path file, String format, ImageFiles files) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(format, "format");
        checkOpen();
        return writeSnapshot(file, codecToWrite(file, format), snapshot(), files);
    }

    /** The named codec, or a CodecException naming the file to be written. */
    private static Codec codecToWrite(Path file, String format) {
        try {
            return Codecs.named(format);
        } catch (CodecException e) {
            throw new CodecException("Cannot write image file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes a snapshot taken earlier as a full image. */
    private static ImageInfo writeSnapshot(Path file, Codec codec, Snapshot snap, ImageFiles files) {
        long started = System.nanoTime();
        ImageInfo info = files.write(file, codec, snap.fullHeader(), snap::writeTo);
        LOG.atInfo().addKeyValue("op", "save").addKeyValue("file", file).addKeyValue("codec", codec.name())
                .addKeyValue("records", snap.recordCount()).addKeyValue("bytes", info.size())
                .addKeyValue("ms", (System.nanoTime() - started) / 1_000_000)
                .log("Saved {} records to {}", snap.recordCount(), file);
        return info;
    }

    /**
     * Saves on the {@link #asyncExecutor()}, choosing the codec as {@link #save(Path)} does.
     *
     * @param file the file
     * @return a future completed when the file is written, exceptionally with a {@link CodecException}
     * @throws NullPointerException if the file is null
     */
    public CompletableFuture<Void> saveAsync(Path file) {
        String format;
        try {
            format = formatFor(file);
        } catch (CodecException e) {
            return CompletableFuture.failedFuture(e);
        }
        return saveAsync(file, format);
    }

    @Override
    public CompletableFuture<Void> saveAsync(Path file, String format) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(format, "format");
        // The snapshot is taken now, on the caller's thread (it costs microseconds), so the file holds the database
        // as it was when saveAsync was called, not whenever the executor gets to it.
        Codec codec;
        Snapshot snap;
        checkOpen();
        try {
            codec = codecToWrite(file, format);
            snap = snapshot();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        ImageFiles files = ImageFiles.standard();
        return CompletableFuture.runAsync(() -> writeSnapshot(file, codec, snap, files), asyncExecutor());
    }

    /**
     * The codec {@link #save(Path)} chooses for a file: the installed codec whose file extension the file has
     * ({@link Codecs#nameForExtension(Path)}, the rule reading shares), or {@value #DEFAULT_FORMAT} for a file name
     * without an extension ({@code cbor} and {@code kryo} are returned for their extensions even when not installed,
     * so that {@link Codecs#named(String)} says which artifact to add).
     *
     * @param file the file
     * @return the codec's name
     * @throws CodecException if the file has an extension that no installed codec uses (say {@code data.parquet}),
     *     naming the file and listing the installed codecs
     * @throws NullPointerException if the file is null
     */
    public static String formatFor(Path file) {
        return Codecs.nameForExtension(file).orElse(DEFAULT_FORMAT);
    }

    /** Streams a full image into a new database. */
    private static DictDB loadImage(Builder options, ImageHeader header, ImageReader reader) throws IOException {
        if (header.kind() != ImageKind.FULL) {
            throw new CodecException("it is a " + header.kind() + " image (changes " + header.firstSequence() + ".."
                    + header.lastSequence() + "), not a full save: apply it to a database with dictdb-backup");
        }
        DictDB db = new DictDB(options.copy(), 0, header.databaseId());
        TableDefinition d;
        while ((d = reader.nextTable()) != null) {
            Iterator<Record> records = new Iterator<>() {
                private Record next;
                private boolean done;

                @Override
                public boolean hasNext() {
                    if (next == null && !done) {
                        try {
                            next = reader.nextRecord();
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                        done = next == null;
                    }
                    return next != null;
                }

                @Override
                public Record next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    Record r = next;
                    next = null;
                    return r;
                }
            };
            db.createTable(d, 1, () -> records); // iterated once, to the table's end
        }
        for (TableState s : reader.readTableStates()) {
            MemoryTable t = db.memoryTable(s.table());
            if (t == null) {
                throw new CodecException("a key counter for table '" + s.table() + "', which the image does not hold");
            }
            t.advanceKeyCounter(s.nextKey());
        }
        db.changes.resetSequence(header.lastSequence());
        return db;
    }

    /**
     * The executor async operations run on: the builder's, or a dedicated daemon executor.
     *
     * @return the executor, never the common fork-join pool
     */
    public Executor asyncExecutor() {
        return options.asyncExecutor != null ? options.asyncExecutor : AsyncExecutor.SHARED;
    }

    @Override
    public String toString() {
        return closed ? describe() + " (closed)" : "DictDB" + tableNames();
    }

    // ---------------------------------------------------------------- durability and closing

    /**
     * Opens the durable database in a folder with default options ({@link JournalSync#SYNC}, the {@code json}
     * codec): see {@link Builder#open(Path)}.
     *
     * @param dir the folder, created if missing
     * @return the database, holding every commit the journal there holds
     * @throws DictDbException if the folder is open elsewhere (this JVM or another process), or its journal is
     *     corrupt before its tail, naming the folder or the file and offset
     */
    public static DictDB open(Path dir) {
        return builder().open(dir);
    }

    /**
     * Closes the database: every subscription is closed; a durable database forces and closes its journal and
     * releases its folder. Waits for the writes in flight. Calling it again does nothing; every later call on the
     * database or its tables throws {@link IllegalStateException}.
     *
     * @throws IllegalStateException if called while the calling thread holds a table lock (inside a transaction or
     *     an update function)
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            requireNoTableLockHeld("close the database");
            if (usageTask != null) {
                usageTask.cancel(false);
            }
            Lock w = catalog.writeLock();
            w.lock();
            try {
                // Every table's write lock: the writes in flight finish (and are journalled) before the journal closes.
                LockOrder.withWriteLocks(new ArrayList<>(tables.values()), () -> {
                    if (usageTask != null) {
                        finalUsage = usageNow(); // the last queries' counts too, before the tables close
                    }
                    context.markClosed(describe());
                    closed = true;
                    return null;
                });
            } finally {
                w.unlock();
            }
        }
        changes.closeFeed();
        try {
            if (journal != null) {
                journal.close();
            }
            if (finalUsage != null) {
                writeUsage(finalUsage, true);
            }
        } finally {
            if (folderLock != null) {
                folderLock.close();
            }
        }
        LOG.atInfo().addKeyValue("op", "close").addKeyValue("database", describe()).log("Closed {}", describe());
    }

    /** The journal's forces, for {@link DatabaseMetrics#journalSyncs()}; all zero without a journal. */
    OperationMetrics journalSyncs() {
        Journal j = journal;
        return j == null ? new OperationMetrics(0, 0, 0, 0) : j.syncs();
    }

    /** The journal's bytes on disk, for {@link DatabaseMetrics#journalBytes()}; 0 without a journal. */
    long journalBytes() {
        Journal j = journal;
        return j == null || closed ? 0 : j.sizeOnDisk();
    }

    /** What errors call this database: its folder when durable, else its id. */
    private String describe() {
        return folderLock != null ? "database in folder " + folderLock.folder() : "database " + databaseId;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("The " + describe() + " is closed");
        }
    }

    /** The dedicated daemon executor for async work, created on first use. */
    private static final class AsyncExecutor {
        static final ExecutorService SHARED = Executors.newCachedThreadPool(new ThreadFactory() {
            private final AtomicInteger n = new AtomicInteger();

            @Override
            public Thread newThread(Runnable r) {
                Thread t = new Thread(r, "dictdb-async-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            }
        });
    }

    /**
     * Options of a database. Build with {@link DictDB#builder()}.
     */
    public static final class Builder {
        private int debugLogSampling = 1;
        private Executor asyncExecutor;
        private Duration slowQueryThreshold;
        private int coalesceThreshold = ChangeLog.DEFAULT_COALESCE_THRESHOLD;
        private Executor feedExecutor;
        private JournalSync journalSync = JournalSync.SYNC;
        private String journalFormat = DEFAULT_FORMAT;
        private Duration journalSyncInterval = Duration.ofMillis(100);
        private long journalSegmentSize = 64L * 1024 * 1024;
        private FileOps fileOps = FileOps.standard();

        private Builder() {
        }

        /**
         * When a durable database forces its journal: {@link JournalSync#SYNC} (the default) before each write
         * returns, or {@link JournalSync#ASYNC} at most every {@link #journalSyncInterval(Duration)}. Read
         * {@link JournalSync} for what each survives.
         *
         * @param sync the mode
         * @return this builder
         */
        public Builder journalSync(JournalSync sync) {
            this.journalSync = Objects.requireNonNull(sync, "sync");
            return this;
        }

        /**
         * The codec of the journal entries that hold table or index changes (create or drop a table or an index),
         * by name ({@value DictDB#DEFAULT_FORMAT} by default); it must be installed when the folder is opened again.
         *
         * <p>Data changes (inserts, updates, upserts, deletes) are not written with it: the journal writes them in
         * its own compact binary encoding, whatever this says. The codec also reads the entries of journals written
         * before that encoding existed (where every entry went through the codec), so a folder opens with the codec
         * it was written with.
         *
         * @param format the codec's name
         * @return this builder
         */
        public Builder journalFormat(String format) {
            this.journalFormat = Objects.requireNonNull(format, "format");
            return this;
        }

        /**
         * How often the {@link JournalSync#ASYNC} journal is forced: 100 ms by default.
         *
         * @param interval the interval, at least 1 ms
         * @return this builder
         * @throws IllegalArgumentException if shorter than 1 ms
         */
        public Builder journalSyncInterval(Duration interval) {
            if (interval.toMillis() < 1) {
                throw new IllegalArgumentException("journalSyncInterval must be at least 1 ms, got " + interval);
            }
            this.journalSyncInterval = interval;
            return this;
        }

        /**
         * The size past which the journal starts a new segment file: 64 MiB by default.
         *
         * @param bytes the size, at least 1 (an entry larger than it gets a segment of its own)
         * @return this builder
         * @throws IllegalArgumentException if less than 1
         */
        public Builder journalSegmentSize(long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("journalSegmentSize must be at least 1, got " + bytes);
            }
            this.journalSegmentSize = bytes;
            return this;
        }

        /**
         * The file operations a durable database's journal appends to, forces and deletes its segments through
         * ({@link FileOps#standard()} by default, which goes straight to the file system). Tests pass a wrapper
         * ({@link io.dictdb.file.ForwardingFileOps}) to inject a failing write or force, or to pause inside a step;
         * pass the same one to a {@code BackupManager} ({@code ImageFiles.using(fileOps)}) to cover its files too.
         *
         * @param fileOps the file operations
         * @return this builder
         */
        public Builder fileOps(FileOps fileOps) {
            this.fileOps = Objects.requireNonNull(fileOps, "fileOps");
            return this;
        }

        /**
         * Opens the durable database in a folder with this builder's options: replays the journal there (a torn
         * tail left by a crash is cut off and logged at WARN), then appends every commit to it (a transaction as one
         * entry) before the write returns. The folder is held, with an operating-system lock, until
         * {@link DictDB#close()}; a crashed process holds nothing.
         *
         * <p>When the folder holds backups (a {@code BackupManager} writing into it), the newest chain that
         * verifies is restored first, through dictdb-backup (which must then be on the class path), and the journal
         * replayed after it. A backup manager on the folder releases the segments a verified backup holds (they are
         * deleted); without one, the journal grows ({@link DatabaseMetrics#journalBytes()} says by how much).
         *
         * @param dir the folder, created if missing
         * @return the database
         * @throws DictDbException if the folder is already open (in this JVM or another process), naming it; if a
         *     journal segment is corrupt before its tail, naming the file and offset; or if it cannot be read
         * @throws CodecException if the journal's codec is not installed
         */
        public DictDB open(Path dir) {
            return openDurable(copy(), dir);
        }

        /**
         * Logs only one in {@code everyN} DEBUG events on hot paths (insert, select, update, delete).
         *
         * @param everyN the sampling period, at least 1 (1 logs every event)
         * @return this builder
         * @throws IllegalArgumentException if less than 1
         */
        public Builder debugLogSampling(int everyN) {
            if (everyN < 1) {
                throw new IllegalArgumentException("debugLogSampling must be at least 1, got " + everyN);
            }
            this.debugLogSampling = everyN;
            return this;
        }

        /**
         * The executor for {@code saveAsync} and other async work; by default a dedicated daemon executor, never the
         * common fork-join pool.
         *
         * @param executor the executor
         * @return this builder
         */
        public Builder asyncExecutor(Executor executor) {
            this.asyncExecutor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /**
         * The executor change-feed deliveries run on: each subscription's deliveries are one task at a time on it.
         * By default, daemon threads created as needed, so that a blocked listener holds only its own thread; an
         * executor with fewer threads than subscriptions lets one slow listener delay others.
         *
         * @param executor the executor; it must run tasks on other threads than the caller's
         * @return this builder
         */
        public Builder feedExecutor(Executor executor) {
            this.feedExecutor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /**
         * Logs queries slower than this at WARN, with their table, duration and plan.
         *
         * @param threshold the threshold; null turns the log off
         * @return this builder
         */
        public Builder slowQueryThreshold(Duration threshold) {
            this.slowQueryThreshold = threshold;
            return this;
        }

        /**
         * The pending-change count from which change tracking keeps changes in net form. Tests lower it to reach
         * the rewrite with few writes.
         *
         * @param threshold the shortest pending list that is coalesced, at least 1
         * @return this builder
         * @throws IllegalArgumentException if less than 1
         */
        Builder coalesceThreshold(int threshold) {
            if (threshold < 1) {
                throw new IllegalArgumentException("coalesceThreshold must be at least 1, got " + threshold);
            }
            this.coalesceThreshold = threshold;
            return this;
        }

        /**
         * Builds an empty database.
         *
         * @return the database
         */
        public DictDB build() {
            return new DictDB(copy(), 0, null);
        }

        /**
         * Builds a database holding a snapshot's state, with the snapshot's database id (a new one when it has
         * none).
         *
         * @param snapshot the snapshot
         * @return the database
         */
        public DictDB buildFrom(Snapshot snapshot) {
            DictDB db = new DictDB(copy(), 0, snapshot.databaseId());
            for (Snapshot.TableImage image : snapshot.tables()) {
                db.createTable(image.definition(), image.nextKey(), image.records());
            }
            db.changes.resetSequence(snapshot.sequence());
            return db;
        }

        /**
         * Loads a database saved by {@link DictDB#save(Path)} with this builder's options, streaming.
         *
         * @param file the file
         * @param format the codec name, or null for the one named in the file's frame (or its extension)
         * @return the loaded database
         * @throws CodecException if the file cannot be read, naming it
         * @throws NullPointerException if the file is null
         */
        public DictDB load(Path file, String format) {
            return load(file, format, ImageFiles.standard());
        }

        /**
         * Loads a database through the given image files.
         *
         * @param file the file
         * @param format the codec name, or null
         * @param files the image files to read with
         * @return the loaded database
         * @throws CodecException if the file cannot be read, naming it
         * @throws NullPointerException if the file is null
         */
        public DictDB load(Path file, String format, ImageFiles files) {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(files, "files");
            Builder options = copy();
            long started = System.nanoTime();
            DictDB db = files.read(file, format, (header, reader) -> loadImage(options, header, reader));
            LOG.atInfo().addKeyValue("op", "load").addKeyValue("file", file)
                    .addKeyValue("tables", db.tables.size())
                    .addKeyValue("ms", (System.nanoTime() - started) / 1_000_000)
                    .log("Loaded {} tables from {}", db.tables.size(), file);
            return db;
        }

        /**
         * Loads a database on this builder's {@link #asyncExecutor(Executor)}, or a dedicated daemon executor;
         * never the common fork-join pool.
         *
         * @param file the file
         * @param format the codec name, or null
         * @return a future of the database, completed exceptionally with a {@link CodecException} on failure
         * @throws NullPointerException if the file is null
         */
        public CompletableFuture<Database> loadAsync(Path file, String format) {
            Objects.requireNonNull(file, "file");
            Builder options = copy();
            Executor executor = options.asyncExecutor != null ? options.asyncExecutor : AsyncExecutor.SHARED;
            return CompletableFuture.supplyAsync(() -> options.load(file, format), executor);
        }

        private Builder copy() {
            Builder b = new Builder();
            b.debugLogSampling = debugLogSampling;
            b.asyncExecutor = asyncExecutor;
            b.slowQueryThreshold = slowQueryThreshold;
            b.coalesceThreshold = coalesceThreshold;
            b.feedExecutor = feedExecutor;
            b.journalSync = journalSync;
            b.journalFormat = journalFormat;
            b.journalSyncInterval = journalSyncInterval;
            b.journalSegmentSize = journalSegmentSize;
            b.fileOps = fileOps;
            return b;
        }
    }
}
