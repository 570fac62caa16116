package io.dictdb.core.index;

import java.util.Collection;
import java.util.LinkedHashSet;

/**
 * The primary keys that share one indexed value. Most values of a selective field belong to one record, so a
 * bucket is the bare key until a second key arrives, and then a set; this keeps unique indexes small.
 */
final class Buckets {
    /** A bucket of two or more keys; its own class so that it is never mistaken for a key that is a set. */
    static final class KeySet extends LinkedHashSet<Object> {
        private static final long serialVersionUID = 1L;
    }

    private Buckets() {
    }

    static Object add(Object bucket, Object key) {
        if (bucket == null) {
            return key;
        }
        if (bucket instanceof KeySet set) {
            set.add(key);
            return set;
        }
        if (bucket.equals(key)) {
            return bucket;
        }
        KeySet set = new KeySet();
        set.add(bucket);
        set.add(key);
        return set;
    }

    /** Returns the bucket without {@code key}: null when it becomes empty. */
    static Object remove(Object bucket, Object key) {
        if (bucket instanceof KeySet set) {
            set.remove(key);
            if (set.size() == 1) {
                return set.iterator().next();
            }
            return set.isEmpty() ? null : set;
        }
        return bucket == null || bucket.equals(key) ? null : bucket;
    }

    static int size(Object bucket) {
        if (bucket == null) {
            return 0;
        }
        return bucket instanceof KeySet set ? set.size() : 1;
    }

    static void addTo(Object bucket, Collection<Object> out) {
        if (bucket instanceof KeySet set) {
            out.addAll(set);
        } else if (bucket != null) {
            out.add(bucket);
        }
    }

    static boolean contains(Object bucket, Object key) {
        if (bucket instanceof KeySet set) {
            return set.contains(key);
        }
        return bucket != null && bucket.equals(key);
    }
}
