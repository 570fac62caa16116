package io.dictdb.query;

import java.util.Objects;

/**
 * One aggregate of a query: a function, the field it reads (none for {@code count()}) and the key of its result.
 * Build with {@link Aggregates}; name the result with {@link #as(String)}.
 *
 * @param function the function
 * @param field the field read, or null for {@code count()}
 * @param alias the result's key, or null for the default ({@code count}, {@code sum_<field>}, ...)
 */
public record Aggregate(Function function, String field, String alias) {

    /** The aggregate functions. */
    public enum Function {
        /** The number of records, or of non-null values of a field. */
        COUNT,
        /** The sum of non-null numbers. */
        SUM,
        /** The mean of non-null numbers. */
        AVG,
        /** The smallest non-null value in the total order. */
        MIN,
        /** The largest non-null value in the total order. */
        MAX
    }

    /**
     * Checks the parts.
     *
     * @param function the function
     * @param field the field read, or null for {@code count()}
     * @param alias the result's key, or null for the default
     */
    public Aggregate {
        Objects.requireNonNull(function, "function");
        if (field == null && function != Function.COUNT) {
            throw new IllegalArgumentException(function + " needs a field");
        }
    }

    /**
     * The same aggregate with its result stored under {@code alias}.
     *
     * @param alias the result's key
     * @return the renamed aggregate
     */
    public Aggregate as(String alias) {
        if (alias == null || alias.isEmpty()) {
            throw new IllegalArgumentException("An aggregate alias must not be empty");
        }
        return new Aggregate(function, field, alias);
    }

    /**
     * The key of the result: the alias, or {@code count}, {@code count_<field>}, {@code sum_<field>},
     * {@code avg_<field>}, {@code min_<field>}, {@code max_<field>}.
     *
     * @return the result's key
     */
    public String name() {
        if (alias != null) {
            return alias;
        }
        String f = function.name().toLowerCase(java.util.Locale.ROOT);
        return field == null ? f : f + "_" + field;
    }

    @Override
    public String toString() {
        String f = function.name().toLowerCase(java.util.Locale.ROOT) + "(" + (field == null ? "" : field) + ")";
        return alias == null ? f : f + " as " + alias;
    }
}
