package io.dictdb.table.tck;

import io.dictdb.Database;
import io.dictdb.IndexType;
import io.dictdb.Record;
import io.dictdb.Table;
import io.dictdb.query.Condition;
import io.dictdb.query.Field;
import io.dictdb.query.Order;
import io.dictdb.query.Query;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;

import static io.dictdb.query.Conditions.and;
import static io.dictdb.query.Conditions.field;
import static io.dictdb.query.Conditions.not;
import static io.dictdb.query.Conditions.or;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

/**
 * The planner never changes a result: random tables with random index sets, random nested and/or/not conditions
 * over every operator, random orderBy/limit/offset, compared with the same table without any index (the scan-only
 * engine). Keyset pages concatenated equal the unpaged ordered result, also while records are inserted between
 * pages (no original record skipped or repeated, a new one at most once).
 *
 * <p>Each example is built from one seed, printed on failure, so a failure reproduces exactly.
 */
public abstract class QueryEquivalenceKit extends KitBase {
    private static final int SCALE = Boolean.getBoolean("dictdb.longTests") ? 20 : 1;
    private static final List<String> FIELDS = List.of("n", "s", "x", "b");
    private static final List<String> STRINGS = List.of("", "a", "ab", "abc", "b", "ba", "B", "Ab", "a%b", "a_c",
            "a\uffff", "\uffff", "a\uffffb", "a\\", "\ud83d\ude00", "a.*", "\u00e9", "\u00c9");
    private static final List<String> PATTERNS = List.of("a%", "ab%", "%b", "a_", "a\\%%", "%", "_", "b%", "A%", "",
            "a\uffff%", "\uffff%", "a\\_%", "\u00e9%", "\ud83d%");

    /** Large numbers where Long, Double and BigDecimal disagree unless compared exactly (2^53 and beyond). */
    private static final List<Object> BIG = List.of(9_007_199_254_740_992L, 9_007_199_254_740_993L,
            9_007_199_254_740_992.0, new BigDecimal("9007199254740993"), new BigDecimal("9007199254740992.5"),
            Long.MAX_VALUE, 9.223372036854775807E18, new BigDecimal("9223372036854775808"), Long.MIN_VALUE,
            -9.223372036854775808E18, 0.0, -0.0);

    /** One example: the records, the indexes and the queries, all drawn from a seed. */
    static final class Scenario {
        final long seed;
        final Random rnd;
        final List<Map<String, Object>> records = new ArrayList<>();
        final Map<String, IndexType> indexes = new LinkedHashMap<>();

        Scenario(long seed) {
            this.seed = seed;
            this.rnd = new Random(seed);
            int n = rnd.nextInt(60);
            for (int i = 0; i < n; i++) {
                records.add(record());
            }
            for (String f : FIELDS) {
                if (rnd.nextInt(3) > 0) {
                    indexes.put(f, rnd.nextBoolean() ? IndexType.HASH : IndexType.SORTED);
                }
            }
        }

        Map<String, Object> record() {
            Map<String, Object> r = new HashMap<>();
            for (String f : FIELDS) {
                int k = rnd.nextInt(10);
                if (k == 0) {
                    continue; // missing
                }
                r.put(f, k == 1 ? null : value(f));
            }
            return r;
        }

        /** Mostly the field's own type, sometimes another: the engine must agree on mixed columns too. */
        Object value(String f) {
            String kind = rnd.nextInt(8) == 0 ? FIELDS.get(rnd.nextInt(FIELDS.size())) : f;
            return switch (kind) {
                case "n" -> switch (rnd.nextInt(6)) {
                    case 0 -> (double) (rnd.nextInt(7) - 1);
                    case 1 -> new BigDecimal(rnd.nextInt(7) - 1).setScale(rnd.nextInt(2));
                    case 2 -> BIG.get(rnd.nextInt(BIG.size()));
                    default -> (long) (rnd.nextInt(7) - 1);
                };
                case "s" -> STRINGS.get(rnd.nextInt(STRINGS.size()));
                case "x" -> switch (rnd.nextInt(12)) {
                    case 0 -> Double.NaN;
                    case 1 -> -0.0;
                    case 2 -> new BigDecimal(rnd.nextInt(9) * 5 - 10).movePointLeft(1 + rnd.nextInt(2));
                    case 3 -> rnd.nextBoolean() ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
                    default -> rnd.nextInt(9) * 0.5 - 1;
                };
                default -> rnd.nextBoolean();
            };
        }

        Object literal(String f) {
            return rnd.nextInt(12) == 0 ? value(FIELDS.get(rnd.nextInt(FIELDS.size()))) : value(f);
        }

        String anyField() {
            int k = rnd.nextInt(FIELDS.size() + 2);
            return k < FIELDS.size() ? FIELDS.get(k) : k == FIELDS.size() ? "id" : "nothing";
        }

        Condition condition(int depth) {
            int k = rnd.nextInt(depth <= 0 ? 17 : 21);
            if (k >= 17) {
                Condition a = condition(depth - 1);
                Condition b = condition(depth - 1);
                return switch (k) {
                    case 17, 18 -> and(a, b, condition(depth - 1)).and(rnd.nextBoolean() ? a : b);
                    case 19 -> or(a, b);
                    default -> not(a);
                };
            }
            String f = anyField();
            Field x = field(f);
            Object v = f.equals("id") ? (long) rnd.nextInt(70) : literal(f);
            if (v == null) {
                v = 0L;
            }
            String p = PATTERNS.get(rnd.nextInt(PATTERNS.size()));
            return switch (k) {
                case 0 -> x.eq(v);
                case 1 -> x.ne(v);
                case 2 -> x.lt(v);
                case 3 -> x.lte(v);
                case 4 -> x.gt(v);
                case 5 -> x.gte(v);
                case 6 -> rnd.nextInt(4) == 0 ? x.in(v, v, literal(f), v)
                        : x.in(v, literal(f), f.equals("id") ? (long) rnd.nextInt(70) : 1L);
                case 7 -> x.notIn(v, literal(f));
                case 8 -> x.between(v, rnd.nextBoolean() ? literal(f) : v);
                case 9 -> x.like(p);
                case 10 -> x.ilike(p);
                case 11 -> rnd.nextBoolean() ? x.startsWith(p.replace("%", "")) : x.istartsWith(p.replace("%", ""));
                case 12 -> rnd.nextBoolean() ? x.endsWith(p.replace("%", "")) : x.icontains(p.replace("%", ""));
                case 13 -> x.iequals(STRINGS.get(rnd.nextInt(STRINGS.size())));
                case 14 -> x.isNull();
                case 15 -> x.isNotNull();
                default -> x.matches(Pattern.compile(rnd.nextBoolean() ? "^a" : "b$"));
            };
        }

        Order[] orders() {
            int n = rnd.nextInt(3);
            Order[] o = new Order[n];
            for (int i = 0; i < n; i++) {
                String f = rnd.nextInt(6) == 0 ? "id" : FIELDS.get(rnd.nextInt(FIELDS.size()));
                o[i] = rnd.nextBoolean() ? Order.asc(f) : Order.desc(f);
            }
            return o;
        }

        Table load(Database db, boolean indexed) {
            Table t = db.createTable("t");
            if (indexed && rnd.nextBoolean()) {
                indexes.forEach(t::createIndex); // indexes built before the inserts ...
                t.insertAll(records);
            } else {
                t.insertAll(records);
                if (indexed) {
                    indexes.forEach(t::createIndex); // ... or over existing records
                }
            }
            return t;
        }

        @Override
        public String toString() {
            return "seed " + seed + " (" + records.size() + " records, indexes " + indexes + ")";
        }
    }

    @Test
    void indexesNeverChangeAResult() {
        qt().withExamples(examples(400 * SCALE)).withShrinkCycles(0)
                .forAll(longs().all().describedAs(s -> new Scenario(s).toString()))
                .checkAssert(seed -> {
                    Scenario sc = new Scenario(seed);
                    try (Database idb = newDatabase(); Database pdb = newDatabase()) {
                        compare(sc, sc.load(idb, true), sc.load(pdb, false));
                    }
                });
    }

    private static void compare(Scenario sc, Table indexed, Table plain) {
        for (int q = 0; q < 16; q++) {
            Condition c = sc.condition(3);
            Order[] orders = sc.orders();
            int limit = sc.rnd.nextInt(4) == 0 ? -1 : sc.rnd.nextInt(12);
            int offset = sc.rnd.nextInt(3) == 0 ? sc.rnd.nextInt(6) : 0;
            String what = sc + ": where " + c + " order by " + List.of(orders) + " limit " + limit
                    + " offset " + offset;
            assertThat(query(indexed, c, orders, limit, offset).toList()).as(what)
                    .isEqualTo(query(plain, c, orders, limit, offset).toList());
            // the bounded top-k (limit with order) against a full sort paged afterwards
            List<Record> whole = query(plain, c, orders, -1, 0).toList();
            int from = Math.min(offset, whole.size());
            int to = limit < 0 ? whole.size() : Math.min(whole.size(), from + limit);
            assertThat(query(plain, c, orders, limit, offset).toList()).as(what + " (paged full sort)")
                    .isEqualTo(whole.subList(from, to));
            assertThat(indexed.count(c)).as(what).isEqualTo(plain.count(c));
            assertThat(indexed.select(c)).as(what).isEqualTo(plain.select(c));
        }
    }

    static Query query(Table t, Condition c, Order[] orders, int limit, int offset) {
        Query q = t.query().where(c);
        if (orders.length > 0) {
            q = q.orderBy(orders);
        }
        if (limit >= 0) {
            q = q.limit(limit);
        }
        return offset > 0 ? q.offset(offset) : q;
    }

    @Test
    void keysetPagesConcatenateToTheOrderedResult() {
        qt().withExamples(examples(100 * SCALE)).withShrinkCycles(0)
                .forAll(longs().all().describedAs(s -> new Scenario(s).toString()))
                .checkAssert(seed -> {
                    Scenario sc = new Scenario(seed);
                    try (Database idb = newDatabase(); Database pdb = newDatabase()) {
                        pageThrough(sc, sc.load(idb, true), sc.load(pdb, false));
                    }
                });
    }

    private static void pageThrough(Scenario sc, Table indexed, Table plain) {
        for (int q = 0; q < 4; q++) {
            Condition c = sc.rnd.nextInt(3) == 0 ? sc.condition(2) : io.dictdb.query.Conditions.all();
            Order[] orders = sc.orders();
            int page = 1 + sc.rnd.nextInt(7);
            List<Record> whole = query(plain, c, orders, -1, 0).toList();
            String what = sc + ": where " + c + " order by " + List.of(orders) + " pages of " + page;
            assertThat(pages(indexed, c, orders, page, null)).as(what).isEqualTo(whole);
            assertThat(pages(plain, c, orders, page, null)).as(what).isEqualTo(whole);
        }
    }

    @Test
    void keysetPagesWhileInsertingSkipAndRepeatNothing() {
        qt().withExamples(examples(100 * SCALE)).withShrinkCycles(0)
                .forAll(longs().all().describedAs(s -> new Scenario(s).toString()))
                .checkAssert(seed -> {
                    Scenario sc = new Scenario(seed);
                    try (Database d = newDatabase()) {
                        pageWhileInserting(sc, sc.load(d, true));
                    }
                });
    }

    private static void pageWhileInserting(Scenario sc, Table t) {
        Condition c = sc.rnd.nextInt(3) == 0 ? sc.condition(2) : io.dictdb.query.Conditions.all();
        Order[] orders = sc.orders();
        int page = 1 + sc.rnd.nextInt(7);
        List<Record> before = query(t, c, orders, -1, 0).toList();
        Set<Object> original = new HashSet<>();
        before.forEach(r -> original.add(r.get("id")));
        List<Record> seen = pages(t, c, orders, page, sc);
        String what = sc + ": where " + c + " order by " + List.of(orders) + " pages of " + page;
        List<Record> old = seen.stream().filter(r -> original.contains(r.get("id"))).toList();
        assertThat(old).as(what + ": every original record once, in order").isEqualTo(before);
        List<Object> ids = seen.stream().map(r -> r.get("id")).toList();
        assertThat(new HashSet<>(ids)).as(what + ": no record twice").hasSize(ids.size());
    }

    /**
     * Reads every page with after(last); when {@code inserting} is given, inserts 0 to 3 records between the first
     * 10 pages (new records after the cursor keep the reading going, so inserts stop for the pages to end).
     */
    static List<Record> pages(Table t, Condition c, Order[] orders, int page, Scenario inserting) {
        List<Record> out = new ArrayList<>();
        Record last = null;
        for (int guard = 0; guard < 10_000; guard++) {
            Query q = t.query().where(c);
            // a keyset needs an order: without one, page by the primary key, which the scenarios' generated keys
            // give in insertion order (the order of the whole unordered result)
            q = orders.length > 0 ? q.orderBy(orders) : q.orderBy("id");
            q = q.limit(page);
            if (last != null) {
                q = q.after(last);
            }
            List<Record> p = q.toList();
            if (p.isEmpty()) {
                return out;
            }
            assertThat(p.size()).isLessThanOrEqualTo(page);
            out.addAll(p);
            last = p.get(p.size() - 1);
            if (inserting != null && guard < 10) {
                for (int i = inserting.rnd.nextInt(4); i > 0; i--) {
                    t.insert(inserting.record());
                }
            }
        }
        throw new AssertionError("pages never ended: " + out.size() + " records read");
    }
}
