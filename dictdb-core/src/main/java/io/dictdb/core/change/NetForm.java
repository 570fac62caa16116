package io.dictdb.core.change;

import io.dictdb.Values;
import io.dictdb.internal.ValueKeys;
import io.dictdb.spi.Change;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rewrites a list of pending changes into net form: the same effect on the state the list follows, in at most one
 * change per record.
 *
 * <ul>
 *   <li>Per (table, primary key) only the last write is kept: the last {@link Change.Upsert} (a whole record) or a
 *       {@link Change.Delete}, at the place of that last write, so the kept changes stay in sequence order.</li>
 *   <li>A key the list created (it was absent before its first write in the list) and deleted again leaves
 *       nothing, not even its Delete. This is what bounds the list by the net change: an insert-and-delete loop
 *       costs nothing.</li>
 *   <li>A {@link Change.DropTable} removes every earlier change of its table's records and indexes; a table the
 *       list created and dropped again leaves nothing. An index the list created and dropped again leaves
 *       nothing. Other table and index changes keep their place.</li>
 * </ul>
 *
 * <p>The net form must give the right state from every point a delta may be applied to: the list's start, and
 * any snapshot taken inside it (a full image written at a snapshot's sequence is followed by the changes after
 * it). So something created inside the list is elided only when it was created after the latest such snapshot,
 * the {@code pin}: then it was absent at every such point. A record, an index or a table created at or before the
 * pin keeps its removal.
 */
final class NetForm {
    private final long pin;
    private final Map<String, String> primaryKeys;
    private final ArrayList<Change> out;
    private final BitSet outCreated = new BitSet();
    private final BitSet removed = new BitSet();
    private final Map<String, TableTrack> tables = new HashMap<>();

    /** The changes in net form, and which of them are upserts of keys absent before the list. */
    record Result(ArrayList<Change> changes, BitSet created) {
    }

    private NetForm(long pin, Map<String, String> primaryKeys, int size) {
        this.pin = pin;
        this.primaryKeys = primaryKeys;
        this.out = new ArrayList<>(size);
    }

    /**
     * Rewrites {@code changes} into net form.
     *
     * @param changes the changes, in sequence order
     * @param created bit i set when change i is an upsert whose key was absent right before it
     * @param pin the sequence of the latest snapshot taken while the changes were kept
     * @param primaryKeys the primary key field of every live table
     * @return the net changes, and for each an upsert of a key absent before the list and after the pin
     */
    static Result of(List<Change> changes, BitSet created, long pin, Map<String, String> primaryKeys) {
        NetForm net = new NetForm(pin, primaryKeys, changes.size());
        for (int i = 0; i < changes.size(); i++) {
            net.add(changes.get(i), created.get(i));
        }
        return net.result();
    }

    private void add(Change c, boolean createdKey) {
        if (c instanceof Change.Upsert u) {
            upsert(u, createdKey);
        } else if (c instanceof Change.Delete d) {
            delete(d);
        } else if (c instanceof Change.CreateTable ct) {
            TableTrack t = new TableTrack(ct.definition().primaryKey());
            int at = emit(ct, false);
            t.createdAt = ct.sequence() > pin ? at : -1;
            tables.put(ct.table(), t);
        } else if (c instanceof Change.DropTable dt) {
            TableTrack t = tables.get(dt.table());
            if (t != null) {
                for (int k = 0; k < t.count; k++) {
                    removed.set(t.positions[k]);
                }
            }
            if (t != null && t.createdAt >= 0) {
                removed.set(t.createdAt); // created after the pin and dropped: it never was, as far as any base knows
            } else {
                emit(dt, false);
            }
            // No table of that name now: the next change of that name is its CreateTable.
            tables.put(dt.table(), new TableTrack(null));
        } else if (c instanceof Change.CreateIndex ci) {
            TableTrack t = track(ci.table());
            int at = emit(ci, false);
            t.add(at);
            if (ci.sequence() > pin) {
                t.indexCreatedAt.put(ci.index().name(), at);
            } else {
                t.indexCreatedAt.remove(ci.index().name());
            }
        } else if (c instanceof Change.DropIndex di) {
            TableTrack t = track(di.table());
            Integer at = t.indexCreatedAt.remove(di.name());
            if (at != null) {
                removed.set(at);
            } else {
                t.add(emit(di, false));
            }
        }
    }

    private void upsert(Change.Upsert u, boolean createdKey) {
        TableTrack t = track(u.table());
        Object key = t.primaryKey == null ? null : u.record().get(t.primaryKey);
        if (key == null) {
            // The table's key field is not known (a table dropped later in the list): keep the change as it is;
            // the DropTable removes it.
            t.add(emit(u, false));
            return;
        }
        KeyTrack k = t.keys.computeIfAbsent(ValueKeys.hashKey(key), x -> new KeyTrack(createdKey && u.sequence() > pin));
        if (k.at >= 0) {
            removed.set(k.at);
        }
        k.at = emit(u, k.absent);
        t.add(k.at);
    }

    private void delete(Change.Delete d) {
        TableTrack t = track(d.table());
        if (t.primaryKey == null) {
            t.add(emit(d, false));
            return;
        }
        KeyTrack k = t.keys.computeIfAbsent(ValueKeys.hashKey(d.key()), x -> new KeyTrack(false));
        if (k.at >= 0) {
            removed.set(k.at);
        }
        if (k.absent) {
            k.at = -1; // absent before the list and absent again: nothing to say
        } else {
            k.at = emit(d, false);
            t.add(k.at);
        }
    }

    private TableTrack track(String table) {
        return tables.computeIfAbsent(table, n -> new TableTrack(primaryKeys.get(n)));
    }

    private int emit(Change c, boolean createdKey) {
        int at = out.size();
        out.add(c);
        if (createdKey) {
            outCreated.set(at);
        }
        return at;
    }

    private Result result() {
        ArrayList<Change> kept = new ArrayList<>(out.size() - removed.cardinality());
        BitSet keptCreated = new BitSet();
        for (int i = 0; i < out.size(); i++) {
            if (!removed.get(i)) {
                if (outCreated.get(i)) {
                    keptCreated.set(kept.size());
                }
                kept.add(out.get(i));
            }
        }
        return new Result(kept, keptCreated);
    }

    /** What the rewrite knows of one table: its key field, its records' last writes, its created table and indexes. */
    private static final class TableTrack {
        final String primaryKey;
        final Map<Object, KeyTrack> keys = new HashMap<>();
        /** Where an index created after the pin was emitted, by field. */
        final Map<String, Integer> indexCreatedAt = new HashMap<>();
        /** Where the table's CreateTable was emitted when it came after the pin, else -1. */
        int createdAt = -1;
        /** Where every record and index change of the table was emitted, for a DropTable to remove. */
        int[] positions = new int[4];
        int count;

        TableTrack(String primaryKey) {
            this.primaryKey = primaryKey;
        }

        void add(int position) {
            if (count == positions.length) {
                positions = Arrays.copyOf(positions, count * 2);
            }
            positions[count++] = position;
        }
    }

    /** One key's last emitted write, and whether the key was absent before the list and after the pin. */
    private static final class KeyTrack {
        final boolean absent;
        int at = -1;

        KeyTrack(boolean absent) {
            this.absent = absent;
        }
    }
}
