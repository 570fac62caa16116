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

    static ValueList copyOf(Collection<?> source, int depth) {
        ValueRule.checkSize(source.size(), true);
        Object[] out = new Object[source.size()];
        int i = 0;
        for (Object o : source) {
            if (i == out.length) {
                throw new Values.InvalidValue("the list changed while being copied");
            }
            try {
                out[i] = Values.canonicalAt(o, depth);
            } catch (Values.InvalidValue e) {
                throw e.under("[" + i + "]", source);
            }
            i++;
        }
        if (i != out.length) {
            throw new Values.InvalidValue("the list changed while being copied");
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

    /**
     * {@link java.util.List}'s contract: element by element with {@code equals}, byte arrays by content. Numbers
     * of different types are different elements here, as in any list; value equality across number types is
     * {@link Values#equal(Object, Object)}'s business.
     */
    @Override
    public boolean equals(Object o) {
        if (o == this) {
            return true;
        }
        if (!(o instanceof java.util.List<?> other) || other.size() != elements.length) {
            return false;
        }
        java.util.Iterator<?> it = other.iterator();
        for (Object mine : elements) {
            Object theirs = it.next();
            if (mine instanceof byte[] a) {
                if (!(theirs instanceof byte[] b) || !java.util.Arrays.equals(a, b)) {
                    return false;
                }
            } else if (!java.util.Objects.equals(mine, theirs)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = 1;
        for (Object e : elements) {
            h = 31 * h + (e instanceof byte[] b ? java.util.Arrays.hashCode(b) : java.util.Objects.hashCode(e));
        }
        return h;
    }
}
