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
 * The four systems raced, each loaded with the same {@link Dataset} and the matching indexes: a hash index on
 * {@code sku} and {@code dept}, a sorted index on {@code score} ("all"), only {@code dept} and {@code score} ("two"),
 * or none.
 */
public final class Stores {
    private Stores() {
    }

    /** Which indexes a store gets. */
    public enum Indexes {
        /** No index. */
        NONE,
        /** Hash on dept, sorted on score. */
        TWO,
        /** Hash on sku and dept, sorted on score. */
        ALL
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
        Table t = db.createTable("items", "id");
        if (indexes == Indexes.ALL) {
            t.createIndex("sku", IndexType.HASH);
        }
        if (indexes != Indexes.NONE) {
            t.createIndex("dept", IndexType.HASH);
            t.createIndex("score", IndexType.SORTED);
        }
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

    // ------------------------------------------------------------------ CQEngine

    /** CQEngine attribute on the sku. */
    public static final SimpleAttribute<Item, String> SKU = attribute(Item.class, String.class, "sku", Item::sku);
    /** CQEngine attribute on the department. */
    public static final SimpleAttribute<Item, String> DEPT = attribute(Item.class, String.class, "dept", Item::dept);
    /** CQEngine attribute on the score. */
    public static final SimpleAttribute<Item, Long> SCORE = attribute(Item.class, Long.class, "score", Item::score);
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
        IndexedCollection<Item> c = new ConcurrentIndexedCollection<>();
        HashIndex<String, Item> dept = null;
        if (indexes == Indexes.ALL) {
            c.addIndex(HashIndex.onAttribute(SKU));
        }
        if (indexes != Indexes.NONE) {
            dept = HashIndex.onAttribute(DEPT);
            c.addIndex(dept);
            c.addIndex(NavigableIndex.onAttribute(SCORE));
        }
        c.addAll(java.util.Arrays.asList(items));
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
        // OPTIMIZE_REUSE_RESULTS=0: H2 would otherwise hand back the previous result of a query with the same
        // parameters on an unchanged table, and a benchmark would measure that cache, not the query
        Connection c = DriverManager.getConnection("jdbc:h2:mem:bench" + H2_NAMES.incrementAndGet()
                + ";DB_CLOSE_DELAY=0;OPTIMIZE_REUSE_RESULTS=0");
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE items (id BIGINT PRIMARY KEY, sku VARCHAR(64), dept VARCHAR(16), score BIGINT, "
                    + "price DOUBLE PRECISION, qty BIGINT, name VARCHAR(64), active BOOLEAN, city VARCHAR(16), "
                    + "rating DOUBLE PRECISION)");
            if (indexes == Indexes.ALL) {
                s.execute("CREATE INDEX items_sku ON items(sku)");
            }
            if (indexes != Indexes.NONE) {
                s.execute("CREATE INDEX items_dept ON items(dept)");
                s.execute("CREATE INDEX items_score ON items(score)");
            }
        }
        h2Insert(c, items);
        return c;
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
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO items VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            int n = 0;
            for (Item it : items) {
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

        /**
         * An empty store.
         *
         * @param indexes which indexes
         */
        public Baseline(Indexes indexes) {
            bySku = indexes == Indexes.ALL ? new HashMap<>() : null;
            byDept = indexes != Indexes.NONE ? new HashMap<>() : null;
            byScore = indexes != Indexes.NONE ? new TreeMap<>() : null;
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
