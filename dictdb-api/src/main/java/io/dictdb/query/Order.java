package io.dictdb.query;

import io.dictdb.internal.FieldNameInterner;

import java.util.Objects;

/**
 * One sort key of a query: a field and a direction. Null and missing values sort last in both directions.
 *
 * @param field the field to sort by
 * @param descending true for descending order
 */
public record Order(String field, boolean descending) {

    /**
     * Checks the field.
     *
     * @param field the field to sort by
     * @param descending true for descending order
     */
    public Order {
        if (field == null || field.isEmpty()) {
            throw new IllegalArgumentException("An order field must not be empty");
        }
        // Interned so that record lookups find the field by identity, the fast path.
        field = FieldNameInterner.name(field);
    }

    /**
     * Ascending order on a field.
     *
     * @param field the field
     * @return the order
     */
    public static Order asc(String field) {
        return new Order(field, false);
    }

    /**
     * Descending order on a field.
     *
     * @param field the field
     * @return the order
     */
    public static Order desc(String field) {
        return new Order(field, true);
    }

    /**
     * Parses {@code "-age"} (descending), {@code "+age"} or {@code "age"} (ascending).
     *
     * @param spec the order spec
     * @return the order
     * @throws IllegalArgumentException if the field name is empty
     */
    public static Order parse(String spec) {
        Objects.requireNonNull(spec, "order");
        if (spec.startsWith("-")) {
            return desc(spec.substring(1));
        }
        if (spec.startsWith("+")) {
            return asc(spec.substring(1));
        }
        return asc(spec);
    }

    @Override
    public String toString() {
        return (descending ? "-" : "") + field;
    }
}
