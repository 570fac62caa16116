package io.dictdb.query;

import io.dictdb.Record;
import io.dictdb.Values;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A condition on records: a sealed tree that a planner can inspect and that any record can be tested against.
 * Build conditions with {@link Conditions} and {@link Field}; combine them with {@link #and}, {@link #or} and
 * {@link #negate()}.
 *
 * <p>Comparison rules: numbers compare by value across Long, Double and BigDecimal; a comparison with a null or
 * missing field, or between values of different types, is false and never throws. {@link IsNull} is the way to
 * match nulls.
 */
public sealed interface Condition permits Condition.All, Condition.Compare, Condition.In, Condition.Between,
        Condition.Text, Condition.IsNull, Condition.Regex, Condition.Has, Condition.And, Condition.Or, Condition.Not,
        Condition.Matching {

    /**
     * Whether a record satisfies this condition.
     *
     * @param record the record to test
     * @return true when it matches
     */
    boolean test(Record record);

    /**
     * This condition and another.
     *
     * @param other the other condition
     * @return a condition true when both are
     */
    default Condition and(Condition other) {
        return Conditions.and(this, other);
    }

    /**
     * This condition or another.
     *
     * @param other the other condition
     * @return a condition true when either is
     */
    default Condition or(Condition other) {
        return Conditions.or(this, other);
    }

    /**
     * The negation of this condition. Note that the negation of {@code field("a").eq(1)} is true for a record whose
     * {@code a} is missing.
     *
     * @return a condition true when this one is false
     */
    default Condition negate() {
        return Conditions.not(this);
    }

    /** The operators of {@link Compare}. */
    enum Op {
        /** Equal. */
        EQ,
        /** Not equal, for a non-null value of a comparable type. */
        NE,
        /** Less than. */
        LT,
        /** Less than or equal. */
        LTE,
        /** Greater than. */
        GT,
        /** Greater than or equal. */
        GTE
    }

    /** The operators of {@link Text}. */
    enum TextOp {
        /** SQL LIKE: {@code %} any run, {@code _} one character, {@code \} escapes. */
        LIKE,
        /** LIKE ignoring case. */
        ILIKE,
        /** Starts with. */
        STARTS_WITH,
        /** Ends with. */
        ENDS_WITH,
        /** Contains. */
        CONTAINS,
        /** Equals ignoring case. */
        IEQUALS,
        /** Starts with, ignoring case. */
        ISTARTS_WITH,
        /** Ends with, ignoring case. */
        IENDS_WITH,
        /** Contains, ignoring case. */
        ICONTAINS
    }

    /** Matches every record. */
    record All() implements Condition {
        @Override
        public boolean test(Record record) {
            return true;
        }

        @Override
        public String toString() {
            return "all";
        }
    }

    /**
     * A comparison of a field with a value.
     *
     * @param field the field's name
     * @param op the operator
     * @param value a non-null canonical value
     */
    record Compare(String field, Op op, Object value) implements Condition {
        /**
         * Checks the parts.
         *
         * @param field the field's name
         * @param op the operator
         * @param value a non-null canonical value
         */
        public Compare {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(op, "op");
            value = Values.canonical(field, value);
        }

        @Override
        public boolean test(Record record) {
            Object v = record.get(field);
            if (v == null || value == null) {
                return false;
            }
            if (op == Op.EQ) {
                return Values.equal(v, value);
            }
            if (op == Op.NE) {
                return Values.sameType(v, value) && !Values.equal(v, value);
            }
            if (!Values.comparable(v, value)) {
                return false;
            }
            int c = Values.compare(v, value);
            return switch (op) {
                case LT -> c < 0;
                case LTE -> c <= 0;
                case GT -> c > 0;
                case GTE -> c >= 0;
                default -> false;
            };
        }

        @Override
        public String toString() {
            String sym = switch (op) {
                case EQ -> "==";
                case NE -> "!=";
                case LT -> "<";
                case LTE -> "<=";
                case GT -> ">";
                case GTE -> ">=";
            };
            return field + " " + sym + " " + Values.describe(value);
        }
    }

    /**
     * Membership of a field's value in a set of values, or, negated, a non-null value outside it.
     *
     * @param field the field's name
     * @param values canonical values
     * @param negated true for {@code notIn}
     */
    record In(String field, List<Object> values, boolean negated) implements Condition {
        /**
         * Copies the values.
         *
         * @param field the field's name
         * @param values canonical values
         * @param negated true for {@code notIn}
         */
        public In {
            Objects.requireNonNull(field, "field");
            List<Object> copy = new ArrayList<>(values.size());
            for (Object v : values) {
                copy.add(Values.canonical(field, v));
            }
            values = java.util.Collections.unmodifiableList(copy);
        }

        @Override
        public boolean test(Record record) {
            Object v = record.get(field);
            if (v == null) {
                return false;
            }
            for (Object candidate : values) {
                if (Values.equal(v, candidate)) {
                    return !negated;
                }
            }
            return negated;
        }

        @Override
        public String toString() {
            return field + (negated ? " not in " : " in ") + values;
        }
    }

    /**
     * A list field holding values: all of them ({@code has}, {@code hasAll}) or any of them ({@code hasAny}). An
     * element matches a value by {@link Values#equal value equality} (numbers by value across types). False for a
     * missing field or a value that is not a list.
     *
     * @param field the field's name
     * @param values the canonical values looked for, at least one, none null
     * @param all true when every value must be held, false when one is enough
     */
    record Has(String field, List<Object> values, boolean all) implements Condition {
        /**
         * Checks and copies the values.
         *
         * @param field the field's name
         * @param values the values looked for
         * @param all true when every value must be held
         * @throws IllegalArgumentException if there is no value, a value is null or has an unsupported type
         */
        public Has {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(values, "values");
            if (values.isEmpty()) {
                throw new IllegalArgumentException("field('" + field + "')." + (all ? "hasAll" : "hasAny")
                        + " needs at least one value");
            }
            List<Object> copy = new ArrayList<>(values.size());
            for (Object v : values) {
                if (v == null) {
                    throw new IllegalArgumentException("field('" + field + "').has: a list element is compared by "
                            + "value and null is not one; look for records whose list holds null with matching(...)");
                }
                copy.add(Values.canonical(field, v));
            }
            values = java.util.Collections.unmodifiableList(copy);
        }

        @Override
        public boolean test(Record record) {
            if (!(record.get(field) instanceof List<?> list)) {
                return false;
            }
            for (Object wanted : values) {
                boolean held = false;
                for (Object element : list) {
                    if (element != null && Values.equal(element, wanted)) {
                        held = true;
                        break;
                    }
                }
                if (held != all) {
                    return held;
                }
            }
            return all;
        }

        @Override
        public String toString() {
            if (values.size() == 1) {
                return field + " has " + Values.describe(values.get(0));
            }
            return field + (all ? " has all " : " has any ") + values;
        }
    }

    /**
     * A value between two bounds, both inclusive, comparable with the field's value.
     *
     * @param field the field's name
     * @param low the lower bound
     * @param high the upper bound
     */
    record Between(String field, Object low, Object high) implements Condition {
        /**
         * Checks the parts.
         *
         * @param field the field's name
         * @param low the lower bound
         * @param high the upper bound
         */
        public Between {
            Objects.requireNonNull(field, "field");
            low = Values.canonical(field, low);
            high = Values.canonical(field, high);
        }

        @Override
        public boolean test(Record record) {
            Object v = record.get(field);
            return Values.comparable(v, low) && Values.comparable(v, high)
                    && Values.compare(v, low) >= 0 && Values.compare(v, high) <= 0;
        }

        @Override
        public String toString() {
            return field + " between " + Values.describe(low) + " and " + Values.describe(high);
        }
    }

    /**
     * A test of a string field against a string operand; false for values that are not strings.
     *
     * @param field the field's name
     * @param op the operator
     * @param operand the pattern, prefix, suffix or part
     */
    record Text(String field, TextOp op, String operand) implements Condition {
        /**
         * Checks the parts.
         *
         * @param field the field's name
         * @param op the operator
         * @param operand the pattern, prefix, suffix or part
         */
        public Text {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(op, "op");
            Objects.requireNonNull(operand, "operand");
        }

        @Override
        public boolean test(Record record) {
            if (!(record.get(field) instanceof String s)) {
                return false;
            }
            return switch (op) {
                case LIKE -> LikePattern.matches(operand, s, false);
                case ILIKE -> LikePattern.matches(operand, s, true);
                case STARTS_WITH -> s.startsWith(operand);
                case ENDS_WITH -> s.endsWith(operand);
                case CONTAINS -> s.contains(operand);
                case IEQUALS -> s.equalsIgnoreCase(operand);
                case ISTARTS_WITH -> s.regionMatches(true, 0, operand, 0, operand.length());
                case IENDS_WITH -> s.length() >= operand.length()
                        && s.regionMatches(true, s.length() - operand.length(), operand, 0, operand.length());
                case ICONTAINS -> LikePattern.containsIgnoreCase(s, operand);
            };
        }

        /**
         * The literal prefix every matching string starts with, for LIKE and STARTS_WITH (case-sensitive only).
         *
         * @return the prefix, possibly empty, or null when the operator has no case-sensitive prefix
         */
        public String literalPrefix() {
            return switch (op) {
                case STARTS_WITH -> operand;
                case LIKE -> LikePattern.literalPrefix(operand);
                default -> null;
            };
        }

        @Override
        public String toString() {
            return field + " " + op.name().toLowerCase(java.util.Locale.ROOT) + " '" + operand + "'";
        }
    }

    /**
     * A null or missing field, or, negated, a present non-null field.
     *
     * @param field the field's name
     * @param negated true for {@code isNotNull}
     */
    record IsNull(String field, boolean negated) implements Condition {
        /**
         * Checks the parts.
         *
         * @param field the field's name
         * @param negated true for {@code isNotNull}
         */
        public IsNull {
            Objects.requireNonNull(field, "field");
        }

        @Override
        public boolean test(Record record) {
            return (record.get(field) == null) != negated;
        }

        @Override
        public String toString() {
            return field + (negated ? " is not null" : " is null");
        }
    }

    /**
     * A string field in which the regular expression finds a match.
     *
     * @param field the field's name
     * @param pattern the regular expression
     */
    record Regex(String field, Pattern pattern) implements Condition {
        /**
         * Checks the parts.
         *
         * @param field the field's name
         * @param pattern the regular expression
         */
        public Regex {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(pattern, "pattern");
        }

        @Override
        public boolean test(Record record) {
            return record.get(field) instanceof String s && pattern.matcher(s).find();
        }

        @Override
        public String toString() {
            return field + " matches /" + pattern.pattern() + "/";
        }
    }

    /**
     * All of the parts.
     *
     * @param parts the conditions, at least one
     */
    record And(List<Condition> parts) implements Condition {
        /**
         * Copies the parts.
         *
         * @param parts the conditions
         */
        public And {
            parts = List.copyOf(parts);
        }

        @Override
        public boolean test(Record record) {
            for (Condition c : parts) {
                if (!c.test(record)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public String toString() {
            return join(parts, " and ");
        }
    }

    /**
     * Any of the parts.
     *
     * @param parts the conditions, at least one
     */
    record Or(List<Condition> parts) implements Condition {
        /**
         * Copies the parts.
         *
         * @param parts the conditions
         */
        public Or {
            parts = List.copyOf(parts);
        }

        @Override
        public boolean test(Record record) {
            for (Condition c : parts) {
                if (c.test(record)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public String toString() {
            return join(parts, " or ");
        }
    }

    /**
     * The negation of a condition.
     *
     * @param inner the negated condition
     */
    record Not(Condition inner) implements Condition {
        /**
         * Checks the part.
         *
         * @param inner the negated condition
         */
        public Not {
            Objects.requireNonNull(inner, "inner");
        }

        @Override
        public boolean test(Record record) {
            return !inner.test(record);
        }

        @Override
        public String toString() {
            return "not (" + inner + ")";
        }
    }

    /**
     * An arbitrary predicate: the escape hatch. Never served by an index.
     *
     * @param predicate the predicate
     */
    record Matching(Predicate<Record> predicate) implements Condition {
        /**
         * Checks the part.
         *
         * @param predicate the predicate
         */
        public Matching {
            Objects.requireNonNull(predicate, "predicate");
        }

        @Override
        public boolean test(Record record) {
            return predicate.test(record);
        }

        @Override
        public String toString() {
            return "matching(predicate)";
        }
    }

    private static String join(List<Condition> parts, String sep) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < parts.size(); i++) {
            if (i > 0) {
                sb.append(sep);
            }
            sb.append(parts.get(i));
        }
        return sb.append(')').toString();
    }
}
