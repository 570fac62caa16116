package io.dictdb.core.query;

import io.dictdb.IndexType;
import io.dictdb.Table;
import io.dictdb.core.DictDB;
import io.dictdb.query.Plan;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.dictdb.query.Conditions.and;
import static io.dictdb.query.Conditions.field;
import static io.dictdb.query.Conditions.matching;
import static io.dictdb.query.Conditions.not;
import static io.dictdb.query.Conditions.or;
import static org.assertj.core.api.Assertions.assertThat;

/** How the planner serves conditions, read through explain(): which index, how many candidates and examined. */
class PlannerTest {
    private Table t;

    @BeforeEach
    void fill() {
        t = DictDB.create().createTable("items");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            rows.add(Map.of("cat", "c" + (i % 10), "price", (long) i, "name", "n" + i));
        }
        t.insertAll(rows);
        t.createIndex("cat", IndexType.HASH);
        t.createIndex("price", IndexType.SORTED);
    }

    @Test
    void primaryKeyEqualityIsALookupNotAScan() {
        Plan p = t.query().where(field("id").eq(500)).explain();
        assertThat(p.fullScan()).isFalse();
        assertThat(p.examined()).isEqualTo(1);
        assertThat(p.returned()).isEqualTo(1);
        assertThat(t.query().where(field("id").in(1, 2, 3, 5000)).explain().examined()).isEqualTo(3);
    }

    @Test
    void andOfTwoIndexedFieldsUsesBothAndExaminesNoMoreThanTheSmallerSet() {
        Plan p = t.query().where(and(field("cat").eq("c3"), field("price").lt(50))).explain();
        assertThat(p.indexes()).containsExactlyInAnyOrder("cat", "price");
        assertThat(p.fullScan()).isFalse();
        assertThat(p.examined()).isLessThanOrEqualTo(50);
        assertThat(p.returned()).isEqualTo(5);
        assertThat(p.toString()).contains("HASH index on 'cat'").contains("SORTED index on 'price'");
    }

    @Test
    void orIsAUnionWhenEveryBranchIsIndexableAndAScanOtherwise() {
        Plan union = t.query().where(or(field("cat").eq("c1"), field("price").gte(990))).explain();
        assertThat(union.fullScan()).isFalse();
        assertThat(union.returned()).isEqualTo(109);
        assertThat(union.examined()).isEqualTo(109);

        Plan scan = t.query().where(or(field("cat").eq("c1"), field("name").eq("n5"))).explain();
        assertThat(scan.fullScan()).isTrue();
        assertThat(scan.examined()).isEqualTo(1000);
        assertThat(scan.toString()).contains("scan");
    }

    @Test
    void topKOnASortedIndexExaminesAtMostKPlusTies() {
        Plan p = t.query().orderBy("-price").limit(10).explain();
        assertThat(p.orderedByIndex()).isTrue();
        assertThat(p.examined()).isLessThanOrEqualTo(10);
        assertThat(t.query().orderBy("-price").limit(3).toList()).extracting(r -> r.getLong("price"))
                .containsExactly(999L, 998L, 997L);

        // ties on the first key: all 100 records of category c0 come before the limit is cut
        t.createIndex("name", IndexType.SORTED);
        t.dropIndex("cat");
        t.createIndex("cat", IndexType.SORTED);
        Plan ties = t.query().orderBy("cat", "-price").limit(5).explain();
        assertThat(ties.examined()).isLessThanOrEqualTo(5 + 100);
        assertThat(t.query().orderBy("cat", "-price").limit(2).toList()).extracting(r -> r.getLong("price"))
                .containsExactly(990L, 980L);
    }

    @Test
    void notAndPredicatesFilterAScan() {
        Plan p = t.query().where(not(field("cat").eq("c1"))).explain();
        assertThat(p.fullScan()).isTrue();
        assertThat(p.returned()).isEqualTo(900);
        Plan q = t.query().where(and(field("cat").eq("c2"), matching(r -> r.getLong("price") > 500))).explain();
        assertThat(q.fullScan()).isFalse();
        assertThat(q.examined()).isEqualTo(100);
        assertThat(q.returned()).isEqualTo(50);
    }

    @Test
    void rangesAndPrefixesUseTheSortedIndex() {
        t.createIndex("name", IndexType.SORTED);
        Plan between = t.query().where(field("price").between(100, 109)).explain();
        assertThat(between.examined()).isEqualTo(10);
        Plan prefix = t.query().where(field("name").like("n99%")).explain();
        assertThat(prefix.fullScan()).isFalse();
        assertThat(prefix.returned()).isEqualTo(11);
        assertThat(prefix.examined()).isEqualTo(11);
    }
}
