package io.dictdb.core.index;

import io.dictdb.Record;
import io.dictdb.core.storage.Row;

import java.lang.reflect.Array;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Consumer;

/**
 * A set of rows kept in insertion order (ascending {@link Row#order()}): the bucket of a value shared by many records,
 * and the null rows of an index. A lookup copies the rows out in the order a scan would give them, with no sort.
 *
 * <p>Why this shape: a new record always has the highest slot, so an insert is an append; but an update that moves a
 * record into a bucket, or a delete, lands anywhere. One flat array would shift half the bucket each time (an update
 * of every record of a boolean field in random order would be quadratic), so the rows live in chunks of at most
 * {@link #CHUNK}, found by binary search on each chunk's first slot; a change shifts at most one chunk. A full chunk
 * splits in halves; a chunk that fits with a neighbour in half a chunk merges with it, and a chunk array a quarter
 * full shrinks, so deletes cannot leave a trail of near-empty chunks.
 *
 * <p>Each chunk keeps the slots of its rows in an {@code int[]} beside them, so that finding a row ({@link
 * #contains}, which the planner calls for every candidate of an AND) reads contiguous ints and follows no pointer:
 * a search through the rows themselves would miss the cache at every step. The copies go stale when the store
 * compacts and renumbers its slots, in order, so the table then calls {@link #renumbered()}. Eight bytes or so per
 * row, against ten to sixteen for the open-addressing hash set this replaces.
 *
 * <p>Not thread-safe: the owning table's lock guards it; readers never change it.
 */
final class OrderedRows extends AbstractSet<Row> {
    /** The most rows in one chunk. */
    static final int CHUNK = 512;
    private static final int FIRST_CAPACITY = 16;

    private Row[][] rows = new Row[1][];
    /** {@code slots[c][i]} is {@code rows[c][i].order()}, read without following the reference. */
    private int[][] slots = new int[1][];
    private int[] counts = new int[1];
    private int chunkCount;
    private int size;

    /** An empty set. */
    OrderedRows() {
    }

    /**
     * A set of rows given in ascending order, none repeated.
     *
     * @param inOrder the rows
     */
    OrderedRows(Row[] inOrder) {
        for (Row r : inOrder) {
            append(r);
        }
    }

    @Override
    public int size() {
        return size;
    }

    /**
     * The row with the lowest slot.
     *
     * @return the first row
     * @throws NoSuchElementException when empty
     */
    Row first() {
        if (size == 0) {
            throw new NoSuchElementException();
        }
        return rows[0][0];
    }

    /**
     * The slot of the row inserted first, read from the slots kept beside the rows: no row is followed.
     *
     * @return the lowest slot
     * @throws NoSuchElementException when empty
     */
    int firstSlot() {
        if (size == 0) {
            throw new NoSuchElementException();
        }
        return slots[0][0];
    }

    @Override
    public boolean add(Row row) {
        int slot = row.order();
        if (size == 0 || lastSlot() < slot) {
            append(row);
            return true;
        }
        int c = chunkOf(slot);
        int i = Arrays.binarySearch(slots[c], 0, counts[c], slot);
        if (i >= 0) {
            return present(rows[c][i], row);
        }
        insertAt(c, -i - 1, row);
        return true;
    }

    /**
     * Answers "added?" for a row whose slot is held already by {@code found}: no, when it is the same row. Two rows
     * of one store never share a slot, so another row there means a broken invariant, which is thrown rather than
     * hidden.
     */
    static boolean present(Row found, Row row) {
        if (found != row) {
            throw new IllegalStateException("Two rows share slot " + row.order() + ": " + found + " and " + row);
        }
        return false;
    }

    @Override
    public boolean contains(Object o) {
        if (!(o instanceof Row row) || size == 0) {
            return false;
        }
        int c = chunkOf(row.order());
        int i = Arrays.binarySearch(slots[c], 0, counts[c], row.order());
        return i >= 0 && rows[c][i] == row;
    }

    @Override
    public boolean remove(Object o) {
        if (!(o instanceof Row row) || size == 0) {
            return false;
        }
        int c = chunkOf(row.order());
        int i = Arrays.binarySearch(slots[c], 0, counts[c], row.order());
        if (i < 0 || rows[c][i] != row) {
            return false;
        }
        int n = counts[c] - 1;
        move(c, i + 1, c, i, n - i);
        rows[c][n] = null;
        counts[c] = n;
        size--;
        if (n == 0) {
            removeChunk(c);
            return true;
        }
        if (rows[c].length > FIRST_CAPACITY && n * 4 < rows[c].length) {
            resize(c, Math.max(FIRST_CAPACITY, n * 2));
        }
        if (c + 1 < chunkCount && n + counts[c + 1] <= CHUNK / 2) {
            merge(c);
        } else if (c > 0 && counts[c - 1] + n <= CHUNK / 2) {
            merge(c - 1);
        }
        return true;
    }

    /**
     * Reads every row's slot again, after the store renumbered them (in order, so the rows stay where they are).
     */
    void renumbered() {
        for (int c = 0; c < chunkCount; c++) {
            Row[] chunk = rows[c];
            int[] s = slots[c];
            for (int i = 0, n = counts[c]; i < n; i++) {
                s[i] = chunk[i].order();
            }
        }
    }

    @Override
    public void clear() {
        rows = new Row[1][];
        slots = new int[1][];
        counts = new int[1];
        chunkCount = 0;
        size = 0;
    }

    @Override
    public Iterator<Row> iterator() {
        return new Iterator<>() {
            private int c;
            private int i;

            @Override
            public boolean hasNext() {
                return c < chunkCount;
            }

            @Override
            public Row next() {
                if (c >= chunkCount) {
                    throw new NoSuchElementException();
                }
                Row r = rows[c][i];
                if (++i == counts[c]) {
                    c++;
                    i = 0;
                }
                return r;
            }
        };
    }

    @Override
    public void forEach(Consumer<? super Row> action) {
        for (int c = 0; c < chunkCount; c++) {
            Row[] chunk = rows[c];
            for (int i = 0, n = counts[c]; i < n; i++) {
                action.accept(chunk[i]);
            }
        }
    }

    @Override
    public Object[] toArray() {
        return copyInto(new Row[size]);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T[] toArray(T[] a) {
        T[] out = a.length >= size ? a : (T[]) Array.newInstance(a.getClass().getComponentType(), size);
        copyInto(out);
        if (out.length > size) {
            out[size] = null;
        }
        return out;
    }

    /** Copies the rows, in order, into the start of {@code out}; returns {@code out}. */
    private <T> T[] copyInto(T[] out) {
        int at = 0;
        for (int c = 0; c < chunkCount; c++) {
            System.arraycopy(rows[c], 0, out, at, counts[c]);
            at += counts[c];
        }
        return out;
    }

    /**
     * Writes the current record of each row, in order, into {@code out} from {@code at}.
     *
     * @param out the destination, with room for {@link #size()} records from {@code at}
     * @param at the first position written
     */
    void recordsInto(Record[] out, int at) {
        for (int c = 0; c < chunkCount; c++) {
            Row[] chunk = rows[c];
            for (int i = 0, n = counts[c]; i < n; i++) {
                out[at++] = chunk[i].record();
            }
        }
    }

    private int lastSlot() {
        return slots[chunkCount - 1][counts[chunkCount - 1] - 1];
    }

    private void append(Row row) {
        int c = chunkCount - 1;
        if (c < 0 || counts[c] == CHUNK) {
            c = chunkCount;
            // past the first chunk the bucket is large and likely to keep growing: no step-by-step growth
            insertChunk(c, c == 0 ? FIRST_CAPACITY : CHUNK);
        } else if (counts[c] == rows[c].length) {
            resize(c, Math.min(CHUNK, rows[c].length * 2));
        }
        put(c, counts[c]++, row);
        size++;
    }

    /** Inserts {@code row} at position {@code p} of chunk {@code c}, splitting the chunk when it is full. */
    private void insertAt(int c, int p, Row row) {
        if (counts[c] == CHUNK) {
            int half = CHUNK / 2;
            insertChunk(c + 1, CHUNK);
            move(c, half, c + 1, 0, CHUNK - half);
            Arrays.fill(rows[c], half, CHUNK, null);
            counts[c] = half;
            counts[c + 1] = CHUNK - half;
            if (p > half) {
                c++;
                p -= half;
            }
        }
        if (counts[c] == rows[c].length) {
            resize(c, Math.min(CHUNK, rows[c].length * 2));
        }
        move(c, p, c, p + 1, counts[c] - p);
        put(c, p, row);
        counts[c]++;
        size++;
    }

    /** Moves the rows of chunk {@code c + 1} to the end of chunk {@code c}. */
    private void merge(int c) {
        int n = counts[c];
        int m = counts[c + 1];
        if (rows[c].length < n + m) {
            resize(c, Math.max(n + m, Math.min(CHUNK, rows[c].length * 2)));
        }
        move(c + 1, 0, c, n, m);
        counts[c] = n + m;
        removeChunk(c + 1);
    }

    private void put(int c, int i, Row row) {
        rows[c][i] = row;
        slots[c][i] = row.order();
    }

    /** Copies {@code n} rows, with their slots, from chunk {@code from} at {@code i} to chunk {@code to} at {@code j}. */
    private void move(int from, int i, int to, int j, int n) {
        System.arraycopy(rows[from], i, rows[to], j, n);
        System.arraycopy(slots[from], i, slots[to], j, n);
    }

    private void resize(int c, int capacity) {
        rows[c] = Arrays.copyOf(rows[c], capacity);
        slots[c] = Arrays.copyOf(slots[c], capacity);
    }

    private void insertChunk(int at, int capacity) {
        if (chunkCount == rows.length) {
            rows = Arrays.copyOf(rows, chunkCount * 2);
            slots = Arrays.copyOf(slots, chunkCount * 2);
            counts = Arrays.copyOf(counts, chunkCount * 2);
        }
        System.arraycopy(rows, at, rows, at + 1, chunkCount - at);
        System.arraycopy(slots, at, slots, at + 1, chunkCount - at);
        System.arraycopy(counts, at, counts, at + 1, chunkCount - at);
        rows[at] = new Row[capacity];
        slots[at] = new int[capacity];
        counts[at] = 0;
        chunkCount++;
    }

    private void removeChunk(int at) {
        chunkCount--;
        System.arraycopy(rows, at + 1, rows, at, chunkCount - at);
        System.arraycopy(slots, at + 1, slots, at, chunkCount - at);
        System.arraycopy(counts, at + 1, counts, at, chunkCount - at);
        rows[chunkCount] = null;
        slots[chunkCount] = null;
        counts[chunkCount] = 0;
    }

    /** The chunk that holds, or would hold, {@code slot}: the last whose first row is not after it, else the first. */
    private int chunkOf(int slot) {
        int lo = 0;
        int hi = chunkCount - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (slots[mid][0] <= slot) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /**
     * Binary search by slot among the rows of a small array bucket, which ascend: the index of the row with
     * {@code slot}, or {@code -(insertion point) - 1}. Reads each probed row; fine for a few rows.
     */
    static int search(Row[] rows, int slot) {
        int lo = 0;
        int hi = rows.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int s = rows[mid].order();
            if (s < slot) {
                lo = mid + 1;
            } else if (s > slot) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -(lo + 1);
    }
}
