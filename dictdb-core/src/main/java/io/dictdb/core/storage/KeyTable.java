package io.dictdb.core.storage;

import java.util.function.Consumer;

/**
 * The rows of a store by primary hash key: an open-addressing hash table of {@link Row}s with linear probing, the
 * key read from the row itself. Not thread-safe: the table's lock guards it.
 *
 * <p>Why not a {@code HashMap<Object, Row>}: a map holds each row through a node of its own (32 bytes, and a pointer
 * to follow on every lookup), and resizing rehashes those nodes one by one; here a row costs one slot of an array
 * that is at most three quarters full, and a lookup reads the array and the row it needs anyway.
 *
 * <p>Rows are placed Robin Hood style: a row that has probed further from its home than the resident of a slot takes
 * the slot and the resident moves on, so that along a cluster the distances from home never fall by more than one
 * slot at a time. Removal then shifts back only the rows that follow the hole and are away from their homes, and
 * stops at the first row at its home (no tombstones, so lookups never slow down as keys come and go). Without that
 * order, removal had to walk to the end of the cluster: sequential keys form one cluster as long as the table, and
 * deleting them oldest first cost a walk of the whole table each (a million deletes took hours).
 *
 * <p>The home slot of a key is first its hash code with the high bits folded in, as {@link java.util.HashMap}
 * places keys: sequential keys (the commonest primary keys) then take sequential slots, so that inserting and
 * looking them up walks the table, the rows and their keys in memory order instead of missing the cache three
 * times. Keys whose codes cluster under that rule (a run of {@value #LONG_PROBE} probes) switch the table for good
 * to Fibonacci hashing, which spreads any keys whose hash codes differ.
 */
final class KeyTable {
    private static final int MIN_CAPACITY = 16;
    /** The probe count that tells clustered keys: past it, the table scrambles hash codes. */
    static final int LONG_PROBE = 48;

    private Row[] slots = new Row[MIN_CAPACITY];
    /** 32 minus log2 of the capacity: the shift that takes a hash's top bits as the home slot. */
    private int shift = 32 - Integer.numberOfTrailingZeros(MIN_CAPACITY);
    private int size;
    /** Whether home slots come from Fibonacci hashing rather than the folded hash code. */
    private boolean scrambled;

    /** The number of rows. */
    int size() {
        return size;
    }

    /** The row whose key equals {@code key}, or null (also for a null key, which no row has). */
    Row get(Object key) {
        if (key == null) {
            return null;
        }
        Row[] t = slots;
        int mask = t.length - 1;
        for (int i = home(key); ; i = (i + 1) & mask) {
            Row r = t[i];
            if (r == null) {
                return null;
            }
            Object k = r.key();
            if (k == key || k.equals(key)) {
                return r;
            }
        }
    }

    /** Adds a row whose key is not present. */
    void add(Row row) {
        if (size + 1 > (slots.length >>> 2) * 3) {
            resize(slots.length << 1);
        }
        if (place(slots, row) > LONG_PROBE && !scrambled) {
            scrambled = true;
            resize(slots.length); // places every row again, by the scrambled homes
        }
        size++;
    }

    /** Whether the table has switched to scrambled homes (for tests). */
    boolean scrambled() {
        return scrambled;
    }

    /** Makes room for {@code more} rows beyond the current ones, so that adding them resizes at most once. */
    void reserve(int more) {
        long needed = (long) size + more;
        int capacity = slots.length;
        while ((long) (capacity >>> 2) * 3 < needed && capacity < (1 << 30)) {
            capacity <<= 1;
        }
        if (capacity != slots.length) {
            resize(capacity);
        }
    }

    /** Removes a row of this table (found by its key); nothing when absent. */
    void remove(Row row) {
        Row[] t = slots;
        int mask = t.length - 1;
        Object key = row.key();
        int i = home(key);
        while (t[i] != null && t[i] != row) {
            i = (i + 1) & mask;
        }
        if (t[i] == null) {
            return;
        }
        // Backward shift: each following row away from its home moves one slot back; the first row at its home (or
        // an empty slot) ends it, since the placement keeps every row of the cluster after it where it is.
        int hole = i;
        for (int j = (hole + 1) & mask; t[j] != null && home(t[j].key()) != j; j = (j + 1) & mask) {
            t[hole] = t[j];
            hole = j;
        }
        t[hole] = null;
        size--;
    }

    /** Visits every row, in no particular order. */
    void forEach(Consumer<Row> visitor) {
        for (Row r : slots) {
            if (r != null) {
                visitor.accept(r);
            }
        }
    }

    /** Removes every row and gives the memory back. */
    void clear() {
        slots = new Row[MIN_CAPACITY];
        shift = 32 - Integer.numberOfTrailingZeros(MIN_CAPACITY);
        size = 0;
        scrambled = false;
    }

    private void resize(int capacity) {
        Row[] old = slots;
        Row[] t = new Row[capacity];
        shift = 32 - Integer.numberOfTrailingZeros(capacity);
        slots = t;
        for (Row r : old) {
            if (r != null) {
                place(t, r);
            }
        }
    }

    /**
     * Puts a row into the table without comparing keys (the caller knows it is new), Robin Hood style (see the class
     * comment): from its home, the row takes the first slot that is free or whose resident is nearer its own home,
     * and a displaced resident goes on the same way. Tells how many slots the row passed before its own slot.
     */
    private int place(Row[] t, Row row) {
        int mask = t.length - 1;
        int i = home(row.key());
        int distance = 0;
        int probes = -1;
        Row moving = row;
        while (true) {
            Row resident = t[i];
            if (resident == null) {
                t[i] = moving;
                return probes < 0 ? distance : probes;
            }
            int residentDistance = (i - home(resident.key())) & mask;
            if (residentDistance < distance) {
                t[i] = moving;
                if (probes < 0) {
                    probes = distance;
                }
                moving = resident;
                distance = residentDistance;
            }
            i = (i + 1) & mask;
            distance++;
        }
    }

    /** The home slot of a key in the current table: see the class comment. */
    private int home(Object key) {
        int h = key.hashCode();
        return scrambled ? (h * 0x9E3779B9) >>> shift : (h ^ (h >>> 16)) & (slots.length - 1);
    }
}
