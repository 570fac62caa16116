package io.dictdb.core.index;

import io.dictdb.IndexSpec;
import io.dictdb.Table;
import io.dictdb.TableSpec;
import io.dictdb.core.DictDB;
import io.dictdb.query.Condition;
import io.dictdb.query.Plan;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.dictdb.query.Conditions.and;
import static io.dictdb.query.Conditions.field;
import static io.dictdb.query.Conditions.or;
import static org.assertj.core.api.Assertions.assertThat;

/** An elements index serves has, hasAny and hasAll with the results of a scan (Condition.Has.test is the truth). */
class ElementsIndexTest {
    private Table indexed;
    private Table plain;

    @BeforeEach
    void fill() {
        DictDB db = DictDB.create();
        indexed = db.createTable(TableSpec.named("posts").index(IndexSpec.elements("tags")));
        plain = db.createTable("scan");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            List<Object> tags = new ArrayList<>();
            for (int j = 0; j <= i % 4; j++) {
                tags.add("t" + (i * 7 + j * 3) % 11);
            }
            tags.add(i % 5 == 0 ? 1L : 2.0);       // numbers equal by value across types
            if (i % 9 == 0) {
                tags.add("t1");                     // a repeated element: the record is one candidate
                tags.add("t1");
            }
            rows.add(i % 17 == 0 ? Map.of("n", i, "tags", "not a list") : Map.of("n", i, "tags", tags));
        }
        indexed.insertAll(rows);
        plain.insertAll(rows);
    }

    private void same(Condition where) {
        assertThat(indexed.select(where)).as(where.toString()).isEqualTo(plain.select(where));
    }

    @Test
    void hasHasAnyAndHasAllGiveAScansResults() {
        Plan plan = indexed.query().where(field("tags").has("t3")).explain();
        assertThat(plan.indexes()).containsExactly("tags[]");
        assertThat(plan.examined()).isEqualTo(plan.returned());
        assertThat(plan.toString()).contains("ELEMENTS index on 'tags[]'");
        same(field("tags").has("t3"));
        same(field("tags").has("t1"));
        same(field("tags").has(1.0));
        same(field("tags").has(2L));
        same(field("tags").has("nope"));
        same(field("tags").hasAny("t3", "t4", 1L));
        same(field("tags").hasAll("t3", "t6"));
        same(field("tags").hasAll("t3", 2));
        same(and(field("tags").has("t5"), field("n").lt(100)));
        same(or(field("tags").has("t5"), field("tags").has("t0")));
        assertThat(indexed.query().where(field("tags").hasAll("t3", "t6")).explain().indexes())
                .containsExactly("tags[]");
    }

    @Test
    void writesMoveRecordsBetweenElements() {
        for (Table t : List.of(indexed, plain)) {
            t.update(Map.of("tags", List.of("t3", "new", "t3")), field("n").lt(50));
            t.update(Map.of("tags", 7), field("tags").has("t4"));
            t.delete(field("tags").has("t2"));
        }
        for (String tag : List.of("t3", "new", "t4", "t2", "t0")) {
            same(field("tags").has(tag));
        }
        assertThat(indexed.index("tags[]").orElseThrow().distinctKeys()).isPositive();
    }
}
