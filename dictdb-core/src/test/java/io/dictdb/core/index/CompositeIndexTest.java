package io.dictdb.core.index;

import io.dictdb.IndexSpec;
import io.dictdb.Record;
import io.dictdb.Table;
import io.dictdb.TableSpec;
import io.dictdb.core.DictDB;
import io.dictdb.query.Condition;
import io.dictdb.query.Plan;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.dictdb.query.Conditions.and;
import static io.dictdb.query.Conditions.field;
import static org.assertj.core.api.Assertions.assertThat;

/** Composite hash and sorted indexes serve equality, prefix + range and ordered walks, with a scan's results. */
class CompositeIndexTest {
    private Table indexed;
    private Table plain;

    @BeforeEach
    void fill() {
        DictDB db = DictDB.create();
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
    void hashCompositeServesEqualityOnAllItsFields() {
        Condition where = and(field("city").eq("c3"), field("dept").eq("d4"));
        Plan plan = indexed.query().where(where).explain();
        assertThat(plan.indexes()).contains("city+dept");
        assertThat(plan.fullScan()).isFalse();
        assertThat(plan.examined()).isEqualTo(plan.returned());
        same(where);
        same(and(field("city").eq("c3"), field("dept").eq(4L)));   // no such value
        same(and(field("dept").eq("d1"), field("city").eq("c8"), field("n").gt(1000)));
    }

    @Test
    void anAndOfEqualitiesOnExactlyACompositesFieldsIsOneEntryReadWhateverThePartsOrder() {
        Condition cityDept = and(field("city").eq("c3"), field("dept").eq("d4"));
        Condition deptCity = and(field("dept").eq("d4"), field("city").eq("c3"));
        List<Record> expected = plain.select(cityDept);
        assertThat(expected).hasSizeGreaterThan(10);
        indexed.resetStats();
        assertThat(indexed.select(cityDept)).isEqualTo(expected);                    // insertion order, as a scan
        assertThat(indexed.select(deptCity)).isEqualTo(expected);
        assertThat(indexed.query().where(deptCity).stream().toList()).isEqualTo(expected);
        assertThat(indexed.stats().indexes().get("city+dept").lookups()).isEqualTo(3);
        assertThat(indexed.stats().indexes().get("city+dept").rowsReturned()).isEqualTo(3L * expected.size());
        // the sorted composite on (city, age) serves its exact entries too, numbers equal by value
        for (Object age : new Object[] {33, 33L, 33.0, 33.5, "33"}) {
            same(and(field("age").eq(age), field("city").eq("c3")));
        }
        assertThat(indexed.select(and(field("age").eq(33.0), field("city").eq("c3")))).isNotEmpty();
        // not this shape: the general path, same answers
        same(and(field("city").eq("c3"), field("city").eq("c4")));
        same(and(field("city").eq("c3"), field("dept").eq(null)));
        same(and(field("city").eq("c3"), field("dept").ne("d4")));
        same(and(field("city").eq("c3"), field("dept").eq("d4"), field("n").eq(1593)));
        assertThat(indexed.query().where(cityDept).limit(2).toList()).isEqualTo(expected.subList(0, 2));
    }

    @Test
    void sortedCompositeServesAPrefixAndARangeOnTheNextField() {
        Condition where = and(field("city").eq("c3"), field("age").between(20, 40));
        Plan plan = indexed.query().where(where).explain();
        assertThat(plan.indexes()).containsExactly("city+age");
        assertThat(plan.examined()).isEqualTo(plan.returned());
        assertThat(plan.toString()).contains("SORTED index on 'city+age' for (city == 'c3' and age between 20 and 40): 41");
        same(where);
        same(and(field("city").eq("c3"), field("age").gt(20), field("age").lte(33)));
        same(and(field("city").eq("c3"), field("age").lt(33.5)));
        same(and(field("city").eq("c3"), field("age").gte("x"))); // another type: nothing
        same(field("city").eq("c5"));
        same(field("age").gte(80));
        same(and(field("city").eq("c3"), field("age").eq(33)));
    }

    @Test
    void sortedCompositeWalksAPrefixInOrderForATopK() {
        for (String order : List.of("age", "-age")) {
            for (int limit : List.of(1, 5, 300)) {
                Condition where = field("city").eq("c3");
                Plan plan = indexed.query().where(where).orderBy(order, "n").limit(limit).explain();
                if (limit < 100) {
                    assertThat(plan.orderedByIndex()).as(order + " " + limit).isTrue();
                    assertThat(plan.examined()).isLessThan(100);
                }
                List<Record> got = indexed.query().where(where).orderBy(order, "n").limit(limit).toList();
                assertThat(got).as(order + " " + limit)
                        .isEqualTo(plain.query().where(where).orderBy(order, "n").limit(limit).toList());
                // keyset pages in that order give the same records
                List<Record> paged = new ArrayList<>();
                Record last = null;
                while (paged.size() < 250) {
                    var q = indexed.query().where(where).orderBy(order, "n").limit(40);
                    List<Record> page = (last == null ? q : q.after(last)).toList();
                    if (page.isEmpty()) {
                        break;
                    }
                    paged.addAll(page);
                    last = page.get(page.size() - 1);
                }
                assertThat(paged).isEqualTo(plain.query().where(where).orderBy(order, "n").toList());
            }
        }
    }

    @Test
    void aPrefixWithARangeOnTheOrderFieldWalksOnlyThePageAndTheEqualityLookupPrefersTheExactEntry() {
        // a = x AND age > v ORDER BY age LIMIT k: the walk starts at v, reads the page and its ties, not the section
        for (int low : new int[] {-1, 0, 30, 88, 89, 500}) {
            for (String op : new String[] {"gt", "gte", "between"}) {
                Condition range = switch (op) {
                    case "gt" -> field("age").gt(low);
                    case "gte" -> field("age").gte(low);
                    default -> field("age").between(low, low + 20);
                };
                Condition where = and(field("city").eq("c3"), range);
                for (boolean descending : new boolean[] {false, true}) {
                    String order = (descending ? "-" : "") + "age";
                    List<Record> got = indexed.query().where(where).orderBy(order, "n").limit(5).toList();
                    List<Record> want = plain.query().where(where).orderBy(order, "n").limit(5).toList();
                    assertThat(got).as(where + " " + order).isEqualTo(want);
                }
                Plan plan = indexed.query().where(where).orderBy("age").limit(5).explain();
                assertThat(plan.indexes()).as(where.toString()).contains("city+age");
                // ages repeat every 90 records: a page of 5 reads its ties, a few entries, never the whole section
                assertThat(plan.examined()).as(where.toString()).isLessThan(60);
            }
        }
        // with both composites, the exact entry of city+dept is the lookup, and the plan says so
        Plan exact = indexed.query().where(and(field("city").eq("c3"), field("dept").eq("d4"))).explain();
        assertThat(exact.indexes()).containsExactly("city+dept");
    }
}
