package io.dictdb.core.index;

import io.dictdb.IndexSpec;
import io.dictdb.IndexType;
import io.dictdb.Record;
import io.dictdb.core.storage.Row;
import io.dictdb.internal.ValueKeys;
import io.dictdb.query.Condition;
import io.dictdb.spi.IndexDefinition;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * An index from the values of one field to the {@link Row rows} holding them. Records whose field is null or missing
 * are kept apart, so that {@code isNull} can be served and so that every record is accounted for. The rows of each
 * value, and the null rows, are kept in insertion order ({@link Buckets}), so lookups come out as a scan gives them
 * without a sort. Not thread-safe: the owning table's lock guards it.
 *
 * <p>One class serves every {@link IndexSpec}: the plain single-field index (the fast path, which reads one field
 * and tests nothing else), a composite one (its value is the list of its fields' values; a record with any of them
 * null or missing is kept apart with the nulls), a partial one (a record not meeting its condition is not in it at
 * all) and an elements index (each distinct element of a list field is a value; a record without a list is not in
 * it). Lookups read buckets the same way whatever the kind; only writes look at the kind.
 */
public abstract sealed class FieldIndex permits HashIndex, SortedIndex {
    private final String field;
    private final IndexSpec spec;
    /** The fields of a composite index, or null for one field. */
    private final String[] fields;
    /** The condition of a partial index, or null. */
    private final Condition where;
    private final boolean elements;
    /** A single-field index of every record: a write reads one field and nothing else. */
    private final boolean plain;
    private final OrderedRows nulls = new OrderedRows();
    private final IndexUsage usage = new IndexUsage();

    FieldIndex(IndexSpec spec) {
        this.spec = spec;
        this.field = spec.fields().get(0);
        this.fields = spec.fields().size() > 1 ? spec.fields().toArray(String[]::new) : null;
        this.where = spec.condition().orElse(null);
        this.elements = spec.type() == IndexType.ELEMENTS;
        this.plain = fields == null && where == null && !elements;
    }

    /**
     * Makes an empty single-field index of a type.
     *
     * @param field the indexed field
     * @param type the index type
     * @return the index
     */
    public static FieldIndex of(String field, IndexType type) {
        return of(type == IndexType.SORTED ? IndexSpec.sorted(field) : IndexSpec.hash(field));
    }

    /**
     * Makes an empty index of a spec: an elements index is a hash index of the elements.
     *
     * @param spec the spec
     * @return the index
     */
    public static FieldIndex of(IndexSpec spec) {
        return spec.type() == IndexType.SORTED ? new SortedIndex(spec) : new HashIndex(spec);
    }

    /**
     * The indexed field, the first one of a composite index.
     *
     * @return the field's name
     */
    public final String field() {
        return field;
    }

    /**
     * What the index is.
     *
     * @return the spec it was made from
     */
    public final IndexSpec spec() {
        return spec;
    }

    /**
     * The index's name in its table ({@link IndexSpec#name()}): what plans show.
     *
     * @return the name
     */
    public final String name() {
        return spec.name();
    }

    /**
     * Whether this is a single-field index of every record (unique or not), which serves any condition on its
     * field; a composite, partial or elements index serves only what the planner checks it can.
     *
     * @return true for a plain index
     */
    public final boolean isPlain() {
        return plain;
    }

    /**
     * The usage counts, which the planner adds to.
     *
     * @return the counts
     */
    public final IndexUsage usage() {
        return usage;
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
        return IndexDefinition.of(spec);
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
        if (!plain) {
            addAny(key, key.record());
            return;
        }
        Object v = key.record().get(field);
        if (v == null) {
            nulls.add(key);
        } else {
            addValue(v, key);
        }
    }

    private void addAny(Row key, Record r) {
        if (where != null && !where.test(r)) {
            return;
        }
        if (elements) {
            for (Object e : elementsOf(r)) {
                addValue(e, key);
            }
            return;
        }
        Object v = tupleOf(r);
        if (v == null) {
            nulls.add(key);
        } else {
            addValue(v, key);
        }
    }

    /**
     * The value a record is indexed under: the field's value, or for a composite index the list of its fields'
     * values (null when any is null or missing). Null too for a record a partial index leaves out, and for an
     * elements index, whose values are {@link #elementsOf}.
     *
     * @param r the record
     * @return the value, or null
     */
    public final Object valueOf(Record r) {
        if (elements || where != null && !where.test(r)) {
            return null;
        }
        return tupleOf(r);
    }

    /** The field's value, or the list of the fields' values (null when one is null or missing). */
    private Object tupleOf(Record r) {
        if (fields == null) {
            return r.get(field);
        }
        Object[] values = new Object[fields.length];
        for (int i = 0; i < fields.length; i++) {
            Object v = r.get(fields[i]);
            if (v == null) {
                return null;
            }
            values[i] = v;
        }
        return List.of(values);
    }

    /** The distinct non-null elements of the list field (by hash key: 1 and 1.0 are one), or none. */
    private List<Object> elementsOf(Record r) {
        if (!(r.get(field) instanceof List<?> list) || list.isEmpty()) {
            return List.of();
        }
        List<Object> out = new ArrayList<>(list.size());
        Set<Object> seen = list.size() > 1 ? new HashSet<>() : null;
        for (Object e : list) {
            if (e != null && (seen == null || seen.add(ValueKeys.hashKey(e)))) {
                out.add(e);
            }
        }
        return out;
    }

    /**
     * The row already holding the value {@code r} would be indexed under, for a unique check; a row other than
     * {@code r}'s own is a duplicate.
     *
     * @param r the record
     * @return the first row under its value, or null when none is, or {@code r} is not in the index
     */
    public final Row holderOf(Record r) {
        Object v = valueOf(r);
        if (v == null) {
            return null;
        }
        Object bucket = bucket(v);
        return bucket == null ? null : Buckets.first(bucket);
    }

    /**
     * Removes a row.
     *
     * @param key the row
     * @param record the record as it was indexed
     */
    public final void remove(Row key, Record record) {
        if (!plain) {
            removeAny(key, record);
            return;
        }
        Object v = record.get(field);
        if (v == null) {
            nulls.remove(key);
        } else {
            removeValue(v, key);
        }
    }

    private void removeAny(Row key, Record r) {
        if (where != null && !where.test(r)) {
            return;
        }
        if (elements) {
            for (Object e : elementsOf(r)) {
                removeValue(e, key);
            }
            return;
        }
        Object v = tupleOf(r);
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
        if (!plain) {
            if (!elements) {
                Object a = valueOf(before);
                Object b = valueOf(key.record());
                boolean wasIn = where == null || where.test(before);
                boolean isIn = where == null || where.test(key.record());
                if (wasIn && isIn && (a == null && b == null || a != null && b != null && sameEntry(a, b))) {
                    return;
                }
            }
            removeAny(key, before);
            addAny(key, key.record());
            return;
        }
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
        return type() + " index on '" + name() + "'";
    }
}
