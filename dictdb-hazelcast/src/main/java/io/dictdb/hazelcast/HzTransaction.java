package io.dictdb.hazelcast;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A transaction of a {@link HazelcastDatabase}, bound to the calling thread: writes go to the maps at once, each
 * noting how to take itself back; if the block throws, the notes run newest first (each a compare-and-set against
 * the value the write left, so a record another caller changed since is left as it is, and logged).
 */
final class HzTransaction {
    private static final ThreadLocal<HzTransaction> CURRENT = new ThreadLocal<>();

    private final HazelcastDatabase db;
    private final Set<String> tables;
    private final List<Runnable> undo = new ArrayList<>();
    private RuntimeException doomed;

    private HzTransaction(HazelcastDatabase db, Set<String> tables) {
        this.db = db;
        this.tables = tables;
    }

    static HzTransaction current() {
        return CURRENT.get();
    }

    Set<String> tables() {
        return tables;
    }

    HazelcastDatabase database() {
        return db;
    }

    /** Notes how to take back a write just made. */
    void onUndo(Runnable r) {
        undo.add(r);
    }

    /** Refuses a write to a table not named, dooming the transaction. */
    void requireWritable(String table) {
        if (!tables.contains(table)) {
            IllegalStateException e = new IllegalStateException("Table '" + table + "' is not part of the "
                    + "transaction over " + List.copyOf(tables) + ": name it in transaction(...) to change it");
            if (doomed == null) {
                doomed = e;
            }
            throw e;
        }
    }

    static <T> T run(HazelcastDatabase db, Set<String> tables, Supplier<T> work) {
        HzTransaction tx = new HzTransaction(db, tables);
        CURRENT.set(tx);
        T result;
        try {
            result = work.get();
        } catch (RuntimeException | Error e) {
            tx.rollback(0);
            throw e;
        } finally {
            CURRENT.remove();
        }
        if (tx.doomed != null) {
            tx.rollback(0);
            throw tx.doomed;
        }
        return result;
    }

    /** A nested block over a subset of the tables: undone alone if it throws, as a savepoint would be. */
    <T> T join(Supplier<T> work) {
        int mark = undo.size();
        try {
            return work.get();
        } catch (RuntimeException | Error e) {
            rollback(mark);
            throw e;
        }
    }

    /**
     * An undo log of its own for one multi-record write outside a transaction, bound to no thread.
     */
    static HzTransaction collector(HazelcastDatabase db, String table) {
        return new HzTransaction(db, Set.of(table));
    }

    /** The number of undo notes so far, to roll back to. */
    int mark() {
        return undo.size();
    }

    /** Undoes, newest first, every write noted after {@code mark}. */
    void rollback(int mark) {
        for (int i = undo.size() - 1; i >= mark; i--) {
            undo.remove(i).run();
        }
    }
}
