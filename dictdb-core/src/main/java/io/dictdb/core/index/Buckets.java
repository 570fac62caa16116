package io.dictdb.core.index;

import io.dictdb.core.storage.Row;

import java.util.Collection;
import java.util.LinkedHashSet;

/**
 * The rows that share one indexed value. Most values of a selective field belong to one record, so a bucket is
 * the bare row until a second one arrives, and then a set (rows compare by identity); this keeps unique indexes
 * small.
 */
final class Buckets {
    /** A bucket of two or more rows. */
    static final class KeySet extends LinkedHashSet<Row> {
        private static final long serialVersionUID = 1L;
    }

    private Buckets() {
    }

    static Object add(Object bucket, Row key) {
        if (bucket == null) {
            return key;
        }
        if (bucket instanceof KeySet set) {
            set.add(key);
            return set;
        }
        if (bucket == key) {
            return bucket;
        }
        KeySet set = new KeySet();
        set.add((Row) bucket);
        set.add(key);
        return set;
    }

    /** Returns the bucket without {@code key}: null when it becomes empty. */
    static Object remove(Object bucket, Row key) {
        if (bucket instanceof KeySet set) {
            set.remove(key);
            if (set.size() == 1) {
                return set.iterator().next();
            }
            return set.isEmpty() ? null : set;
        }
        return bucket == null || bucket == key ? null : bucket;
    }

    static int size(Object bucket) {
        if (bucket == null) {
            return 0;
        }
        return bucket instanceof KeySet set ? set.size() : 1;
    }

    static void addTo(Object bucket, Collection<Row> out) {
        if (bucket instanceof KeySet set) {
            out.addAll(set);
        } else if (bucket != null) {
            out.add((Row) bucket);
        }
    }

}
