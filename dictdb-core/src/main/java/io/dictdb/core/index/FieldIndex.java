package io.dictdb.core.index;

import io.dictdb.IndexType;
import io.dictdb.Record;
import io.dictdb.core.storage.Row;
import io.dictdb.spi.IndexDefinition;

import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * An index from the values of one field to the {@link Row rows} holding them. Records whose field is null or missing
 * are kept apart, so that {@code isNull} can be served and so that every record is accounted for. The rows of each
 * value, and the null rows, are kept in insertion order ({@link Buckets}), so lookups come out as a scan gives them
 * without a sort. Not thread-safe: the owning table's lock guards it.
 */
public abstract sealed class FieldIndex permits HashIndex, SortedIndex {
    private final String field;
    private final OrderedRows nulls = new OrderedRows();

    FieldIndex(String field) {
        this.field = field;
    }

    /**
     * Makes an empty index of a type.
     *
     * @param field the indexed field
     * @param type the index type
     * @return the index
     */
    public static FieldIndex of(String field, IndexType type) {
        return type == IndexType.HASH ? new HashIndex(field) : new SortedIndex(field);
    }

    /**
     * The indexed field.
     *
     * @return the field's name
     */
    public final String field() {
        return field;
    }

    /**
     * The index type.
     *
     * @return the type
     */
    public abstract IndexType type();

    /**
     * The definition of this index.
     *
     * @return field and type
     */
    public final IndexDefinition definition() {
        return new IndexDefinition(field, type());
    }

    /**
     * The number of distinct non-null values.
     *
     * @return the count
     */
    public abstract long distinctKeys();

    /**
     * Adds a row, indexed by the value of its current record.
     *
     * @param key the row
     */
    public final void add(Row key) {
        Object v = key.record().get(field);
        if (v == null) {
            nulls.add(key);
        } else {
            addValue(v, key);
        }
    }

    /**
     * Removes a row.
     *
     * @param key the row
     * @param record the record as it was indexed
     */
    public final void remove(Row key, Record record) {
        Object v = record.get(field);
        if (v == null) {
            nulls.remove(key);
        } else {
            removeValue(v, key);
        }
    }

    /**
     * Moves a row from the value of its old record to the value of its new one, when the value changed.
     *
     * @param key the row, already holding its new record
     * @param before the record as it was indexed
     */
    public final void replace(Row key, Record before) {
        Object a = before.get(field);
        Object b = key.record().get(field);
        if (a == null && b == null || a != null && b != null && sameEntry(a, b)) {
            return;
        }
        remove(key, before);
        add(key);
    }

    /**
     * Tells the index that the store renumbered its slots (a compaction, which keeps their order): the large
     * buckets read their rows' slots again. Call under the write lock, before the next use of the index.
     */
    public final void slotsRenumbered() {
        nulls.renumbered();
        forEachBucket(Buckets::renumbered);
    }

    /** Visits every bucket of a non-null value. */
    abstract void forEachBucket(Consumer<Object> visitor);

    /** Whether two non-null values land in the same entry of this index (hash-equal, or compare-equal). */
    abstract boolean sameEntry(Object a, Object b);

    abstract void addValue(Object value, Row key);

    abstract void removeValue(Object value, Row key);

    /**
     * The rows whose field equals {@code value}, in insertion order: a view of the index, read under the lock.
     *
     * @param value a canonical value
     * @return the rows, a set when there are two or more; unmodifiable
     */
    public final Collection<Row> equalTo(Object value) {
        return Buckets.view(value == null ? null : bucket(value));
    }

    /**
     * The records whose field equals {@code value}, in insertion order: the equality fast path, which reads the
     * bucket directly instead of building a collection of rows. The bucket is already in insertion order, so
     * this is one copy, with no sort.
     *
     * @param value a canonical value
     * @return the records, an unmodifiable list
     */
    public final List<Record> recordsEqualTo(Object value) {
        Object bucket = value == null ? null : bucket(value);
        if (bucket == null) {
            return List.of();
        }
        if (bucket instanceof Row row) {
            return List.of(row.record());
        }
        // the array is new and never escapes: wrapped, not copied again as List.of would
        return Collections.unmodifiableList(Arrays.asList(Buckets.records(bucket)));
    }

    /** The bucket of rows holding {@code value} (one of the shapes of {@link Buckets}), or null. */
    abstract Object bucket(Object value);

    /**
     * The rows whose field is null or missing, in insertion order.
     *
     * @return the rows; must not be changed
     */
    public final Set<Row> nulls() {
        return nulls;
    }

    /**
     * Removes everything.
     */
    public void clear() {
        nulls.clear();
    }

    @Override
    public String toString() {
        return type() + " index on '" + field + "'";
    }
}
