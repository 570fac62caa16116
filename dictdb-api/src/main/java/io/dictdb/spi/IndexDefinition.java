package io.dictdb.spi;

import io.dictdb.IndexType;
import io.dictdb.ValueRule;

import java.util.Objects;

/**
 * The definition of an index, as stored in an image: the field and the index type.
 *
 * @param field the indexed field
 * @param type the index type
 */
public record IndexDefinition(String field, IndexType type) {
    /**
     * Checks the parts.
     *
     * @param field the indexed field, a name that follows the rule for names (see {@link ImageLimits})
     * @param type the index type
     * @throws NullPointerException if a part is null
     * @throws IllegalArgumentException if the field's name breaks the rule for names
     */
    public IndexDefinition {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(type, "type");
        ValueRule.checkName("Index field", field);
    }
}
