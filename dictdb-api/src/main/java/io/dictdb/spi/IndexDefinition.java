package io.dictdb.spi;

import io.dictdb.IndexSpec;
import io.dictdb.IndexType;
import io.dictdb.ValueRule;
import io.dictdb.query.Condition;

import java.util.List;
import java.util.Objects;

/**
 * The definition of an index, as stored in an image or a delta: its fields, its type, whether it is unique, and the
 * condition of a partial index. A codec stores all four parts and gives them back unchanged; an image written before
 * composite, unique and partial indexes existed holds one field and a type, read with
 * {@link #IndexDefinition(String, IndexType)}. A codec stores the condition through
 * {@link StoredCondition#toValue(Condition)} (a value made of maps, lists and scalars that every codec can write) and
 * reads it back with {@link StoredCondition#fromValue(Object, String)}.
 *
 * <p>A codec that keeps the files it wrote before these parts existed readable, and keeps files holding only plain
 * indexes readable by its older versions, writes a plain index ({@link #isPlain()}) as it always did and the other
 * parts only when an index has them. A reader bounds the number of fields it reads ({@link ImageLimits#MAX_FIELDS})
 * and refuses an unknown type or a bad condition with a {@link io.dictdb.CodecException} naming the table.
 *
 * @param fields the indexed fields, in index order, at least one
 * @param type the index type
 * @param unique whether the index is a unique constraint
 * @param condition the condition of a partial index, or null for an index of every record
 */
public record IndexDefinition(List<String> fields, IndexType type, boolean unique, Condition condition) {
    /**
     * Checks the parts: the same rules as {@link IndexSpec}.
     *
     * @param fields the indexed fields, each a name that follows the rule for names (see {@link ImageLimits})
     * @param type the index type
     * @param unique whether the index is unique
     * @param condition the partial index's condition, or null
     * @throws NullPointerException if the fields or the type are null
     * @throws IllegalArgumentException if the parts do not make an index (see {@link IndexSpec})
     */
    public IndexDefinition {
        Objects.requireNonNull(fields, "fields");
        Objects.requireNonNull(type, "type");
        fields = List.copyOf(fields);
        for (String f : fields) {
            ValueRule.checkName("Index field", f);
        }
        toSpec(fields, type, unique, condition); // the same checks as a spec built in code
        if (condition != null) {
            StoredCondition.toValue(condition); // refused here if it could not be written (too deep to read back)
        }
    }

    /**
     * A plain single-field index, the only kind older images hold.
     *
     * @param field the indexed field
     * @param type the index type
     */
    public IndexDefinition(String field, IndexType type) {
        this(List.of(Objects.requireNonNull(field, "field")), type, false, null);
    }

    /**
     * The definition of an index spec.
     *
     * @param spec the spec
     * @return its definition
     */
    public static IndexDefinition of(IndexSpec spec) {
        return new IndexDefinition(spec.fields(), spec.type(), spec.isUnique(), spec.condition().orElse(null));
    }

    /**
     * The spec this definition describes.
     *
     * @return the spec
     */
    public IndexSpec toSpec() {
        return toSpec(fields, type, unique, condition);
    }

    private static IndexSpec toSpec(List<String> fields, IndexType type, boolean unique, Condition condition) {
        String[] names = fields.toArray(String[]::new);
        IndexSpec spec;
        if (type == IndexType.ELEMENTS) {
            if (names.length != 1) {
                throw new IllegalArgumentException("An elements index has one field, not " + fields);
            }
            spec = IndexSpec.elements(names[0]);
        } else {
            spec = type == IndexType.SORTED ? IndexSpec.sorted(names) : IndexSpec.hash(names);
        }
        if (unique) {
            spec = spec.unique();
        }
        return condition == null ? spec : spec.where(condition);
    }

    /**
     * Whether this is a plain index: one field, not unique, not partial (hash, sorted or elements), the kind an
     * image written before composite, unique and partial indexes could hold as a field and a type.
     *
     * @return true for one field with no other part than its type
     */
    public boolean isPlain() {
        return fields.size() == 1 && !unique && condition == null;
    }

    /**
     * The first indexed field (the only one for a single-field index).
     *
     * @return the field's name
     */
    public String field() {
        return fields.get(0);
    }

    /**
     * The index's name in its table (see {@link IndexSpec#name()}).
     *
     * @return the name
     */
    public String name() {
        return toSpec().name();
    }
}
