package io.dictdb.bench.index;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The data of the composite-index race: rows with two low-cardinality fields {@code a} (a string) and {@code b} (a
 * long), chosen so that each {@code (a, b)} pair holds about {@link #ROWS_PER_PAIR} rows, as a user's lookup of
 * "orders of this customer in this status" returns thousands; a field {@code t} unique per row (a timestamp-like
 * long in random order) that the ordered walk sorts by within one {@code a}; and {@code qty}, which every
 * benchmark reads from each row it returns.
 *
 * @param rows the rows, ids {@code 0..n-1}
 * @param as the number of distinct values of {@code a}
 * @param bs the number of distinct values of {@code b}
 */
public record PairData(Row[] rows, int as, int bs) {
    /** About how many rows each {@code (a, b)} pair holds. */
    public static final int ROWS_PER_PAIR = 2_500;

    /**
     * One row.
     *
     * @param id the primary key
     * @param a one of {@link #as()} strings {@code a-0}, {@code a-1}, ...
     * @param b one of {@link #bs()} longs
     * @param t unique per row
     * @param qty in {@code [0, 100)}
     * @param name a short string, so a row is more than its keys
     */
    public record Row(long id, String a, long b, long t, long qty, String name) {
        /**
         * The row as a map, the form DictDB and the hand-made store keep.
         *
         * @return a new map of the six fields
         */
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", id);
            m.put("a", a);
            m.put("b", b);
            m.put("t", t);
            m.put("qty", qty);
            m.put("name", name);
            return m;
        }
    }

    /**
     * The data set of {@code n} rows: {@code a} and {@code b} take {@code sqrt(n / ROWS_PER_PAIR)} values each
     * (20 and 20 for a million rows: 400 pairs of ~2,500 rows), drawn at random with a fixed seed; {@code t} is a
     * random permutation-like unique long.
     *
     * @param n the number of rows
     * @return the data
     */
    public static PairData generate(int n) {
        int k = Math.max(1, (int) Math.round(Math.sqrt(n / (double) ROWS_PER_PAIR)));
        SplittableRandom rnd = new SplittableRandom(18);
        Row[] rows = new Row[n];
        for (int i = 0; i < n; i++) {
            // unique: the row's number in the high bits, random low bits so t's order is not the insertion order
            long t = ((long) rnd.nextInt(1 << 20) << 32) | i;
            rows[i] = new Row(i, a(rnd.nextInt(k)), rnd.nextInt(k), t, rnd.nextInt(100), "name-" + (i % 997));
        }
        return new PairData(rows, k, k);
    }

    /**
     * The value {@code k} of field {@code a}.
     *
     * @param k the number of the value
     * @return {@code "a-" + k}
     */
    public static String a(int k) {
        return "a-" + k;
    }
}
