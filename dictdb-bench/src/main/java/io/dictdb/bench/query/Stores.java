package io.dictdb.bench.query;

import com.googlecode.cqengine.ConcurrentIndexedCollection;
import com.googlecode.cqengine.IndexedCollection;
import com.googlecode.cqengine.attribute.SimpleAttribute;
import com.googlecode.cqengine.index.hash.HashIndex;
import com.googlecode.cqengine.index.navigable.NavigableIndex;
import io.dictdb.Database;
import io.dictdb.IndexType;
import io.dictdb.InsertOptions;
import io.dictdb.Table;
import io.dictdb.bench.Dataset;
import io.dictdb.bench.Dataset.Item;
import io.dictdb.core.DictDB;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

import static com.googlecode.cqengine.query.QueryFactory.attribute;

/**
 * The four systems raced, each loaded with the same {@link Dataset} and the matching indexes (see {@link Indexes}):
 * every system gets the same indexes on the same fields, so that a race compares the engines, not the plans a user
 * would have to write by hand.
 */
public final class Stores {
    private Stores() {
    }

    /** Which indexes a store gets (the primary key, or the hand-made key map, comes with every store). */
    public enum Indexes {
        /** No index. */
        NONE,
        /** Hash on dept, sorted on score. */
        TWO,
        /** Hash on sku and dept, sorted on score: the "3 indexes" of the memory row of issue #15. */
        THREE,
        /** THREE and a hash on city (50 values, 2% of the records each): the stores the query benchmarks race. */
        ALL;

        /** Whether sku has a hash index. */
        boolean sku() {
            return this == THREE || this == ALL;
        }

        /** Whether dept has a hash index and score a sorted one. */
        boolean deptAndScore() {
            return this != NONE;
        }

        /** Whether city has a hash index. */
        boolean city() {
            return this == ALL;
        }
    }

    // ------------------------------------------------------------------ DictDB

    /**
     * A DictDB table "items" keyed by {@code id}.
     *
     * @param data the records
     * @param indexes which indexes
     * @return the table
     */
    public static Table dictdb(Dataset data, Indexes indexes) {
        return dictdb(DictDB.create(), data, indexes);
    }

    /**
     * Loads a DictDB table "items" keyed by {@code id} into a database.
     *
     * @param db the database
     * @param data the records
     * @param indexes which indexes
     * @return the table
     */
    public static Table dictdb(Database db, Dataset data, Indexes indexes) {
        Table t = dictdbEmpty(db, indexes);
        List<Map<String, Object>> batch = new ArrayList<>(10_000);
        for (Item it : data.items()) {
            batch.add(it.toMap());
            if (batch.size() == 10_000) {
                t.insertAll(batch, InsertOptions.defaults());
                batch.clear();
            }
        }
        t.insertAll(batch, InsertOptions.defaults());
        return t;
    }

    /**
     * Creates the empty DictDB table "items" keyed by {@code id}, with its indexes.
     *
     * @param db the database
     * @param indexes which indexes
     * @return the table
     */
    public static Table dictdbEmpty(Database db, Indexes indexes) {
        Table t = db.createTable("items", "id");
        if (indexes.sku()) {
            t.createIndex("sku", IndexType.HASH);
        }
        if (indexes.deptAndScore()) {
            t.createIndex("dept", IndexType.HASH);
            t.createIndex("score", IndexType.SORTED);
        }
        if (indexes.city()) {
            t.createIndex("city", IndexType.HASH);
        }
        return t;
    }

    // ------------------------------------------------------------------ CQEngine

    /** CQEngine attribute on the sku. */
    public static final SimpleAttribute<Item, String> SKU = attribute(Item.class, String.class, "sku", Item::sku);
    /** CQEngine attribute on the department. */
    public static final SimpleAttribute<Item, String> DEPT = attribute(Item.class, String.class, "dept", Item::dept);
    /** CQEngine attribute on the score. */
    public static final SimpleAttribute<Item, Long> SCORE = attribute(Item.class, Long.class, "score", Item::score);
    /** CQEngine attribute on the city. */
    public static final SimpleAttribute<Item, String> CITY = attribute(Item.class, String.class, "city", Item::city);
    /** CQEngine attribute on the price. */
    public static final SimpleAttribute<Item, Double> PRICE = attribute(Item.class, Double.class, "price",
            Item::price);

    /** A CQEngine collection with its dept index kept for group counts. */
    public record Cq(IndexedCollection<Item> items, HashIndex<String, Item> deptIndex) {
    }

    /**
     * A CQEngine collection of the items.
     *
     * @param items the items
     * @param indexes which indexes
     * @return the collection
     */
    public static Cq cqengine(Item[] items, Indexes indexes) {
        Cq cq = cqengineEmpty(indexes);
        cq.items().addAll(java.util.Arrays.asList(items));
        return cq;
    }

    /**
     * An empty CQEngine collection with its indexes.
     *
     * @param indexes which indexes
     * @return the collection
     */
    public static Cq cqengineEmpty(Indexes indexes) {
        IndexedCollection<Item> c = new ConcurrentIndexedCollection<>();
        HashIndex<String, Item> dept = null;
        if (indexes.sku()) {
            c.addIndex(HashIndex.onAttribute(SKU));
        }
        if (indexes.deptAndScore()) {
            dept = HashIndex.onAttribute(DEPT);
            c.addIndex(dept);
            c.addIndex(NavigableIndex.onAttribute(SCORE));
        }
        if (indexes.city()) {
            c.addIndex(HashIndex.onAttribute(CITY));
        }
        return new Cq(c, dept);
    }

    // ------------------------------------------------------------------ H2

    private static final AtomicInteger H2_NAMES = new AtomicInteger();

    /**
     * An H2 in-memory database with table ITEMS.
     *
     * @param items the items
     * @param indexes which indexes
     * @return an open connection; the database lives as long as it
     * @throws SQLException on failure
     */
    public static Connection h2(Item[] items, Indexes indexes) throws SQLException {
        Connection c = h2Empty(indexes);
        h2Insert(c, items);
        return c;
    }

    /**
     * A new, empty H2 in-memory database of a unique name, as every benchmark opens one. OPTIMIZE_REUSE_RESULTS=0:
     * H2 would otherwise hand back the previous result of a query with the same parameters on an unchanged table,
     * and a benchmark would measure that cache, not the query.
     *
     * @param prefix the start of its name
     * @return an open connection; the database lives as long as it
     * @throws SQLException on failure
     */
    public static Connection h2Memory(String prefix) throws SQLException {
        return DriverManager.getConnection("jdbc:h2:mem:" + prefix + H2_NAMES.incrementAndGet()
                + ";DB_CLOSE_DELAY=0;OPTIMIZE_REUSE_RESULTS=0");
    }

    /**
     * An H2 in-memory database with the empty table ITEMS and its indexes.
     *
     * @param indexes which indexes
     * @return an open connection; the database lives as long as it
     * @throws SQLException on failure
     */
    public static Connection h2Empty(Indexes indexes) throws SQLException {
        Connection c = h2Memory("bench");
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE items (id BIGINT PRIMARY KEY, sku VARCHAR(64), dept VARCHAR(16), score BIGINT, "
                    + "price DOUBLE PRECISION, qty BIGINT, name VARCHAR(64), active BOOLEAN, city VARCHAR(16), "
                    + "rating DOUBLE PRECISION)");
            if (indexes.sku()) {
                s.execute("CREATE INDEX items_sku ON items(sku)");
            }
            if (indexes.deptAndScore()) {
                s.execute("CREATE INDEX items_dept ON items(dept)");
                s.execute("CREATE INDEX items_score ON items(score)");
            }
            if (indexes.city()) {
                s.execute("CREATE INDEX items_city ON items(city)");
            }
        }
        return c;
    }

    /**
     * Another connection to the database of an open one (H2 connections and their statements are not shared
     * between threads: each reader thread gets its own).
     *
     * @param open an open connection made by {@link #h2Empty}
     * @return a new connection to the same in-memory database
     * @throws SQLException on failure
     */
    public static Connection h2Another(Connection open) throws SQLException {
        return DriverManager.getConnection(open.getMetaData().getURL());
    }

    /** The INSERT of one item into ITEMS, its ten parameters bound by {@link #h2Bind}. */
    public static final String H2_INSERT = "INSERT INTO items VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /**
     * Binds the ten fields of an item to {@link #H2_INSERT}.
     *
     * @param ps the prepared INSERT
     * @param it the item
     * @throws SQLException on failure
     */
    public static void h2Bind(PreparedStatement ps, Item it) throws SQLException {
        ps.setLong(1, it.id());
        ps.setString(2, it.sku());
        ps.setString(3, it.dept());
        ps.setLong(4, it.score());
        ps.setDouble(5, it.price());
        ps.setLong(6, it.qty());
        ps.setString(7, it.name());
        ps.setBoolean(8, it.active());
        ps.setString(9, it.city());
        ps.setDouble(10, it.rating());
    }

    /**
     * Inserts items into ITEMS through a prepared statement in batches of 1000, one transaction.
     *
     * @param c the connection
     * @param items the items
     * @throws SQLException on failure
     */
    public static void h2Insert(Connection c, Item[] items) throws SQLException {
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement(H2_INSERT)) {
            int n = 0;
            for (Item it : items) {
                h2Bind(ps, it);
                ps.addBatch();
                if (++n % 1000 == 0) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
        }
        c.commit();
        c.setAutoCommit(true);
    }

    /**
     * Reads every row of an H2 result as items (all ten columns, as a caller would).
     *
     * @param rs the result
     * @return the items
     * @throws SQLException on failure
     */
    public static List<Item> h2Items(ResultSet rs) throws SQLException {
        List<Item> out = new ArrayList<>();
        while (rs.next()) {
            out.add(new Item(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getDouble(5),
                    rs.getLong(6), rs.getString(7), rs.getBoolean(8), rs.getString(9), rs.getDouble(10)));
        }
        rs.close();
        return out;
    }

    // ------------------------------------------------------------------ hand-made baseline

    /**
     * The hand-made baseline: records as {@code HashMap}s in a list and a primary-key {@code HashMap}, with
     * {@code HashMap}/{@code TreeMap} indexes from value to the list of records.
     */
    public static final class Baseline {
        /** Records in insertion order. */
        public final List<Map<String, Object>> rows = new ArrayList<>();
        /** Primary key to record. */
        public final Map<Long, Map<String, Object>> byId = new HashMap<>();
        /** sku to records, or null when not indexed. */
        public final Map<Object, List<Map<String, Object>>> bySku;
        /** dept to records, or null when not indexed. */
        public final Map<Object, List<Map<String, Object>>> byDept;
        /** score to records, or null when not indexed. */
        public final TreeMap<Long, List<Map<String, Object>>> byScore;
        /** city to records, or null when not indexed. */
        public final Map<Object, List<Map<String, Object>>> byCity;

        /**
         * An empty store.
         *
         * @param indexes which indexes
         */
        public Baseline(Indexes indexes) {
            bySku = indexes.sku() ? new HashMap<>() : null;
            byDept = indexes.deptAndScore() ? new HashMap<>() : null;
            byScore = indexes.deptAndScore() ? new TreeMap<>() : null;
            byCity = indexes.city() ? new HashMap<>() : null;
        }

        /**
         * Adds a record.
         *
         * @param m the record, kept as given
         */
        public void add(Map<String, Object> m) {
            rows.add(m);
            byId.put((Long) m.get("id"), m);
            if (bySku != null) {
                bySku.computeIfAbsent(m.get("sku"), k -> new ArrayList<>(1)).add(m);
            }
            if (byDept != null) {
                byDept.computeIfAbsent(m.get("dept"), k -> new ArrayList<>()).add(m);
                byScore.computeIfAbsent((Long) m.get("score"), k -> new ArrayList<>(1)).add(m);
            }
            if (byCity != null) {
                byCity.computeIfAbsent(m.get("city"), k -> new ArrayList<>()).add(m);
            }
        }
    }

    /**
     * The baseline loaded with the items, each as a new {@code HashMap}.
     *
     * @param items the items
     * @param indexes which indexes
     * @return the store
     */
    public static Baseline baseline(Item[] items, Indexes indexes) {
        Baseline b = new Baseline(indexes);
        for (Item it : items) {
            b.add(new HashMap<>(it.toMap()));
        }
        return b;
    }
}
