package io.dictdb.query;

/**
 * Static factories for aggregates: {@code count()}, {@code sum("price")}, {@code avg("age").as("mean")}. Null and
 * missing values are skipped; the sum and mean of nothing are null, the count of nothing is 0.
 */
public final class Aggregates {
    private Aggregates() {
    }

    /**
     * The number of records.
     *
     * @return the aggregate, keyed {@code count}
     */
    public static Aggregate count() {
        return new Aggregate(Aggregate.Function.COUNT, null, null);
    }

    /**
     * The number of records whose field is non-null.
     *
     * @param field the field
     * @return the aggregate, keyed {@code count_<field>}
     */
    public static Aggregate count(String field) {
        return new Aggregate(Aggregate.Function.COUNT, requireField(field), null);
    }

    /**
     * The sum of a numeric field: a Long for Longs (a BigDecimal when it overflows), a Double when any value is a
     * Double, a BigDecimal for BigDecimals and no Double.
     *
     * @param field the field
     * @return the aggregate, keyed {@code sum_<field>}
     */
    public static Aggregate sum(String field) {
        return new Aggregate(Aggregate.Function.SUM, requireField(field), null);
    }

    /**
     * The mean of a numeric field: a Double, or a BigDecimal when any value is one (but a Double when a NaN or an
     * infinity among the values makes the mean non-finite).
     *
     * @param field the field
     * @return the aggregate, keyed {@code avg_<field>}
     */
    public static Aggregate avg(String field) {
        return new Aggregate(Aggregate.Function.AVG, requireField(field), null);
    }

    /**
     * The smallest value of a field in the total order.
     *
     * @param field the field
     * @return the aggregate, keyed {@code min_<field>}
     */
    public static Aggregate min(String field) {
        return new Aggregate(Aggregate.Function.MIN, requireField(field), null);
    }

    /**
     * The largest value of a field in the total order.
     *
     * @param field the field
     * @return the aggregate, keyed {@code max_<field>}
     */
    public static Aggregate max(String field) {
        return new Aggregate(Aggregate.Function.MAX, requireField(field), null);
    }

    private static String requireField(String field) {
        if (field == null || field.isEmpty()) {
            throw new IllegalArgumentException("An aggregate field must not be empty");
        }
        return field;
    }
}
