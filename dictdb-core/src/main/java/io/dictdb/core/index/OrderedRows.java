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
 * full shrinks, so deletes cannot leave a trail of near-empty chunks. Four to eight bytes per row: less than the
 * open-addressing hash set it replaces, which was at most half full.
 *
 * <p>Rows are found by their slot, so a row must be added and removed while its slot is the one the store gives it
 * (the store's compaction renumbers slots in order, which keeps every bucket sorted). Not thread-safe: the owning
 * table's lock guards it; readers never change it.
 */
final class OrderedRows extends AbstractSet<Row> {
    /** The most rows in one chunk. */
    static final int CHUNK = 512;
    private static final int FIRST_CAPACITY = 16;

    private Row[][] chunks = new Row[1][];
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
        return chunks[0][0];
    }

    @Override
    public boolean add(Row row) {
        int slot = row.order();
        if (size == 0 || last().order() < slot) {
            append(row);
            return true;
        }
        int c = chunkOf(slot);
        int i = search(chunks[c], counts[c], slot);
        if (i >= 0) {
            return present(chunks[c][i], row);
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
        int i = search(chunks[c], counts[c], row.order());
        return i >= 0 && chunks[c][i] == row;
    }

    @Override
    public boolean remove(Object o) {
        if (!(o instanceof Row row) || size == 0) {
            return false;
        }
        int c = chunkOf(row.order());
        Row[] chunk = chunks[c];
        int i = search(chunk, counts[c], row.order());
        if (i < 0 || chunk[i] != row) {
            return false;
        }
        int n = --counts[c];
        System.arraycopy(chunk, i + 1, chunk, i, n - i);
        chunk[n] = null;
        size--;
        if (n == 0) {
            removeChunk(c);
            return true;
        }
        if (chunk.length > FIRST_CAPACITY && n * 4 < chunk.length) {
            chunks[c] = Arrays.copyOf(chunk, Math.max(FIRST_CAPACITY, n * 2));
        }
        if (c + 1 < chunkCount && n + counts[c + 1] <= CHUNK / 2) {
            merge(c);
        } else if (c > 0 && counts[c - 1] + n <= CHUNK / 2) {
            merge(c - 1);
        }
        return true;
    }

    @Override
    public void clear() {
        chunks = new Row[1][];
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
                Row r = chunks[c][i];
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
            Row[] chunk = chunks[c];
            for (int i = 0, n = counts[c]; i < n; i++) {
                action.accept(chunk[i]);
            }
        }
    }

    @Override
    public Object[] toArray() {
        return copyInto(new Row[size], 0);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T[] toArray(T[] a) {
        T[] out = a.length >= size ? a : (T[]) Array.newInstance(a.getClass().getComponentType(), size);
        copyInto(out, 0);
        if (out.length > size) {
            out[size] = null;
        }
        return out;
    }

    /** Copies the rows, in order, into {@code out} from {@code at}; returns {@code out}. */
    private <T> T[] copyInto(T[] out, int at) {
        for (int c = 0; c < chunkCount; c++) {
            System.arraycopy(chunks[c], 0, out, at, counts[c]);
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
            Row[] chunk = chunks[c];
            for (int i = 0, n = counts[c]; i < n; i++) {
                out[at++] = chunk[i].record();
            }
        }
    }

    private Row last() {
        return chunks[chunkCount - 1][counts[chunkCount - 1] - 1];
    }

    private void append(Row row) {
        int c = chunkCount - 1;
        if (c < 0 || counts[c] == CHUNK) {
            c = chunkCount;
            // past the first chunk the bucket is large and likely to keep growing: no step-by-step growth
            insertChunk(c, new Row[c == 0 ? FIRST_CAPACITY : CHUNK]);
        } else if (counts[c] == chunks[c].length) {
            chunks[c] = Arrays.copyOf(chunks[c], Math.min(CHUNK, chunks[c].length * 2));
        }
        chunks[c][counts[c]++] = row;
        size++;
    }

    /** Inserts {@code row} at position {@code p} of chunk {@code c}, splitting the chunk when it is full. */
    private void insertAt(int c, int p, Row row) {
        if (counts[c] == CHUNK) {
            int half = CHUNK / 2;
            Row[] upper = new Row[CHUNK];
            System.arraycopy(chunks[c], half, upper, 0, CHUNK - half);
            Arrays.fill(chunks[c], half, CHUNK, null);
            counts[c] = half;
            insertChunk(c + 1, upper);
            counts[c + 1] = CHUNK - half;
            if (p > half) {
                c++;
                p -= half;
            }
        }
        Row[] chunk = chunks[c];
        if (counts[c] == chunk.length) {
            chunk = Arrays.copyOf(chunk, Math.min(CHUNK, chunk.length * 2));
            chunks[c] = chunk;
        }
        System.arraycopy(chunk, p, chunk, p + 1, counts[c] - p);
        chunk[p] = row;
        counts[c]++;
        size++;
    }

    /** Moves the rows of chunk {@code c + 1} to the end of chunk {@code c}. */
    private void merge(int c) {
        int n = counts[c];
        int m = counts[c + 1];
        if (chunks[c].length < n + m) {
            chunks[c] = Arrays.copyOf(chunks[c], Math.max(n + m, Math.min(CHUNK, chunks[c].length * 2)));
        }
        System.arraycopy(chunks[c + 1], 0, chunks[c], n, m);
        counts[c] = n + m;
        removeChunk(c + 1);
    }

    private void insertChunk(int at, Row[] chunk) {
        if (chunkCount == chunks.length) {
            chunks = Arrays.copyOf(chunks, chunkCount * 2);
            counts = Arrays.copyOf(counts, chunkCount * 2);
        }
        System.arraycopy(chunks, at, chunks, at + 1, chunkCount - at);
        System.arraycopy(counts, at, counts, at + 1, chunkCount - at);
        chunks[at] = chunk;
        counts[at] = 0;
        chunkCount++;
    }

    private void removeChunk(int at) {
        chunkCount--;
        System.arraycopy(chunks, at + 1, chunks, at, chunkCount - at);
        System.arraycopy(counts, at + 1, counts, at, chunkCount - at);
        chunks[chunkCount] = null;
        counts[chunkCount] = 0;
    }

    /** The chunk that holds, or would hold, {@code slot}: the last whose first row is not after it, else the first. */
    private int chunkOf(int slot) {
        int lo = 0;
        int hi = chunkCount - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (chunks[mid][0].order() <= slot) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /**
     * Binary search by slot among the first {@code n} rows of {@code rows}, which ascend: the index of the row with
     * {@code slot}, or {@code -(insertion point) - 1}.
     */
    static int search(Row[] rows, int n, int slot) {
        int lo = 0;
        int hi = n - 1;
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
