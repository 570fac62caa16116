package io.dictdb.core.lock;

import io.dictdb.core.table.MemoryTable;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.locks.Lock;
import java.util.function.Supplier;

/**
 * Takes the locks of several tables in one global order, by table name, so that multi-table operations cannot
 * deadlock with each other.
 */
public final class LockOrder {
    private LockOrder() {
    }

    /**
     * Runs {@code work} holding the read locks of the tables.
     *
     * @param tables the tables
     * @param work the work
     * @param <T> the result type
     * @return the work's result
     */
    public static <T> T withReadLocks(List<MemoryTable> tables, Supplier<T> work) {
        List<Lock> locks = new ArrayList<>();
        for (MemoryTable t : sorted(tables)) {
            locks.add(t.lock().readLock());
        }
        return withLocks(locks, work);
    }

    /**
     * Runs {@code work} holding the write locks of the tables.
     *
     * @param tables the tables
     * @param work the work
     * @param <T> the result type
     * @return the work's result
     */
    public static <T> T withWriteLocks(List<MemoryTable> tables, Supplier<T> work) {
        List<Lock> locks = new ArrayList<>();
        for (MemoryTable t : sorted(tables)) {
            locks.add(t.lock().writeLock());
        }
        return withLocks(locks, work);
    }

    private static List<MemoryTable> sorted(List<MemoryTable> tables) {
        List<MemoryTable> s = new ArrayList<>(tables);
        s.sort(Comparator.comparing(MemoryTable::name));
        List<MemoryTable> distinct = new ArrayList<>(s.size());
        for (MemoryTable t : s) {
            if (distinct.isEmpty() || distinct.get(distinct.size() - 1) != t) {
                distinct.add(t);
            }
        }
        return distinct;
    }

    private static <T> T withLocks(List<Lock> locks, Supplier<T> work) {
        int taken = 0;
        try {
            for (Lock l : locks) {
                l.lock();
                taken++;
            }
            return work.get();
        } finally {
            for (int i = taken - 1; i >= 0; i--) {
                locks.get(i).unlock();
            }
        }
    }
}
