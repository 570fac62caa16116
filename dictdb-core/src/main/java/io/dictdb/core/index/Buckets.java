package io.dictdb.core.index;

import io.dictdb.core.storage.Row;

import java.util.Collection;

/**
 * The rows that share one indexed value. Most values of a selective field belong to one record, so a bucket is
 * the bare row until a second one arrives, and then a {@link RowSet}; this keeps unique indexes small.
 */
final class Buckets {
    private Buckets() {
    }

    static Object add(Object bucket, Row row) {
        if (bucket == null) {
            return row;
        }
        if (bucket instanceof RowSet set) {
            set.add(row);
            return set;
        }
        if (bucket == row) {
            return bucket;
        }
        RowSet set = new RowSet();
        set.add((Row) bucket);
        set.add(row);
        return set;
    }

    /** Returns the bucket without {@code row}: null when it becomes empty. */
    static Object remove(Object bucket, Row row) {
        if (bucket instanceof RowSet set) {
            set.remove(row);
            if (set.size() == 1) {
                return set.iterator().next();
            }
            return set.isEmpty() ? null : set;
        }
        return bucket == null || bucket == row ? null : bucket;
    }

    static void addTo(Object bucket, Collection<Row> out) {
        if (bucket instanceof RowSet set) {
            out.addAll(set);
        } else if (bucket != null) {
            out.add((Row) bucket);
        }
    }
}
