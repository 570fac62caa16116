package io.dictdb;

import io.dictdb.query.Condition;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What an index is: its fields, its type, whether it is a unique constraint, and for a partial index the condition a
 * record must meet to be in it. Immutable; {@link #unique()} and {@link #where(Condition)} return new specs.
 *
 * <pre>{@code
 * users.createIndex(IndexSpec.sorted("city", "age"));                 // composite
 * users.createIndex(IndexSpec.hash("email").unique()
 *         .where(field("deleted").eq(false)));                        // unique among records not soft-deleted
 * posts.createIndex(IndexSpec.elements("tags"));                      // serves field("tags").has("java")
 * }</pre>
 *
 * <p>An index has a {@link #name() name}, unique in its table: the field for a single-field index (as with
 * {@link Table#createIndex(String)}), the fields joined by {@code +} for a composite one ({@code city+age}), the
 * field followed by {@code []} for an elements index ({@code tags[]}).
 *
 * <p>A record whose indexed field is null or missing is not in a hash or sorted index entry for that value, and two
 * such records never collide under a unique constraint (as in SQL). A partial index's condition is stored with the
 * table (saves, backups, journal), so it must be built from {@link io.dictdb.query.Field} and
 * {@link io.dictdb.query.Conditions}: a {@code matching(...)} predicate cannot be stored and is refused.
 */
public final class IndexSpec {
    private final List<String> fields;
    private final IndexType type;
    private final boolean unique;
    private final Condition condition;

    private IndexSpec(List<String> fields, IndexType type, boolean unique, Condition condition) {
        this.fields = fields;
        this.type = type;
        this.unique = unique;
        this.condition = condition;
    }

    /**
     * A hash index on one field, or a composite hash index on several (serving equality on all of them).
     *
     * @param fields the fields, at least one, distinct, each a valid name
     * @return the spec
     * @throws IllegalArgumentException if there is no field, a field repeats or breaks the rule for names
     */
    public static IndexSpec hash(String... fields) {
        return new IndexSpec(checkFields(fields), IndexType.HASH, false, null);
    }

    /**
     * A sorted index on one field, or a composite sorted index on several (serving equality on a prefix of them plus
     * a range or an ordering on the next one).
     *
     * @param fields the fields, at least one, distinct, each a valid name
     * @return the spec
     * @throws IllegalArgumentException if there is no field, a field repeats or breaks the rule for names
     */
    public static IndexSpec sorted(String... fields) {
        return new IndexSpec(checkFields(fields), IndexType.SORTED, false, null);
    }

    /**
     * An index of the elements of a list field, serving {@code field(f).has(..)}, {@code hasAny(..)} and
     * {@code hasAll(..)}. A record whose field is not a list is not in it.
     *
     * @param field the list field, a valid name
     * @return the spec
     * @throws IllegalArgumentException if the field breaks the rule for names
     */
    public static IndexSpec elements(String field) {
        return new IndexSpec(checkFields(new String[] {field}), IndexType.ELEMENTS, false, null);
    }

    /**
     * The same index as a unique constraint: a write that would put a second record under the same value (of all the
     * fields, for a composite index) fails with {@link DuplicateKeyException} and changes nothing. Records with a
     * null or missing field do not collide.
     *
     * @return a new spec
     * @throws IllegalArgumentException for an elements index (its keys are list elements, not a record's value)
     */
    public IndexSpec unique() {
        if (type == IndexType.ELEMENTS) {
            throw new IllegalArgumentException("An elements index on '" + fields.get(0)
                    + "' cannot be unique: its keys are the elements of lists");
        }
        return new IndexSpec(fields, type, true, condition);
    }

    /**
     * The same index restricted to the records that meet a condition (a partial index); for a unique index, the
     * constraint holds among those records only.
     *
     * @param condition the condition, built from fields and conditions (stored with the table)
     * @return a new spec
     * @throws NullPointerException if the condition is null
     * @throws IllegalArgumentException if the condition holds a {@code matching(...)} predicate, which cannot be
     *     stored
     */
    public IndexSpec where(Condition condition) {
        Objects.requireNonNull(condition, "condition");
        if (holdsPredicate(condition)) {
            throw new IllegalArgumentException("The condition of a partial index on " + fields
                    + " is stored with the table, so it cannot hold a matching(...) predicate: " + condition);
        }
        return new IndexSpec(fields, type, unique, condition);
    }

    private static boolean holdsPredicate(Condition condition) {
        if (condition instanceof Condition.Matching) {
            return true;
        }
        if (condition instanceof Condition.And and) {
            return and.parts().stream().anyMatch(IndexSpec::holdsPredicate);
        }
        if (condition instanceof Condition.Or or) {
            return or.parts().stream().anyMatch(IndexSpec::holdsPredicate);
        }
        return condition instanceof Condition.Not not && holdsPredicate(not.inner());
    }

    private static List<String> checkFields(String[] fields) {
        Objects.requireNonNull(fields, "fields");
        if (fields.length == 0) {
            throw new IllegalArgumentException("An index needs at least one field");
        }
        List<String> out = new ArrayList<>(fields.length);
        Set<String> seen = new HashSet<>();
        for (String f : fields) {
            Objects.requireNonNull(f, "field");
            ValueRule.checkName("Index field", f);
            if (!seen.add(f)) {
                throw new IllegalArgumentException("Index field '" + f + "' appears twice in " + List.of(fields));
            }
            out.add(f);
        }
        return List.copyOf(out);
    }

    /**
     * The indexed fields, in index order.
     *
     * @return an immutable list of at least one field
     */
    public List<String> fields() {
        return fields;
    }

    /**
     * How the index is organised.
     *
     * @return the type
     */
    public IndexType type() {
        return type;
    }

    /**
     * Whether the index is a unique constraint.
     *
     * @return true for a unique index
     */
    public boolean isUnique() {
        return unique;
    }

    /**
     * The condition of a partial index.
     *
     * @return the condition, or empty for an index of every record
     */
    public Optional<Condition> condition() {
        return Optional.ofNullable(condition);
    }

    /**
     * The index's name, unique in its table: the field ({@code email}), the fields joined by {@code +}
     * ({@code city+age}), or the field followed by {@code []} for an elements index ({@code tags[]}).
     *
     * @return the name
     */
    public String name() {
        if (type == IndexType.ELEMENTS) {
            return fields.get(0) + "[]";
        }
        return String.join("+", fields);
    }

    /**
     * Whether this is a plain single-field hash or sorted index, the kind {@link Table#createIndex(String, IndexType)}
     * makes.
     *
     * @return true for one field, not unique, not partial, not an elements index
     */
    public boolean isSingleField() {
        return fields.size() == 1 && type != IndexType.ELEMENTS && !unique && condition == null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IndexSpec other && fields.equals(other.fields) && type == other.type
                && unique == other.unique && Objects.equals(String.valueOf(condition), String.valueOf(other.condition));
    }

    @Override
    public int hashCode() {
        return Objects.hash(fields, type, unique, String.valueOf(condition));
    }

    /**
     * A readable form, such as {@code SORTED(city, age)} or {@code unique HASH(email) where deleted == false}.
     *
     * @return the text
     */
    @Override
    public String toString() {
        return (unique ? "unique " : "") + type + "(" + String.join(", ", fields) + ")"
                + (condition == null ? "" : " where " + condition);
    }
}
