package io.dictdb.csv;

import io.dictdb.FieldType;
import io.dictdb.IndexSpec;
import io.dictdb.Schema;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Options of {@link Csv#importTable}: the file's {@link CsvFormat} (delimiter, quote, header, charset, column names)
 * and how its cells become records (primary key, schema or inference, validation, batches). Immutable: each method
 * returns a new instance, starting from {@link #defaults()}.
 *
 * <pre>{@code
 * CsvImportOptions options = CsvImportOptions.defaults().primaryKey("sku").delimiter(';').decimals(FieldType.DECIMAL)
 *         .index(IndexSpec.hash("ean").unique());
 * }</pre>
 */
public final class CsvImportOptions {
    /** The default number of records inserted per batch. */
    public static final int DEFAULT_BATCH_SIZE = 10_000;

    private static final CsvImportOptions DEFAULTS = new CsvImportOptions(CsvFormat.defaults(), "id", null, Map.of(),
            true, FieldType.DOUBLE, false, false, DEFAULT_BATCH_SIZE, List.of());

    private final CsvFormat format;
    private final String primaryKey;
    private final Schema schema;
    private final Map<String, String> schemaTypeNames;
    private final boolean inferTypes;
    private final FieldType decimals;
    private final boolean inferTemporal;
    private final boolean skipValidation;
    private final int batchSize;
    private final List<IndexSpec> indexes;

    private CsvImportOptions(CsvFormat format, String primaryKey, Schema schema, Map<String, String> schemaTypeNames,
                             boolean inferTypes, FieldType decimals, boolean inferTemporal, boolean skipValidation,
                             int batchSize, List<IndexSpec> indexes) {
        this.format = format;
        this.primaryKey = primaryKey;
        this.schema = schema;
        this.schemaTypeNames = schemaTypeNames;
        this.inferTypes = inferTypes;
        this.decimals = decimals;
        this.inferTemporal = inferTemporal;
        this.skipValidation = skipValidation;
        this.batchSize = batchSize;
        this.indexes = indexes;
    }

    /**
     * The defaults: primary key {@code "id"}, delimiter {@code ','}, quote {@code '"'}, a header row, UTF-8, no
     * schema, type inference on with decimals as {@link FieldType#DOUBLE} and no date or instant inference, schema
     * validation on, batches of {@value #DEFAULT_BATCH_SIZE} records.
     *
     * @return the default options
     */
    public static CsvImportOptions defaults() {
        return DEFAULTS;
    }

    /**
     * The primary-key field of the new table. A column of that name supplies the keys; without one, or for an empty
     * cell, the table's counter assigns the next {@code Long}. Integer keys move the counter past them.
     *
     * @param field the field's name
     * @return new options
     * @throws NullPointerException if {@code field} is null
     */
    public CsvImportOptions primaryKey(String field) {
        Objects.requireNonNull(field, "field");
        return new CsvImportOptions(format, field, schema, schemaTypeNames,
                inferTypes, decimals, inferTemporal, skipValidation, batchSize, indexes);
    }

    /**
     * The file's layout: delimiter, quote, header row, charset and column names, all at once. The methods
     * {@link #delimiter(char)}, {@link #quote(char)}, {@link #header(boolean)}, {@link #columns(String...)} and
     * {@link #charset(Charset)} each change one part of it.
     *
     * @param format the format
     * @return new options
     * @throws NullPointerException if {@code format} is null
     */
    public CsvImportOptions format(CsvFormat format) {
        Objects.requireNonNull(format, "format");
        return new CsvImportOptions(format, primaryKey, schema, schemaTypeNames, inferTypes, decimals, inferTemporal,
                skipValidation, batchSize, indexes);
    }

    /**
     * The field delimiter.
     *
     * @param delimiter a character other than the quote, CR or LF
     * @return new options
     * @throws IllegalArgumentException if the delimiter is the quote character, CR or LF
     */
    public CsvImportOptions delimiter(char delimiter) {
        return format(format.withDelimiter(delimiter));
    }

    /**
     * The quote character (RFC 4180's is {@code '"'}).
     *
     * @param quote a character other than the delimiter, CR or LF
     * @return new options
     * @throws IllegalArgumentException if the quote is the delimiter, CR or LF
     */
    public CsvImportOptions quote(char quote) {
        return format(format.withQuote(quote));
    }

    /**
     * Whether the first record is a header row of column names. Without one, the names come from
     * {@link #columns(String...)}, or are {@code col_0}, {@code col_1}, ... as in the Python DictDB.
     *
     * @param header true when the file starts with a header row
     * @return new options
     */
    public CsvImportOptions header(boolean header) {
        return format(format.withHeader(header));
    }

    /**
     * The column names, in file order: the names when there is no header row, or names that replace the header's.
     * Their number must match the records'.
     *
     * @param names the column names; none to use the header's or the defaults
     * @return new options
     * @throws IllegalArgumentException if a name is null, empty or repeated
     */
    public CsvImportOptions columns(String... names) {
        return format(format.withColumns(names));
    }

    /**
     * The file's character set. A byte order mark at the start of the file is skipped.
     *
     * @param charset the charset
     * @return new options
     * @throws NullPointerException if {@code charset} is null
     */
    public CsvImportOptions charset(Charset charset) {
        return format(format.withCharset(charset));
    }

    /**
     * An explicit schema: the new table gets it, every column must be declared in it, and each cell is converted
     * to its column's declared type (a cell that does not convert fails the import). Inference is then off.
     * Empty cells are null; a quoted empty cell ({@code ""}) in a STRING column is the empty string. LIST and MAP
     * cells are JSON text; BYTES cells are base64; INSTANT and DATE cells are ISO-8601; ANY cells are inferred
     * one by one. Replaces a schema given by type names.
     *
     * @param schema the schema
     * @return new options
     * @throws NullPointerException if {@code schema} is null
     */
    public CsvImportOptions schema(Schema schema) {
        Objects.requireNonNull(schema, "schema");
        return new CsvImportOptions(format, primaryKey, schema, Map.of(),
                inferTypes, decimals, inferTemporal, skipValidation, batchSize, indexes);
    }

    /**
     * An explicit schema given by type names, as a command line or a configuration file holds it: each column
     * maps to a {@link FieldType} name in any case ({@code "long"}, {@code "DECIMAL"}, ...) or to one of the
     * Python DictDB's names ({@code "int"}, {@code "float"}, {@code "str"}, {@code "bool"}). Every field is
     * optional. The names are resolved when the file is imported; an unknown one fails the import with a
     * {@link CsvException} naming the column and the type. Replaces a {@link Schema} given before.
     *
     * @param fieldTypes column name to type name, in declaration order
     * @return new options
     * @throws NullPointerException if the map, a name or a type is null
     */
    public CsvImportOptions schema(Map<String, String> fieldTypes) {
        Map<String, String> copy = new LinkedHashMap<>();
        fieldTypes.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "field"), Objects.requireNonNull(v, k)));
        return new CsvImportOptions(format, primaryKey, null, Collections.unmodifiableMap(copy),
                inferTypes, decimals, inferTemporal, skipValidation, batchSize, indexes);
    }

    /**
     * The {@link FieldType} a schema type name stands for, as {@link #schema(Map)} resolves it: a FieldType name in
     * any case ({@code "long"}, {@code "DECIMAL"}) or one of the Python DictDB's names ({@code "int"},
     * {@code "integer"}, {@code "float"}, {@code "str"}, {@code "text"}, {@code "bool"}). A command line can check
     * its type names with it before reading any file.
     *
     * @param typeName the type's name; surrounding spaces are ignored
     * @return the type
     * @throws IllegalArgumentException if no type has that name (the message lists the known names)
     * @throws NullPointerException if {@code typeName} is null
     */
    public static FieldType fieldType(String typeName) {
        String name = typeName.strip();
        switch (name.toLowerCase(Locale.ROOT)) {
            case "int", "integer":
                return FieldType.LONG;
            case "float":
                return FieldType.DOUBLE;
            case "str", "text":
                return FieldType.STRING;
            case "bool":
                return FieldType.BOOLEAN;
            default:
                break;
        }
        for (FieldType t : FieldType.values()) {
            if (t.name().equalsIgnoreCase(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown type '" + typeName + "' in the schema; known types are "
                + Arrays.toString(FieldType.values()) + " and the Python names int, float, str, bool");
    }

    /**
     * Whether column types are inferred when there is no schema. Off, every non-empty cell is a String.
     *
     * @param infer true to infer
     * @return new options
     */
    public CsvImportOptions inferTypes(boolean infer) {
        return new CsvImportOptions(format, primaryKey, schema, schemaTypeNames,
                infer, decimals, inferTemporal, skipValidation, batchSize, indexes);
    }

    /**
     * The type inferred for a column of decimal numbers: {@link FieldType#DOUBLE} (the default) or
     * {@link FieldType#DECIMAL}, which keeps every digit (money).
     *
     * @param type DOUBLE or DECIMAL
     * @return new options
     * @throws IllegalArgumentException for any other type
     */
    public CsvImportOptions decimals(FieldType type) {
        if (type != FieldType.DOUBLE && type != FieldType.DECIMAL) {
            throw new IllegalArgumentException("decimals must be DOUBLE or DECIMAL, got " + type);
        }
        return new CsvImportOptions(format, primaryKey, schema, schemaTypeNames,
                inferTypes, type, inferTemporal, skipValidation, batchSize, indexes);
    }

    /**
     * Whether inference also recognises ISO-8601 dates ({@code 2024-02-29}, as {@link FieldType#DATE}) and
     * instants ({@code 2024-02-29T10:15:30Z}, as {@link FieldType#INSTANT}). Off by default: such columns stay
     * strings.
     *
     * @param infer true to infer dates and instants
     * @return new options
     */
    public CsvImportOptions inferTemporal(boolean infer) {
        return new CsvImportOptions(format, primaryKey, schema, schemaTypeNames,
                inferTypes, decimals, infer, skipValidation, batchSize, indexes);
    }

    /**
     * Skips the schema's required-field checks for trusted data. Cells are still converted to their declared
     * types and primary keys are still checked.
     *
     * @param skip true to skip validation
     * @return new options
     */
    public CsvImportOptions skipValidation(boolean skip) {
        return new CsvImportOptions(format, primaryKey, schema, schemaTypeNames,
                inferTypes, decimals, inferTemporal, skip, batchSize, indexes);
    }

    /**
     * The number of records read before they are inserted together; memory beyond the table is proportional to
     * it. The import stays atomic as a whole.
     *
     * @param size records per batch, at least 1
     * @return new options
     * @throws IllegalArgumentException if {@code size} is less than 1
     */
    public CsvImportOptions batchSize(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, got " + size);
        }
        return new CsvImportOptions(format, primaryKey, schema, schemaTypeNames,
                inferTypes, decimals, inferTemporal, skipValidation, size, indexes);
    }

    /**
     * An index the new table gets (composite, unique, partial or elements: any {@link IndexSpec}), created with the
     * table before the records are inserted, so that a unique index checks the file's records too: a record that
     * collides with an earlier one fails the import naming its line, and the table is dropped again. An index of
     * the same {@link IndexSpec#name() name} given earlier is replaced.
     *
     * <pre>{@code
     * CsvImportOptions.defaults().index(IndexSpec.hash("email").unique()).index(IndexSpec.sorted("city", "age"));
     * }</pre>
     *
     * @param spec the index
     * @return new options
     * @throws NullPointerException if {@code spec} is null
     */
    public CsvImportOptions index(IndexSpec spec) {
        Objects.requireNonNull(spec, "spec");
        List<IndexSpec> copy = new ArrayList<>();
        for (IndexSpec i : indexes) {
            if (!i.name().equals(spec.name())) {
                copy.add(i);
            }
        }
        copy.add(spec);
        return new CsvImportOptions(format, primaryKey, schema, schemaTypeNames, inferTypes, decimals, inferTemporal,
                skipValidation, batchSize, List.copyOf(copy));
    }

    /**
     * The indexes the new table gets, in the order given.
     *
     * @return an immutable list, empty by default
     */
    public List<IndexSpec> indexes() {
        return indexes;
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
     * The file's layout.
     *
     * @return the format
     */
    public CsvFormat format() {
        return format;
    }

    /**
     * The field delimiter: {@code format().delimiter()}.
     *
     * @return the delimiter
     */
    public char delimiter() {
        return format.delimiter();
    }

    /**
     * The quote character: {@code format().quote()}.
     *
     * @return the quote
     */
    public char quote() {
        return format.quote();
    }

    /**
     * Whether the file starts with a header row: {@code format().header()}.
     *
     * @return true with a header row
     */
    public boolean header() {
        return format.header();
    }

    /**
     * The column names given, or an empty list: {@code format().columns()}.
     *
     * @return an immutable list
     */
    public List<String> columns() {
        return format.columns();
    }

    /**
     * The file's character set: {@code format().charset()}.
     *
     * @return the charset
     */
    public Charset charset() {
        return format.charset();
    }

    /**
     * The explicit schema given as a {@link Schema}, or null.
     *
     * @return the schema or null
     */
    public Schema schema() {
        return schema;
    }

    /**
     * The explicit schema given by type names, or an empty map.
     *
     * @return an immutable map of column name to type name
     */
    public Map<String, String> schemaTypeNames() {
        return schemaTypeNames;
    }

    /**
     * Whether types are inferred without a schema.
     *
     * @return true when inferring
     */
    public boolean inferTypes() {
        return inferTypes;
    }

    /**
     * The type inferred for decimal numbers.
     *
     * @return DOUBLE or DECIMAL
     */
    public FieldType decimals() {
        return decimals;
    }

    /**
     * Whether dates and instants are inferred.
     *
     * @return true when inferring them
     */
    public boolean inferTemporal() {
        return inferTemporal;
    }

    /**
     * Whether schema validation is skipped.
     *
     * @return true when skipped
     */
    public boolean skipValidation() {
        return skipValidation;
    }

    /**
     * Records per insert batch.
     *
     * @return the batch size
     */
    public int batchSize() {
        return batchSize;
    }

    @Override
    public String toString() {
        return "CsvImportOptions[primaryKey=" + primaryKey + ", format=" + format + ", schema="
                + (schema != null ? schema : schemaTypeNames) + ", inferTypes=" + inferTypes + ", decimals="
                + decimals + ", inferTemporal=" + inferTemporal + ", skipValidation=" + skipValidation
                + ", batchSize=" + batchSize + (indexes.isEmpty() ? "" : ", indexes=" + indexes) + "]";
    }
}
