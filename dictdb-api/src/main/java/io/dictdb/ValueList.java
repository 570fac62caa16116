package io.dictdb;

import java.util.AbstractList;
import java.util.Collection;
import java.util.RandomAccess;

/**
 * The immutable list DictDB stores for a {@code List} value: elements are canonical, nulls are allowed, and byte
 * arrays are handed out as copies so that nobody can change a stored value through it.
 */
final class ValueList extends AbstractList<Object> implements RandomAccess {
    private final Object[] elements;

    private ValueList(Object[] elements) {
        this.elements = elements;
    }

    static ValueList copyOf(String field, Collection<?> source) {
        Object[] out = new Object[source.size()];
        int i = 0;
        for (Object o : source) {
            out[i] = Values.canonical(field + "[" + i + "]", o);
            i++;
        }
        if (i != out.length) {
            throw new IllegalArgumentException("Field '" + field + "': list changed while being copied");
        }
        return new ValueList(out);
    }

    @Override
    public Object get(int index) {
        Object o = elements[index];
        return o instanceof byte[] b ? b.clone() : o;
    }

    @Override
    public int size() {
        return elements.length;
    }

    @Override
    public boolean equals(Object o) {
        if (o == this) {
            return true;
        }
        return o instanceof java.util.List<?> other && Values.equal(this, canonicalOrNull(other));
    }

    private static Object canonicalOrNull(java.util.List<?> other) {
        try {
            return Values.canonical("", other);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public int hashCode() {
        return Values.hashKey(this).hashCode();
    }
}
