package io.dictdb.spi;

import io.dictdb.IndexType;

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
     * @param field the indexed field
     * @param type the index type
     */
    public IndexDefinition {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(type, "type");
    }
}
