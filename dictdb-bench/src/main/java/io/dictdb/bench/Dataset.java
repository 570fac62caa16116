package io.dictdb.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The records every benchmark loads: {@code n} items of 10 fields, generated from a fixed seed so that every system
 * of a run, and every run, sees the same data.
 *
 * <ul>
 *   <li>{@code id} long, the primary key, 0 to n-1</li>
 *   <li>{@code sku} string, unique ("SKU-" and a scrambled number): equality lookups</li>
 *   <li>{@code dept} string, 100 values: equality in AND, group-by</li>
 *   <li>{@code score} long, uniform in [0, 1 000 000): ranges, ordered walks</li>
 *   <li>{@code price} double, uniform in [0, 1000): full scans, top-k without an index</li>
 *   <li>{@code qty} long in [0, 100), {@code name} string, {@code active} boolean, {@code city} string (50 values),
 *   {@code rating} double in [0, 5)</li>
 * </ul>
 */
public final class Dataset {
    /** The number of distinct departments. */
    public static final int DEPTS = 100;
    /** The number of distinct cities: each holds about 2% of the records. */
    public static final int CITIES = 50;
    /** Scores lie in [0, SCORE_RANGE). */
    public static final long SCORE_RANGE = 1_000_000L;

    private final Item[] items;

    private Dataset(Item[] items) {
        this.items = items;
    }

    /** One record as plain fields, the form CQEngine stores and every other form is made from. */
    public record Item(long id, String sku, String dept, long score, double price, long qty, String name,
                       boolean active, String city, double rating) {

        /**
         * The record as a map of the ten fields.
         *
         * @return a new mutable map
         */
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>(16);
            m.put("id", id);
            m.put("sku", sku);
            m.put("dept", dept);
            m.put("score", score);
            m.put("price", price);
            m.put("qty", qty);
            m.put("name", name);
            m.put("active", active);
            m.put("city", city);
            m.put("rating", rating);
            return m;
        }
    }

    /**
     * Generates {@code n} items.
     *
     * @param n the number of items
     * @return the data set
     */
    public static Dataset generate(int n) {
        SplittableRandom rnd = new SplittableRandom(20_240_601L);
        Item[] items = new Item[n];
        for (int i = 0; i < n; i++) {
            long scrambled = (i * 2_654_435_761L) & 0xFFFFFFFFL;
            items[i] = new Item(i, "SKU-" + Long.toString(scrambled, 36) + "-" + i, dept(rnd.nextInt(DEPTS)),
                    rnd.nextLong(SCORE_RANGE), rnd.nextInt(100_000) / 100.0, rnd.nextInt(100),
                    "item " + Integer.toString(rnd.nextInt(1 << 30), 36), rnd.nextBoolean(),
                    city(rnd.nextInt(CITIES)), rnd.nextInt(500) / 100.0);
        }
        return new Dataset(items);
    }

    /**
     * The name of department {@code k}.
     *
     * @param k 0 to {@link #DEPTS} - 1
     * @return the name
     */
    public static String dept(int k) {
        return "dept-" + k;
    }

    /**
     * The name of city {@code k}.
     *
     * @param k 0 to {@link #CITIES} - 1
     * @return the name
     */
    public static String city(int k) {
        return "city-" + k;
    }

    /**
     * The number of items.
     *
     * @return the size
     */
    public int size() {
        return items.length;
    }

    /**
     * The items, shared: do not change the array.
     *
     * @return the items
     */
    public Item[] items() {
        return items;
    }

    /**
     * The items as maps of fields, new on each call.
     *
     * @return the maps
     */
    public List<Map<String, Object>> maps() {
        List<Map<String, Object>> out = new ArrayList<>(items.length);
        for (Item it : items) {
            out.add(it.toMap());
        }
        return out;
    }

    /**
     * The first {@code count} items as maps without their id, so that each insert takes the table's next key.
     *
     * @param count how many, at most {@link #size()}
     * @return new maps
     */
    @SuppressWarnings("unchecked")
    public Map<String, Object>[] withoutIds(int count) {
        Map<String, Object>[] out = new Map[count];
        for (int i = 0; i < count; i++) {
            Map<String, Object> m = new HashMap<>(items[i].toMap());
            m.remove("id");
            out[i] = m;
        }
        return out;
    }

    /**
     * The skus to look up, in a fixed pseudo-random order over existing items.
     *
     * @param count how many
     * @return the skus
     */
    public String[] lookupSkus(int count) {
        SplittableRandom rnd = new SplittableRandom(7);
        String[] out = new String[count];
        for (int i = 0; i < count; i++) {
            out[i] = items[rnd.nextInt(items.length)].sku();
        }
        return out;
    }
}
