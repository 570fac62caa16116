package io.dictdb.bench.index;

import com.googlecode.cqengine.ConcurrentIndexedCollection;
import com.googlecode.cqengine.IndexedCollection;
import com.googlecode.cqengine.attribute.SimpleAttribute;
import com.googlecode.cqengine.index.compound.CompoundIndex;
import com.googlecode.cqengine.index.hash.HashIndex;
import com.googlecode.cqengine.index.navigable.NavigableIndex;
import com.googlecode.cqengine.query.option.EngineThresholds;
import com.googlecode.cqengine.resultset.ResultSet;
import io.dictdb.IndexSpec;
import io.dictdb.Record;
import io.dictdb.Table;
import io.dictdb.TableSpec;
import io.dictdb.bench.index.PairData.Row;
import io.dictdb.bench.query.Stores;
import io.dictdb.core.DictDB;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import static com.googlecode.cqengine.query.QueryFactory.and;
import static com.googlecode.cqengine.query.QueryFactory.applyThresholds;
import static com.googlecode.cqengine.query.QueryFactory.ascending;
import static com.googlecode.cqengine.query.QueryFactory.attribute;
import static com.googlecode.cqengine.query.QueryFactory.equal;
import static com.googlecode.cqengine.query.QueryFactory.greaterThan;
import static com.googlecode.cqengine.query.QueryFactory.orderBy;
import static com.googlecode.cqengine.query.QueryFactory.queryOptions;
import static com.googlecode.cqengine.query.QueryFactory.threshold;
import static io.dictdb.query.Conditions.field;

/**
 * The four systems of the composite-index race, each loaded with the same {@link PairData} and the indexes its
 * queries need, and each system's form of the two queries, written once here for the benchmarks and for the check
 * that every system answers the same ({@code PairStoresTest}):
 * <ul>
 *   <li>the composite lookup {@code a = x AND b = y}: DictDB's {@code IndexSpec.hash("a", "b")}, CQEngine's
 *       {@link CompoundIndex} on (A, B), H2's index on {@code (a, b)}, and the hand-made baseline, a
 *       {@code HashMap} keyed by the pair;</li>
 *   <li>the ordered walk {@code a = x ORDER BY t LIMIT 100}, first page and a keyset page ({@code t > last}):
 *       DictDB's {@code IndexSpec.sorted("a", "t")}, H2's index on {@code (a, t)}, the baseline's
 *       {@code HashMap} of {@code a} to a {@code TreeMap} by {@code t}, and CQEngine, which has no sorted compound
 *       index: its index ordering walks a {@link NavigableIndex} on T and filters {@code a = x} with a hash index
 *       on A, the best it offers for this query.</li>
 * </ul>
 */
public final class PairStores {
    /** The page size of the ordered walk. */
    public static final int PAGE = 100;

    /** CQEngine attribute on {@code a}. */
    static final SimpleAttribute<Row, String> A = attribute(Row.class, String.class, "a", Row::a);
    /** CQEngine attribute on {@code b}. */
    static final SimpleAttribute<Row, Long> B = attribute(Row.class, Long.class, "b", Row::b);
    /** CQEngine attribute on {@code t}. */
    static final SimpleAttribute<Row, Long> T = attribute(Row.class, Long.class, "t", Row::t);

    private PairStores() {
    }

    // ------------------------------------------------------------------ loading

    /**
     * A DictDB table of the rows with the given indexes, in a database of its own.
     *
     * @param data the rows
     * @param indexes the indexes, created with the table
     * @return the table
     */
    public static Table dictdb(PairData data, IndexSpec... indexes) {
        TableSpec spec = TableSpec.named("pairs").primaryKey("id");
        for (IndexSpec index : indexes) {
            spec = spec.index(index);
        }
        Table table = DictDB.create().createTable(spec);
        List<Record> batch = new ArrayList<>(10_000);
        for (Row row : data.rows()) {
            batch.add(Record.of(row.toMap()));
            if (batch.size() == 10_000) {
                table.insertAll(batch);
                batch.clear();
            }
        }
        table.insertAll(batch);
        return table;
    }

    /**
     * CQEngine with a compound index on (A, B).
     *
     * @param data the rows
     * @return the collection
     */
    public static IndexedCollection<Row> cqCompound(PairData data) {
        IndexedCollection<Row> c = new ConcurrentIndexedCollection<>();
        c.addIndex(CompoundIndex.onAttributes(A, B));
        c.addAll(Arrays.asList(data.rows()));
        return c;
    }

    /**
     * CQEngine with a hash index on A and a navigable index on T, for the ordered walk.
     *
     * @param data the rows
     * @return the collection
     */
    public static IndexedCollection<Row> cqOrdered(PairData data) {
        IndexedCollection<Row> c = new ConcurrentIndexedCollection<>();
        c.addIndex(HashIndex.onAttribute(A));
        c.addIndex(NavigableIndex.onAttribute(T));
        c.addAll(Arrays.asList(data.rows()));
        return c;
    }

    /**
     * An H2 in-memory database with the table PAIRS and multi-column indexes on {@code (a, b)} and {@code (a, t)}.
     *
     * @param data the rows
     * @return an open connection; the database lives as long as it
     * @throws SQLException on failure
     */
    public static Connection h2(PairData data) throws SQLException {
        Connection c = Stores.h2Memory("pairs");
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE pairs (id BIGINT PRIMARY KEY, a VARCHAR(16), b BIGINT, t BIGINT, qty BIGINT, "
                    + "name VARCHAR(16))");
            s.execute("CREATE INDEX pairs_a_b ON pairs(a, b)");
            s.execute("CREATE INDEX pairs_a_t ON pairs(a, t)");
        }
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO pairs VALUES (?, ?, ?, ?, ?, ?)")) {
            int n = 0;
            for (Row r : data.rows()) {
                ps.setLong(1, r.id());
                ps.setString(2, r.a());
                ps.setLong(3, r.b());
                ps.setLong(4, r.t());
                ps.setLong(5, r.qty());
                ps.setString(6, r.name());
                ps.addBatch();
                if (++n % 1000 == 0) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
        }
        c.commit();
        c.setAutoCommit(true);
        return c;
    }

    /** The pair {@code (a, b)}, the key of the hand-made lookup store. */
    record Pair(String a, long b) {
    }

    /**
     * The hand-made stores: rows as {@code HashMap}s, a {@code HashMap} from the pair to its rows, and a
     * {@code HashMap} from {@code a} to a {@code TreeMap} of its rows by {@code t}.
     *
     * @param byPair (a, b) to rows, in insertion order
     * @param byAThenT a to rows ordered by t
     */
    public record Baseline(Map<Pair, List<Map<String, Object>>> byPair,
                           Map<String, NavigableMap<Long, Map<String, Object>>> byAThenT) {
        /**
         * Loads the stores.
         *
         * @param data the rows
         * @return the stores
         */
        public static Baseline of(PairData data) {
            Map<Pair, List<Map<String, Object>>> byPair = new HashMap<>();
            Map<String, NavigableMap<Long, Map<String, Object>>> byA = new HashMap<>();
            for (Row r : data.rows()) {
                Map<String, Object> m = new HashMap<>(r.toMap());
                byPair.computeIfAbsent(new Pair(r.a(), r.b()), k -> new ArrayList<>()).add(m);
                byA.computeIfAbsent(r.a(), k -> new TreeMap<>()).put(r.t(), m);
            }
            return new Baseline(byPair, byA);
        }
    }

    // ------------------------------------------------------------------ the lookup

    /**
     * DictDB: {@code select(field("a").eq(a).and(field("b").eq(b)))}.
     *
     * @param table the table
     * @param a the value of a
     * @param b the value of b
     * @return the records
     */
    public static List<Record> lookup(Table table, String a, long b) {
        return table.select(field("a").eq(a).and(field("b").eq(b)));
    }

    /**
     * CQEngine: {@code retrieve(and(equal(A, a), equal(B, b)))}, served by the compound index.
     *
     * @param c the collection
     * @param a the value of a
     * @param b the value of b
     * @return the result set, to iterate and close
     */
    public static ResultSet<Row> lookup(IndexedCollection<Row> c, String a, long b) {
        return c.retrieve(and(equal(A, a), equal(B, b)));
    }

    /** The SQL of the lookup. */
    public static final String H2_LOOKUP = "SELECT * FROM pairs WHERE a = ? AND b = ?";

    /**
     * H2: {@link #H2_LOOKUP}, every column of each row read.
     *
     * @param ps the prepared lookup
     * @param a the value of a
     * @param b the value of b
     * @return the rows
     * @throws SQLException on failure
     */
    public static List<Row> lookup(PreparedStatement ps, String a, long b) throws SQLException {
        ps.setString(1, a);
        ps.setLong(2, b);
        return rows(ps);
    }

    /**
     * Hand-made: {@code byPair.get(new Pair(a, b))}.
     *
     * @param s the stores
     * @param a the value of a
     * @param b the value of b
     * @return the rows (empty for a pair without rows)
     */
    public static List<Map<String, Object>> lookup(Baseline s, String a, long b) {
        return s.byPair.getOrDefault(new Pair(a, b), List.of());
    }

    // ------------------------------------------------------------------ the ordered walk

    /**
     * DictDB: {@code a = x ORDER BY t LIMIT 100}, or with {@code after} the keyset page {@code a = x AND t > after}.
     *
     * @param table the table
     * @param a the value of a
     * @param after the last t of the previous page, or null for the first page
     * @return the records
     */
    public static List<Record> page(Table table, String a, Long after) {
        var where = after == null ? field("a").eq(a) : field("a").eq(a).and(field("t").gt(after));
        return table.query().where(where).orderBy("t").limit(PAGE).toList();
    }

    /**
     * CQEngine: the same, by index ordering on T (selectivity threshold 1.0, so that it walks the navigable index
     * rather than sorting every row of {@code a = x}).
     *
     * @param c the collection of {@link #cqOrdered(PairData)}
     * @param a the value of a
     * @param after the last t of the previous page, or null for the first page
     * @return the rows
     */
    public static List<Row> page(IndexedCollection<Row> c, String a, Long after) {
        var query = after == null ? equal(A, a) : and(equal(A, a), greaterThan(T, after));
        try (ResultSet<Row> rs = c.retrieve(query, queryOptions(orderBy(ascending(T)),
                applyThresholds(threshold(EngineThresholds.INDEX_ORDERING_SELECTIVITY, 1.0))))) {
            List<Row> out = new ArrayList<>(PAGE);
            for (Row r : rs) {
                out.add(r);
                if (out.size() == PAGE) {
                    break;
                }
            }
            return out;
        }
    }

    /** The SQL of the first page. */
    public static final String H2_FIRST_PAGE = "SELECT * FROM pairs WHERE a = ? ORDER BY t LIMIT " + PAGE;
    /** The SQL of a keyset page. */
    public static final String H2_KEYSET_PAGE = "SELECT * FROM pairs WHERE a = ? AND t > ? ORDER BY t LIMIT " + PAGE;

    /**
     * H2: {@link #H2_FIRST_PAGE} or {@link #H2_KEYSET_PAGE}.
     *
     * @param first the prepared first page
     * @param keyset the prepared keyset page
     * @param a the value of a
     * @param after the last t of the previous page, or null for the first page
     * @return the rows
     * @throws SQLException on failure
     */
    public static List<Row> page(PreparedStatement first, PreparedStatement keyset, String a, Long after)
            throws SQLException {
        if (after == null) {
            first.setString(1, a);
            return rows(first);
        }
        keyset.setString(1, a);
        keyset.setLong(2, after);
        return rows(keyset);
    }

    /**
     * Hand-made: the {@code TreeMap} of {@code a}, from its start or after {@code after}, first 100.
     *
     * @param s the stores
     * @param a the value of a
     * @param after the last t of the previous page, or null for the first page
     * @return the rows
     */
    public static List<Map<String, Object>> page(Baseline s, String a, Long after) {
        NavigableMap<Long, Map<String, Object>> byT = s.byAThenT.get(a);
        if (byT == null) {
            return List.of();
        }
        List<Map<String, Object>> out = new ArrayList<>(PAGE);
        for (Map<String, Object> m : (after == null ? byT : byT.tailMap(after, false)).values()) {
            out.add(m);
            if (out.size() == PAGE) {
                break;
            }
        }
        return out;
    }

    private static List<Row> rows(PreparedStatement ps) throws SQLException {
        List<Row> out = new ArrayList<>();
        try (java.sql.ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Row(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                        rs.getString(6)));
            }
        }
        return out;
    }
}
