package io.dictdb.core.query;

import io.dictdb.IndexType;
import io.dictdb.Record;
import io.dictdb.Table;
import io.dictdb.core.DictDB;
import io.dictdb.core.logging.CapturingProvider;
import io.dictdb.query.Order;
import io.dictdb.query.Plan;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.dictdb.query.Conditions.and;
import static io.dictdb.query.Conditions.field;
import static io.dictdb.query.Conditions.or;
import static org.assertj.core.api.Assertions.assertThat;

/** The plan tree explain() returns: which step served what, and the bounds on the records examined. */
class ExplainTest {
    private Table t;

    @BeforeEach
    void load() {
        t = DictDB.create().createTable("items");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            rows.add(Map.of("cat", "c" + (i % 10), "price", (long) i, "name", "n" + i, "rank", (long) (i % 7)));
        }
        t.insertAll(rows);
        t.createIndex("cat", IndexType.HASH);
        t.createIndex("price", IndexType.SORTED);
        t.createIndex("name", IndexType.SORTED);
    }

    @Test
    void andOfTwoIndexedFieldsIsAnIntersectionOfBothLookupsSmallestFirst() {
        Plan p = t.query().where(and(field("cat").eq("c3"), field("price").lt(50))).explain();
        Plan.Intersect both = (Plan.Intersect) p.root();
        assertThat(both.inputs()).hasSize(2);
        Plan.IndexLookup first = (Plan.IndexLookup) both.inputs().get(0);
        Plan.IndexLookup second = (Plan.IndexLookup) both.inputs().get(1);
        assertThat(first.field()).isEqualTo("price");
        assertThat(first.type()).isEqualTo(IndexType.SORTED);
        assertThat(first.candidates()).isEqualTo(50);
        assertThat(second.field()).isEqualTo("cat");
        assertThat(second.type()).isEqualTo(IndexType.HASH);
        assertThat(second.candidates()).isEqualTo(100);
        assertThat(p.examined()).isLessThanOrEqualTo(Math.min(first.candidates(), second.candidates()));
        assertThat(p.indexes()).containsExactly("price", "cat");
        assertThat(p.returned()).isEqualTo(5);
        assertThat(p.toString()).contains("SORTED index on 'price'").contains("HASH index on 'cat'")
                .contains("intersect");
        assertThat(p.toString().lines().count()).isLessThan(10);
    }

    @Test
    void aRangeLargerThanTheSmallestSetIsNotReadButTestedOnIt() {
        Plan p = t.query().where(and(field("price").gte(10), field("cat").eq("c3"))).explain();
        Plan.Intersect both = (Plan.Intersect) ((Plan.Filter) p.root()).input();
        assertThat(both.inputs().get(0)).isInstanceOf(Plan.IndexLookup.class);
        Plan.IndexSkipped range = (Plan.IndexSkipped) both.inputs().get(1);
        assertThat(range.field()).isEqualTo("price");
        assertThat(range.moreThan()).isEqualTo(50); // half the 100 candidates of cat: reading more costs more
        assertThat(p.indexes()).containsExactly("cat", "price");
        assertThat(p.examined()).isEqualTo(100);
        assertThat(p.returned()).isEqualTo(99); // price 3 is the only c3 below 10
        assertThat(p.toString()).contains("tested on the smaller set");
    }

    @Test
    void topTenOnASortedIndexWalksItAndExaminesAtMostTenPlusTies() {
        Plan p = t.query().orderBy("-price").limit(10).explain();
        assertThat(p.root()).isInstanceOf(Plan.OrderedWalk.class);
        assertThat(p.orderedByIndex()).isTrue();
        assertThat(p.examined()).isLessThanOrEqualTo(10);

        // ties: 143 records share rank 0; a second sort key makes them all candidates, but nothing beyond
        t.createIndex("rank", IndexType.SORTED);
        Plan ties = t.query().orderBy("rank", "-price").limit(10).explain();
        assertThat(ties.orderedByIndex()).isTrue();
        assertThat(ties.examined()).isLessThanOrEqualTo(10 + t.count(field("rank").eq(0)));
        assertThat(t.query().orderBy("rank", "-price").limit(2).toList()).extracting(r -> r.getLong("price"))
                .containsExactly(994L, 987L);
    }

    @Test
    void offsetAndLimitAreBoundedByAHeapOfOffsetPlusLimitWithoutAnIndex() {
        Plan p = t.query().orderBy(Order.desc("rank"), Order.asc("name")).offset(5).limit(3).explain();
        Plan.TopK top = (Plan.TopK) p.root();
        assertThat(top.k()).isEqualTo(8);
        assertThat(top.input()).isInstanceOf(Plan.Scan.class);
        assertThat(p.returned()).isEqualTo(3);
        assertThat(p.toString()).contains("top 8").contains("scan");
    }

    @Test
    void aNonIndexableQuerySaysScan() {
        Plan p = t.query().where(field("rank").eq(3)).explain();
        assertThat(p.fullScan()).isTrue();
        assertThat(p.indexes()).isEmpty();
        assertThat(((Plan.Filter) p.root()).input()).isEqualTo(new Plan.Scan(1000));
        assertThat(p.examined()).isEqualTo(1000);
        assertThat(p.toString()).contains("scan");
    }

    @Test
    void inOnAHashIndexIsOneLookupPerValue() {
        Plan p = t.query().where(field("cat").in("c1", "c2", "nope")).explain();
        Plan.IndexLookup in = (Plan.IndexLookup) p.root();
        assertThat(in.candidates()).isEqualTo(200);
        assertThat(p.examined()).isEqualTo(200);
        assertThat(p.returned()).isEqualTo(200);
    }

    @Test
    void orIsAUnionOnlyWhenEveryBranchIsIndexable() {
        Plan union = t.query().where(or(field("cat").eq("c1"), field("price").gte(995))).explain();
        assertThat(union.root()).isInstanceOf(Plan.Union.class);
        assertThat(union.examined()).isEqualTo(105); // 100 in c1, 995 to 999

        Plan scan = t.query().where(or(field("cat").eq("c1"), field("rank").eq(1))).explain();
        assertThat(scan.fullScan()).isTrue();
        assertThat(((Plan.Filter) scan.root()).input()).isInstanceOf(Plan.Scan.class);
    }

    @Test
    void prefixLikeAndStartsWithUseTheSortedIndex() {
        Plan like = t.query().where(field("name").like("n99%")).explain();
        // like is tested again on the prefix range (its pattern may say more); startsWith is exactly the range
        assertThat(((Plan.IndexLookup) ((Plan.Filter) like.root()).input()).field()).isEqualTo("name");
        assertThat(like.examined()).isEqualTo(11);
        Plan starts = t.query().where(field("name").startsWith("n99")).explain();
        assertThat(starts.root()).isInstanceOf(Plan.IndexLookup.class);
        assertThat(starts.returned()).isEqualTo(11);
        // a pattern with more after the prefix: the prefix range, then the whole pattern tested
        Plan more = t.query().where(field("name").like("n9_1")).explain();
        assertThat(((Plan.Filter) more.root()).input()).isInstanceOf(Plan.IndexLookup.class);
        assertThat(more.returned()).isEqualTo(10);
    }

    @Test
    void keysetPagesAreServedByTheSortedIndex() {
        List<Record> first = t.query().orderBy("price").limit(10).toList();
        Plan next = t.query().orderBy("price").limit(10).after(first.get(9)).explain();
        assertThat(next.orderedByIndex()).isTrue();
        assertThat(next.root()).isInstanceOf(Plan.Keyset.class);
        assertThat(next.examined()).isLessThanOrEqualTo(11);
        assertThat(t.query().orderBy("price").limit(10).after(first.get(9)).toList())
                .extracting(r -> r.getLong("price")).startsWith(10L, 11L).hasSize(10);
    }

    @Test
    void countOnAnIndexReadsNoRecordAndSlowQueriesLogTheirPlan() {
        DictDB db = DictDB.builder().slowQueryThreshold(Duration.ZERO).build();
        Table s = db.createTable("orders");
        s.createIndex("status", IndexType.HASH);
        for (int i = 0; i < 30; i++) {
            s.insert(Map.of("status", i % 3 == 0 ? "open" : "done"));
        }
        CapturingProvider.start();
        long open = s.count(field("status").eq("open"));
        List<CapturingProvider.Event> warns = CapturingProvider.stop().stream()
                .filter(e -> e.level() == Level.WARN).toList();
        assertThat(open).isEqualTo(10);
        assertThat(warns).hasSize(1);
        Map<String, Object> kv = warns.get(0).keyValues();
        assertThat(kv).containsEntry("table", "orders").containsEntry("op", "count").containsKey("duration_ms");
        assertThat((String) kv.get("plan")).contains("HASH index on 'status'").contains("examined=0")
                .contains("candidates=10");
    }
}
