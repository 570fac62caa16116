package io.dictdb;

import io.dictdb.internal.FieldNameInterner;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.AbstractCollection;
import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * An immutable record: a map from field names to canonical values (see {@link Values}), in the order the fields
 * were given. Every mutator of {@link Map} throws {@link UnsupportedOperationException}; {@link #with(String, Object)}
 * and {@link #without(String)} return changed copies. Byte arrays are handed out as copies, so a record read from a
 * table can never be used to change the table.
 *
 * <p>Every record is valid by construction: its field names (at every depth) and values pass the value rule
 * described in {@link io.dictdb.spi.ImageLimits} (names non-empty, without control characters, within a length;
 * strings, byte arrays, decimals and collections within their limits; no cycles), so every codec can save it and
 * read it back. A record that would break the rule is refused with an {@link IllegalArgumentException} naming the
 * field's path and the limit.
 *
 * <p>{@code equals} and {@code hashCode} follow {@link Map}'s contract, comparing byte arrays by content.
 */
public final class Record extends AbstractMap<String, Object> {
    private static final String[] NO_KEYS = new String[0];
    private static final Record EMPTY = new Record(NO_KEYS, new Object[0]);

    private final String[] keys;
    private final Object[] values;
    private int hash;

    private Record(String[] keys, Object[] values) {
        this.keys = keys;
        this.values = values;
    }

    /**
     * The record with no fields.
     *
     * @return the empty record
     */
    public static Record empty() {
        return EMPTY;
    }

    /**
     * Makes a record from a map, converting every value to its canonical type. A {@code Record} is returned as it
     * is.
     *
     * @param map field names to values; keys must be non-null strings
     * @return an immutable record with the map's fields in its iteration order
     * @throws IllegalArgumentException if a key is null or breaks the rule for names, or a value has an unsupported
     *     type or breaks the value rule (see {@link io.dictdb.spi.ImageLimits}), naming the field's path
     * @throws NullPointerException if {@code map} is null
     */
    public static Record of(Map<String, ?> map) {
        Objects.requireNonNull(map, "map");
        if (map instanceof Record r) {
            return r;
        }
        try {
            return canonicalMap(map, 0);
        } catch (Values.InvalidValue e) {
            throw e.toException(null);
        }
    }

    /**
     * Makes a record from alternating field names and values: {@code Record.of("name", "Ada", "age", 36)}.
     *
     * @param fieldsAndValues an even number of arguments: a String name, then its value
     * @return an immutable record
     * @throws IllegalArgumentException if the count is odd, a name is not a string, repeated or breaks the rule for
     *     names, or a value has an unsupported type or breaks the value rule (see
     *     {@link io.dictdb.spi.ImageLimits})
     */
    public static Record of(Object... fieldsAndValues) {
        if (fieldsAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("Record.of needs field/value pairs, got "
                    + fieldsAndValues.length + " arguments");
        }
        int n = fieldsAndValues.length / 2;
        String[] k = new String[n];
        Object[] v = new Object[n];
        for (int i = 0; i < n; i++) {
            if (!(fieldsAndValues[2 * i] instanceof String name)) {
                throw new IllegalArgumentException("Record.of: argument " + (2 * i) + " must be a field name");
            }
            for (int j = 0; j < i; j++) {
                if (k[j].equals(name)) {
                    throw new IllegalArgumentException("Record.of: field '" + name + "' given twice");
                }
            }
            k[i] = name;
            v[i] = Values.canonical(name, fieldsAndValues[2 * i + 1]);
        }
        return new Record(shape(k), v);
    }

    /** Copies a map into a record; errors carry the path below this map, and their callers prepend theirs. */
    static Record canonicalMap(Map<?, ?> map, int depth) {
        int n = map.size();
        ValueRule.checkSize(n, false);
        // Records made one after another nearly always have the shape made last: match the names against it as
        // they come (by identity, for literals) and build a key array only once they leave it.
        String[] hint = FieldNameInterner.recent();
        if (hint != null && hint.length != n) {
            hint = null;
        }
        String[] k = hint == null ? new String[n] : null;
        Object[] v = new Object[n];
        int i = 0;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (i == n) {
                throw new Values.InvalidValue("the map changed while being copied");
            }
            if (!(e.getKey() instanceof String name)) {
                throw new Values.InvalidValue("field names must be non-null strings, got " + e.getKey());
            }
            if (k != null) {
                k[i] = name;
            } else if (hint[i] != name && !hint[i].equals(name)) {
                k = new String[n];
                System.arraycopy(hint, 0, k, 0, i);
                k[i] = name;
            }
            try {
                v[i] = Values.canonicalAt(e.getValue(), depth);
            } catch (Values.InvalidValue x) {
                throw x.under("." + name, map);
            }
            i++;
        }
        if (i != n) {
            throw new Values.InvalidValue("the map changed while being copied");
        }
        return new Record(k == null ? hint : interned(k), v);
    }

    /**
     * Returns a copy with {@code field} set to {@code value} (added at the end when it is new).
     *
     * @param field the field's name
     * @param value any supported value, converted to its canonical type
     * @return the changed copy
     * @throws IllegalArgumentException if the name breaks the rule for names, or the value has an unsupported type
     *     or breaks the value rule (see {@link io.dictdb.spi.ImageLimits})
     */
    public Record with(String field, Object value) {
        Objects.requireNonNull(field, "field");
        Object canonical = Values.canonical(field, value);
        int i = indexOf(field);
        if (i >= 0) {
            Object[] v = values.clone();
            v[i] = canonical;
            return new Record(keys, v);
        }
        String[] k = Arrays.copyOf(keys, keys.length + 1);
        Object[] v = Arrays.copyOf(values, values.length + 1);
        k[keys.length] = field;
        v[values.length] = canonical;
        return new Record(shape(k), v);
    }

    /**
     * Returns a copy whose fields are this record's fields overwritten and extended by {@code changes}, in the
     * order of {@code changes}: {@link #with(String, Object)} for each entry. (Not named {@code merge}: the
     * inherited {@link Map#merge(Object, Object, BiFunction)} mutates, so a record throws on it.)
     *
     * @param changes fields to set
     * @return the changed copy
     * @throws IllegalArgumentException if a name or a value breaks the value rule (see
     *     {@link io.dictdb.spi.ImageLimits}) or a value has an unsupported type
     */
    public Record withAll(Map<String, ?> changes) {
        Record r = this;
        for (Map.Entry<String, ?> e : changes.entrySet()) {
            r = r.with(e.getKey(), e.getValue());
        }
        return r;
    }

    /**
     * Returns a copy without {@code field}, or this record when it has no such field.
     *
     * @param field the field's name
     * @return the copy
     */
    public Record without(String field) {
        int i = indexOf(field);
        if (i < 0) {
            return this;
        }
        String[] k = new String[keys.length - 1];
        Object[] v = new Object[values.length - 1];
        System.arraycopy(keys, 0, k, 0, i);
        System.arraycopy(values, 0, v, 0, i);
        System.arraycopy(keys, i + 1, k, i, keys.length - i - 1);
        System.arraycopy(values, i + 1, v, i, values.length - i - 1);
        return new Record(shape(k), v);
    }

    /** The shared key array of a shape, its names checked against the rule for names. */
    private static String[] shape(String[] keys) {
        try {
            return interned(keys);
        } catch (Values.InvalidValue e) {
            throw e.toException(null);
        }
    }

    /**
     * The shared array equal to {@code keys} (a fresh array), or {@code keys} once its names are checked: a known
     * shape costs one lookup and no name check.
     *
     * @throws Values.InvalidValue if a name breaks the rule for names
     */
    private static String[] interned(String[] keys) {
        String[] shared = FieldNameInterner.shared(keys);
        if (shared != null) {
            return shared;
        }
        ValueRule.checkKeys(keys);
        return FieldNameInterner.share(keys);
    }

    private int indexOf(Object field) {
        return indexOfName(keys, field);
    }

    private static int indexOfName(String[] k, Object field) {
        // Records are small: a linear probe beats hashing. Field names are usually interned literals, so a first
        // pass by identity alone finds most fields without calling equals() on the names before them (each call
        // reads both names' contents; JFR: Record.get and its probe were about 30% of the samples of the composite
        // lookup bench, which reads the fifth field of 2,500 records); equals() then covers names that are equal but
        // not the same object.
        for (int i = 0; i < k.length; i++) {
            if (k[i] == field) {
                return i;
            }
        }
        for (int i = 0; i < k.length; i++) {
            if (k[i].equals(field)) {
                return i;
            }
        }
        return -1;
    }

    private Object raw(String field) {
        int i = indexOf(field);
        return i < 0 ? null : values[i];
    }

    @Override
    public Object get(Object field) {
        int i = indexOf(field);
        if (i < 0) {
            return null;
        }
        return exposed(values[i]);
    }

    @Override
    public boolean containsKey(Object field) {
        return indexOf(field) >= 0;
    }

    @Override
    public int size() {
        return keys.length;
    }

    @Override
    public boolean isEmpty() {
        return keys.length == 0;
    }

    /**
     * The field names in order.
     *
     * @return an immutable list of the field names (a view: it copies nothing)
     */
    public List<String> fields() {
        return new FieldNames(keys);
    }

    /**
     * The name of the field at {@code index}, in the order of {@link #fields()}. With {@link #valueAt(int)} and
     * {@link #size()}, it lets a caller (a codec, say) walk a record without an iterator or an entry per field.
     *
     * @param index from 0 to {@code size() - 1}
     * @return the field's name
     * @throws IndexOutOfBoundsException if {@code index} is out of range
     */
    public String fieldAt(int index) {
        return keys[Objects.checkIndex(index, keys.length)];
    }

    /**
     * The value of the field at {@code index}, in the order of {@link #fields()}; a byte array is handed out as a
     * copy, as by {@link #get(Object)}.
     *
     * @param index from 0 to {@code size() - 1}
     * @return the field's canonical value, possibly null
     * @throws IndexOutOfBoundsException if {@code index} is out of range
     */
    public Object valueAt(int index) {
        return exposed(values[Objects.checkIndex(index, values.length)]);
    }

    /**
     * A record with this record's fields, in the same order, holding {@code newValues} instead: each value is
     * converted to its canonical type and checked against the value rule, as by {@link #of(Object...)}, while the
     * names, already checked, are not checked again. Decoders that make many records of one shape use it (through
     * {@link io.dictdb.spi.RecordShape}) to skip the per-record name work.
     *
     * @param newValues one value per field, in field order; the array is not kept
     * @return the new record
     * @throws IllegalArgumentException if the count differs from {@link #size()}, or a value has an unsupported
     *     type or breaks the value rule (see {@link io.dictdb.spi.ImageLimits}), naming the field
     * @throws NullPointerException if {@code newValues} is null
     */
    public Record withValues(Object... newValues) {
        String[] k = keys;
        if (newValues.length != k.length) {
            throw new IllegalArgumentException("withValues needs " + k.length + " values (one per field), got "
                    + newValues.length);
        }
        // a fresh array: the caller's can change after this returns, the record's never does
        Object[] v = new Object[k.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = Values.canonical(k[i], newValues[i]);
        }
        return new Record(k, v);
    }

    /** The names of a record, read-only over its shared (never changed) key array. */
    private static final class FieldNames extends AbstractList<String> implements RandomAccess {
        private final String[] keys;

        FieldNames(String[] keys) {
            this.keys = keys;
        }

        @Override
        public String get(int index) {
            return keys[Objects.checkIndex(index, keys.length)];
        }

        @Override
        public int size() {
            return keys.length;
        }

        @Override
        public boolean contains(Object o) {
            // List.of refused a null probe; keep that
            return indexOfName(keys, Objects.requireNonNull(o)) >= 0;
        }

        @Override
        public int indexOf(Object o) {
            return indexOfName(keys, Objects.requireNonNull(o));
        }

        @Override
        public Iterator<String> iterator() {
            // Iterator's own remove() throws UnsupportedOperationException, as List.of's did
            return walk(keys.length, i -> keys[i]);
        }
    }

    private DictDbException wrongType(String field, String expected, Object actual) {
        return new DictDbException("Field '" + field + "' holds " + Values.typeName(actual) + " "
                + Values.describe(actual) + ", not " + expected);
    }

    /**
     * The field as a String.
     *
     * @param field the field's name
     * @return the value, or null when null or missing
     * @throws DictDbException if the value is not a String, naming the field
     */
    public String getString(String field) {
        Object o = raw(field);
        if (o == null || o instanceof String) {
            return (String) o;
        }
        throw wrongType(field, "STRING", o);
    }

    /**
     * The field as a Long.
     *
     * @param field the field's name
     * @return the value, or null when null or missing
     * @throws DictDbException if the value is not a Long, naming the field
     */
    public Long getLong(String field) {
        Object o = raw(field);
        if (o == null || o instanceof Long) {
            return (Long) o;
        }
        throw wrongType(field, "LONG", o);
    }

    /**
     * The field as an Integer.
     *
     * @param field the field's name
     * @return the value, or null when null or missing
     * @throws DictDbException if the value is not a Long or does not fit an int, naming the field
     */
    public Integer getInt(String field) {
        Long l = getLong(field);
        if (l == null) {
            return null;
        }
        if (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
            throw new DictDbException("Field '" + field + "' holds " + l + ", which does not fit an int");
        }
        return l.intValue();
    }

    /**
     * The field as a Double; any number is accepted and converted.
     *
     * @param field the field's name
     * @return the value, or null when null or missing
     * @throws DictDbException if the value is not a number, naming the field
     */
    public Double getDouble(String field) {
        Object o = raw(field);
        if (o == null || o instanceof Double) {
            return (Double) o;
        }
        if (o instanceof Number n) {
            return n.doubleValue();
        }
        throw wrongType(field, "DOUBLE", o);
    }

    /**
     * The field as a BigDecimal; any finite number is accepted and converted exactly.
     *
     * @param field the field's name
     * @return the value, or null when null or missing
     * @throws DictDbException if the value is not a finite number, naming the field
     */
    public BigDecimal getDecimal(String field) {
        Object o = raw(field);
        if (o == null || o instanceof BigDecimal) {
            return (BigDecimal) o;
        }
        if (o instanceof Long l) {
            return BigDecimal.valueOf(l);
        }
        if (o instanceof Double d && Double.isFinite(d)) {
            return BigDecimal.valueOf(d);
        }
        throw wrongType(field, "DECIMAL", o);
    }

    /**
     * The field as a Boolean.
     *
     * @param field the field's name
     * @return the value, or null when null or missing
     * @throws DictDbException if the value is not a Boolean, naming the field
     */
    public Boolean getBoolean(String field) {
        Object o = raw(field);
        if (o == null || o instanceof Boolean) {
            return (Boolean) o;
        }
        throw wrongType(field, "BOOLEAN", o);
    }

    /**
     * The field as an Instant.
     *
     * @param field the field's name
     * @return the value, or null when null or missing
     * @throws DictDbException if the value is not an Instant, naming the field
     */
    public Instant getInstant(String field) {
        Object o = raw(field);
        if (o == null || o instanceof Instant) {
            return (Instant) o;
        }
        throw wrongType(field, "INSTANT", o);
    }

    /**
     * The field as a LocalDate.
     *
     * @param field the field's name
     * @return the value, or null when null or missing
     * @throws DictDbException if the value is not a LocalDate, naming the field
     */
    public LocalDate getDate(String field) {
        Object o = raw(field);
        if (o == null || o instanceof LocalDate) {
            return (LocalDate) o;
        }
        throw wrongType(field, "DATE", o);
    }

    /**
     * The field as a UUID.
     *
     * @param field the field's name
     * @return the value, or null when null or missing
     * @throws DictDbException if the value is not a UUID, naming the field
     */
    public UUID getUuid(String field) {
        Object o = raw(field);
        if (o == null || o instanceof UUID) {
            return (UUID) o;
        }
        throw wrongType(field, "UUID", o);
    }

    /**
     * The field as a copy of its byte array.
     *
     * @param field the field's name
     * @return a copy of the bytes, or null when null or missing
     * @throws DictDbException if the value is not a byte array, naming the field
     */
    public byte[] getBytes(String field) {
        Object o = raw(field);
        if (o == null) {
            return null;
        }
        if (o instanceof byte[] b) {
            return b.clone();
        }
        throw wrongType(field, "BYTES", o);
    }

    /**
     * The field as an immutable list.
     *
     * @param field the field's name
     * @return the list, or null when null or missing
     * @throws DictDbException if the value is not a list, naming the field
     */
    public List<Object> getList(String field) {
        Object o = raw(field);
        if (o == null) {
            return null;
        }
        if (o instanceof ValueList l) {
            return l;
        }
        throw wrongType(field, "LIST", o);
    }

    /**
     * The field as a nested record.
     *
     * @param field the field's name
     * @return the nested record, or null when null or missing
     * @throws DictDbException if the value is not a map, naming the field
     */
    public Record getRecord(String field) {
        Object o = raw(field);
        if (o == null || o instanceof Record) {
            return (Record) o;
        }
        throw wrongType(field, "MAP", o);
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, Object>> iterator() {
                return walk(keys.length, i -> new SimpleImmutableEntry<>(keys[i], exposed(values[i])));
            }

            @Override
            public int size() {
                return keys.length;
            }
        };
    }

    @Override
    public Set<String> keySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<String> iterator() {
                return new FieldNames(keys).iterator();
            }

            @Override
            public int size() {
                return keys.length;
            }

            @Override
            public boolean contains(Object o) {
                return indexOf(o) >= 0;
            }
        };
    }

    @Override
    public Collection<Object> values() {
        return new AbstractCollection<>() {
            @Override
            public Iterator<Object> iterator() {
                // walks the values directly: no entry per field
                return walk(values.length, i -> exposed(values[i]));
            }

            @Override
            public int size() {
                return keys.length;
            }
        };
    }

    @Override
    public boolean equals(Object o) {
        if (o == this) {
            return true;
        }
        if (!(o instanceof Map<?, ?> other) || other.size() != keys.length) {
            return false;
        }
        for (int i = 0; i < keys.length; i++) {
            Object mine = values[i];
            Object theirs = other instanceof Record r ? r.raw(keys[i]) : other.get(keys[i]);
            if (theirs == null && !other.containsKey(keys[i])) {
                return false;
            }
            if (mine instanceof byte[] a) {
                if (!(theirs instanceof byte[] b) || !Arrays.equals(a, b)) {
                    return false;
                }
            } else if (!Objects.equals(mine, theirs)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            for (int i = 0; i < keys.length; i++) {
                Object v = values[i];
                int vh = v instanceof byte[] b ? Arrays.hashCode(b) : Objects.hashCode(v);
                h += keys[i].hashCode() ^ vh;
            }
            hash = h;
        }
        return h;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < keys.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(keys[i]).append('=');
            Object v = values[i];
            sb.append(v instanceof byte[] b ? "byte[" + b.length + "]" : String.valueOf(v));
        }
        return sb.append('}').toString();
    }

    /** Always throws: records are immutable. */
    @Override
    public Object put(String key, Object value) {
        throw immutable();
    }

    /** Always throws: records are immutable. */
    @Override
    public Object remove(Object key) {
        throw immutable();
    }

    /** Always throws: records are immutable. */
    @Override
    public void putAll(Map<? extends String, ?> m) {
        throw immutable();
    }

    /** Always throws: records are immutable. */
    @Override
    public void clear() {
        throw immutable();
    }

    /** Always throws: records are immutable. */
    @Override
    public Object putIfAbsent(String key, Object value) {
        throw immutable();
    }

    /** Always throws: records are immutable. */
    @Override
    public boolean remove(Object key, Object value) {
        throw immutable();
    }

    /** Always throws: records are immutable. */
    @Override
    public boolean replace(String key, Object oldValue, Object newValue) {
        throw immutable();
    }

    /** Always throws: records are immutable. */
    @Override
    public Object replace(String key, Object value) {
        throw immutable();
    }

    /** Always throws: records are immutable. */
    @Override
    public void replaceAll(BiFunction<? super String, ? super Object, ?> function) {
        throw immutable();
    }

    /** Always throws: records are immutable. */
    @Override
    public Object computeIfAbsent(String key, Function<? super String, ?> mappingFunction) {
        throw immutable();
    }

    /** Always throws: records are immutable. */
    @Override
    public Object computeIfPresent(String key, BiFunction<? super String, ? super Object, ?> remappingFunction) {
        throw immutable();
    }

    /** Always throws: records are immutable. */
    @Override
    public Object compute(String key, BiFunction<? super String, ? super Object, ?> remappingFunction) {
        throw immutable();
    }

    /** Always throws: records are immutable. */
    @Override
    public Object merge(String key, Object value, BiFunction<? super Object, ? super Object, ?> remappingFunction) {
        throw immutable();
    }

    private static UnsupportedOperationException immutable() {
        return new UnsupportedOperationException("Records are immutable: use with(field, value) or without(field)");
    }

    /**
     * An iterator over positions 0 to size-1, reading each through {@code at}; its {@code remove()} throws, as the
     * views are read-only.
     */
    private static <T> Iterator<T> walk(int size, java.util.function.IntFunction<T> at) {
        return new Iterator<>() {
            private int i;

            @Override
            public boolean hasNext() {
                return i < size;
            }

            @Override
            public T next() {
                if (i >= size) {
                    throw new NoSuchElementException();
                }
                return at.apply(i++);
            }
        };
    }

    /** A value as the views hand it out: byte arrays copied, as {@link #get(Object)} does. */
    private static Object exposed(Object value) {
        return value instanceof byte[] b ? b.clone() : value;
    }
}
