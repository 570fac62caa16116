package io.dictdb.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

import io.dictdb.Record;

/**
 * Static factories for conditions: {@code field("age").gte(18)}, {@code and(...)}, {@code or(...)},
 * {@code not(...)}, {@code matching(...)}, {@code all()}.
 */
public final class Conditions {
    private static final Condition ALL = new Condition.All();

    private Conditions() {
    }

    /**
     * Starts a condition on a field.
     *
     * @param name the field's name
     * @return the field, whose methods build conditions
     * @throws IllegalArgumentException if the name is null or empty
     */
    public static Field field(String name) {
        return new Field(name);
    }

    /**
     * All of the conditions. Nested ANDs are flattened; an empty AND matches everything.
     *
     * @param conditions the conditions
     * @return their conjunction
     */
    public static Condition and(Condition... conditions) {
        List<Condition> parts = new ArrayList<>();
        for (Condition c : conditions) {
            Objects.requireNonNull(c, "condition");
            if (c instanceof Condition.And a) {
                parts.addAll(a.parts());
            } else if (!(c instanceof Condition.All)) {
                parts.add(c);
            }
        }
        if (parts.isEmpty()) {
            return ALL;
        }
        return parts.size() == 1 ? parts.get(0) : new Condition.And(parts);
    }

    /**
     * Any of the conditions. Nested ORs are flattened.
     *
     * @param conditions the conditions, at least one
     * @return their disjunction
     * @throws IllegalArgumentException if no condition is given
     */
    public static Condition or(Condition... conditions) {
        if (conditions.length == 0) {
            throw new IllegalArgumentException("or() needs at least one condition");
        }
        List<Condition> parts = new ArrayList<>();
        for (Condition c : conditions) {
            Objects.requireNonNull(c, "condition");
            if (c instanceof Condition.All) {
                return ALL;
            }
            if (c instanceof Condition.Or o) {
                parts.addAll(o.parts());
            } else {
                parts.add(c);
            }
        }
        return parts.size() == 1 ? parts.get(0) : new Condition.Or(parts);
    }

    /**
     * The negation of a condition.
     *
     * @param condition the condition
     * @return a condition true when it is false
     */
    public static Condition not(Condition condition) {
        Objects.requireNonNull(condition, "condition");
        if (condition instanceof Condition.Not n) {
            return n.inner();
        }
        return new Condition.Not(condition);
    }

    /**
     * A condition from any predicate. It is never served by an index.
     *
     * @param predicate the predicate on records
     * @return the condition
     */
    public static Condition matching(Predicate<Record> predicate) {
        return new Condition.Matching(predicate);
    }

    /**
     * The condition every record satisfies.
     *
     * @return the condition
     */
    public static Condition all() {
        return ALL;
    }
}
