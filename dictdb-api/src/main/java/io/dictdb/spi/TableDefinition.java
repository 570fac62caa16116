package io.dictdb.spi;

import io.dictdb.Schema;
import io.dictdb.ValueRule;

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
     * Checks and copies the parts. The names follow the rule for names (see {@link ImageLimits}), so that a
     * definition read from a file meets the rule that a new table's does.
     *
     * @param name the table's name
     * @param primaryKey the primary-key field
     * @param schema the schema, or null
     * @param indexes the indexes
     * @throws NullPointerException if the name, primary key or indexes are null
     * @throws IllegalArgumentException if the name or the primary key breaks the rule for names
     */
    public TableDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(primaryKey, "primaryKey");
        ValueRule.checkName("Table name", name);
        ValueRule.checkName("Primary key of table '" + name + "':", primaryKey);
        indexes = List.copyOf(indexes);
    }
}
