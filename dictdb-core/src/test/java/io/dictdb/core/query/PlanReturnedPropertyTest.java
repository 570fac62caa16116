package io.dictdb.core.query;

import io.dictdb.IndexType;
import io.dictdb.Table;
import io.dictdb.core.DictDB;
import io.dictdb.query.Condition;
import io.dictdb.query.Field;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.dictdb.query.Conditions.and;
import static io.dictdb.query.Conditions.field;
import static io.dictdb.query.Conditions.not;
import static io.dictdb.query.Conditions.or;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

/**
 * {@code explain().returned()} is the number of records the query returns, whatever indexes serve it: random
 * tables with random index sets, random nested conditions over most operators. (That indexes never change a
 * result is the table compatibility kit's {@code QueryEquivalenceKit}; this is the engine's plan agreeing with it.)
 * Each example is built from one seed, printed on failure.
 */
class PlanReturnedPropertyTest {
    private static final int SCALE = Boolean.getBoolean("dictdb.longTests") ? 20 : 1;
    private static final List<String> FIELDS = List.of("n", "s", "x");
    private static final List<Object> VALUES = List.of(0L, 1L, 2L, 1.0, 2.5, -0.0, 0.0, "a", "ab", "b", "", true);

    private static Object value(Random rnd) {
        return VALUES.get(rnd.nextInt(VALUES.size()));
    }

    private static Condition condition(Random rnd, int depth) {
        if (depth > 0 && rnd.nextInt(3) == 0) {
            Condition a = condition(rnd, depth - 1);
            Condition b = condition(rnd, depth - 1);
            return switch (rnd.nextInt(3)) {
                case 0 -> and(a, b);
                case 1 -> or(a, b);
                default -> not(a);
            };
        }
        Field f = field(FIELDS.get(rnd.nextInt(FIELDS.size())));
        return switch (rnd.nextInt(11)) {
            case 0 -> f.eq(value(rnd));
            case 1 -> f.ne(value(rnd));
            case 2 -> f.gt(value(rnd));
            case 3 -> f.lte(value(rnd));
            case 4 -> f.between(value(rnd), value(rnd));
            case 5 -> f.in(value(rnd), value(rnd), value(rnd));
            case 6 -> f.notIn(value(rnd), value(rnd));
            case 7 -> f.isNull();
            case 8 -> f.isNotNull();
            case 9 -> f.startsWith(rnd.nextBoolean() ? "a" : "");
            default -> f.like(rnd.nextBoolean() ? "a%" : "_");
        };
    }

    @Test
    void thePlanCountsWhatTheQueryReturns() {
        qt().withExamples(300 * SCALE).withShrinkCycles(0).forAll(longs().all()).checkAssert(seed -> {
            Random rnd = new Random(seed);
            Table t = DictDB.create().createTable("t");
            for (String f : FIELDS) {
                if (rnd.nextInt(3) > 0) {
                    t.createIndex(f, rnd.nextBoolean() ? IndexType.HASH : IndexType.SORTED);
                }
            }
            for (int i = rnd.nextInt(60); i > 0; i--) {
                Map<String, Object> r = new HashMap<>();
                for (String f : FIELDS) {
                    switch (rnd.nextInt(6)) {
                        case 0 -> { } // missing
                        case 1 -> r.put(f, null);
                        default -> r.put(f, value(rnd));
                    }
                }
                t.insert(r);
            }
            for (int q = 0; q < 16; q++) {
                Condition c = condition(rnd, 3);
                String what = "seed " + seed + ", indexes " + t.indexedFields() + ": " + c;
                long count = t.count(c);
                assertThat(t.select(c)).as(what).hasSize((int) count);
                assertThat(t.query().where(c).explain().returned()).as(what).isEqualTo(count);
            }
        });
    }
}
