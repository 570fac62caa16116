package io.dictdb.hazelcast;

import com.hazelcast.nio.serialization.genericrecord.GenericRecord;
import io.dictdb.Record;
import io.dictdb.core.index.FieldIndex;
import io.dictdb.core.log.DebugSampler;
import io.dictdb.core.query.QuerySource;
import io.dictdb.core.stats.TableCounters;
import io.dictdb.core.storage.RecordStore;
import io.dictdb.core.storage.Row;
import io.dictdb.internal.ValueKeys;
import io.dictdb.query.Condition;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The records the members returned for one query, in insertion order, as the in-memory query engine reads a table:
 * ordering, paging, projection and aggregation then run exactly as in the engine. Writes the engine asks for go back
 * to the table, with each record's stored row for the compare-and-set.
 */
final class CandidateSource implements QuerySource {
    private final HazelcastTable table;
    private final RecordStore store;
    private final Map<Record, GenericRecord> origins;
    /** The tables whose candidates the calling thread is reading, with how many read holds, for writes to refuse. */
    private static final ThreadLocal<Map<HazelcastTable, Integer>> READING =
            ThreadLocal.withInitial(java.util.IdentityHashMap::new);

    private final ReentrantReadWriteLock lock = new TrackedLock();

    /**
     * Whether the calling thread is inside a query of this table (running its {@code matching()} predicate).
     *
     * @param table the table
     * @return true when it is
     */
    static boolean reading(HazelcastTable table) {
        return READING.get().containsKey(table);
    }

    /** The engine's read lock over the candidates, noting the reading thread. */
    private final class TrackedLock extends ReentrantReadWriteLock {
        private final ReadLock read = new ReadLock(this) {
            @Override
            public void lock() {
                super.lock();
                READING.get().merge(table, 1, Integer::sum);
            }

            @Override
            public boolean tryLock() {
                if (super.tryLock()) {
                    READING.get().merge(table, 1, Integer::sum);
                    return true;
                }
                return false;
            }

            @Override
            public void unlock() {
                READING.get().computeIfPresent(table, (t, n) -> n == 1 ? null : n - 1);
                super.unlock();
            }
        };

        @Override
        public ReentrantReadWriteLock.ReadLock readLock() {
            return read;
        }
    }

    CandidateSource(HazelcastTable table, List<Record> records, Map<Record, GenericRecord> origins) {
        this.table = table;
        this.origins = origins;
        this.store = new RecordStore(table.primaryKey());
        for (Record r : records) {
            store.add(ValueKeys.hashKey(r.get(table.primaryKey())), r);
        }
    }

    @Override
    public String name() {
        return table.name();
    }

    @Override
    public String primaryKey() {
        return table.primaryKey();
    }

    @Override
    public ReentrantReadWriteLock lock() {
        return lock;
    }

    @Override
    public void checkOpen() {
        table.checkOpen();
    }

    @Override
    public Row row(Object hashKey) {
        return store.row(hashKey);
    }

    @Override
    public Iterable<Record> records() {
        return store.values();
    }

    @Override
    public int size() {
        return store.size();
    }

    @Override
    public FieldIndex indexOn(String field) {
        return null;
    }

    @Override
    public DebugSampler sampler() {
        return table.database().sampler();
    }

    @Override
    public long slowQueryNanos() {
        return Long.MAX_VALUE;
    }

    @Override
    public TableCounters counters() {
        return table.counters();
    }

    private List<Record> matching(Condition where) {
        List<Record> out = new ArrayList<>();
        for (Record r : store.values()) {
            if (where.test(r)) {
                out.add(r);
            }
        }
        return out;
    }

    @Override
    public int updateWhere(UnaryOperator<Record> updater, Condition where) {
        return table.updateMatches(updater, matching(where), origins, where);
    }

    @Override
    public int updateWhere(Map<String, ?> changes, Condition where) {
        Record delta = Record.of(changes);
        return updateWhere(r -> r.withAll(delta), where);
    }

    @Override
    public int deleteWhere(Condition where) {
        return table.deleteMatches(matching(where), origins, where);
    }

    @Override
    public int updateSelected(Map<String, ?> changes, Supplier<List<Record>> selection) {
        Record delta = Record.of(changes);
        return table.updateMatches(r -> r.withAll(delta), selection.get(), origins, null);
    }

    @Override
    public int deleteSelected(Supplier<List<Record>> selection) {
        return table.deleteMatches(selection.get(), origins, null);
    }
}
