package io.dictdb.core.logging;

import io.dictdb.Table;
import io.dictdb.core.DictDB;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.slf4j.event.Level;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.dictdb.query.Conditions.field;
import static org.assertj.core.api.Assertions.assertThat;

/** What the core logs: structured key-values, sampled DEBUG on hot paths, slow queries at WARN with the plan. */
@Isolated
class LoggingTest {

    @Test
    void debugEventsOnHotPathsAreSampledOneInN() {
        DictDB db = DictDB.builder().debugLogSampling(10).build();
        Table t = db.createTable("hits");
        CapturingProvider.start();
        for (int i = 0; i < 100; i++) {
            t.insert(Map.of("n", i));
        }
        List<CapturingProvider.Event> events = CapturingProvider.stop();
        List<CapturingProvider.Event> inserts = events.stream()
                .filter(e -> e.level() == Level.DEBUG && "insert".equals(e.keyValues().get("op"))
                        && "hits".equals(e.keyValues().get("table")))
                .toList();
        assertThat(inserts).hasSize(10);
        assertThat(inserts.get(0).keyValues()).containsEntry("count", 1);
    }

    @Test
    void withoutSamplingEveryDebugEventIsLogged() {
        DictDB db = DictDB.create();
        Table t = db.createTable("all_hits");
        CapturingProvider.start();
        for (int i = 0; i < 20; i++) {
            t.insert(Map.of("n", i));
        }
        long inserts = CapturingProvider.stop().stream()
                .filter(e -> "insert".equals(e.keyValues().get("op")) && "all_hits".equals(e.keyValues().get("table")))
                .count();
        assertThat(inserts).isEqualTo(20);
    }

    @Test
    void schemaChangesAreLoggedAtInfoWithKeyValues() {
        CapturingProvider.start();
        DictDB db = DictDB.create();
        Table t = db.createTable("users", "uid");
        t.createIndex("email");
        db.dropTable("users");
        List<CapturingProvider.Event> events = CapturingProvider.stop();
        assertThat(events).anySatisfy(e -> {
            assertThat(e.level()).isEqualTo(Level.INFO);
            assertThat(e.keyValues()).containsEntry("op", "create_table").containsEntry("table", "users")
                    .containsEntry("field", "uid");
        });
        assertThat(events).anySatisfy(e -> assertThat(e.keyValues()).containsEntry("op", "create_index")
                .containsEntry("table", "users").containsEntry("field", "email"));
        assertThat(events).anySatisfy(e -> assertThat(e.keyValues()).containsEntry("op", "drop_table")
                .containsEntry("table", "users"));
    }

    @Test
    void slowQueriesAreLoggedAtWarnWithTheirPlan() {
        DictDB db = DictDB.builder().slowQueryThreshold(Duration.ZERO).build();
        Table t = db.createTable("orders");
        t.createIndex("status");
        t.insert(Map.of("status", "open"));
        CapturingProvider.start();
        t.select(field("status").eq("open"));
        List<CapturingProvider.Event> warns = CapturingProvider.stop().stream()
                .filter(e -> e.level() == Level.WARN).toList();
        assertThat(warns).hasSize(1);
        assertThat(warns.get(0).keyValues()).containsEntry("table", "orders").containsKey("duration_ms");
        assertThat((String) warns.get(0).keyValues().get("plan")).contains("HASH index on 'status'");
    }

    @Test
    void fastQueriesAreNotLoggedAsSlow() {
        DictDB db = DictDB.builder().slowQueryThreshold(Duration.ofMinutes(1)).build();
        Table t = db.createTable("orders");
        t.insert(Map.of("status", "open"));
        CapturingProvider.start();
        t.select(field("status").eq("open"));
        assertThat(CapturingProvider.stop()).noneMatch(e -> e.level() == Level.WARN);
    }
}
