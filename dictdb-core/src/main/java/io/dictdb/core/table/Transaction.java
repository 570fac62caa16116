package io.dictdb.core.table;

import io.dictdb.Record;
import io.dictdb.core.change.ChangeLog;
import io.dictdb.core.change.StagedWrite;
import io.dictdb.core.storage.Row;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * One running transaction: the tables it may change (whose write locks its thread holds for the whole block), an
 * undo log, and the writes it made, which reach the change log only when it commits.
 *
 * <p>Undo is O(changes made): each write of a table inside the block notes how to take it back (an insert its row
 * and the key counter before it, an update the record before it, a delete its row, which keeps its record and
 * slot), and a rollback replays the notes newest first. While a table is in a transaction its store does not
 * compact, so slots stay put and a deleted row goes back exactly where it was: after a rollback, records, indexes,
 * key counters and the insertion order are what they were. Nothing is numbered until commit, so a rolled-back
 * transaction never reaches a follower, a subscriber, a backup or a save; and since the tables stay write-locked
 * until the commit is numbered, no reader ever sees part of one.
 */
public final class Transaction {
    private static final ThreadLocal<Transaction> CURRENT = new ThreadLocal<>();

    private final ChangeLog log;
    private final List<MemoryTable> tables;
    private final ArrayList<StagedWrite> writes = new ArrayList<>();
    private final ArrayList<Undo> undo = new ArrayList<>();
    private final ArrayList<MemoryTable> touched = new ArrayList<>(2);
    private RuntimeException doomed;
    private boolean undoing;

    private Transaction(ChangeLog log, List<MemoryTable> tables) {
        this.log = log;
        this.tables = tables;
    }

    /**
     * The transaction the calling thread is running, if any.
     *
     * @return the transaction, or null
     */
    public static Transaction current() {
        return CURRENT.get();
    }

    /**
     * Runs {@code work} as a new transaction over {@code tables}, whose write locks the caller holds: commits its
     * writes as one numbered commit when it returns, undoes them when it throws (and rethrows the same throwable), or
     * when a write to a table not named doomed it (then throwing that write's exception).
     *
     * @param log the database's change log
     * @param tables the tables the block may change, write-locked by the caller
     * @param work the block
     * @param <T> its result type
     * @return what the block returned
     */
    public static <T> T run(ChangeLog log, List<MemoryTable> tables, Supplier<T> work) {
        Transaction tx = new Transaction(log, tables);
        CURRENT.set(tx);
        try {
            T result = work.get();
            if (tx.doomed != null) {
                tx.rollback(0, 0);
                throw tx.doomed;
            }
            log.commit(tx.writes);
            return result;
        } catch (Throwable t) {
            tx.rollback(0, 0);
            throw t;
        } finally {
            CURRENT.remove();
            for (MemoryTable t : tx.touched) {
                t.leaveTransaction();
            }
        }
    }

    /**
     * Runs a nested block that joins this transaction: if it throws, its own writes are undone (as at a savepoint)
     * and the same throwable leaves; the outer block decides what follows.
     *
     * @param work the nested block
     * @param <T> its result type
     * @return what it returned
     */
    public <T> T join(Supplier<T> work) {
        int undoMark = undo.size();
        int writesMark = writes.size();
        try {
            return work.get();
        } catch (Throwable t) {
            rollback(undoMark, writesMark);
            throw t;
        }
    }

    /**
     * Whether every one of {@code others} is among this transaction's tables.
     *
     * @param others tables
     * @return true when a nested transaction over them can join this one
     */
    public boolean covers(List<MemoryTable> others) {
        for (MemoryTable t : others) {
            if (!holds(t)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The names of the tables, for messages.
     *
     * @return the names, in lock order
     */
    public List<String> tableNames() {
        List<String> out = new ArrayList<>(tables.size());
        for (MemoryTable t : tables) {
            out.add(t.name());
        }
        return out;
    }

    boolean holds(MemoryTable table) {
        for (MemoryTable t : tables) {
            if (t == table) {
                return true;
            }
        }
        return false;
    }

    /** Refuses a write to a table the transaction does not hold, dooming it. Called before the table is locked. */
    void requireWritable(MemoryTable table) {
        if (!holds(table)) {
            IllegalStateException e = new IllegalStateException("Table '" + table.name() + "' is not part of the "
                    + "transaction over " + tableNames() + ": name it in transaction(...) to change it; the "
                    + "transaction will be rolled back");
            if (doomed == null) {
                doomed = e;
            }
            throw e;
        }
    }

    /** Refuses a read of a table the transaction does not hold: waiting for its lock here could deadlock. */
    void requireReadable(MemoryTable table) {
        if (!holds(table)) {
            throw new IllegalStateException("Table '" + table.name() + "' is not part of the transaction over "
                    + tableNames() + ": name it in transaction(...) to read it inside (waiting for its lock while "
                    + "holding the transaction's could deadlock)");
        }
    }

    /** A table's first write in this transaction: it stops compacting until the transaction ends. */
    void touch(MemoryTable table) {
        if (!touched.contains(table)) {
            touched.add(table);
            table.enterTransaction();
        }
    }

    boolean undoing() {
        return undoing;
    }

    // ---------------------------------------------------------------- staged writes and their undo notes

    void upserted(MemoryTable table, Record stored, boolean created) {
        writes.add(StagedWrite.upsert(table.name(), stored, created));
    }

    void deleted(MemoryTable table, Object key) {
        writes.add(StagedWrite.delete(table.name(), key));
    }

    void noteInsert(MemoryTable table, Row row, long counterBefore) {
        undo.add(new Undo(table, Undo.INSERT, row, null, counterBefore));
    }

    void noteUpdate(MemoryTable table, Row row, Record before) {
        undo.add(new Undo(table, Undo.UPDATE, row, before, 0));
    }

    void noteDelete(MemoryTable table, Row row) {
        undo.add(new Undo(table, Undo.DELETE, row, null, 0));
    }

    /** Takes back every write noted from {@code mark} on, newest first, and forgets the changes staged from
     *  {@code writesMark} on. */
    private void rollback(int mark, int writesMark) {
        undoing = true;
        try {
            for (int i = undo.size() - 1; i >= mark; i--) {
                Undo u = undo.remove(i);
                switch (u.kind) {
                    case Undo.INSERT -> u.table.undoInsert(u.row, u.counter);
                    case Undo.UPDATE -> u.table.undoUpdate(u.row, u.before);
                    default -> u.table.undoDelete(u.row);
                }
            }
        } finally {
            undoing = false;
        }
        writes.subList(writesMark, writes.size()).clear();
    }

    /** How to take one write back. */
    private record Undo(MemoryTable table, int kind, Row row, Record before, long counter) {
        static final int INSERT = 0;
        static final int UPDATE = 1;
        static final int DELETE = 2;
    }
}
