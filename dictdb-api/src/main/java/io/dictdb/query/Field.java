package io.dictdb.query;

import io.dictdb.Values;
import io.dictdb.internal.FieldNameInterner;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A field of a record, from which conditions are built: {@code field("age").gt(30)}. Operand values are converted
 * to canonical values (see {@link Values}); comparing with {@code null} is false, use {@link #isNull()}.
 */
public final class Field {
    private final String name;

    Field(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("A field name must not be empty");
        }
        // Interned so that record lookups find the field by identity, the fast path.
        this.name = FieldNameInterner.name(name);
    }

    /**
     * The field's name.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    private Condition compare(Condition.Op op, Object value) {
        return new Condition.Compare(name, op, Values.canonical(name, value));
    }

    /**
     * Equal to a value (numbers by value across types).
     *
     * @param value the value
     * @return the condition
     * @throws IllegalArgumentException if the value has an unsupported type
     */
    public Condition eq(Object value) {
        return compare(Condition.Op.EQ, value);
    }

    /**
     * A non-null value of the same type, not equal to the given value.
     *
     * @param value the value
     * @return the condition
     * @throws IllegalArgumentException if the value has an unsupported type
     */
    public Condition ne(Object value) {
        return compare(Condition.Op.NE, value);
    }

    /**
     * Less than a value of the same type.
     *
     * @param value the value
     * @return the condition
     * @throws IllegalArgumentException if the value has an unsupported type
     */
    public Condition lt(Object value) {
        return compare(Condition.Op.LT, value);
    }

    /**
     * Less than or equal to a value of the same type.
     *
     * @param value the value
     * @return the condition
     * @throws IllegalArgumentException if the value has an unsupported type
     */
    public Condition lte(Object value) {
        return compare(Condition.Op.LTE, value);
    }

    /**
     * Greater than a value of the same type.
     *
     * @param value the value
     * @return the condition
     * @throws IllegalArgumentException if the value has an unsupported type
     */
    public Condition gt(Object value) {
        return compare(Condition.Op.GT, value);
    }

    /**
     * Greater than or equal to a value of the same type.
     *
     * @param value the value
     * @return the condition
     * @throws IllegalArgumentException if the value has an unsupported type
     */
    public Condition gte(Object value) {
        return compare(Condition.Op.GTE, value);
    }

    /**
     * Equal to one of the values.
     *
     * @param values the values
     * @return the condition
     * @throws IllegalArgumentException if a value has an unsupported type
     */
    public Condition in(Object... values) {
        return in(Arrays.asList(values));
    }

    /**
     * Equal to one of the values.
     *
     * @param values the values
     * @return the condition
     * @throws IllegalArgumentException if a value has an unsupported type
     */
    public Condition in(Collection<?> values) {
        return new Condition.In(name, canonicalAll(values), false);
    }

    /**
     * A non-null value equal to none of the values.
     *
     * @param values the values
     * @return the condition
     * @throws IllegalArgumentException if a value has an unsupported type
     */
    public Condition notIn(Object... values) {
        return notIn(Arrays.asList(values));
    }

    /**
     * A non-null value equal to none of the values.
     *
     * @param values the values
     * @return the condition
     * @throws IllegalArgumentException if a value has an unsupported type
     */
    public Condition notIn(Collection<?> values) {
        return new Condition.In(name, canonicalAll(values), true);
    }

    private List<Object> canonicalAll(Collection<?> values) {
        Objects.requireNonNull(values, "values");
        List<Object> out = new ArrayList<>(values.size());
        for (Object v : values) {
            out.add(Values.canonical(name, v));
        }
        return out;
    }

    /**
     * A list field holding the value (an element equal to it by value; numbers by value across types). False for a
     * missing field or a value that is not a list. An elements index ({@code IndexSpec.elements(field)}) serves it.
     *
     * @param value the element looked for, not null
     * @return the condition
     * @throws IllegalArgumentException if the value is null or has an unsupported type
     */
    public Condition has(Object value) {
        return new Condition.Has(name, java.util.Collections.singletonList(value), true);
    }

    /**
     * A list field holding at least one of the values.
     *
     * @param values the elements looked for, at least one, none null
     * @return the condition
     * @throws IllegalArgumentException if there is no value, or a value is null or has an unsupported type
     */
    public Condition hasAny(Object... values) {
        return new Condition.Has(name, Arrays.asList(values), false);
    }

    /**
     * A list field holding every one of the values.
     *
     * @param values the elements looked for, at least one, none null
     * @return the condition
     * @throws IllegalArgumentException if there is no value, or a value is null or has an unsupported type
     */
    public Condition hasAll(Object... values) {
        return new Condition.Has(name, Arrays.asList(values), true);
    }

    /**
     * Between two bounds, both inclusive.
     *
     * @param low the lower bound
     * @param high the upper bound
     * @return the condition
     * @throws IllegalArgumentException if a bound has an unsupported type
     */
    public Condition between(Object low, Object high) {
        return new Condition.Between(name, Values.canonical(name, low), Values.canonical(name, high));
    }

    private Condition text(Condition.TextOp op, String operand) {
        return new Condition.Text(name, op, Objects.requireNonNull(operand, "pattern"));
    }

    /**
     * SQL LIKE: {@code %} matches any run, {@code _} one character, {@code \} escapes the next character.
     *
     * @param pattern the pattern
     * @return the condition
     */
    public Condition like(String pattern) {
        return text(Condition.TextOp.LIKE, pattern);
    }

    /**
     * LIKE ignoring case.
     *
     * @param pattern the pattern
     * @return the condition
     */
    public Condition ilike(String pattern) {
        return text(Condition.TextOp.ILIKE, pattern);
    }

    /**
     * A string starting with the prefix.
     *
     * @param prefix the prefix
     * @return the condition
     */
    public Condition startsWith(String prefix) {
        return text(Condition.TextOp.STARTS_WITH, prefix);
    }

    /**
     * A string ending with the suffix.
     *
     * @param suffix the suffix
     * @return the condition
     */
    public Condition endsWith(String suffix) {
        return text(Condition.TextOp.ENDS_WITH, suffix);
    }

    /**
     * A string containing the part.
     *
     * @param part the part
     * @return the condition
     */
    public Condition contains(String part) {
        return text(Condition.TextOp.CONTAINS, part);
    }

    /**
     * A string equal to the value, ignoring case.
     *
     * @param value the value
     * @return the condition
     */
    public Condition iequals(String value) {
        return text(Condition.TextOp.IEQUALS, value);
    }

    /**
     * A string starting with the prefix, ignoring case.
     *
     * @param prefix the prefix
     * @return the condition
     */
    public Condition istartsWith(String prefix) {
        return text(Condition.TextOp.ISTARTS_WITH, prefix);
    }

    /**
     * A string ending with the suffix, ignoring case.
     *
     * @param suffix the suffix
     * @return the condition
     */
    public Condition iendsWith(String suffix) {
        return text(Condition.TextOp.IENDS_WITH, suffix);
    }

    /**
     * A string containing the part, ignoring case.
     *
     * @param part the part
     * @return the condition
     */
    public Condition icontains(String part) {
        return text(Condition.TextOp.ICONTAINS, part);
    }

    /**
     * A null or missing value.
     *
     * @return the condition
     */
    public Condition isNull() {
        return new Condition.IsNull(name, false);
    }

    /**
     * A present, non-null value.
     *
     * @return the condition
     */
    public Condition isNotNull() {
        return new Condition.IsNull(name, true);
    }

    /**
     * A string in which the regular expression finds a match.
     *
     * @param pattern the regular expression
     * @return the condition
     */
    public Condition matches(Pattern pattern) {
        return new Condition.Regex(name, pattern);
    }

    @Override
    public String toString() {
        return name;
    }
}
