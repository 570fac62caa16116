package io.dictdb.core.index;

import io.dictdb.IndexSpec;
import io.dictdb.IndexType;
import io.dictdb.Values;
import io.dictdb.core.storage.Row;
import io.dictdb.internal.ValueKeys;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A hash index: values (normalised by {@link ValueKeys#hashKey(Object)}, so that numbers equal by value share an
 * entry) to buckets of primary keys. Serves equality and {@code in}.
 */
public final class HashIndex extends FieldIndex {
    private final Map<Object, Object> entries = new HashMap<>();

    HashIndex(IndexSpec spec) {
        super(spec);
    }

    @Override
    public IndexType type() {
        return spec().type(); // HASH, or ELEMENTS: a hash index of the elements
    }

    @Override
    public long distinctKeys() {
        return entries.size();
    }

    @Override
    boolean sameEntry(Object a, Object b) {
        return ValueKeys.hashKey(a).equals(ValueKeys.hashKey(b));
    }

    @Override
    void addValue(Object value, Row key) {
        entries.compute(ValueKeys.hashKey(value), (k, bucket) -> Buckets.add(bucket, key));
    }

    @Override
    void removeValue(Object value, Row key) {
        entries.computeIfPresent(ValueKeys.hashKey(value), (k, bucket) -> Buckets.remove(bucket, key));
    }

    /**
     * Visits each distinct value as its first row in insertion order and its number of rows, without reading a
     * record: the rows of null and missing values ({@link #nulls()}) are not visited.
     *
     * @param visitor receives the first row and the count of each value
     */
    public void forEachValue(java.util.function.ObjIntConsumer<Row> visitor) {
        for (Object bucket : entries.values()) {
            // a bucket is in insertion order: its first row is the value's first, with no walk over the rest
            visitor.accept(Buckets.first(bucket), Buckets.size(bucket));
        }
    }

    /** What {@link #forEachGroup} gives of each distinct value. */
    @FunctionalInterface
    public interface GroupVisitor {
        /**
         * One distinct value.
         *
         * @param key the value as the index keys it ({@link ValueKeys#hashKey(Object)}: a string is itself)
         * @param first the value's first row in insertion order
         * @param firstSlot that row's slot, its place in insertion order
         * @param count the number of rows holding the value
         */
        void visit(Object key, Row first, int firstSlot, int count);
    }

    /**
     * Visits each distinct value with its key, first row, that row's slot and its number of rows, following no row
     * for the large buckets: a group-by count reads index statistics, not records. The rows of null and missing
     * values ({@link #nulls()}) are not visited.
     *
     * @param visitor receives each value
     */
    public void forEachGroup(GroupVisitor visitor) {
        for (Map.Entry<Object, Object> e : entries.entrySet()) {
            Object bucket = e.getValue();
            visitor.visit(e.getKey(), Buckets.first(bucket), Buckets.firstSlot(bucket), Buckets.size(bucket));
        }
    }

    @Override
    void forEachBucket(Consumer<Object> visitor) {
        entries.values().forEach(visitor);
    }

    @Override
    Object bucket(Object value) {
        return entries.get(ValueKeys.hashKey(value));
    }

    @Override
    public void clear() {
        super.clear();
        entries.clear();
    }
}
