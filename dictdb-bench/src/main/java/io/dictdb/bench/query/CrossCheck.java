package io.dictdb.bench.query;

import io.dictdb.Record;
import io.dictdb.bench.Dataset;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Checks that the systems raced answer the same: runs each benchmark's query once on every system, over a small
 * data set, and compares the ids returned (or the group counts). {@code run.sh} runs it before the benchmarks, so a
 * race never compares different work. Exits with status 1 on a difference.
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.dictdb.bench.query.CrossCheck [records]}
 */
public final class CrossCheck {
    private CrossCheck() {
    }

    /**
     * Runs the checks and exits with status 1 on a difference.
     *
     * @param args the record count (default 50 000)
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        List<String> failures = failures(n);
        if (!failures.isEmpty()) {
            failures.forEach(System.err::println);
            System.exit(1);
        }
        System.out.println("CrossCheck: every system gives the same answers on " + n + " records");
        System.exit(0);
    }

    /**
     * Loads every system with {@code n} records and runs each benchmark's query on all of them.
     *
     * @param n the record count
     * @return one line per difference found; empty when every system agrees
     * @throws Exception on failure
     */
    static List<String> failures(int n) throws Exception {
        States.Dict dict = new States.Dict();
        dict.records = n;
        dict.load();
        States.Cq cq = new States.Cq();
        cq.records = n;
        cq.load();
        States.H2 h2 = new States.H2();
        h2.records = n;
        h2.load();
        States.Base base = new States.Base();
        base.records = n;
        base.load();
        try {
            return failures(dict, cq, h2, base, n);
        } finally {
            h2.close();
        }
    }

    private static List<String> failures(States.Dict dict, States.Cq cq, States.H2 h2, States.Base base, int n)
            throws Exception {
        // one cursor per system: each benchmark moves its own, so the four see the same arguments in turn
        States.Args a = args(n);
        States.Args b = args(n);
        States.Args c = args(n);
        States.Args d = args(n);
        List<String> failures = new ArrayList<>();
        States.H2Reader reader = new States.H2Reader(); // a connection of its own, as each thread of EqualityBench has
        reader.open(h2);
        for (int round = 0; round < 20; round++) {
            check(failures, "equality", ids(new EqualityBench().dictdb(dict, a)), items(new EqualityBench().cqengine(cq, b)),
                    items(new EqualityBench().h2(reader, c)), maps(new EqualityBench().baseline(base, d)));
            // the class the goal table runs (EqualityBench's methods under @Threads(2)), on the next arguments
            check(failures, "two readers", ids(new TwoReadersBench().dictdb(dict, a)),
                    items(new TwoReadersBench().cqengine(cq, b)), items(new TwoReadersBench().h2(reader, c)),
                    maps(new TwoReadersBench().baseline(base, d)));
            check(failures, "range", ids(new RangeBench().dictdb(dict, a)), items(new RangeBench().cqengine(cq, b)),
                    items(new RangeBench().h2(h2, c)), maps(new RangeBench().baseline(base, d)));
            check(failures, "and", ids(new AndBench().dictdb(dict, a)), items(new AndBench().cqengine(cq, b)),
                    items(new AndBench().h2(h2, c)), maps(new AndBench().baseline(base, d)));
            // the multi-row benchmarks return a sum of qty: compare the sums, then the ids of the same query
            EqualityManyRowsBench e = new EqualityManyRowsBench();
            check(failures, "equality, many rows (sum)", e.dictdb(dict, a), e.cqengine(cq, b), e.h2(h2, c),
                    e.baseline(base, d));
            check(failures, "equality, many rows", ids(EqualityManyRowsBench.dictdbRows(dict, a.city())),
                    items(EqualityManyRowsBench.cqengineRows(cq, b.city())),
                    items(EqualityManyRowsBench.h2Rows(h2, c.city())),
                    maps(EqualityManyRowsBench.baselineRows(base, d.city())));
            AndEqualityRangeBench and = new AndEqualityRangeBench();
            check(failures, "and, equality and 30% range (sum)", and.dictdb(dict, a), and.cqengine(cq, b),
                    and.h2(h2, c), and.baseline(base, d));
            check(failures, "and, equality and 30% range",
                    ids(AndEqualityRangeBench.dictdbRows(dict, a.dept(), a.wideLow())),
                    items(AndEqualityRangeBench.cqengineRows(cq, b.dept(), b.wideLow())),
                    items(AndEqualityRangeBench.h2Rows(h2, c.dept(), c.wideLow())),
                    maps(AndEqualityRangeBench.baselineRows(base, d.dept(), d.wideLow())));
            HalfOpenRangeBench half = new HalfOpenRangeBench();
            check(failures, "half-open range (sum)", half.dictdb(dict, a), half.cqengine(cq, b), half.h2(h2, c),
                    half.baseline(base, d));
            check(failures, "half-open range", ids(HalfOpenRangeBench.dictdbRows(dict, a.low())),
                    items(HalfOpenRangeBench.cqengineRows(cq, b.low())), items(HalfOpenRangeBench.h2Rows(h2, c.low())),
                    maps(HalfOpenRangeBench.baselineRows(base, d.low())));
        }
        check(failures, "scan", ids(new ScanBench().dictdb(dict)), items(new ScanBench().cqengine(cq)),
                items(new ScanBench().h2(h2)), maps(new ScanBench().baseline(base)));
        Top10IndexedBench ti = new Top10IndexedBench();
        check(failures, "top10 indexed", scores(ti.dictdb(dict), "score"), itemScores(ti.cqengine(cq), true),
                itemScores(ti.h2(h2), true), mapScores(ti.baseline(base), "score"), mapScores(ti.fullSort(base), "score"));
        Top10UnindexedBench tu = new Top10UnindexedBench();
        check(failures, "top10 unindexed", scores(tu.dictdb(dict), "price"), itemScores(tu.cqengine(cq), false),
                itemScores(tu.h2(h2), false), mapScores(tu.baseline(base), "price"), mapScores(tu.fullSort(base), "price"));
        GroupByBench g = new GroupByBench();
        Map<String, Long> groups = new HashMap<>();
        for (Record r : g.dictdb(dict)) {
            groups.put(r.getString("dept"), r.getLong("count"));
        }
        Map<String, Long> cqGroups = new HashMap<>();
        g.cqengine(cq).forEach((k, v) -> cqGroups.put(k, (long) v));
        Map<String, Long> baseGroups = new HashMap<>();
        g.baseline(base).forEach((k, v) -> baseGroups.put((String) k, v));
        check(failures, "group by", groups, cqGroups, g.h2(h2), baseGroups);
        GroupByUnindexedBench gu = new GroupByUnindexedBench();
        Map<Long, Long> qtyGroups = new HashMap<>();
        for (Record r : gu.dictdb(dict)) {
            qtyGroups.put(r.getLong("qty"), r.getLong("count"));
        }
        Map<Long, Long> baseQtyGroups = new HashMap<>();
        gu.baseline(base).forEach((k, v) -> baseQtyGroups.put((Long) k, v));
        check(failures, "group by, no index", qtyGroups, gu.cqengine(cq), gu.h2(h2), baseQtyGroups);
        reader.close();
        return failures;
    }

    private static States.Args args(int n) {
        States.Args a = new States.Args();
        a.records = n;
        a.draw();
        return a;
    }

    static void check(List<String> failures, String what, Object... answers) {
        for (int i = 1; i < answers.length; i++) {
            if (!answers[0].equals(answers[i])) {
                failures.add(what + ": system " + i + " differs from DictDB: " + abbreviate(answers[i]) + " vs "
                        + abbreviate(answers[0]));
            }
        }
        if (answers[0] instanceof Collection<?> c && c.isEmpty() && !what.equals("equality")) {
            failures.add(what + ": empty answer, the check proves nothing");
        }
    }

    private static String abbreviate(Object o) {
        String s = String.valueOf(o);
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }

    private static TreeSet<Long> ids(List<Record> records) {
        TreeSet<Long> out = new TreeSet<>();
        records.forEach(r -> out.add(r.getLong("id")));
        return out;
    }

    private static TreeSet<Long> items(List<Dataset.Item> items) {
        TreeSet<Long> out = new TreeSet<>();
        items.forEach(i -> out.add(i.id()));
        return out;
    }

    private static TreeSet<Long> maps(List<Map<String, Object>> maps) {
        TreeSet<Long> out = new TreeSet<>();
        if (maps != null) {
            maps.forEach(m -> out.add((Long) m.get("id")));
        }
        return out;
    }

    // top-k: ties may be broken differently, so compare the sorted values, not the ids
    private static List<Object> scores(List<Record> records, String field) {
        List<Object> out = new ArrayList<>();
        records.forEach(r -> out.add(((Number) r.get(field)).doubleValue()));
        return out;
    }

    private static List<Object> itemScores(List<Dataset.Item> items, boolean score) {
        List<Object> out = new ArrayList<>();
        items.forEach(i -> out.add(score ? (double) i.score() : i.price()));
        return out;
    }

    private static List<Object> mapScores(List<Map<String, Object>> maps, String field) {
        List<Object> out = new ArrayList<>();
        maps.forEach(m -> out.add(((Number) m.get(field)).doubleValue()));
        return out;
    }
}
