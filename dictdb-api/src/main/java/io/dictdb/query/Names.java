package io.dictdb.query;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Interns field names for conditions and orders, so that record lookups find a field by identity. A name seen
 * before is answered from a map (a hash lookup on the name's cached hash) instead of {@link String#intern()}, a call
 * into the JVM's string table that costs more than the equality lookup it is meant to speed up. The map holds at
 * most {@value #MAX} names; past that, names are interned on each call.
 */
final class Names {
    private static final int MAX = 4096;
    private static final ConcurrentHashMap<String, String> SEEN = new ConcurrentHashMap<>();

    private Names() {
    }

    static String intern(String name) {
        String known = SEEN.get(name);
        if (known != null) {
            return known;
        }
        String interned = name.intern();
        if (SEEN.size() < MAX) {
            SEEN.putIfAbsent(interned, interned);
        }
        return interned;
    }
}
