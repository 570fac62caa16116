package io.dictdb;

import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.impl.Constraint;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;

/**
 * {@link Record#of(Map)} matches the caller's keys against the shape made last and builds a key array only when
 * they leave it. Whatever the sequence of shapes (the same one repeated, the same names in another order, one name
 * more or fewer, a name changed at any position, names equal but not identical, maps of several kinds), each record
 * has exactly its map's fields in its map's order and values, records of one shape share one key array, and a bad
 * name is refused even right after a good shape of the same length.
 */
class RecordShapePropertyTest {
    private static final List<String> NAMES = List.of("id", "sku", "dept", "score", "price", "qty", "name", "a", "b");

    /** A list of maps: each one's names picked from a few, in some order, some names built anew (not literals). */
    private static Gen<List<Map<String, Object>>> maps() {
        Gen<List<Map<String, Object>>> gen = in -> {
            int n = (int) in.next(Constraint.between(1, 40));
            List<Map<String, Object>> out = new ArrayList<>();
            Map<String, Object> previous = null;
            for (int i = 0; i < n; i++) {
                int how = (int) in.next(Constraint.between(0, 5));
                Map<String, Object> m;
                if (previous != null && how <= 2) {
                    m = copy(previous, (int) in.next(Constraint.between(0, 2)));
                    if (how == 1 && !m.isEmpty()) { // rename one field at a position
                        int at = (int) in.next(Constraint.between(0, m.size() - 1));
                        List<String> keys = new ArrayList<>(m.keySet());
                        Map<String, Object> renamed = new LinkedHashMap<>();
                        for (int k = 0; k < keys.size(); k++) {
                            renamed.put(k == at ? keys.get(k) + "x" : keys.get(k), m.get(keys.get(k)));
                        }
                        m = renamed;
                    } else if (how == 2) { // names equal to the last ones, built anew
                        Map<String, Object> fresh = new LinkedHashMap<>();
                        m.forEach((k, v) -> fresh.put(new String(k.toCharArray()), v));
                        m = fresh;
                    }
                } else {
                    int size = (int) in.next(Constraint.between(0, NAMES.size()));
                    m = new LinkedHashMap<>();
                    for (int k = 0; k < size; k++) {
                        String name = NAMES.get((int) in.next(Constraint.between(0, NAMES.size() - 1)));
                        m.put(name, in.next(Constraint.between(-3, 3)) * (k + 1));
                    }
                    m = copy(m, (int) in.next(Constraint.between(0, 2)));
                }
                out.add(m);
                previous = m;
            }
            return out;
        };
        return gen.describedAs(Object::toString);
    }

    /** The map as a LinkedHashMap, a HashMap or a TreeMap: three iteration orders. */
    private static Map<String, Object> copy(Map<String, Object> m, int kind) {
        return switch (kind) {
            case 0 -> new LinkedHashMap<>(m);
            case 1 -> new HashMap<>(m);
            default -> new TreeMap<>(m);
        };
    }

    @Test
    void everyRecordHasItsMapsFieldsInItsMapsOrder() {
        qt().withExamples(2_000)
                .forAll(maps())
                .checkAssert(maps -> {
                    List<Record> records = new ArrayList<>();
                    for (Map<String, Object> m : maps) {
                        Record r = Record.of(m);
                        assertThat(r.fields()).containsExactlyElementsOf(m.keySet());
                        assertThat(new ArrayList<>(r.values())).containsExactlyElementsOf(m.values());
                        assertThat(r).isEqualTo(m);
                        records.add(r);
                    }
                    for (int i = 1; i < records.size(); i++) {
                        Record a = records.get(i - 1);
                        Record b = records.get(i);
                        if (a.fields().equals(b.fields())) {
                            assertThat(a.with("zz", 1L).fields()).isEqualTo(b.with("zz", 1L).fields());
                        }
                    }
                });
    }

    @Test
    void aBadNameIsRefusedRightAfterAGoodShapeOfTheSameLength() {
        Map<String, Object> good = new LinkedHashMap<>();
        good.put("a", 1L);
        good.put("b", 2L);
        Record.of(good);
        Map<String, Object> bad = new LinkedHashMap<>();
        bad.put("a", 1L);
        bad.put("", 2L);
        assertThatThrownBy(() -> Record.of(bad)).isInstanceOf(IllegalArgumentException.class);
        Map<String, Object> control = new LinkedHashMap<>();
        control.put("a", 1L);
        control.put("b\u0001", 2L);
        assertThatThrownBy(() -> Record.of(control)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Record.of(good).fields()).containsExactly("a", "b");
    }
}
