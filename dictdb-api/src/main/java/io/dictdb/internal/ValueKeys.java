package io.dictdb.internal;

import io.dictdb.Record;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The engine's keys for values: the hash key that hash indexes, primary keys, groups and {@code distinct} use, and the
 * bounds of a type's section of the total order that sorted indexes scan. Both follow {@link io.dictdb.Values}:
 * values {@link io.dictdb.Values#equal(Object, Object) equal} there have equal hash keys, and the bounds sort where
 * {@link io.dictdb.Values#compare(Object, Object)} puts them. Not API (see the package).
 */
public final class ValueKeys {
    private static final double TWO_53 = 9007199254740992.0;

    private ValueKeys() {
    }

    /**
     * A key for hashing that is equal for values that are {@link io.dictdb.Values#equal(Object, Object) equal}:
     * numbers are normalised (an integral value that fits a long becomes a Long, else a Double when exact, else a
     * stripped BigDecimal), byte arrays are wrapped by content ({@link BytesKey}), lists and maps are normalised
     * deeply.
     *
     * @param value a canonical value
     * @return an object whose {@code equals}/{@code hashCode} follow DictDB equality
     */
    public static Object hashKey(Object value) {
        if (value == null || value instanceof Long || value instanceof String) {
            return value;
        }
        if (value instanceof Double d) {
            double v = d;
            if (v == Math.rint(v) && Math.abs(v) < TWO_53) {
                return (long) v;
            }
            if (v == Math.rint(v) && !Double.isInfinite(v)) {
                BigDecimal exact = new BigDecimal(v);
                if (fitsLong(exact)) {
                    return exact.longValueExact();
                }
            }
            return d;
        }
        if (value instanceof BigDecimal b) {
            if (fitsLong(b)) {
                return b.longValueExact();
            }
            double d = b.doubleValue();
            if (!Double.isInfinite(d) && new BigDecimal(d).compareTo(b) == 0) {
                return d;
            }
            return b.stripTrailingZeros();
        }
        if (value instanceof byte[] bytes) {
            return new BytesKey(bytes);
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object o : list) {
                out.add(hashKey(o));
            }
            return out;
        }
        if (value instanceof Record record) {
            Map<String, Object> out = new HashMap<>();
            for (Map.Entry<String, Object> e : record.entrySet()) {
                out.put(e.getKey(), hashKey(e.getValue()));
            }
            return out;
        }
        return value;
    }

    /**
     * A bound that sorts below every value of the same type as {@code sample} and above every value of the types
     * ranked before it. Used to scan one type's section of a sorted index.
     *
     * @param sample a canonical value
     * @return the lower bound of the section of {@code sample}'s type
     */
    public static TypeBound lowestOf(Object sample) {
        return new TypeBound(sample, false);
    }

    /**
     * A bound that sorts above every value of the same type as {@code sample} and below every value of the types
     * ranked after it.
     *
     * @param sample a canonical value
     * @return the upper bound of the section of {@code sample}'s type
     */
    public static TypeBound highestOf(Object sample) {
        return new TypeBound(sample, true);
    }

    private static boolean fitsLong(BigDecimal b) {
        if (b.signum() == 0) {
            return true;
        }
        if (b.scale() > 0 && b.stripTrailingZeros().scale() > 0) {
            return false;
        }
        return b.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) >= 0
                && b.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0;
    }
}
