package io.dictdb.core.query;

import io.dictdb.DictDbException;
import io.dictdb.Record;
import io.dictdb.Values;
import io.dictdb.internal.ValueKeys;
import io.dictdb.query.Aggregate;

import io.dictdb.spi.ImageLimits;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Computes aggregates over records: one accumulator per aggregate, fed record by record. Sums of Longs are exact
 * (they widen to BigDecimal rather than overflow); nulls and missing values are skipped.
 *
 * <p>Sums of BigDecimals are exact up to {@value #SUM_DIGITS} significant digits and rounded half-even beyond: an
 * exact sum of {@code 1e99999999} and {@code 1} would need a hundred million digits, and computing it would take
 * time proportional to the exponents rather than to the data.
 */
final class Aggregation {
    /**
     * The significant digits a decimal sum keeps: as many as a stored decimal may have, so a sum of ordinary values
     * stays exact.
     */
    static final int SUM_DIGITS = ImageLimits.MAX_DECIMAL_DIGITS;

    /** How decimal sums are rounded: to {@link #SUM_DIGITS} digits, half-even. */
    static final MathContext SUM_CONTEXT = new MathContext(SUM_DIGITS, RoundingMode.HALF_EVEN);

    private Aggregation() {
    }

    /**
     * Checks that every column of an aggregate row has its own name: the group fields, then each aggregate's name.
     *
     * @param table the table, for the message
     * @param groupBy the group fields (empty for one row over all records)
     * @param aggregates the aggregates
     * @throws IllegalArgumentException naming the alias when two columns would share it
     */
    static void requireDistinctNames(String table, List<String> groupBy, List<Aggregate> aggregates) {
        Map<String, String> seen = new HashMap<>();
        for (String g : groupBy) {
            seen.putIfAbsent(g, "the group field '" + g + "'");
        }
        for (Aggregate a : aggregates) {
            String first = seen.putIfAbsent(a.name(), a.toString());
            if (first != null) {
                throw new IllegalArgumentException("Table '" + table + "': two result columns are named '" + a.name()
                        + "' (" + first + " and " + a + "); give the aggregate another name with as(...)");
            }
        }
    }

    /** One row of aggregates over all the records. */
    static Record over(String table, Iterable<Record> records, List<Aggregate> aggregates) {
        Accumulator[] acc = accumulators(table, aggregates);
        for (Record r : records) {
            for (Accumulator a : acc) {
                a.add(r);
            }
        }
        Object[] kv = new Object[acc.length * 2];
        for (int i = 0; i < acc.length; i++) {
            kv[2 * i] = aggregates.get(i).name();
            kv[2 * i + 1] = acc[i].result();
        }
        return Record.of(kv);
    }

    /** One row per group: the group fields, then the aggregates; groups in first-seen order. */
    static List<Record> groups(String table, Iterable<Record> records, List<String> groupBy,
                               List<Aggregate> aggregates) {
        // One group field (the common case) keys groups by the value itself; several fields by a list of values.
        Map<Object, Group> groups = new LinkedHashMap<>();
        boolean single = groupBy.size() == 1;
        String only = groupBy.get(0);
        for (Record r : records) {
            Object key;
            if (single) {
                key = ValueKeys.hashKey(r.get(only));
            } else {
                List<Object> list = new ArrayList<>(groupBy.size());
                for (String f : groupBy) {
                    list.add(ValueKeys.hashKey(r.get(f)));
                }
                key = list;
            }
            Group g = groups.get(key);
            if (g == null) {
                Object[] values = new Object[groupBy.size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = r.get(groupBy.get(i));
                }
                g = new Group(values, accumulators(table, aggregates));
                groups.put(key, g);
            }
            for (Accumulator a : g.acc) {
                a.add(r);
            }
        }
        List<Record> out = new ArrayList<>(groups.size());
        for (Group g : groups.values()) {
            Object[] kv = new Object[(groupBy.size() + aggregates.size()) * 2];
            int j = 0;
            for (int i = 0; i < groupBy.size(); i++) {
                kv[j++] = groupBy.get(i);
                kv[j++] = g.values[i];
            }
            for (int i = 0; i < aggregates.size(); i++) {
                kv[j++] = aggregates.get(i).name();
                kv[j++] = g.acc[i].result();
            }
            out.add(Record.of(kv));
        }
        return out;
    }

    private record Group(Object[] values, Accumulator[] acc) {
    }

    private static Accumulator[] accumulators(String table, List<Aggregate> aggregates) {
        Accumulator[] acc = new Accumulator[aggregates.size()];
        for (int i = 0; i < acc.length; i++) {
            acc[i] = new Accumulator(table, aggregates.get(i));
        }
        return acc;
    }

    /** The running state of one aggregate, fed a record or a field's value at a time. */
    static final class Accumulator {
        private final String table;
        private final Aggregate aggregate;
        private long count;
        private long longSum;
        private BigDecimal decimalSum;
        private double doubleSum;
        private boolean sawDouble;
        private boolean sawDecimal;
        private boolean overflowed;
        private Object extreme;

        Accumulator(String table, Aggregate aggregate) {
            this.table = table;
            this.aggregate = aggregate;
        }

        void add(Record r) {
            if (aggregate.field() == null) {
                count++;
                return;
            }
            addValue(r.get(aggregate.field()));
        }

        /** Adds one value of the aggregate's field (null is skipped). */
        void addValue(Object v) {
            if (v == null) {
                return;
            }
            count++;
            switch (aggregate.function()) {
                case COUNT -> {
                }
                case SUM, AVG -> addNumber(v);
                case MIN -> {
                    if (extreme == null || Values.compare(v, extreme) < 0) {
                        extreme = v;
                    }
                }
                case MAX -> {
                    if (extreme == null || Values.compare(v, extreme) > 0) {
                        extreme = v;
                    }
                }
            }
        }

        private void addNumber(Object v) {
            if (v instanceof Long l) {
                if (!overflowed) {
                    long s = longSum + l;
                    if (((longSum ^ s) & (l ^ s)) < 0) {
                        decimalSum = BigDecimal.valueOf(longSum).add(BigDecimal.valueOf(l));
                        overflowed = true;
                    } else {
                        longSum = s;
                    }
                } else {
                    decimalSum = decimalSum.add(BigDecimal.valueOf(l), SUM_CONTEXT);
                }
                doubleSum += l;
            } else if (v instanceof Double d) {
                sawDouble = true;
                doubleSum += d;
            } else if (v instanceof BigDecimal b) {
                sawDecimal = true;
                decimalSum = exactSum().add(b, SUM_CONTEXT);
                overflowed = true; // from now on the exact sum lives in decimalSum
                doubleSum += b.doubleValue();
            } else {
                throw new DictDbException("Table '" + table + "': " + aggregate + " met a non-number in field '"
                        + aggregate.field() + "': " + Values.typeName(v) + " " + Values.describe(v));
            }
        }

        private BigDecimal exactSum() {
            return overflowed ? decimalSum : BigDecimal.valueOf(longSum);
        }

        Object result() {
            return switch (aggregate.function()) {
                case COUNT -> count;
                case MIN, MAX -> extreme;
                case SUM -> count == 0 ? null : sum();
                case AVG -> count == 0 ? null : average();
            };
        }

        private Object sum() {
            if (sawDouble) {
                return doubleSum;
            }
            return overflowed ? decimalSum : (Object) longSum;
        }

        private Object average() {
            if (sawDecimal && !sawDouble) {
                return exactSum().divide(BigDecimal.valueOf(count), MathContext.DECIMAL128);
            }
            if (sawDecimal && !Double.isFinite(doubleSum)) {
                return doubleSum; // a NaN or an infinity among the values: no BigDecimal can hold the mean
            }
            if (sawDecimal) {
                // a Double among decimals: the mean is inexact anyway, keep it a BigDecimal as the contract says
                return new BigDecimal(doubleSum).divide(BigDecimal.valueOf(count), MathContext.DECIMAL128);
            }
            if (!sawDouble) {
                return exactSum().divide(BigDecimal.valueOf(count), MathContext.DECIMAL128).doubleValue();
            }
            return doubleSum / count;
        }
    }
}
