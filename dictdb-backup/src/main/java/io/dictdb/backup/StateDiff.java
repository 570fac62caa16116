package io.dictdb.backup;

import io.dictdb.Record;
import io.dictdb.core.Snapshot;
import io.dictdb.core.change.ChangeSet;
import io.dictdb.internal.ValueKeys;
import io.dictdb.spi.Change;
import io.dictdb.spi.IndexDefinition;
import io.dictdb.spi.TableDefinition;
import io.dictdb.spi.TableState;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The changes that take a database from one state to a later one of the same history: what a warm standby applies
 * when the journal and deltas it has not read yet were deleted and it moves to the newest chain (a whole new
 * database would leave every holder of the old one behind).
 *
 * <p>Numbering: the later state is {@code to.sequence() - from.sequence()} changes ahead, and every record, index or
 * table that differs took at least one of them (a table whose key or schema changed was dropped and created again,
 * and each of its records written), so the diff fits in that range; it is numbered from {@code from.sequence() + 1}
 * and the set ends at {@code to.sequence()}, every key counter at the later state's.
 */
final class StateDiff {
    private StateDiff() {
    }

    /**
     * The change set from {@code from} to {@code to}.
     *
     * @param from the state now (a snapshot of the standby's database)
     * @param to a later state (the newest chain restored)
     * @return the set, numbered inside {@code from.sequence()+1 .. to.sequence()}
     * @throws IllegalArgumentException if {@code to} is not later, or the two states differ by more changes than
     *     lie between them (they are not of one history)
     */
    static ChangeSet between(Snapshot from, Snapshot to) {
        if (to.sequence() <= from.sequence()) {
            throw new IllegalArgumentException("State " + to.sequence() + " is not after " + from.sequence());
        }
        List<Change> out = new ArrayList<>();
        long[] n = {from.sequence()};
        Map<String, Snapshot.TableImage> before = new LinkedHashMap<>();
        for (Snapshot.TableImage t : from.tables()) {
            before.put(t.definition().name(), t);
        }
        Map<String, Snapshot.TableImage> after = new LinkedHashMap<>();
        for (Snapshot.TableImage t : to.tables()) {
            after.put(t.definition().name(), t);
        }
        for (String name : before.keySet()) {
            if (!after.containsKey(name)) {
                out.add(new Change.DropTable(++n[0], name));
            }
        }
        List<TableState> counters = new ArrayList<>();
        for (Snapshot.TableImage b : after.values()) {
            TableDefinition d = b.definition();
            Snapshot.TableImage a = before.get(d.name());
            if (a != null && !sameShape(a.definition(), d)) {
                out.add(new Change.DropTable(++n[0], d.name()));
                a = null;
            }
            if (a == null) {
                out.add(new Change.CreateTable(++n[0], d));
                for (Record r : b.records()) {
                    out.add(new Change.Upsert(++n[0], d.name(), r));
                }
            } else {
                indexes(a.definition(), d, out, n);
                records(a, b, out, n);
            }
            counters.add(new TableState(d.name(), b.nextKey()));
        }
        if (n[0] > to.sequence()) {
            throw new IllegalArgumentException("The states at sequence " + from.sequence() + " and " + to.sequence()
                    + " differ by " + (n[0] - from.sequence()) + " changes, more than lie between them: they are "
                    + "not of one history");
        }
        return new ChangeSet(from.sequence() + 1, to.sequence(), out, counters);
    }

    /** Same name, key and schema: the table can be brought over record by record. */
    private static boolean sameShape(TableDefinition a, TableDefinition b) {
        return a.primaryKey().equals(b.primaryKey()) && Objects.equals(a.schema(), b.schema());
    }

    private static void indexes(TableDefinition a, TableDefinition b, List<Change> out, long[] n) {
        for (IndexDefinition i : a.indexes()) {
            if (!b.indexes().contains(i)) {
                out.add(new Change.DropIndex(++n[0], a.name(), i.field()));
            }
        }
        for (IndexDefinition i : b.indexes()) {
            if (!a.indexes().contains(i)) {
                out.add(new Change.CreateIndex(++n[0], b.name(), i));
            }
        }
    }

    private static void records(Snapshot.TableImage a, Snapshot.TableImage b, List<Change> out, long[] n) {
        String pk = a.definition().primaryKey();
        String table = a.definition().name();
        Map<Object, Record> old = new HashMap<>(a.records().size() * 2);
        for (Record r : a.records()) {
            old.put(ValueKeys.hashKey(r.get(pk)), r);
        }
        for (Record r : b.records()) {
            Record was = old.remove(ValueKeys.hashKey(r.get(pk)));
            if (!r.equals(was)) {
                out.add(new Change.Upsert(++n[0], table, r));
            }
        }
        for (Record r : old.values()) {
            out.add(new Change.Delete(++n[0], table, r.get(pk)));
        }
    }
}
