package io.dictdb.table.tck;

import io.dictdb.Database;
import io.dictdb.IndexType;
import io.dictdb.Record;
import io.dictdb.Table;
import io.dictdb.query.Order;
import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;

/**
 * {@code orderBy(String...)}, whose parsed specs are remembered, orders as {@code orderBy(Order...)} of the parsed
 * specs does, on tables with and without a sorted index on the first key; values mostly distinct (the walk of a
 * sorted index reads one-row buckets directly and orders the ties of a bucket by primary key in place), with ties,
 * nulls and missing fields, and the keyset page after each result. A bad spec fails every time.
 */
public abstract class OrderSpecKit extends KitBase {
    private static final List<String> SPECS = List.of("v", "-v", "+v", "w", "-w", "+w", "id", "-id");

    record Scenario(List<Map<String, Object>> records, List<String> specs, int limit, boolean sorted) {
        @Override
        public String toString() {
            return records.size() + " records " + records + ", order by " + specs + " limit " + limit
                    + (sorted ? ", sorted index on v" : ", no index");
        }
    }

    private static Gen<Object> value() {
        return Generate.frequency(List.of(
                Pair.of(6, Generate.longRange(-1_000_000, 1_000_000).map(l -> (Object) l)),
                Pair.of(2, Generate.longRange(0, 3).map(l -> (Object) l)), // ties
                Pair.of(1, Generate.constant(() -> null))));
    }

    private static Gen<Map<String, Object>> record() {
        return Generate.range(0, 9).zip(value(), value(), (presence, v, w) -> {
            Map<String, Object> m = new HashMap<>();
            if (presence == 1) {
                m.put("v", null);
            } else if (presence > 1) {
                m.put("v", v);
            }
            m.put("w", w);
            return m;
        });
    }

    private static Gen<Scenario> scenarios() {
        return lists().of(record()).ofSizeBetween(0, 60)
                .zip(lists().of(Generate.pick(SPECS)).ofSizeBetween(1, 3), Generate.range(0, 15),
                        Generate.booleans(), Scenario::new)
                .describedAs(Scenario::toString);
    }

    @Test
    void stringSpecsOrderAsTheOrdersTheyParseTo() {
        qt().withExamples(examples(2_000)).forAll(scenarios()).checkAssert(s -> {
            try (Database one = newDatabase(); Database two = newDatabase()) {
                order(s, one.createTable("t"), two.createTable("t"));
            }
        });
    }

    private static void order(Scenario s, Table t, Table plain) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < s.records().size(); i++) {
            Map<String, Object> m = new HashMap<>(s.records().get(i));
            m.put("id", (long) i);
            rows.add(m);
        }
        t.insertAll(rows);
        if (s.sorted()) {
            t.createIndex("v", IndexType.SORTED);
        }
        plain.insertAll(rows);
        String[] specs = s.specs().toArray(new String[0]);
        Order[] parsed = s.specs().stream().map(Order::parse).toArray(Order[]::new);
        List<Record> expected = plain.query().orderBy(parsed).limit(s.limit()).toList();
        assertThat(t.query().orderBy(specs).limit(s.limit()).toList()).as(s.toString()).isEqualTo(expected);
        // twice: the second run takes the remembered specs
        assertThat(t.query().orderBy(specs).limit(s.limit()).toList()).as(s.toString()).isEqualTo(expected);
        if (!expected.isEmpty()) {
            // the next keyset page: the walk's in-place order of ties must agree with the keyset's order
            Record last = expected.get(expected.size() - 1);
            assertThat(t.query().orderBy(specs).after(last).limit(s.limit()).toList()).as(s + " after " + last)
                    .isEqualTo(plain.query().orderBy(parsed).after(last).limit(s.limit()).toList());
        }
        List<Record> whole = plain.query().orderBy(parsed).toList();
        assertThat(expected).isEqualTo(whole.subList(0, Math.min(whole.size(), s.limit())));
    }

    @Test
    void aBadSpecFailsEveryTimeAndANullOneToo() {
        Table t = db.createTable("t");
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> t.query().orderBy("-")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> t.query().orderBy("")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> t.query().orderBy("v", null)).isInstanceOf(NullPointerException.class);
        }
        assertThat(t.query().orderBy("-v").toString()).isEqualTo(t.query().orderBy(Order.desc("v")).toString());
    }
}
