package io.dictdb.core.index;

import io.dictdb.IndexSpec;
import io.dictdb.Table;
import io.dictdb.TableSpec;
import io.dictdb.core.DictDB;
import io.dictdb.query.Condition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.dictdb.query.Conditions.and;
import static io.dictdb.query.Conditions.field;
import static org.assertj.core.api.Assertions.assertThat;

/** A partial index serves a query only when the query's AND-parts contain the index's condition. */
class PartialIndexTest {
    private Table indexed;
    private Table plain;

    @BeforeEach
    void fill() {
        DictDB db = DictDB.create();
        indexed = db.createTable(TableSpec.named("users")
                .index(IndexSpec.hash("email").where(field("deleted").eq(false)))
                .index(IndexSpec.sorted("age").where(and(field("deleted").eq(false), field("vip").eq(true)))));
        plain = db.createTable("scan");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            rows.add(Map.of("email", "u" + i % 40, "deleted", i % 3 == 0, "vip", i % 2 == 0, "age", i % 70));
        }
        indexed.insertAll(rows);
        plain.insertAll(rows);
    }

    private List<String> indexesOf(Condition where) {
        assertThat(indexed.select(where)).as(where.toString()).isEqualTo(plain.select(where));
        return indexed.query().where(where).explain().indexes();
    }

    @Test
    void usedOnlyWhenTheQueryImpliesTheCondition() {
        assertThat(indexesOf(and(field("email").eq("u7"), field("deleted").eq(false)))).containsExactly("email");
        assertThat(indexesOf(field("email").eq("u7"))).isEmpty();
        assertThat(indexesOf(and(field("email").eq("u7"), field("deleted").eq(true)))).isEmpty();
        assertThat(indexesOf(and(field("vip").eq(true), field("age").lt(10), field("deleted").eq(false))))
                .containsExactly("age");
        assertThat(indexesOf(and(field("age").lt(10), field("deleted").eq(false)))).isEmpty();
        assertThat(indexesOf(and(field("deleted").eq(false), field("email").in("u1", "u2")))).containsExactly("email");
    }

    @Test
    void recordsMoveInAndOutOfThePartialIndex() {
        for (Table t : List.of(indexed, plain)) {
            t.update(Map.of("deleted", true), field("email").eq("u7"));
            t.update(Map.of("deleted", false), field("email").eq("u8"));
            t.delete(and(field("email").eq("u9"), field("deleted").eq(false)));
        }
        for (String e : List.of("u7", "u8", "u9", "u10")) {
            assertThat(indexesOf(and(field("email").eq(e), field("deleted").eq(false)))).containsExactly("email");
        }
    }
}
