package io.dictdb.bench.index;

import com.googlecode.cqengine.IndexedCollection;
import com.googlecode.cqengine.resultset.ResultSet;
import io.dictdb.Index;
import io.dictdb.IndexSpec;
import io.dictdb.Table;
import io.dictdb.bench.index.PairData.Row;
import io.dictdb.query.Plan;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static io.dictdb.query.Conditions.field;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The composite-index race compares the same work: on a small data set, every system answers each lookup with the
 * same rows and each page with the same rows in the same order, and the answers are what the rows say. The
 * DictDB side needs composite indexes (issue #18's core part): {@link #dictdbAnswersAsThePeers()} passes once they
 * are built.
 */
class PairStoresTest {
    private static final int N = 20_000;
    private static PairData data;
    private static IndexedCollection<Row> cqCompound;
    private static IndexedCollection<Row> cqOrdered;
    private static PairStores.Baseline base;
    private static Connection h2;

    @BeforeAll
    static void load() throws Exception {
        data = PairData.generate(N);
        cqCompound = PairStores.cqCompound(data);
        cqOrdered = PairStores.cqOrdered(data);
        base = PairStores.Baseline.of(data);
        h2 = PairStores.h2(data);
    }

    @Test
    void eachPairHoldsThousandsOfRowsAtAMillionAndTheirShareAtAnySize() {
        PairData million = new PairData(new Row[0], 20, 20);
        assertThat(1_000_000 / (million.as() * million.bs())).isBetween(1_000, 5_000);
        Map<List<Object>, Long> counts = Arrays.stream(data.rows())
                .collect(Collectors.groupingBy(r -> List.of(r.a(), r.b()), Collectors.counting()));
        assertThat(counts).hasSize(data.as() * data.bs());
        assertThat(counts.values()).allSatisfy(c -> assertThat(c).isBetween(1_000L, 5_000L));
        assertThat(Arrays.stream(data.rows()).map(Row::t).distinct().count()).isEqualTo(N);
    }

    /** The expected lookup: the ids of the rows of the pair. */
    private static TreeSet<Long> expected(String a, long b) {
        return Arrays.stream(data.rows()).filter(r -> r.a().equals(a) && r.b() == b).map(Row::id)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** The expected page: the ids of the first 100 rows of a by t, after the given t. */
    private static List<Long> expectedPage(String a, Long after) {
        return Arrays.stream(data.rows()).filter(r -> r.a().equals(a) && (after == null || r.t() > after))
                .sorted((x, y) -> Long.compare(x.t(), y.t())).limit(PairStores.PAGE).map(Row::id).toList();
    }

    /** A few (a, b, t) arguments: t in the middle of a's range and near its end (a short last page). */
    private static List<Object[]> arguments() {
        List<Object[]> out = new ArrayList<>();
        Map<String, List<Long>> tsByA = new HashMap<>();
        for (Row r : data.rows()) {
            tsByA.computeIfAbsent(r.a(), k -> new ArrayList<>()).add(r.t());
        }
        for (int k = 0; k < data.as(); k++) {
            String a = PairData.a(k);
            List<Long> ts = tsByA.get(a).stream().sorted().toList();
            out.add(new Object[] {a, (long) (k % data.bs()), ts.get(ts.size() / 2)});
            out.add(new Object[] {a, (long) ((k + 1) % data.bs()), ts.get(ts.size() - 7)});
        }
        return out;
    }

    @Test
    void thePeersAndTheBaselineAnswerTheSame() throws Exception {
        try (PreparedStatement lookup = h2.prepareStatement(PairStores.H2_LOOKUP);
             PreparedStatement first = h2.prepareStatement(PairStores.H2_FIRST_PAGE);
             PreparedStatement keyset = h2.prepareStatement(PairStores.H2_KEYSET_PAGE)) {
            for (Object[] arg : arguments()) {
                String a = (String) arg[0];
                long b = (Long) arg[1];
                TreeSet<Long> want = expected(a, b);
                assertThat(want).hasSizeGreaterThan(100);
                try (ResultSet<Row> rs = PairStores.lookup(cqCompound, a, b)) {
                    assertThat(ids(rs)).as("cqengine %s %s", a, b).isEqualTo(want);
                }
                assertThat(ids(PairStores.lookup(lookup, a, b))).as("h2").isEqualTo(want);
                assertThat(mapIds(PairStores.lookup(base, a, b))).as("baseline").isEqualTo(want);
                for (Long after : new Long[] {null, (Long) arg[2]}) {
                    List<Long> page = expectedPage(a, after);
                    assertThat(page).isNotEmpty();
                    assertThat(rowIds(PairStores.page(cqOrdered, a, after))).as("cqengine page").isEqualTo(page);
                    assertThat(rowIds(PairStores.page(first, keyset, a, after))).as("h2 page").isEqualTo(page);
                    assertThat(PairStores.page(base, a, after).stream().map(m -> (Long) m.get("id")).toList())
                            .as("baseline page").isEqualTo(page);
                }
            }
        }
    }

    @Test
    void dictdbAnswersAsThePeers() {
        Table table = PairStores.dictdb(data, IndexSpec.hash("a", "b"), IndexSpec.sorted("a", "t"));
        assertThat(table.indexes().stream().map(Index::spec).toList())
                .containsExactlyInAnyOrder(IndexSpec.hash("a", "b"), IndexSpec.sorted("a", "t"));
        Plan lookup = table.query().where(field("a").eq("a-1").and(field("b").eq(1L))).explain();
        assertThat(lookup.fullScan()).isFalse();
        Plan walk = table.query().where(field("a").eq("a-1")).orderBy("t").limit(PairStores.PAGE).explain();
        assertThat(walk.fullScan()).isFalse();
        for (Object[] arg : arguments()) {
            String a = (String) arg[0];
            long b = (Long) arg[1];
            TreeSet<Long> got = PairStores.lookup(table, a, b).stream().map(r -> (Long) r.get("id"))
                    .collect(Collectors.toCollection(TreeSet::new));
            assertThat(got).isEqualTo(expected(a, b));
            for (Long after : new Long[] {null, (Long) arg[2]}) {
                assertThat(PairStores.page(table, a, after).stream().map(r -> (Long) r.get("id")).toList())
                        .isEqualTo(expectedPage(a, after));
            }
        }
    }

    private static TreeSet<Long> ids(Iterable<Row> rows) {
        TreeSet<Long> out = new TreeSet<>();
        rows.forEach(r -> out.add(r.id()));
        return out;
    }

    private static List<Long> rowIds(List<Row> rows) {
        return rows.stream().map(Row::id).toList();
    }

    private static TreeSet<Long> mapIds(List<Map<String, Object>> rows) {
        return rows.stream().map(m -> (Long) m.get("id")).collect(Collectors.toCollection(TreeSet::new));
    }
}
