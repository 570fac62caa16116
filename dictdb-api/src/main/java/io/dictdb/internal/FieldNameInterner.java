package io.dictdb.internal;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one interner of field names: single names (a condition's {@code Field}, an {@code Order}) and the name arrays
 * of records (their shapes). Both hand out the JVM's interned instance of a name, the same instance a string literal
 * is, so a record made from any source (literals, a codec's parsed names, a map) and a field of a query share their
 * names and a record lookup finds a field by identity, its fast path.
 *
 * <p>Shapes: the million records of a table with the same fields share one array. It saves memory, and it keeps
 * field lookups in cache: a scan touches one shared array instead of one per record. Only arrays whose names passed
 * the rule for names are shared (the caller checks them before {@link #share}), so a record of a known shape costs
 * no name check. Both caches are bounded; past the bound, arrays are simply not shared and names are interned by
 * {@link String#intern()} on each call. Not API (see the package).
 */
public final class FieldNameInterner {
    private static final int MAX_NAMES = 4096;
    private static final int MAX_SHAPES = 4096;
    /**
     * Names seen before, answered from a map (a hash lookup on the name's cached hash) instead of
     * {@link String#intern()}, a call into the JVM's string table that costs more than the lookup it speeds up.
     */
    private static final ConcurrentHashMap<String, String> NAMES = new ConcurrentHashMap<>();
    private static final ConcurrentHashMap<Shape, String[]> SHAPES = new ConcurrentHashMap<>();
    /**
     * The shape shared last: records made one after another nearly always share it, and a caller can match its
     * keys against this one name by name (by identity, as literals are) without building an array or hashing.
     * Held through a final field, so that a thread reading it sees the array's contents.
     */
    private static volatile Recent recent;

    private record Recent(String[] keys) {
    }

    private FieldNameInterner() {
    }

    /**
     * The interned instance of a name: the same instance as a literal of that name and as the names of shared
     * shapes.
     *
     * @param name a field name
     * @return the interned instance equal to it
     */
    public static String name(String name) {
        String known = NAMES.get(name);
        if (known != null) {
            return known;
        }
        String interned = name.intern();
        if (NAMES.size() < MAX_NAMES) {
            NAMES.putIfAbsent(interned, interned);
        }
        return interned;
    }

    /**
     * The shared array equal to {@code keys}, or null when the shape is not shared (yet): then the caller checks the
     * names and calls {@link #share}.
     *
     * @param keys field names, in record order
     * @return the shared array, or null
     */
    public static String[] shared(String[] keys) {
        if (keys.length == 0) {
            return keys;
        }
        String[] shared = SHAPES.get(new Shape(keys));
        return shared == null ? null : remember(shared);
    }

    /**
     * Shares a shape whose names the caller has checked against the rule for names: adopts {@code keys} (its names
     * replaced by their interned instances) unless an equal array is shared already, which is returned instead.
     * Past the bound, returns {@code keys} as it is.
     *
     * @param keys checked field names, in record order; a fresh array that no one else holds
     * @return the shared array, or {@code keys}
     */
    public static String[] share(String[] keys) {
        if (keys.length == 0 || SHAPES.size() >= MAX_SHAPES) {
            return keys;
        }
        for (int i = 0; i < keys.length; i++) {
            keys[i] = name(keys[i]); // before the array is published: a record of decoded names shares literals
        }
        String[] shared = SHAPES.putIfAbsent(new Shape(keys), keys);
        return remember(shared == null ? keys : shared);
    }

    /**
     * The shape shared last, or null: a shared array (its names checked), never to be changed. A record whose
     * keys equal it, in order, may use it without calling {@link #shared}.
     *
     * @return the recent shape, or null
     */
    public static String[] recent() {
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
