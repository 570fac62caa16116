package io.dictdb.core.table;

import io.dictdb.FieldType;
import io.dictdb.Record;
import io.dictdb.Schema;
import io.dictdb.SchemaValidationException;
import io.dictdb.Values;

/**
 * Checks records against a table's schema and converts their values to the declared types: every field declared,
 * required fields present and non-null, every value of (or convertible to) its field's type. A table without a
 * schema accepts every record as it is.
 */
public final class SchemaCheck {
    private final String table;
    private final Schema schema;

    /**
     * Creates the check of a table.
     *
     * @param table the table's name, for messages
     * @param schema the schema, or null for none
     */
    public SchemaCheck(String table, Schema schema) {
        this.table = table;
        this.schema = schema;
    }

    /**
     * The record with its values converted to the schema's types.
     *
     * @param r the record
     * @param position the record's index in its batch, or -1 for a single record (named in messages)
     * @return the record, or a converted copy
     * @throws SchemaValidationException if the record breaks the schema
     */
    public Record validated(Record r, int position) {
        if (schema == null) {
            return r;
        }
        String where = batchPosition(position);
        Record out = r;
        for (String field : r.fields()) {
            FieldType type = schema.type(field);
            if (type == null) {
                throw new SchemaValidationException(table, field, "Table '" + table + "': field '" + field
                        + "' is not in the schema " + schema.fields().keySet() + where);
            }
            Object value = r.get(field);
            if (value == null) {
                if (schema.isRequired(field)) {
                    throw new SchemaValidationException(table, field, "Table '" + table + "': required field '"
                            + field + "' is null" + where);
                }
                continue;
            }
            Object converted = type.coerce(value);
            if (converted == null) {
                throw new SchemaValidationException(table, field, "Table '" + table + "': field '" + field
                        + "' expects " + type + ", got " + Values.typeName(value) + " " + Values.describe(value)
                        + where);
            }
            if (converted != value && !(value instanceof byte[])) {
                out = out.with(field, converted);
            }
        }
        for (String field : schema.fields().keySet()) {
            if (schema.isRequired(field) && !r.containsKey(field)) {
                throw new SchemaValidationException(table, field, "Table '" + table + "': required field '" + field
                        + "' (" + schema.type(field) + ") is missing" + where);
            }
        }
        return out;
    }

    /**
     * Where a record stands in its batch, for messages.
     *
     * @param position the index in the batch, or -1 for a single record
     * @return empty for a single record, else " (record n of the batch)"
     */
    public static String batchPosition(int position) {
        return position < 0 ? "" : " (record " + (position + 1) + " of the batch)";
    }
}
