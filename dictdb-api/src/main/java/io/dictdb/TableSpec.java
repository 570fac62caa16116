package io.dictdb;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything needed to create a table: name, primary key, optional schema and indexes. Immutable: every method
 * returns a new spec.
 */
public final class TableSpec {
    private final String name;
    private final String primaryKey;
    private final Schema schema;
    /** The indexes by name, in the order given; a later index of the same name replaces an earlier one. */
    private final Map<String, IndexSpec> indexes;

    private TableSpec(String name, String primaryKey, Schema schema, Map<String, IndexSpec> indexes) {
        this.name = name;
        this.primaryKey = primaryKey;
        this.schema = schema;
        this.indexes = Collections.unmodifiableMap(indexes);
    }

    /**
     * Starts a spec for a table with primary key {@code "id"}, no schema and no index.
     *
     * @param name the table's name, not blank, and a valid name (see {@link ValueRule#checkName(String, String)})
     * @return a new spec
     * @throws IllegalArgumentException if the name is null or blank, or breaks the rule for names (a control
     *     character, an unpaired surrogate, more than {@link io.dictdb.spi.ImageLimits#MAX_NAME_LENGTH} UTF-8 bytes)
     */
    public static TableSpec named(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("A table name must not be blank");
        }
        ValueRule.checkName("Table name", name);
        return new TableSpec(name, "id", null, new LinkedHashMap<>());
    }

    /**
     * Sets the primary-key field.
     *
     * @param field the field's name, not blank, and a valid name (see {@link ValueRule#checkName(String, String)})
     * @return a new spec
     * @throws IllegalArgumentException if the name is null or blank, or breaks the rule for names
     */
    public TableSpec primaryKey(String field) {
        if (field == null || field.isBlank()) {
            throw new IllegalArgumentException("The primary key of table '" + name + "' must not be blank");
        }
        ValueRule.checkName("Primary key of table '" + name + "':", field);
        return new TableSpec(name, field, schema, new LinkedHashMap<>(indexes));
    }

    /**
     * Sets the schema.
     *
     * @param schema the schema, or null for none
     * @return a new spec
     */
    public TableSpec schema(Schema schema) {
        return new TableSpec(name, primaryKey, schema, new LinkedHashMap<>(indexes));
    }

    /**
     * Adds a hash index on a field.
     *
     * @param field the field to index, a valid name (see {@link ValueRule#checkName(String, String)})
     * @return a new spec
     * @throws NullPointerException if {@code field} is null
     * @throws IllegalArgumentException if the field's name breaks the rule for names
     */
    public TableSpec index(String field) {
        return index(field, IndexType.HASH);
    }

    /**
     * Adds an index on a field.
     *
     * @param field the field to index, a valid name (see {@link ValueRule#checkName(String, String)})
     * @param type the kind of index
     * @return a new spec
     * @throws NullPointerException if {@code field} or {@code type} is null
     * @throws IllegalArgumentException if the field's name breaks the rule for names
     */
    public TableSpec index(String field, IndexType type) {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(type, "type");
        ValueRule.checkName("Index field of table '" + name + "':", field);
        return index(type == IndexType.SORTED ? IndexSpec.sorted(field)
                : type == IndexType.HASH ? IndexSpec.hash(field) : IndexSpec.elements(field));
    }

    /**
     * Adds an index described by a spec (composite, unique, partial or elements). An index of the same
     * {@link IndexSpec#name() name} given earlier is replaced.
     *
     * @param spec the index
     * @return a new spec
     * @throws NullPointerException if {@code spec} is null
     */
    public TableSpec index(IndexSpec spec) {
        Objects.requireNonNull(spec, "spec");
        Map<String, IndexSpec> copy = new LinkedHashMap<>(indexes);
        copy.put(spec.name(), spec);
        return new TableSpec(name, primaryKey, schema, copy);
    }

    /**
     * The table's name.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * The primary-key field.
     *
     * @return the field's name
     */
    public String primaryKey() {
        return primaryKey;
    }

    /**
     * The schema, if any.
     *
     * @return the schema or empty
     */
    public Optional<Schema> schema() {
        return Optional.ofNullable(schema);
    }

    /**
     * The indexes to create, name to type, in the order given. A single-field index's name is its field; see
     * {@link #indexSpecs()} for everything about each index.
     *
     * @return an immutable map
     */
    public Map<String, IndexType> indexes() {
        Map<String, IndexType> types = new LinkedHashMap<>();
        indexes.forEach((indexName, spec) -> types.put(indexName, spec.type()));
        return Collections.unmodifiableMap(types);
    }

    /**
     * The indexes to create, in the order given.
     *
     * @return an immutable list
     */
    public java.util.List<IndexSpec> indexSpecs() {
        return java.util.List.copyOf(indexes.values());
    }

    @Override
    public String toString() {
        return "TableSpec[" + name + ", pk=" + primaryKey + ", schema=" + schema + ", indexes=" + indexes + "]";
    }
}
