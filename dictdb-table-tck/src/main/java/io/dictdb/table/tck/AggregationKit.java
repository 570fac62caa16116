package io.dictdb.table.tck;

import io.dictdb.Database;
import io.dictdb.Record;
import io.dictdb.Table;
import io.dictdb.Values;
import io.dictdb.query.Condition;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.stream.Collectors;

import static io.dictdb.query.Aggregates.avg;
import static io.dictdb.query.Aggregates.count;
import static io.dictdb.query.Aggregates.max;
import static io.dictdb.query.Aggregates.min;
import static io.dictdb.query.Aggregates.sum;
import static io.dictdb.query.Conditions.field;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

/**
 * Aggregates against a reference computed with Java streams over the same records: nulls and missing values
 * skipped, Long/Double/BigDecimal mixed, empty input, sums past Long.MAX_VALUE, groups in first-seen order.
 */
public abstract class AggregationKit extends KitBase {
    private static final int SCALE = Boolean.getBoolean("dictdb.longTests") ? 20 : 1;
    private static final List<Object> HUGE = List.of(Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE - 1,
            Long.MIN_VALUE + 1);

    /** Records of a seed: "v" a number of a random kind (or null or missing), "g" a group, "k" a kind tag. */
    private static List<Map<String, Object>> records(long seed) {
        Random rnd = new Random(seed);
        // each example leans to one mix, so that pure Long, pure Double and pure decimal inputs all occur
        int mix = rnd.nextInt(5);
        int n = rnd.nextInt(4) == 0 ? rnd.nextInt(3) : rnd.nextInt(40);
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, Object> r = new HashMap<>();
            int k = rnd.nextInt(10);
            if (k == 1) {
                r.put("v", null);
            } else if (k != 0) {
                r.put("v", number(rnd, mix));
            }
            if (rnd.nextInt(8) != 0) {
                r.put("g", rnd.nextInt(4) == 0 ? (Object) (long) rnd.nextInt(2) : "g" + rnd.nextInt(3));
            }
            r.put("k", (long) rnd.nextInt(3));
            out.add(r);
        }
        return out;
    }

    private static Object number(Random rnd, int mix) {
        int kind = switch (mix) {
            case 0 -> 0; // Longs only
            case 1 -> 1; // Doubles only
            case 2 -> 2; // BigDecimals only
            case 3 -> rnd.nextInt(3) == 0 ? 2 : 0; // Longs and decimals
            default -> rnd.nextInt(3); // everything
        };
        return switch (kind) {
            case 0 -> rnd.nextInt(3) == 0 ? HUGE.get(rnd.nextInt(HUGE.size())) : (long) (rnd.nextInt(201) - 100);
            case 1 -> (rnd.nextInt(2001) - 1000) / 8.0;
            default -> new BigDecimal(rnd.nextInt(20001) - 10000).movePointLeft(rnd.nextInt(4));
        };
    }

    // ------------------------------------------------------------------ the stream reference

    private static List<Object> values(List<Record> rs) {
        return rs.stream().map(r -> r.get("v")).filter(Objects::nonNull).collect(Collectors.toList());
    }

    static Object refSum(List<Object> vs) {
        if (vs.isEmpty()) {
            return null;
        }
        if (vs.stream().anyMatch(v -> v instanceof Double)) {
            return vs.stream().mapToDouble(v -> ((Number) v).doubleValue()).reduce(0.0, (a, b) -> a + b);
        }
        BigDecimal exact = vs.stream().map(AggregationKit::exact).reduce(BigDecimal.ZERO, BigDecimal::add);
        if (vs.stream().allMatch(v -> v instanceof Long)) {
            boolean fits = exact.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0
                    && exact.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) >= 0;
            // a Long while every partial sum fits; past an overflow the exact BigDecimal
            long partial = 0;
            boolean overflowed = false;
            for (Object v : vs) {
                try {
                    partial = Math.addExact(partial, (Long) v);
                } catch (ArithmeticException e) {
                    overflowed = true;
                    break;
                }
            }
            return overflowed || !fits ? exact : (Object) exact.longValueExact();
        }
        return exact;
    }

    static Object refAvg(List<Object> vs) {
        if (vs.isEmpty()) {
            return null;
        }
        boolean anyDouble = vs.stream().anyMatch(v -> v instanceof Double);
        boolean anyDecimal = vs.stream().anyMatch(v -> v instanceof BigDecimal);
        BigDecimal n = BigDecimal.valueOf(vs.size());
        if (anyDecimal && !anyDouble) {
            return vs.stream().map(AggregationKit::exact).reduce(BigDecimal.ZERO, BigDecimal::add)
                    .divide(n, MathContext.DECIMAL128);
        }
        double dsum = vs.stream().mapToDouble(v -> ((Number) v).doubleValue()).reduce(0.0, (a, b) -> a + b);
        if (anyDecimal) {
            return new BigDecimal(dsum).divide(n, MathContext.DECIMAL128);
        }
        if (!anyDouble) {
            return vs.stream().map(AggregationKit::exact).reduce(BigDecimal.ZERO, BigDecimal::add)
                    .divide(n, MathContext.DECIMAL128).doubleValue();
        }
        return dsum / vs.size();
    }

    private static BigDecimal exact(Object v) {
        return v instanceof Long l ? BigDecimal.valueOf(l) : v instanceof BigDecimal b ? b
                : new BigDecimal((Double) v);
    }

    private static Object refMin(List<Object> vs) {
        return vs.stream().reduce((a, b) -> Values.compare(b, a) < 0 ? b : a).orElse(null);
    }

    private static Object refMax(List<Object> vs) {
        return vs.stream().reduce((a, b) -> Values.compare(b, a) > 0 ? b : a).orElse(null);
    }

    private static Map<String, Object> reference(List<Record> rs) {
        List<Object> vs = values(rs);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("n", (long) rs.size());
        m.put("count_v", (long) vs.size());
        m.put("sum_v", refSum(vs));
        m.put("avg_v", refAvg(vs));
        m.put("min_v", refMin(vs));
        m.put("max_v", refMax(vs));
        return m;
    }

    // ------------------------------------------------------------------ properties

    @Test
    void aggregatesMatchTheStreamReference() {
        qt().withExamples(examples(300 * SCALE)).withShrinkCycles(0).forAll(longs().all()).checkAssert(seed -> {
            try (Database d = newDatabase()) {
                aggregates(seed, d.createTable("t"));
            }
        });
    }

    private static void aggregates(long seed, Table t) {
        t.insertAll(records(seed));
        Condition where = seed % 3 == 0 ? field("k").eq(1) : io.dictdb.query.Conditions.all();
        List<Record> matched = t.select(where);
        Record got = t.query().where(where).aggregate(count().as("n"), count("v"), sum("v"), avg("v"), min("v"),
                max("v"));
        assertThat(got).as("seed " + seed).isEqualTo(Record.of(reference(matched)));
        // exact types, not only equal values: Long vs BigDecimal sums, Double vs BigDecimal averages
        Map<String, Object> ref = reference(matched);
        for (String k : ref.keySet()) {
            assertThat(got.get(k) == null ? null : got.get(k).getClass()).as("seed " + seed + " " + k)
                    .isEqualTo(ref.get(k) == null ? null : ref.get(k).getClass());
        }
    }

    @Test
    void groupsMatchTheStreamReferenceInFirstSeenOrder() {
        qt().withExamples(examples(200 * SCALE)).withShrinkCycles(0).forAll(longs().all()).checkAssert(seed -> {
            try (Database d = newDatabase()) {
                groups(seed, d.createTable("t"));
            }
        });
    }

    private static void groups(long seed, Table t) {
        t.insertAll(records(seed));
        List<Record> all = t.all();
        // groups by the API's reference equality (Values.equal), each named by its first value
        List<Object> firstValues = new ArrayList<>();
        List<List<Record>> groups = new ArrayList<>();
        for (Record r : all) {
            Object g = r.get("g");
            int at = 0;
            while (at < firstValues.size() && !Values.equal(firstValues.get(at), g)) {
                at++;
            }
            if (at == firstValues.size()) {
                firstValues.add(g);
                groups.add(new ArrayList<>());
            }
            groups.get(at).add(r);
        }
        List<Record> expected = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("g", firstValues.get(i));
            m.putAll(reference(groups.get(i)));
            expected.add(Record.of(m));
        }
        List<Record> got = t.query().groupBy("g").aggregateGroups(count().as("n"), count("v"), sum("v"), avg("v"),
                min("v"), max("v"));
        assertThat(got).as("seed " + seed).isEqualTo(expected);
    }

    @Test
    void groupCountsReadFromAHashIndexEqualTheScan() {
        qt().withExamples(examples(200 * SCALE)).withShrinkCycles(0).forAll(longs().all()).checkAssert(seed -> {
            try (Database idb = newDatabase(); Database pdb = newDatabase()) {
                groupCounts(seed, idb.createTable("t"), pdb.createTable("t"));
            }
        });
    }

    private static void groupCounts(long seed, Table indexed, Table plain) {
        List<Map<String, Object>> records = records(seed);
        indexed.createIndex("g", io.dictdb.IndexType.HASH);
        indexed.insertAll(records);
        plain.insertAll(records);
        Random rnd = new Random(seed);
        for (Table t : List.of(indexed, plain)) {
            // moves between groups and deletes, so that a group's first record changes
            if (!records.isEmpty() && t.count(field("k").eq(1)) > 0) {
                t.update(Map.of("g", "g" + rnd.nextInt(3)), field("k").eq(1));
            }
            if (t.count(field("k").eq(2)) > 0) {
                t.delete(field("k").eq(2));
            }
            rnd = new Random(seed);
        }
        assertThat(indexed.query().groupBy("g").aggregateGroups(count().as("n"), count("g")))
                .as("seed " + seed)
                .isEqualTo(plain.query().groupBy("g").aggregateGroups(count().as("n"), count("g")));
    }

    @Test
    void edgeCases() {
        Table t = db.createTable("t");
        Record empty = t.query().aggregate(count(), count("v"), sum("v"), avg("v"), min("v"), max("v"));
        assertThat(empty.get("count")).isEqualTo(0L);
        assertThat(empty.get("count_v")).isEqualTo(0L);
        assertThat(empty).containsEntry("sum_v", null).containsEntry("avg_v", null).containsEntry("min_v", null)
                .containsEntry("max_v", null);
        assertThat(t.query().groupBy("g").aggregateGroups(count())).isEmpty();

        t.insert(Map.of("v", Long.MAX_VALUE));
        t.insert(Map.of("v", 1L));
        t.insert(Map.of("w", 5L)); // v missing
        Record big = t.query().aggregate(sum("v"), avg("v"), count("v"));
        assertThat(big.get("sum_v")).isEqualTo(new BigDecimal(Long.MAX_VALUE).add(BigDecimal.ONE));
        assertThat(big.get("avg_v")).isInstanceOf(Double.class);
        assertThat(big.get("count_v")).isEqualTo(2L);

        Table mixed = db.createTable("m");
        mixed.insert(Map.of("v", 1L));
        mixed.insert(Map.of("v", new BigDecimal("0.10")));
        Record m = mixed.query().aggregate(sum("v").as("total"), avg("v").as("mean"));
        assertThat(m.get("total")).isEqualTo(new BigDecimal("1.10"));
        assertThat(m.get("mean")).isEqualTo(new BigDecimal("0.55"));
    }

    @Test
    void averageOfDecimalsWithANonFiniteDoubleIsThatDouble() {
        for (double odd : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            Table t = anotherDatabase().createTable("t");
            t.insert(Map.of("v", new BigDecimal("1.5")));
            t.insert(Map.of("v", odd));
            Record r = t.query().aggregate(sum("v"), avg("v"));
            assertThat(r.get("sum_v")).as("sum with " + odd).isEqualTo(odd);
            // no BigDecimal holds NaN or an infinity: the mean is that Double, not a NumberFormatException
            assertThat(r.get("avg_v")).as("avg with " + odd).isEqualTo(odd);
        }
    }

    @Test
    void ordinaryDecimalSumsStayExactThroughAQuery() {
        Table t = db.createTable("prices");
        t.insertAll(List.of(Map.of("v", new BigDecimal("0.10")), Map.of("v", new BigDecimal("0.20")),
                Map.of("v", new BigDecimal("12345678901234567890.000000000000000000001")), Map.of("v", 3L)));
        Record r = t.query().aggregate(sum("v"), avg("v"));
        assertThat(r.get("sum_v")).isEqualTo(new BigDecimal("12345678901234567893.300000000000000000001"));
        // the mean is a quotient, rounded to 34 digits as before
        assertThat((BigDecimal) r.get("avg_v"))
                .isEqualByComparingTo(new BigDecimal("3086419725308641973.325000000000000"));
    }
}
