package io.dictdb;

import io.dictdb.query.Condition;
import io.dictdb.query.Conditions;
import io.dictdb.query.Field;
import io.dictdb.query.Query;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A table of records keyed by a primary key. Every method is atomic with respect to the table: readers see a
 * write completely or not at all. Records returned are immutable and never copied.
 */
public interface Table {

    /**
     * The table's name.
     *
     * @return the name
     */
    String name();

    /**
     * The primary-key field.
     *
     * @return the field's name
     */
    String primaryKey();

    /**
     * The schema, if the table has one.
     *
     * @return the schema or empty
     */
    Optional<Schema> schema();

    /**
     * Inserts a record. Without its primary key, the record gets the next value of the table's counter: 1, 2, 3,
     * ..., always past every explicit {@code Long} key given so far. The counter stops at {@code Long.MAX_VALUE}
     * and never wraps: once that key is taken, an insert without a key is refused (explicit keys still work).
     *
     * @param record the record's fields
     * @return the primary key
     * @throws DuplicateKeyException if the key is present, naming table and key
     * @throws SchemaValidationException if the record fails the schema, naming table and field, or has no key
     *     while the table's key is not a LONG (only LONG keys are generated)
     * @throws DictDbException if no key is given and the counter is exhausted (key {@code Long.MAX_VALUE} taken)
     * @throws IllegalArgumentException if a value has an unsupported type, naming the field
     */
    Object insert(Map<String, ?> record);

    /**
     * Inserts many records atomically: all or none.
     *
     * @param records the records
     * @return their primary keys, in order
     * @throws DuplicateKeyException if a key is present or repeated (then nothing is inserted)
     * @throws SchemaValidationException if a record fails the schema (then nothing is inserted)
     */
    List<Object> insertAll(Collection<? extends Map<String, ?>> records);

    /**
     * Inserts many records atomically, with options for chunking and validation.
     *
     * @param records the records
     * @param options batch size and whether to skip schema validation (key checks always run)
     * @return their primary keys, in order
     * @throws DuplicateKeyException if a key is present or repeated (then nothing is inserted)
     * @throws SchemaValidationException if a record fails the schema (then nothing is inserted)
     */
    List<Object> insertAll(Collection<? extends Map<String, ?>> records, InsertOptions options);

    /**
     * Inserts the record, or merges its fields into the stored record with the same key.
     *
     * @param record the record's fields
     * @return the key and what was done
     * @throws SchemaValidationException if the result fails the schema
     */
    UpsertResult upsert(Map<String, ?> record);

    /**
     * Inserts the record, or handles a present key as {@code onConflict} says.
     *
     * @param record the record's fields
     * @param onConflict what to do when the key is present
     * @return the key and what was done
     * @throws DuplicateKeyException if the key is present and {@code onConflict} is ERROR
     * @throws SchemaValidationException if the result fails the schema
     */
    UpsertResult upsert(Map<String, ?> record, OnConflict onConflict);

    /**
     * The record with this primary key.
     *
     * @param primaryKey the key
     * @return the record or empty
     */
    Optional<Record> get(Object primaryKey);

    /**
     * The records matching a condition.
     *
     * @param where the condition
     * @return the matching records
     */
    List<Record> select(Condition where);

    /**
     * Every record, in insertion order.
     *
     * @return the records
     */
    List<Record> all();

    /**
     * A fluent query on this table.
     *
     * @return a query matching every record
     */
    Query query();

    /**
     * Merges the changes into every record.
     *
     * @param changes fields to set
     * @return the number of records updated
     * @throws RecordNotFoundException if the table is empty
     * @throws SchemaValidationException if a changed record fails the schema (then nothing changes)
     * @throws IllegalArgumentException if the changes include a different primary key
     */
    int update(Map<String, ?> changes);

    /**
     * Merges the changes into every matching record, atomically.
     *
     * @param changes fields to set
     * @param where the condition
     * @return the number of records updated
     * @throws RecordNotFoundException if nothing matches
     * @throws SchemaValidationException if a changed record fails the schema (then nothing changes)
     * @throws IllegalArgumentException if the changes include a different primary key
     */
    int update(Map<String, ?> changes, Condition where);

    /**
     * Replaces every matching record by the function's result, atomically under the table's write lock: an atomic
     * read-modify-write. If the function throws for any record, or a result fails the schema or changes the
     * primary key, no record is changed. The function runs while the table's write lock is held: it must be quick
     * and must not use other tables (to change several tables together, use the core's {@code DictDB.atomically}).
     *
     * @param updater computes the new record from the stored one
     * @param where the condition
     * @return the number of records updated
     * @throws RecordNotFoundException if nothing matches
     * @throws SchemaValidationException if a result fails the schema
     * @throws IllegalArgumentException if a result changes the primary key
     */
    int update(UnaryOperator<Record> updater, Condition where);

    /**
     * Deletes every matching record.
     *
     * @param where the condition
     * @return the number of records deleted
     * @throws RecordNotFoundException if nothing matches
     */
    int delete(Condition where);

    /**
     * Deletes every record.
     *
     * @return the number deleted, 0 for an empty table
     */
    int deleteAll();

    /**
     * Creates a hash index on a field; it is filled from the records present.
     *
     * @param field the field
     * @throws IllegalArgumentException if the field is already indexed, or its name breaks the rule for names (see
     *     {@link io.dictdb.spi.ImageLimits})
     */
    default void createIndex(String field) {
        createIndex(field, IndexType.HASH);
    }

    /**
     * Creates an index of the given type on a field; it is filled from the records present.
     *
     * @param field the field
     * @param type the kind of index
     * @throws IllegalArgumentException if the field is already indexed, or its name breaks the rule for names (see
     *     {@link io.dictdb.spi.ImageLimits})
     */
    default void createIndex(String field, IndexType type) {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(type, "type");
        ValueRule.checkName("Index field of table '" + name() + "':", field);
        createIndex(switch (type) {
            case HASH -> IndexSpec.hash(field);
            case SORTED -> IndexSpec.sorted(field);
            case ELEMENTS -> IndexSpec.elements(field);
        });
    }

    /**
     * Creates an index described by a spec (composite, unique, partial or elements; see {@link IndexSpec}); it is
     * filled from the records present.
     *
     * @param spec what to index
     * @throws IllegalArgumentException if the table already has an index of that {@link IndexSpec#name() name}
     * @throws DuplicateKeyException for a unique index over records that already collide; it names the first
     *     duplicate found, and no index is created
     */
    void createIndex(IndexSpec spec);

    /**
     * Drops the index with a given name: a field for a single-field index ({@link IndexSpec#name()}).
     *
     * @param name the index's name
     * @throws IllegalArgumentException if the table has no index of that name
     */
    void dropIndex(String name);

    /**
     * Drops the index a spec describes.
     *
     * @param spec the spec the index was created with
     * @throws IllegalArgumentException if the table has no index equal to the spec
     */
    void dropIndex(IndexSpec spec);

    /**
     * Whether the table has an index with a given name: a field for a single-field index.
     *
     * @param name the index's name (see {@link IndexSpec#name()})
     * @return true when such an index exists
     */
    boolean hasIndex(String name);

    /**
     * The names of the indexes, in creation order: for single-field indexes, the indexed fields.
     *
     * @return an immutable list
     */
    List<String> indexedFields();

    /**
     * The index with a given name, if any: a field for a single-field index.
     *
     * @param name the index's name (see {@link IndexSpec#name()})
     * @return the index or empty
     */
    Optional<Index> index(String name);

    /**
     * The indexes, in creation order.
     *
     * @return an immutable list of read-only views
     */
    List<Index> indexes();

    /**
     * How the table's queries found their rows: scans, the rows they examined, and each index's use, since the table
     * was created, loaded or its statistics reset. {@code explain()} and the slow-query log use the same counts to
     * suggest an index.
     *
     * @return a snapshot of the counts
     */
    TableStats stats();

    /**
     * Sets the table's and its indexes' usage statistics back to zero.
     */
    void resetStats();

    /**
     * The number of records.
     *
     * @return the count
     */
    long count();

    /**
     * The number of records matching a condition.
     *
     * @param where the condition
     * @return the count
     */
    long count(Condition where);

    /**
     * The field names: the schema's when there is one, else every field present in a record, in first-seen
     * order.
     *
     * @return an immutable list
     */
    List<String> columns();

    /**
     * The schema's field names, or an empty list without a schema.
     *
     * @return an immutable list
     */
    List<String> schemaFields();

    /**
     * A field of this table, to build conditions: same as {@link Conditions#field(String)}.
     *
     * @param name the field's name
     * @return the field
     */
    default Field field(String name) {
        return Conditions.field(name);
    }
}
