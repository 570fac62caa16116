package io.dictdb.core.index;

import io.dictdb.Record;
import io.dictdb.core.storage.Row;

import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The rows that share one indexed value, always in insertion order (ascending {@link Row#order()}), so that a lookup
 * returns them as a scan would without sorting. A bucket is one of three shapes, by size, to keep indexes small:
 * <ul>
 *   <li>the bare {@link Row}, for one row: most values of a selective field belong to one record;</li>
 *   <li>a {@code Row[]} of exactly its rows, for two to {@link #SMALL}: a sorted index over a field of many values
 *   holds hundreds of thousands of these, and an array of two costs 24 bytes where a set object costs 50 or so;</li>
 *   <li>an {@link OrderedRows}, beyond; back to an array when it falls to half of {@link #SMALL}, so that a bucket
 *   on the boundary does not convert back and forth.</li>
 * </ul>
 * A bucket given to {@link #add} or {@link #remove} may be changed in place or replaced: store the returned one.
 */
final class Buckets {
    /** The most rows of an array bucket. */
    static final int SMALL = 8;

    private Buckets() {
    }

    /** Returns the bucket with {@code row} added (unchanged when it holds it already). */
    static Object add(Object bucket, Row row) {
        if (bucket == null) {
            return row;
        }
        if (bucket instanceof OrderedRows set) {
            set.add(row);
            return set;
        }
        if (bucket instanceof Row one) {
            if (one.order() == row.order()) {
                OrderedRows.present(one, row);
                return one;
            }
            return one.order() < row.order() ? new Row[] {one, row} : new Row[] {row, one};
        }
        Row[] rows = (Row[]) bucket;
        int i = OrderedRows.search(rows, row.order());
        if (i >= 0) {
            OrderedRows.present(rows[i], row);
            return rows;
        }
        int at = -i - 1;
        Row[] grown = new Row[rows.length + 1];
        System.arraycopy(rows, 0, grown, 0, at);
        grown[at] = row;
        System.arraycopy(rows, at, grown, at + 1, rows.length - at);
        return grown.length > SMALL ? new OrderedRows(grown) : grown;
    }

    /** Returns the bucket without {@code row}: null when it becomes empty. */
    static Object remove(Object bucket, Row row) {
        if (bucket instanceof OrderedRows set) {
            set.remove(row);
            if (set.size() > SMALL / 2) {
                return set;
            }
            return set.size() == 1 ? set.first() : set.isEmpty() ? null : set.toArray(new Row[0]);
        }
        if (bucket instanceof Row[] rows) {
            int i = OrderedRows.search(rows, row.order());
            if (i < 0 || rows[i] != row) {
                return rows;
            }
            if (rows.length == 2) {
                return rows[1 - i];
            }
            Row[] shrunk = new Row[rows.length - 1];
            System.arraycopy(rows, 0, shrunk, 0, i);
            System.arraycopy(rows, i + 1, shrunk, i, shrunk.length - i);
            return shrunk;
        }
        return bucket == null || bucket == row ? null : bucket;
    }

    /** Reads the slots of a bucket's rows again after the store renumbered them; only a large bucket keeps copies. */
    static void renumbered(Object bucket) {
        if (bucket instanceof OrderedRows set) {
            set.renumbered();
        }
    }

    /** The number of rows of a bucket. */
    static int size(Object bucket) {
        if (bucket == null) {
            return 0;
        }
        if (bucket instanceof Row) {
            return 1;
        }
        return bucket instanceof Row[] rows ? rows.length : ((OrderedRows) bucket).size();
    }

    /** The row of a non-empty bucket inserted first. */
    static Row first(Object bucket) {
        if (bucket instanceof Row row) {
            return row;
        }
        return bucket instanceof Row[] rows ? rows[0] : ((OrderedRows) bucket).first();
    }

    /** The slot of the row of a non-empty bucket inserted first; a large bucket reads it without the row. */
    static int firstSlot(Object bucket) {
        if (bucket instanceof Row row) {
            return row.order();
        }
        return bucket instanceof Row[] rows ? rows[0].order() : ((OrderedRows) bucket).firstSlot();
    }

    /** Adds a bucket's rows, in order, to a collection. */
    static void addTo(Object bucket, Collection<Row> out) {
        if (bucket instanceof Row row) {
            out.add(row);
        } else if (bucket instanceof Row[] rows) {
            Collections.addAll(out, rows);
        } else if (bucket != null) {
            out.addAll((OrderedRows) bucket);
        }
    }

    /**
     * The rows of a bucket as an unmodifiable collection in order: a set for two rows or more (the planner
     * intersects with sets), else a list.
     */
    static Collection<Row> view(Object bucket) {
        if (bucket == null) {
            return List.of();
        }
        if (bucket instanceof Row row) {
            return List.of(row);
        }
        return bucket instanceof Row[] rows ? new ArrayView(rows)
                : Collections.unmodifiableSet((OrderedRows) bucket);
    }

    /** The current records of a bucket's rows, in order, in a new array. */
    static Record[] records(Object bucket) {
        if (bucket == null) {
            return new Record[0];
        }
        if (bucket instanceof Row row) {
            return new Record[] {row.record()};
        }
        if (bucket instanceof Row[] rows) {
            Record[] out = new Record[rows.length];
            for (int i = 0; i < rows.length; i++) {
                out[i] = rows[i].record();
            }
            return out;
        }
        OrderedRows set = (OrderedRows) bucket;
        Record[] out = new Record[set.size()];
        set.recordsInto(out, 0);
        return out;
    }

    /** An array bucket seen as an unmodifiable set, in order; a linear search finds a row among so few. */
    private static final class ArrayView extends AbstractSet<Row> {
        private final Row[] rows;

        ArrayView(Row[] rows) {
            this.rows = rows;
        }

        @Override
        public int size() {
            return rows.length;
        }

        @Override
        public boolean contains(Object o) {
            for (Row r : rows) {
                if (r == o) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public Object[] toArray() {
            return rows.clone();
        }

        @Override
        public <T> T[] toArray(T[] a) {
            T[] out = a.length >= rows.length ? a : Arrays.copyOf(a, rows.length);
            System.arraycopy(rows, 0, out, 0, rows.length);
            if (out.length > rows.length) {
                out[rows.length] = null;
            }
            return out;
        }

        @Override
        public Iterator<Row> iterator() {
            return new Iterator<>() {
                private int i;

                @Override
                public boolean hasNext() {
                    return i < rows.length;
                }

                @Override
                public Row next() {
                    if (i >= rows.length) {
                        throw new NoSuchElementException();
                    }
                    return rows[i++];
                }
            };
        }
    }
}
