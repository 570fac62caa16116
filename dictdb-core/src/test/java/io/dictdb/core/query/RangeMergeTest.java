package io.dictdb.core.query;

import io.dictdb.IndexType;
import io.dictdb.Record;
import io.dictdb.Table;
import io.dictdb.core.DictDB;
import io.dictdb.query.Condition;
import io.dictdb.query.Plan;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.dictdb.query.Conditions.and;
import static io.dictdb.query.Conditions.field;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bounds on one field inside an AND are one range of its sorted index: the records examined are exactly those in
 * the intersection of the bounds, as for {@code between}; an empty intersection examines none. Counts are checked
 * against a scan of the same data, so they are exact.
 */
class RangeMergeTest {
    private static Table t;
    private static List<Record> all;

    @BeforeAll
    static void load() {
        t = DictDB.create().createTable("items");
        Random rnd = new Random(15);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            rows.add(Map.of("score", rnd.nextInt(10_000) / 100.0, "dept", "d" + rnd.nextInt(50),
                    "name", "n" + i, "qty", (long) rnd.nextInt(1000)));
        }
        t.insertAll(rows);
        t.createIndex("score", IndexType.SORTED);
        t.createIndex("name", IndexType.SORTED);
        t.createIndex("qty", IndexType.SORTED);
        t.createIndex("dept", IndexType.HASH);
        all = t.select(io.dictdb.query.Conditions.all());
    }

    private static long scanCount(Condition c) {
        return all.stream().filter(c::test).count();
    }

    @Test
    void aHalfOpenRangeExaminesWhatBetweenExamines() {
        Condition halfOpen = and(field("score").gte(50.0), field("score").lt(51.0));
        Plan p = t.query().where(halfOpen).explain();
        long matches = scanCount(halfOpen);
        assertThat(matches).isBetween(900L, 1100L);
        assertThat(p.examined()).isEqualTo(matches);
        assertThat(p.candidates()).isEqualTo(matches);
        assertThat(p.returned()).isEqualTo(matches);
        Plan.IndexLookup one = (Plan.IndexLookup) p.root(); // one lookup, nothing left to filter
        assertThat(one.field()).isEqualTo("score");
        assertThat(one.condition()).isEqualTo(halfOpen);
        assertThat(p.toString()).contains("score >= 50.0").contains("score < 51.0").doesNotContain("filter");

        Plan between = t.query().where(field("score").between(50.0, 51.0)).explain();
        assertThat(between.examined()).isEqualTo(scanCount(field("score").between(50.0, 51.0)))
                .isEqualTo(matches + scanCount(field("score").eq(51.0)));
        assertThat(t.select(halfOpen)).isEqualTo(all.stream().filter(halfOpen::test).toList());
    }

    @Test
    void theTightestOfManyBoundsOfMixedNumberTypesIsTheRange() {
        Condition c = and(field("score").gt(10L), field("score").gte(new BigDecimal("20.5")),
                field("score").lt(30), field("score").lte(40.0), field("score").between(0, 35.25));
        Plan p = t.query().where(c).explain();
        assertThat(p.examined()).isEqualTo(scanCount(c)).isEqualTo(scanCount(and(field("score").gte(20.5),
                field("score").lt(30.0))));
        assertThat(((Plan.IndexLookup) p.root()).condition())
                .isEqualTo(and(field("score").gte(new BigDecimal("20.5")), field("score").lt(30)));
        // an exclusive bound wins over an inclusive one of the same value, whatever the number types
        Condition tie = and(field("score").gte(20L), field("score").gt(new BigDecimal("20.00")),
                field("score").lte(21.0), field("score").lt(21L));
        assertThat(t.query().where(tie).explain().examined()).isEqualTo(scanCount(tie))
                .isEqualTo(scanCount(and(field("score").gt(20.0), field("score").lt(21.0))));
        assertThat(t.select(tie)).noneMatch(r -> r.getDouble("score") == 20.0 || r.getDouble("score") == 21.0);
    }

    @Test
    void anEmptyIntersectionExaminesNothing() {
        for (Condition empty : List.of(
                and(field("score").gt(60.0), field("score").lt(40.0)),
                and(field("score").gte(50.0), field("score").lt(50.0)),
                and(field("score").eq(5.0), field("score").gt(7.0)),
                and(field("score").gt(50L), field("score").lt("z")), // a number and a string bound
                and(field("score").gte(1.0), field("score").lt(99.0), field("score").between(60.0, 40.0)),
                and(field("score").between(1.0, "z"), field("dept").eq("d1")),
                and(field("dept").eq("d3"), field("name").startsWith("n1"), field("name").lt("n0")))) {
            Plan p = t.query().where(empty).explain();
            assertThat(p.candidates()).as(empty.toString()).isZero();
            assertThat(p.examined()).as(empty.toString()).isZero();
            assertThat(t.select(empty)).as(empty.toString()).isEmpty();
            assertThat(t.count(empty)).as(empty.toString()).isZero();
        }
    }

    @Test
    void aPrefixAndBoundsOnTheSameFieldAreOneRange() {
        Condition c = and(field("name").startsWith("n99"), field("name").lt("n995"));
        Plan p = t.query().where(c).explain();
        // n99, n990..n994, n9900..n9949, n99000..n99499
        assertThat(scanCount(c)).isEqualTo(1 + 5 + 50 + 500);
        assertThat(p.examined()).isEqualTo(scanCount(c));
        assertThat(((Plan.IndexLookup) p.root()).condition()).isEqualTo(c);

        Condition above = and(field("name").gte("n9999"), field("name").startsWith("n99"));
        assertThat(t.query().where(above).explain().examined()).isEqualTo(scanCount(above)).isEqualTo(11);
    }

    @Test
    void equalityAmongBoundsIsOneEntry() {
        Condition c = and(field("qty").gte(100), field("qty").eq(500L), field("qty").lt(900.0));
        Plan p = t.query().where(c).explain();
        assertThat(p.examined()).isEqualTo(scanCount(field("qty").eq(500))).isPositive();
        assertThat(((Plan.IndexLookup) p.root()).condition()).isEqualTo(field("qty").eq(500L));
    }

    @Test
    void theFilterTestsOnlyWhatTheLookupsLeft() {
        // the department (2%) is the smaller set; the score range is larger, so it is tested on it, not read
        Condition c = and(field("dept").eq("d7"), field("score").gte(10.0), field("score").lt(90.0));
        Plan p = t.query().where(c).explain();
        Plan.Filter filter = (Plan.Filter) p.root();
        assertThat(filter.condition()).isEqualTo(and(field("score").gte(10.0), field("score").lt(90.0)));
        Plan.Intersect both = (Plan.Intersect) filter.input();
        assertThat(both.inputs().get(0)).isInstanceOf(Plan.IndexLookup.class);
        assertThat(((Plan.IndexSkipped) both.inputs().get(1)).condition())
                .isEqualTo(and(field("score").gte(10.0), field("score").lt(90.0)));
        assertThat(p.examined()).isEqualTo(scanCount(field("dept").eq("d7")));
        assertThat(p.returned()).isEqualTo(scanCount(c));
        assertThat(t.select(c)).isEqualTo(all.stream().filter(c::test).toList());
    }
}
