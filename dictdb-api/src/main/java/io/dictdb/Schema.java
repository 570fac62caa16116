package io.dictdb;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The declared fields of a table and their types. Required fields must be present and non-null; optional fields
 * may be missing or null; fields outside the schema are rejected. Immutable; built with {@link #builder()}.
 */
public final class Schema {
    private final Map<String, FieldType> fields;
    private final Set<String> optional;

    private Schema(Map<String, FieldType> fields, Set<String> optional) {
        this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        this.optional = Collections.unmodifiableSet(new LinkedHashSet<>(optional));
    }

    /**
     * Starts a schema.
     *
     * @return an empty builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The declared fields and their types, in declaration order.
     *
     * @return an immutable map
     */
    public Map<String, FieldType> fields() {
        return fields;
    }

    /**
     * The fields that may be missing or null.
     *
     * @return an immutable set
     */
    public Set<String> optionalFields() {
        return optional;
    }

    /**
     * Whether the field is declared.
     *
     * @param field a field name
     * @return true when declared
     */
    public boolean has(String field) {
        return fields.containsKey(field);
    }

    /**
     * Whether the field is declared and required (present and non-null).
     *
     * @param field a field name
     * @return true when required
     */
    public boolean isRequired(String field) {
        return fields.containsKey(field) && !optional.contains(field);
    }

    /**
     * The declared type of a field.
     *
     * @param field a field name
     * @return the type, or null when the field is not declared
     */
    public FieldType type(String field) {
        return fields.get(field);
    }

    /**
     * A copy with {@code field} declared as required {@code type} when it is not declared yet; this schema when it
     * is.
     *
     * @param field a field name
     * @param type its type
     * @return the schema with the field
     */
    public Schema withFieldIfAbsent(String field, FieldType type) {
        if (fields.containsKey(field)) {
            return this;
        }
        Map<String, FieldType> f = new LinkedHashMap<>();
        f.put(field, type);
        f.putAll(fields);
        return new Schema(f, optional);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Schema s && s.fields.equals(fields) && s.optional.equals(optional);
    }

    @Override
    public int hashCode() {
        return Objects.hash(fields, optional);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Schema{");
        boolean first = true;
        for (Map.Entry<String, FieldType> e : fields.entrySet()) {
            if (!first) {
                sb.append(", ");
            }
            first = false;
            sb.append(e.getKey()).append(optional.contains(e.getKey()) ? "?: " : ": ").append(e.getValue());
        }
        return sb.append('}').toString();
    }

    /** Builds a {@link Schema}. */
    public static final class Builder {
        private final Map<String, FieldType> fields = new LinkedHashMap<>();
        private final Set<String> optional = new LinkedHashSet<>();

        private Builder() {
        }

        /**
         * Declares a required field.
         *
         * @param name the field's name
         * @param type its type
         * @return this builder
         * @throws IllegalArgumentException if the field is already declared, or its name breaks the rule for names
         *     (see {@link ValueRule#checkName(String, String)})
         */
        public Builder field(String name, FieldType type) {
            declare(name, type);
            return this;
        }

        /**
         * Declares an optional field: it may be missing or null.
         *
         * @param name the field's name
         * @param type its type
         * @return this builder
         * @throws IllegalArgumentException if the field is already declared, or its name breaks the rule for names
         *     (see {@link ValueRule#checkName(String, String)})
         */
        public Builder optional(String name, FieldType type) {
            declare(name, type);
            optional.add(name);
            return this;
        }

        private void declare(String name, FieldType type) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
            ValueRule.checkName("Schema field", name);
            if (fields.putIfAbsent(name, type) != null) {
                throw new IllegalArgumentException("Schema field '" + name + "' declared twice");
            }
        }

        /**
         * Builds the schema.
         *
         * @return an immutable schema
         */
        public Schema build() {
            return new Schema(fields, optional);
        }
    }
}
