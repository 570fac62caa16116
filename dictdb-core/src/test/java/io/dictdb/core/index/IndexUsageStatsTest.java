package io.dictdb.core.index;

import io.dictdb.IndexSpec;
import io.dictdb.IndexStats;
import io.dictdb.IndexType;
import io.dictdb.Table;
import io.dictdb.TableSpec;
import io.dictdb.TableStats;
import io.dictdb.core.DictDB;
import io.dictdb.core.logging.CapturingProvider;
import io.dictdb.query.Plan;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.dictdb.query.Conditions.and;
import static io.dictdb.query.Conditions.field;
import static org.assertj.core.api.Assertions.assertThat;

/** Index usage counts, table scan counts, their reset, and the index a slow scan suggests. */
class IndexUsageStatsTest {
    private DictDB db;
    private Table users;

    @BeforeEach
    void fill() {
        db = DictDB.builder().slowQueryThreshold(Duration.ZERO).build();
        users = db.createTable(TableSpec.named("users").index("dept").index("age", IndexType.SORTED)
                .index(IndexSpec.hash("dept", "city")));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            rows.add(Map.of("dept", "d" + i % 4, "age", i % 50, "city", "c" + i % 100, "name", "n" + i));
        }
        users.insertAll(rows);
    }

    @Test
    void lookupsRowsAndLastUseAreCountedPerIndex() {
        assertThat(users.index("dept").orElseThrow().stats()).isEqualTo(new IndexStats(0, 0, null));
        users.select(field("dept").eq("d1"));                                  // the equality fast path
        users.query().where(field("age").between(10, 11)).toList();            // a range
        users.query().where(and(field("dept").eq("d2"), field("city").eq("c6"))).toList(); // the composite only
        IndexStats dept = users.index("dept").orElseThrow().stats();
        assertThat(dept.lookups()).isEqualTo(1);
        assertThat(dept.rowsReturned()).isEqualTo(750);
        assertThat(dept.lastUsed()).isPresent();
        assertThat(users.index("age").orElseThrow().stats().rowsReturned()).isEqualTo(120);
        assertThat(users.index("dept+city").orElseThrow().stats().lookups()).isEqualTo(1);

        TableStats stats = users.stats();
        assertThat(stats.scans()).isZero();
        assertThat(stats.indexes().keySet()).containsExactly("dept", "age", "dept+city");
        users.select(field("name").endsWith("7"));
        users.count(field("name").eq("n5"));
        stats = users.stats();
        assertThat(stats.scans()).isEqualTo(2);
        assertThat(stats.rowsScanned()).isEqualTo(6_000);

        users.resetStats();
        assertThat(users.stats()).isEqualTo(new TableStats(0, 0, Map.of("dept", new IndexStats(0, 0, null),
                "age", new IndexStats(0, 0, null), "dept+city", new IndexStats(0, 0, null))));
    }

    @Test
    void aScanOfManyRecordsForFewSuggestsTheIndexThatWouldServeIt() {
        Plan plan = users.query().where(and(field("name").eq("n5"), field("dept").ne("x"))).explain();
        assertThat(plan.root()).isInstanceOfSatisfying(Plan.Suggestion.class,
                s -> assertThat(s.index()).isEqualTo(IndexSpec.hash("name")));
        assertThat(plan.toString()).startsWith("Plan for table 'users': full scan, candidates=3000, examined=3000, "
                + "returned=1\n  suggestion: consider IndexSpec.hash(\"name\")\n    <- filter: ");
        assertThat(users.query().where(field("name").startsWith("n29")).explain().root())
                .isInstanceOfSatisfying(Plan.Suggestion.class,
                        s -> assertThat(s.index()).isEqualTo(IndexSpec.sorted("name")));
        // many records returned, or a condition no index serves: no advice
        assertThat(users.query().where(field("name").ne("n5")).explain().root())
                .isNotInstanceOf(Plan.Suggestion.class);
        assertThat(users.query().where(field("name").endsWith("99")).explain().root())
                .isNotInstanceOf(Plan.Suggestion.class);

        CapturingProvider.start();
        users.select(field("name").eq("n8"));
        List<CapturingProvider.Event> warns = CapturingProvider.stop().stream()
                .filter(e -> e.level() == Level.WARN && "users".equals(e.keyValues().get("table"))).toList();
        assertThat(warns).hasSize(1);
        assertThat(warns.get(0).keyValues().get("plan").toString())
                .contains("suggestion: consider IndexSpec.hash(\"name\")");
    }
}
