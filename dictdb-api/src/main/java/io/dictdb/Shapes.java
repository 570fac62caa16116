package io.dictdb;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Interns the field-name arrays of records, so that the million records of a table with the same fields share one
 * array. It saves memory, and it keeps field lookups in cache: a scan touches one shared array instead of one per
 * record. The cache is bounded; past the bound, arrays are simply not shared.
 *
 * <p>Only shapes whose names pass the rule for names ({@link ValueRule}) are cached, so a record of a known shape
 * costs no name check; the names of a new shape (or of every shape past the bound) are checked each time.
 */
final class Shapes {
    private static final int MAX_SHAPES = 4096;
    private static final ConcurrentHashMap<Shape, String[]> SHAPES = new ConcurrentHashMap<>();
    /**
     * The shape interned last: records made one after another nearly always share it, and a caller can match its
     * keys against this one name by name (by identity, as literals are) without building an array or hashing.
     * Held through a final field, so that a thread reading it sees the array's contents.
     */
    private static volatile Recent recent;

    private record Recent(String[] keys) {
    }

    private Shapes() {
    }

    /**
     * The shared array equal to {@code keys}, or {@code keys} itself once checked.
     *
     * @throws Values.InvalidValue if a name breaks the rule for names
     */
    static String[] intern(String[] keys) {
        if (keys.length == 0) {
            return keys;
        }
        Shape probe = new Shape(keys);
        String[] shared = SHAPES.get(probe);
        if (shared != null) {
            return remember(shared);
        }
        ValueRule.checkKeys(keys);
        if (SHAPES.size() >= MAX_SHAPES) {
            return keys;
        }
        shared = SHAPES.putIfAbsent(probe, keys);
        return remember(shared == null ? keys : shared);
    }

    /**
     * The shape interned last, or null: an interned array (its names checked), never to be changed. A record whose
     * keys equal it, in order, may share it without calling {@link #intern}.
     */
    static String[] recent() {
        Recent r = recent;
        return r == null ? null : r.keys;
    }

    private static String[] remember(String[] shared) {
        Recent r = recent;
        if (r == null || r.keys != shared) {
            recent = new Recent(shared); // written only when the shape changes: a hot loop only reads it
        }
        return shared;
    }

    /** A key array compared by content; arrays in the cache are never changed. */
    private static final class Shape {
        private final String[] keys;
        private final int hash;

        Shape(String[] keys) {
            this.keys = keys;
            this.hash = Arrays.hashCode(keys);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Shape s && hash == s.hash && Arrays.equals(keys, s.keys);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
