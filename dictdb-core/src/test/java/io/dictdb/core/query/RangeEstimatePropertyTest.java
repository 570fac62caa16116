package io.dictdb.core.query;

import io.dictdb.IndexType;
import io.dictdb.Record;
import io.dictdb.Table;
import io.dictdb.core.DictDB;
import io.dictdb.query.Condition;
import io.dictdb.query.Field;
import io.dictdb.query.Plan;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.dictdb.query.Conditions.and;
import static io.dictdb.query.Conditions.field;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

/**
 * On tables large enough for the planner to guess a range's size from the sorted index's lowest and highest values
 * (10,000 rows and more) instead of reading it up to its cap, an AND of a hash equality and bounds on a sorted
 * numeric field returns what a scan returns, in the same order, whatever the guess: values spread evenly, piled on
 * one value, Long and Double mixed, nulls and missing fields, bounds inside, across and outside the values. The
 * range alone too: its read makes room for the guessed rows, which must not change what it reads.
 */
class RangeEstimatePropertyTest {
    private static final int SCALE = Boolean.getBoolean("dictdb.longTests") ? 10 : 1;

    /** How the score values lie: 0 evenly, 1 most on one value, 2 doubles, 3 Long and Double mixed, 4 one value. */
    record Scenario(int rows, int spread, long seed, int op, long low, long width, boolean doubleBounds, int depts) {
        List<Map<String, Object>> records() {
            Random random = new Random(seed);
            List<Map<String, Object>> out = new ArrayList<>(rows);
            for (int i = 0; i < rows; i++) {
                Map<String, Object> m = new HashMap<>();
                m.put("id", (long) i);
                m.put("dept", "d" + random.nextInt(depts));
                int presence = random.nextInt(50);
                if (presence == 1) {
                    m.put("score", null);
                } else if (presence != 0) {
                    long v = random.nextInt(1_000);
                    m.put("score", switch (spread) {
                        case 0 -> v;
                        case 1 -> random.nextInt(10) == 0 ? v : 7L;
                        case 2 -> v / 4.0;
                        case 3 -> random.nextBoolean() ? (Object) v : (Object) (v + 0.5);
                        default -> 3L;
                    });
                }
                out.add(m);
            }
            return out;
        }

        Condition condition() {
            return and(field("dept").eq("d1"), range());
        }

        Condition range() {
            Field score = field("score");
            Object lo = doubleBounds ? (Object) (low + 0.25) : (Object) low;
            Object hi = doubleBounds ? (Object) (low + width + 0.25) : (Object) (low + width);
            Condition range = switch (op) {
                case 0 -> score.between(lo, hi);
                case 1 -> and(score.gte(lo), score.lt(hi));
                case 2 -> score.gt(lo);
                case 3 -> score.lte(hi);
                default -> and(score.gt(hi), score.lt(lo)); // empty when width >= 0
            };
            return range;
        }

        @Override
        public String toString() {
            return rows + " rows, spread " + spread + ", seed " + seed + ", " + depts + " depts, where " + condition();
        }
    }

    private static Gen<Scenario> scenarios() {
        return Generate.range(10_000, 11_000).zip(Generate.range(0, 4), Generate.longRange(0, 1_000_000),
                        Generate.range(0, 4), (rows, spread, seed, op) -> new Object[] {rows, spread, seed, op})
                .zip(Generate.longRange(-100, 1_100), Generate.longRange(0, 1_200), Generate.booleans(),
                        Generate.range(1, 200), (a, low, width, dbl, depts) -> new Scenario((Integer) a[0],
                                (Integer) a[1], (Long) a[2], (Integer) a[3], low, width, dbl, depts))
                .describedAs(Scenario::toString);
    }

    @Test
    void anAndOfEqualityAndRangeReturnsWhatAScanReturnsWhateverTheGuess() {
        qt().withExamples(25 * SCALE).withShrinkCycles(20).forAll(scenarios()).checkAssert(s -> {
            List<Map<String, Object>> records = s.records();
            Table plain = DictDB.create().createTable("t");
            plain.insertAll(records);
            Table indexed = DictDB.create().createTable("t");
            indexed.insertAll(records);
            indexed.createIndex("dept", IndexType.HASH);
            indexed.createIndex("score", IndexType.SORTED);
            Condition c = s.condition();
            List<Record> expected = plain.select(c);
            assertThat(indexed.select(c)).as(s.toString()).isEqualTo(expected);
            assertThat(indexed.count(c)).isEqualTo(expected.size());
            // the range alone: read with room made for the guess, which never changes what is read
            assertThat(indexed.select(s.range())).as(s + " (range alone)").isEqualTo(plain.select(s.range()));
            Plan p = indexed.query().where(c).explain();
            assertThat(p.returned()).isEqualTo(expected.size());
        });
    }

    @Test
    void aWideRangeOnALargeTableIsSkippedWithoutReadingAndANarrowOneIsRead() {
        Table t = DictDB.create().createTable("t");
        List<Map<String, Object>> records = new ArrayList<>();
        for (long i = 0; i < 20_000; i++) {
            records.add(Map.of("id", i, "dept", "d" + i % 100, "score", i));
        }
        t.insertAll(records);
        t.createIndex("dept", IndexType.HASH);
        t.createIndex("score", IndexType.SORTED);

        // 6,000 scores against 200 rows of d7: far above the cap of 100, skipped on the guess
        Condition wide = and(field("dept").eq("d7"), field("score").between(1_000L, 6_999L));
        Plan p = t.query().where(wide).explain();
        Plan.Intersect both = (Plan.Intersect) ((Plan.Filter) p.root()).input();
        assertThat(((Plan.IndexSkipped) both.inputs().get(1)).moreThan()).isEqualTo(100);
        assertThat(p.examined()).isEqualTo(200);
        assertThat(p.returned()).isEqualTo(60);

        // 50 scores: under the cap, read and intersected
        Condition narrow = and(field("dept").eq("d7"), field("score").between(1_000L, 1_049L));
        Plan q = t.query().where(narrow).explain();
        assertThat(q.root()).isInstanceOf(Plan.Intersect.class);
        assertThat(q.returned()).isEqualTo(1);
        assertThat(t.select(narrow)).extracting(r -> r.get("id")).containsExactly(1_007L);
    }
}
