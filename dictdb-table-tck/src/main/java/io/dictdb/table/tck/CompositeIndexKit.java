package io.dictdb.table.tck;

import io.dictdb.IndexSpec;
import io.dictdb.Table;
import io.dictdb.TableSpec;
import io.dictdb.query.Condition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.dictdb.query.Conditions.and;
import static io.dictdb.query.Conditions.field;
import static org.assertj.core.api.Assertions.assertThat;

/** Composite hash and sorted indexes follow writes: records move between tuple entries as a scan sees them. */
public abstract class CompositeIndexKit extends KitBase {
    private Table indexed;
    private Table plain;

    @BeforeEach
    void fill() {
        indexed = db.createTable(TableSpec.named("people").index(IndexSpec.hash("city", "dept"))
                .index(IndexSpec.sorted("city", "age")));
        plain = db.createTable("scan");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            Map<String, Object> r = new HashMap<>();
            r.put("city", "c" + i % 10);
            r.put("dept", "d" + i % 7);
            if (i % 13 != 0) {
                r.put("age", i % 90); // some records miss the age: not in the sorted composite
            }
            r.put("n", i);
            rows.add(r);
        }
        indexed.insertAll(rows);
        plain.insertAll(rows);
    }

    private void same(Condition where) {
        assertThat(indexed.select(where)).isEqualTo(plain.select(where));
    }

    @Test
    void writesMoveRecordsBetweenTupleEntries() {
        for (Table t : List.of(indexed, plain)) {
            t.update(Map.of("city", "c4"), and(field("city").eq("c3"), field("age").lt(30)));
            t.update(Map.of("age", 5), field("dept").eq("d2"));
            t.delete(and(field("city").eq("c4"), field("dept").eq("d1")));
        }
        same(and(field("city").eq("c4"), field("age").between(0, 40)));
        same(and(field("city").eq("c4"), field("dept").eq("d2")));
        same(and(field("city").eq("c3"), field("dept").eq("d1")));
        assertThat(indexed.query().where(field("city").eq("c4")).orderBy("age", "n").limit(7).toList())
                .isEqualTo(plain.query().where(field("city").eq("c4")).orderBy("age", "n").limit(7).toList());
        assertThat(plain.all().stream().map(r -> r.get("n")).sorted(Comparator.comparingLong(v -> (Long) v)).toList())
                .isEqualTo(indexed.all().stream().map(r -> r.get("n")).sorted(Comparator.comparingLong(v -> (Long) v))
                        .toList());
    }

}
