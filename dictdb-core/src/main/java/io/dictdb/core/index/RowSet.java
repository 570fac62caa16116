package io.dictdb.core.index;

import io.dictdb.core.storage.Row;

import java.util.AbstractSet;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * A set of rows by identity, as one open-addressing array: an index bucket with a hundred thousand rows costs four
 * bytes or so per row instead of a hash map's forty-byte node. Iteration order is unspecified. Removal shifts
 * later entries back, so no tombstones accumulate.
 */
final class RowSet extends AbstractSet<Row> {
    private Row[] table = new Row[4];
    private int size;

    @Override
    public int size() {
        return size;
    }

    private static int slot(Object row, int mask) {
        int h = System.identityHashCode(row) * 0x9E3779B9;
        return (h ^ (h >>> 16)) & mask;
    }

    @Override
    public boolean add(Row row) {
        if ((size + 1) * 2 > table.length) {
            grow();
        }
        int mask = table.length - 1;
        int i = slot(row, mask);
        Row at;
        while ((at = table[i]) != null) {
            if (at == row) {
                return false;
            }
            i = (i + 1) & mask;
        }
        table[i] = row;
        size++;
        return true;
    }

    private int find(Object row) {
        int mask = table.length - 1;
        int i = slot(row, mask);
        Row at;
        while ((at = table[i]) != null) {
            if (at == row) {
                return i;
            }
            i = (i + 1) & mask;
        }
        return -1;
    }

    @Override
    public boolean contains(Object o) {
        return o instanceof Row && find(o) >= 0;
    }

    @Override
    public boolean remove(Object o) {
        int i = o instanceof Row ? find(o) : -1;
        if (i < 0) {
            return false;
        }
        int mask = table.length - 1;
        table[i] = null;
        size--;
        // Shift back every entry of the probe run after i that may no longer be reachable.
        int j = i;
        while (true) {
            j = (j + 1) & mask;
            Row at = table[j];
            if (at == null) {
                break;
            }
            int home = slot(at, mask);
            boolean between = i <= j ? home > i && home <= j : home > i || home <= j;
            if (!between) {
                table[i] = at;
                table[j] = null;
                i = j;
            }
        }
        if (table.length > 16 && size * 8 < table.length) {
            rehash(table.length / 2);
        }
        return true;
    }

    @Override
    public void clear() {
        table = new Row[4];
        size = 0;
    }

    private void grow() {
        rehash(table.length * 2);
    }

    private void rehash(int capacity) {
        Row[] old = table;
        table = new Row[capacity];
        int mask = capacity - 1;
        for (Row r : old) {
            if (r != null) {
                int i = slot(r, mask);
                while (table[i] != null) {
                    i = (i + 1) & mask;
                }
                table[i] = r;
            }
        }
    }

    @Override
    public Iterator<Row> iterator() {
        Row[] t = table;
        return new Iterator<>() {
            private int i = advance(0);

            private int advance(int from) {
                while (from < t.length && t[from] == null) {
                    from++;
                }
                return from;
            }

            @Override
            public boolean hasNext() {
                return i < t.length;
            }

            @Override
            public Row next() {
                if (i >= t.length) {
                    throw new NoSuchElementException();
                }
                Row r = t[i];
                i = advance(i + 1);
                return r;
            }
        };
    }
}
