package io.dictdb.core.index;

import io.dictdb.IndexSpec;
import io.dictdb.IndexType;
import io.dictdb.Values;
import io.dictdb.core.storage.Row;
import io.dictdb.internal.ValueKeys;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * A sorted index: values in the total order of {@link Values#ORDER} (numbers by value, then strings, ...) to
 * buckets of primary keys. Serves equality, ranges, {@code between}, string prefixes and ordering. A range only
 * ever covers values of its bounds' type, as the comparison rules require.
 */
public final class SortedIndex extends FieldIndex {
    private final TreeMap<Object, Object> entries = new TreeMap<>(SortedKeyOrder.INSTANCE);

    SortedIndex(IndexSpec spec) {
        super(spec);
    }

    @Override
    public IndexType type() {
        return IndexType.SORTED;
    }

    @Override
    public long distinctKeys() {
        return entries.size();
    }

    @Override
    boolean sameEntry(Object a, Object b) {
        return SortedKeyOrder.INSTANCE.compare(a, b) == 0;
    }

    @Override
    void addValue(Object value, Row key) {
        entries.compute(value, (k, bucket) -> Buckets.add(bucket, key));
    }

    @Override
    void removeValue(Object value, Row key) {
        entries.computeIfPresent(value, (k, bucket) -> Buckets.remove(bucket, key));
    }

    @Override
    void forEachBucket(Consumer<Object> visitor) {
        entries.values().forEach(visitor);
    }

    @Override
    Object bucket(Object value) {
        return entries.get(value);
    }

    /**
     * The rows whose value lies between two bounds of one type. Either bound may be null for
     * "from the lowest" or "to the highest" value of the other bound's type.
     *
     * @param low the lower bound, or null
     * @param lowInclusive whether the lower bound itself is included
     * @param high the upper bound, or null
     * @param highInclusive whether the upper bound itself is included
     * @return the keys, in value order
     */
    public List<Row> range(Object low, boolean lowInclusive, Object high, boolean highInclusive) {
        return range(low, lowInclusive, high, highInclusive, low != null ? low : high, Integer.MAX_VALUE);
    }

    /**
     * As {@link #range(Object, boolean, Object, boolean)}, but gives up once more than {@code cap} rows are found:
     * an AND does not need a range larger than its smallest candidate set.
     *
     * @param low the lower bound, or null
     * @param lowInclusive whether the lower bound itself is included
     * @param high the upper bound, or null
     * @param highInclusive whether the upper bound itself is included
     * @param cap the most rows wanted
     * @return the keys in value order, or null when there are more than {@code cap}
     */
    public List<Row> range(Object low, boolean lowInclusive, Object high, boolean highInclusive, int cap) {
        return range(low, lowInclusive, high, highInclusive, low != null ? low : high, cap);
    }

    /**
     * As {@link #range(Object, boolean, Object, boolean, int)}, with room for {@code expected} rows made up front:
     * a caller with a guess at the size (see {@link #estimatedRows}) saves the list's growth, a tenth of a range
     * read of 10,000 rows.
     *
     * @param low the lower bound, or null
     * @param lowInclusive whether the lower bound itself is included
     * @param high the upper bound, or null
     * @param highInclusive whether the upper bound itself is included
     * @param cap the most rows wanted
     * @param expected the rows expected, only a capacity: any number is safe
     * @return the keys in value order, or null when there are more than {@code cap}
     */
    public List<Row> range(Object low, boolean lowInclusive, Object high, boolean highInclusive, int cap,
                           int expected) {
        return range(low, lowInclusive, high, highInclusive, low != null ? low : high, cap, expected);
    }

    private List<Row> range(Object low, boolean lowInclusive, Object high, boolean highInclusive, Object sample,
                            int cap) {
        return range(low, lowInclusive, high, highInclusive, sample, cap, 0);
    }

    private List<Row> range(Object low, boolean lowInclusive, Object high, boolean highInclusive, Object sample,
                            int cap, int expected) {
        NavigableMap<Object, Object> sub = section(low, lowInclusive, high, highInclusive, sample);
        List<Row> out = new ArrayList<>(Math.max(0, expected));
        for (Object bucket : sub.values()) {
            Buckets.addTo(bucket, out);
            if (out.size() > cap) {
                return null;
            }
        }
        return out;
    }

    /**
     * The rows of a composite index whose tuples lie between two tuple bounds (a prefix of equal values and a bound
     * on the next field, see {@code FieldRange.readAfter}), in tuple order; gives up past {@code cap} rows.
     *
     * @param from the lower tuple bound
     * @param fromInclusive whether it is included
     * @param to the upper tuple bound
     * @param toInclusive whether it is included
     * @param cap the most rows wanted
     * @return the rows, or null when there are more than {@code cap}
     */
    public List<Row> tuples(List<Object> from, boolean fromInclusive, List<Object> to, boolean toInclusive, int cap) {
        List<Row> out = new ArrayList<>();
        for (Object bucket : tupleSection(from, fromInclusive, to, toInclusive).values()) {
            Buckets.addTo(bucket, out);
            if (out.size() > cap) {
                return null;
            }
        }
        return out;
    }

    /**
     * The entries between two tuple bounds, in ascending or descending order: an ordered walk of a composite index
     * within a prefix.
     *
     * @param from the lower tuple bound
     * @param fromInclusive whether it is included
     * @param to the upper tuple bound
     * @param toInclusive whether it is included
     * @return a view of tuple to bucket
     */
    public NavigableMap<Object, Object> tupleSection(List<Object> from, boolean fromInclusive, List<Object> to,
                                                     boolean toInclusive) {
        int c = Values.compare(from, to);
        if (c > 0 || c == 0 && !(fromInclusive && toInclusive)) {
            return Collections.emptyNavigableMap();
        }
        return entries.subMap(from, fromInclusive, to, toInclusive);
    }

    /**
     * A guess at the number of rows between two numeric bounds, read from the index's lowest and highest values
     * alone (no walk): the share of their span the bounds cover, times {@code rows}, as if values were spread
     * evenly. A planner uses it to skip reading a range that is surely too large; it never decides a result.
     *
     * @param low the lower bound (a {@code Long} or {@code Double}), or null for "from the lowest"
     * @param high the upper bound (a {@code Long} or {@code Double}), or null for "to the highest"
     * @param rows the number of rows with a non-null value in this index
     * @return the estimate, or -1 when the index or the bounds are not all numbers of those types, or every value
     *     is one number
     */
    public long estimatedRows(Object low, Object high, long rows) {
        if (entries.isEmpty() || !isNumber(low) && low != null || !isNumber(high) && high != null) {
            return -1;
        }
        Object first = entries.firstKey();
        Object last = entries.lastKey();
        if (!isNumber(first) || !isNumber(last)) {
            return -1; // numbers rank first in the order: when the last key is a number, so is every key
        }
        double min = ((Number) first).doubleValue();
        double max = ((Number) last).doubleValue();
        double from = low == null ? min : Math.max(min, ((Number) low).doubleValue());
        double to = high == null ? max : Math.min(max, ((Number) high).doubleValue());
        if (!(max > min) || Double.isInfinite(max - min)) {
            return -1;
        }
        if (to < from) {
            return 0;
        }
        return (long) Math.ceil((to - from) / (max - min) * rows);
    }

    private static boolean isNumber(Object v) {
        return v instanceof Long || v instanceof Double d && !d.isNaN();
    }

    /**
     * The rows whose string value starts with {@code prefix}.
     *
     * @param prefix the prefix, possibly empty
     * @return the keys, in value order
     */
    public List<Row> prefix(String prefix) {
        return prefix(prefix, Integer.MAX_VALUE);
    }

    /**
     * As {@link #prefix(String)}, but gives up once more than {@code cap} rows are found.
     *
     * @param prefix the prefix, possibly empty
     * @param cap the most rows wanted
     * @return the keys in value order, or null when there are more than {@code cap}
     */
    public List<Row> prefix(String prefix, int cap) {
        if (prefix.isEmpty()) {
            return range(null, true, null, true, "", cap);
        }
        String upper = prefixEnd(prefix);
        return upper == null ? range(prefix, true, null, true, prefix, cap)
                : range(prefix, true, upper, false, prefix, cap);
    }

    private NavigableMap<Object, Object> section(Object low, boolean lowInclusive, Object high,
                                                 boolean highInclusive, Object sample) {
        if (sample == null || low != null && high != null && !Values.comparable(low, high)
                || !Values.comparable(sample, sample)) {
            return Collections.emptyNavigableMap();
        }
        Object from = low != null ? low : ValueKeys.lowestOf(sample);
        Object to = high != null ? high : ValueKeys.highestOf(sample);
        int c = Values.compare(from, to);
        if (c > 0 || c == 0 && !(lowInclusive && highInclusive)) {
            return Collections.emptyNavigableMap();
        }
        return entries.subMap(from, low == null || lowInclusive, to, high == null || highInclusive);
    }

    /**
     * The smallest string greater than every string starting with {@code prefix}: the exclusive upper bound of a
     * prefix range, here and in the planner's ranges.
     *
     * @param prefix the prefix
     * @return the bound, or null when there is none (the prefix is empty or made of {@code U+FFFF} only)
     */
    public static String prefixEnd(String prefix) {
        StringBuilder sb = new StringBuilder(prefix);
        while (sb.length() > 0) {
            char last = sb.charAt(sb.length() - 1);
            if (last != Character.MAX_VALUE) {
                sb.setCharAt(sb.length() - 1, (char) (last + 1));
                return sb.toString();
            }
            sb.setLength(sb.length() - 1);
        }
        return null;
    }

    /**
     * The entries in ascending or descending value order, for walks that produce ordered results.
     *
     * @param descending true for descending order
     * @return a view of value to bucket
     */
    public NavigableMap<Object, Object> entries(boolean descending) {
        return descending ? entries.descendingMap() : entries;
    }

    /**
     * Adds a bucket's keys to a collection.
     *
     * @param bucket a bucket from {@link #entries(boolean)}
     * @param out where to add the keys
     */
    public static void keysOf(Object bucket, Collection<Row> out) {
        Buckets.addTo(bucket, out);
    }

    /**
     * The row of a bucket holding exactly one, the commonest bucket of a field of mostly distinct values: an
     * ordered walk reads it without collecting it into a list first.
     *
     * @param bucket a bucket from {@link #entries(boolean)}
     * @return its one row, or null when it holds more
     */
    public static Row onlyRow(Object bucket) {
        return bucket instanceof Row row ? row : null;
    }

    @Override
    public void clear() {
        super.clear();
        entries.clear();
    }
}
