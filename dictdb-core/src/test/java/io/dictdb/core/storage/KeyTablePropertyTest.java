package io.dictdb.core.storage;

import io.dictdb.Record;
import io.dictdb.Values;
import io.dictdb.internal.ValueKeys;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.impl.Constraint;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;

/**
 * The store's key map ({@link KeyTable}) and the store around it ({@link RecordStore}) against a model (a map in
 * insertion order) through adds, removes (which shift clusters back), rollbacks of the newest rows, reservations,
 * resizes, compactions and clears, with keys that collide on purpose: longs at the extremes, negative longs whose
 * hash codes equal those of positive ones, strings with equal hash codes, doubles and mixed kinds.
 */
class KeyTablePropertyTest {
    /** Keys drawn from a small pool, so that removes and re-adds hit keys already seen. */
    private static Object key(long pick, int kind) {
        long n = pick % 400;
        return switch (kind) {
            case 0 -> n; // small longs: sequential hash codes
            case 1 -> Long.MAX_VALUE - n;
            case 2 -> Long.MIN_VALUE + n;
            case 3 -> -n - 1; // hash code of -n-1 is that of n (x ^ x>>>32 of the complement)
            case 4 -> (n << 32) | n; // hash code 0 for every n
            case 5 -> List.of("Aa", "BB", "AaAa", "BBBB", "AaBB", "BBAa").get((int) (n % 6)) + (n / 6); // equal hashes
            case 6 -> "k" + n;
            case 7 -> n << 24; // folded hash codes cluster: the table switches to scrambled homes
            default -> n + 0.5;
        };
    }

    /** One step: add (kind, pick), remove the i-th live key, roll back the newest, reserve, clear. */
    private record Step(int op, int kind, long pick) {
    }

    private static Gen<List<Step>> steps() {
        Gen<List<Step>> gen = in -> {
            int n = (int) in.next(Constraint.between(0, 3_000));
            List<Step> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int op = (int) in.next(Constraint.between(0, 99));
                int kind = (int) in.next(Constraint.between(0, 8));
                long pick = in.next(Constraint.between(0, 100_000));
                out.add(new Step(op, kind, pick));
            }
            return out;
        };
        return gen.describedAs(s -> s.size() + " steps " + (s.size() > 30 ? s.subList(0, 30) + "..." : s));
    }

    private static final int[] SCRAMBLED = new int[1];

    @Test
    void theKeyTableFindsExactlyTheRowsOfTheModel() {
        qt().withExamples(150)
                .forAll(steps())
                .checkAssert(steps -> {
                    KeyTable table = new KeyTable();
                    Map<Object, Row> model = new HashMap<>();
                    List<Object> live = new ArrayList<>();
                    for (Step s : steps) {
                        if (s.op() < 60) {
                            Object k = key(s.pick(), s.kind());
                            if (!model.containsKey(k)) {
                                Row r = new Row(k, null, 0);
                                table.add(r);
                                model.put(k, r);
                                live.add(k);
                            }
                        } else if (s.op() < 95) {
                            if (!live.isEmpty()) {
                                Object k = live.remove((int) (s.pick() % live.size()));
                                table.remove(model.remove(k));
                            }
                        } else if (s.op() < 99 || s.pick() % 8 != 0) {
                            table.reserve((int) (s.pick() % 5_000));
                        } else { // rare, so that keys pile up between clears
                            table.clear();
                            model.clear();
                            live.clear();
                        }
                        Object probe = key(s.pick() + 1, s.kind());
                        assertThat(table.get(probe)).isSameAs(model.get(probe));
                    }
                    assertThat(table.size()).isEqualTo(model.size());
                    assertThat(table.get(null)).isNull();
                    for (Map.Entry<Object, Row> e : model.entrySet()) {
                        assertThat(table.get(e.getKey())).isSameAs(e.getValue());
                    }
                    for (int kind = 0; kind < 9; kind++) {
                        for (long p = 0; p < 400; p += 7) {
                            Object k = key(p, kind);
                            assertThat(table.get(k)).isSameAs(model.get(k));
                        }
                    }
                    SCRAMBLED[0] += table.scrambled() ? 1 : 0;
                    IdentityHashMap<Row, Boolean> seen = new IdentityHashMap<>();
                    table.forEach(r -> assertThat(seen.put(r, true)).isNull());
                    assertThat(seen.keySet()).containsExactlyInAnyOrderElementsOf(model.values());
                });
        assertThat(SCRAMBLED[0]).as("tables that switched to scrambled homes").isPositive();
    }

    private static final int[] COMPACTIONS = new int[1];

    @Test
    void theStoreKeepsInsertionOrderAndItsKeysThroughRemovesRollbacksAndCompactions() {
        qt().withExamples(80)
                .forAll(steps())
                .checkAssert(steps -> {
                    RecordStore store = new RecordStore("id");
                    LinkedHashMap<Object, Record> model = new LinkedHashMap<>();
                    List<Row> newest = new ArrayList<>(); // rows added since the last remove: may be rolled back
                    for (Step s : steps) {
                        if (s.op() < 55) {
                            Object id = key(s.pick(), s.kind());
                            Object hk = ValueKeys.hashKey(id);
                            if (store.row(hk) == null) {
                                Record r = Record.of("id", id, "n", s.pick());
                                newest.add(store.add(hk, r));
                                model.put(hk, r);
                            }
                        } else if (s.op() < 70) {
                            if (!newest.isEmpty()) {
                                Row last = newest.remove(newest.size() - 1);
                                store.removeNewest(last);
                                model.remove(last.key());
                            }
                        } else if (s.op() < 72) {
                            // a mass delete, which compacts the store once empty slots outnumber the records
                            List<Object> keys = new ArrayList<>(model.keySet());
                            for (int k = 0; k < keys.size(); k++) {
                                if (k % 5 != 0) {
                                    boolean compacted = store.remove(store.row(keys.get(k)));
                                    COMPACTIONS[0] += compacted ? 1 : 0;
                                    model.remove(keys.get(k));
                                }
                            }
                            newest.clear();
                        } else if (s.op() < 98) {
                            if (!model.isEmpty()) {
                                int i = (int) (s.pick() % model.size());
                                Object hk = new ArrayList<>(model.keySet()).get(i);
                                Row row = store.row(hk);
                                if (!newest.isEmpty() && newest.get(newest.size() - 1) != row) {
                                    assertThatThrownBy(() -> store.removeNewest(row))
                                            .isInstanceOf(IllegalStateException.class);
                                }
                                store.remove(row);
                                model.remove(hk);
                                newest.clear();
                            }
                        } else {
                            store.reserve((int) (s.pick() % 3_000));
                        }
                    }
                    assertThat(store.size()).isEqualTo(model.size());
                    List<Record> scanned = new ArrayList<>();
                    store.values().forEach(scanned::add);
                    assertThat(scanned).containsExactlyElementsOf(model.values());
                    Row[] inOrder = store.rowsInOrder();
                    assertThat(inOrder).hasSize(model.size());
                    int i = 0;
                    for (Map.Entry<Object, Record> e : model.entrySet()) {
                        Row row = store.row(e.getKey());
                        assertThat(row).isSameAs(inOrder[i++]);
                        assertThat(row.record()).isSameAs(e.getValue());
                        assertThat(row.key()).isEqualTo(e.getKey());
                    }
                    for (int k = 1; k < inOrder.length; k++) {
                        assertThat(inOrder[k - 1].order()).isLessThan(inOrder[k].order());
                    }
                });
        assertThat(COMPACTIONS[0]).as("compactions").isPositive();
    }
}
