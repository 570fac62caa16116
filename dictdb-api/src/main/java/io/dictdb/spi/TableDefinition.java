package io.dictdb.spi;

import io.dictdb.Schema;

import java.util.List;
import java.util.Objects;

/**
 * The definition of a table, as stored in an image: name, primary key, optional schema and indexes.
 *
 * @param name the table's name
 * @param primaryKey the primary-key field
 * @param schema the schema, or null for none
 * @param indexes the indexes, in creation order
 */
public record TableDefinition(String name, String primaryKey, Schema schema, List<IndexDefinition> indexes) {
    /**
     * Checks and copies the parts.
     *
     * @param name the table's name
     * @param primaryKey the primary-key field
     * @param schema the schema, or null
     * @param indexes the indexes
     */
    public TableDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(primaryKey, "primaryKey");
        indexes = List.copyOf(indexes);
    }
}
