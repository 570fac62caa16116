package io.dictdb.core.index;

import io.dictdb.IndexType;
import io.dictdb.Record;
import io.dictdb.Values;
import io.dictdb.spi.IndexDefinition;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * An index from the values of one field to the primary keys (as {@link Values#hashKey(Object) hash keys}) of the
 * records holding them. Records whose field is null or missing are kept apart, so that {@code isNull} can be
 * served and so that every record is accounted for. Not thread-safe: the owning table's lock guards it.
 */
public abstract sealed class FieldIndex permits HashIndex, SortedIndex {
    private final String field;
    private final Set<Object> nulls = new HashSet<>();

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
     * Adds a record.
     *
     * @param key the record's primary hash key
     * @param record the record
     */
    public final void add(Object key, Record record) {
        Object v = record.get(field);
        if (v == null) {
            nulls.add(key);
        } else {
            addValue(v, key);
        }
    }

    /**
     * Removes a record.
     *
     * @param key the record's primary hash key
     * @param record the record as it was indexed
     */
    public final void remove(Object key, Record record) {
        Object v = record.get(field);
        if (v == null) {
            nulls.remove(key);
        } else {
            removeValue(v, key);
        }
    }

    /**
     * Moves a record from its old value to its new one, when the value changed.
     *
     * @param key the record's primary hash key
     * @param before the record as it was indexed
     * @param after the record now stored
     */
    public final void replace(Object key, Record before, Record after) {
        Object a = before.get(field);
        Object b = after.get(field);
        if (a == null && b == null || a != null && b != null && sameEntry(a, b)) {
            return;
        }
        remove(key, before);
        add(key, after);
    }

    /** Whether two non-null values land in the same entry of this index (hash-equal, or compare-equal). */
    abstract boolean sameEntry(Object a, Object b);

    abstract void addValue(Object value, Object key);

    abstract void removeValue(Object value, Object key);

    /**
     * The keys of the records whose field equals {@code value}.
     *
     * @param value a canonical value
     * @return the keys; must not be changed
     */
    public abstract Collection<Object> equalTo(Object value);

    /**
     * The keys of the records whose field is null or missing.
     *
     * @return the keys; must not be changed
     */
    public final Set<Object> nulls() {
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
