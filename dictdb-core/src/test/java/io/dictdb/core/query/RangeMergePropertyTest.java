package io.dictdb.core.query;

import io.dictdb.IndexType;
import io.dictdb.Record;
import io.dictdb.Table;
import io.dictdb.core.DictDB;
import io.dictdb.query.Condition;
import io.dictdb.query.Conditions;
import io.dictdb.query.Field;
import io.dictdb.query.Plan;
import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.dictdb.query.Conditions.field;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;

/**
 * Random ANDs of bounds ({@code eq}, {@code gt}, {@code gte}, {@code lt}, {@code lte}, {@code between},
 * {@code startsWith}) on one or two fields, with and without sorted or hash indexes on them and with an equality on
 * a hash-indexed third field, return the records a scan returns, in the same order: the planner merges the bounds
 * on a sorted field into one range, the filter tests the bounds left as one range per field, and neither may
 * change a result. Values and bounds mix Long, Double and BigDecimal (equal values of different types, numbers
 * beyond 2^53), -0.0, NaN, infinities, strings around {@code U+FFFF}, booleans, lists, maps and nulls.
 *
 * <p>Generated with QuickTheories combinators, so a failure shrinks to fewer records, fewer bounds and the first
 * values of the pools.
 */
class RangeMergePropertyTest {
    private static final int SCALE = Boolean.getBoolean("dictdb.longTests") ? 20 : 1;
    private static final List<String> FIELDS = List.of("x", "y");

    /** Field values and bounds: small numbers of every numeric type first, then the corners of the order. */
    private static final List<Object> VALUES = List.of(1L, 0L, 2L, -1L, 1.0, 0.5, 2.5, -0.0, 0.0,
            new BigDecimal("1.00"), new BigDecimal("2.5"), new BigDecimal("-0.5"), Double.NaN,
            Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 9_007_199_254_740_993L, 9_007_199_254_740_992.0,
            new BigDecimal("9007199254740993"), Long.MAX_VALUE, Long.MIN_VALUE, "a", "", "ab", "abc", "b", "B",
            "a\uffff", "\uffff", "a\uffffb", "\ud83d\ude00", true, false, List.of(1L), List.of(1L, 2L),
            Map.of("k", 1L));
    /** A few values drawn often, so that bounds meet each other and the records' values (1, 1.0 and 1.00 tie). */
    private static final List<Object> COMMON = List.of(1L, 1.0, new BigDecimal("1.00"), 0L, -0.0, "a");
    private static final List<String> PREFIXES = List.of("a", "", "ab", "b", "a\uffff", "\uffff", "abc", "z");

    /** A bound on a field: the operator, two values (the second for between), a prefix for startsWith. */
    record Bound(int op, String field, Object value, Object other, String prefix) {
        Bound withField(String f) {
            return new Bound(op, f, value, other, prefix);
        }

        Condition condition() {
            Field f = Conditions.field(field);
            return switch (op) {
                case 0 -> f.gt(value);
                case 1 -> f.gte(value);
                case 2 -> f.lt(value);
                case 3 -> f.lte(value);
                case 4 -> f.eq(value);
                case 5 -> f.between(value, other);
                default -> f.startsWith(prefix);
            };
        }
    }

    /** One example: the records, an index type (or none) per field, and the bounds of the AND. */
    record Scenario(List<Map<String, Object>> records, IndexType x, IndexType y, boolean hashOnH,
                    List<Bound> bounds, String h, boolean nested) {

        Condition condition() {
            List<Condition> parts = new ArrayList<>();
            bounds.forEach(b -> parts.add(b.condition()));
            if (h != null) {
                parts.add(field("h").eq(h));
            }
            if (nested && parts.size() > 2) {
                // an AND built without Conditions.and, holding an AND: the same conjunction
                Condition inner = new Condition.And(parts.subList(1, parts.size()));
                return new Condition.And(List.of(parts.get(0), inner));
            }
            return parts.size() == 1 ? parts.get(0) : new Condition.And(parts);
        }

        Table load(boolean indexed) {
            Table t = DictDB.create().createTable("t");
            t.insertAll(records);
            if (indexed) {
                if (x != null) {
                    t.createIndex("x", x);
                }
                if (y != null) {
                    t.createIndex("y", y);
                }
                if (hashOnH) {
                    t.createIndex("h", IndexType.HASH);
                }
            }
            return t;
        }

        /**
         * Whether every part bounds {@code x}, which has a sorted index: then one range serves the AND ({@code eq}
         * of a map is equality, not a bound: maps are not ordered).
         */
        boolean oneRangeOnX() {
            return x == IndexType.SORTED && h == null && bounds.stream()
                    .allMatch(b -> b.field.equals("x") && !(b.op == 4 && b.value instanceof Map<?, ?>));
        }

        @Override
        public String toString() {
            return records.size() + " records " + records + ", indexes x=" + x + " y=" + y + " h=" + hashOnH
                    + ", where " + condition();
        }
    }

    private static Gen<Object> value() {
        return Generate.frequency(List.of(
                Pair.of(8, Generate.pick(COMMON)),
                Pair.of(8, Generate.pick(VALUES)),
                Pair.of(1, Generate.constant(() -> null))));
    }

    private static Gen<Map<String, Object>> record() {
        Gen<Integer> presence = Generate.range(0, 9); // 0: missing, 1: null, else a value
        return presence.zip(value(), presence, value(), Generate.pick(List.of("p", "q", "r")),
                (px, vx, py, vy, h) -> {
                    Map<String, Object> m = new HashMap<>();
                    put(m, "x", px, vx);
                    put(m, "y", py, vy);
                    m.put("h", h);
                    return m;
                });
    }

    private static void put(Map<String, Object> m, String f, int presence, Object v) {
        if (presence == 1) {
            m.put(f, null);
        } else if (presence > 1) {
            m.put(f, v);
        }
    }

    private static Gen<Bound> bound() {
        Gen<String> fields = Generate.frequency(List.of(
                Pair.of(3, Generate.constant("x")), Pair.of(1, Generate.constant("y"))));
        return Generate.range(0, 6).zip(fields, value(), value(), Generate.pick(PREFIXES), Bound::new);
    }

    private static Gen<IndexType> index() {
        return Generate.pick(java.util.Arrays.asList(IndexType.SORTED, null, IndexType.HASH));
    }

    private static Gen<Scenario> scenarios() {
        Gen<List<Map<String, Object>>> records = lists().of(record()).ofSizeBetween(0, 40);
        Gen<List<Bound>> bounds = lists().of(bound()).ofSizeBetween(1, 5);
        Gen<String> h = Generate.frequency(List.of(
                Pair.of(3, Generate.constant(() -> null)), Pair.of(1, Generate.pick(List.of("p", "q", "zz")))));
        Gen<Boolean> flags = Generate.booleans();
        return records.zip(index(), index(), flags, (r, x, y, hash) -> new Object[] {r, x, y, hash})
                .zip(bounds, h, flags, (a, b, eq, nested) -> newScenario(a, b, eq, nested))
                .describedAs(Scenario::toString);
    }

    @SuppressWarnings("unchecked")
    private static Scenario newScenario(Object[] a, List<Bound> bounds, String h, boolean nested) {
        return new Scenario((List<Map<String, Object>>) a[0], (IndexType) a[1], (IndexType) a[2], (Boolean) a[3],
                bounds, h, nested);
    }

    @Test
    void anIntervalHoldsExactlyTheValuesThatPassEveryOneOfItsBounds() {
        Gen<List<Bound>> bounds = lists().of(bound()).ofSizeBetween(1, 4);
        qt().withExamples(20_000 * SCALE).forAll(bounds, lists().of(value()).ofSizeBetween(1, 8))
                .checkAssert((bs, values) -> {
                    FieldRange range = null;
                    List<Condition> parts = new ArrayList<>();
                    for (Bound b : bs) {
                        Condition c = b.withField("x").condition();
                        parts.add(c);
                        FieldRange r = FieldRange.of(c);
                        if (r == null) {
                            return; // eq of a map: equality, not an interval
                        }
                        range = range == null ? r : range.and(r);
                    }
                    Condition all = Conditions.and(parts.toArray(new Condition[0]));
                    for (Object v : values) {
                        Record rec = Record.of("x", v);
                        assertThat(range.test(rec.get("x"))).as(all + " on " + v + " as " + range)
                                .isEqualTo(all.test(rec));
                    }
                    assertThat(range.isEmpty() && values.stream().anyMatch(v -> all.test(Record.of("x", v))))
                            .as(all + " is empty as " + range).isFalse();
                });
    }

    @Test
    void boundsOnOneOrTwoFieldsReturnWhatAScanReturnsInTheSameOrder() {
        qt().withExamples(1000 * SCALE).forAll(scenarios()).checkAssert(sc -> {
            Table indexed = sc.load(true);
            Table plain = sc.load(false);
            Condition c = sc.condition();
            List<Record> expected = plain.select(Conditions.all()).stream().filter(c::test).toList();
            String what = sc.toString();
            assertThat(plain.select(c)).as(what).isEqualTo(expected);
            assertThat(indexed.select(c)).as(what).isEqualTo(expected);
            assertThat(indexed.count(c)).as(what).isEqualTo(expected.size());
            assertThat(indexed.query().where(c).orderBy("y", "-x").limit(3).toList()).as(what)
                    .isEqualTo(plain.query().where(c).orderBy("y", "-x").limit(3).toList());
            Plan plan = indexed.query().where(c).explain();
            assertThat(plan.returned()).as(what).isEqualTo(expected.size());
            if (sc.oneRangeOnX()) {
                // every bound on one sorted field: one range read, exactly the matches, nothing tested
                assertThat(plan.root()).as(what + "\n" + plan).isInstanceOf(Plan.IndexLookup.class);
                assertThat(plan.examined()).as(what + "\n" + plan).isEqualTo(expected.size());
            }
        });
    }

    /**
     * The residual's staged test ({@link Residual#test(Record[], int, boolean[])}: each field range over every
     * candidate, then the other parts on those left) says of each record what {@code Condition.test} says, and a
     * {@code matching} part sees exactly the records the whole condition would have evaluated it on, in order.
     */
    @Test
    void theStagedResidualAnswersAsTheConditionDoesOnEachRecord() {
        qt().withExamples(3_000 * SCALE).forAll(scenarios(), Generate.booleans()).checkAssert((s, withMatching) -> {
            List<Record> seenStaged = new ArrayList<>();
            List<Record> seenWhole = new ArrayList<>();
            List<Record> sink = new ArrayList<>();
            java.util.function.Function<List<Record>, Condition> withSpy = seen -> {
                Condition c = s.condition();
                if (!withMatching) {
                    return c;
                }
                List<Condition> parts = new ArrayList<>(List.of(c));
                parts.add(1, Conditions.matching(r -> seen.add(r) || true)); // after the first part
                return new Condition.And(parts);
            };
            Condition staged = withSpy.apply(seenStaged);
            Condition whole = withSpy.apply(seenWhole);
            Record[] records = s.records().stream().map(Record::of).toArray(Record[]::new);
            boolean[] pass = new boolean[records.length];
            java.util.Arrays.fill(pass, true);
            Residual.of(staged).test(records, records.length, pass);
            for (int i = 0; i < records.length; i++) {
                assertThat(pass[i]).as(whole + " on " + records[i]).isEqualTo(whole.test(records[i]));
            }
            sink.addAll(seenWhole);
            assertThat(seenStaged).as("records seen by matching under " + whole).isEqualTo(sink);
        });
    }
}
