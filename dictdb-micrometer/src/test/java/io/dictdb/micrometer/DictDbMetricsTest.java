package io.dictdb.micrometer;

import io.dictdb.ChangeSubscription;
import io.dictdb.Table;
import io.dictdb.core.DictDB;
import io.dictdb.query.Conditions;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class DictDbMetricsTest {
    private static final List<String> KINDS = List.of("lookup", "query", "insert", "update", "delete");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private double operations(String table, String kind) {
        return registry.get("dictdb.operations").tags("table", table, "kind", kind).functionCounter().count();
    }

    private FunctionTimer latency(String table, String kind) {
        return registry.get("dictdb.operation.latency").tags("table", table, "kind", kind).functionTimer();
    }

    @Test
    void everyTableHasEveryMeterTaggedWithItsName() {
        DictDB db = DictDB.create();
        db.createTable("users", "id");
        db.createTable("orders", "id");
        new DictDbMetrics(db, Tags.of("db", "main")).bindTo(registry);

        for (String table : List.of("users", "orders")) {
            assertThat(registry.get("dictdb.records").tags("table", table, "db", "main").gauge()).isNotNull();
            assertThat(registry.get("dictdb.queries.slow").tags("table", table).functionCounter()).isNotNull();
            for (String kind : KINDS) {
                assertThat(registry.get("dictdb.operations").tags("table", table, "kind", kind).meter())
                        .isInstanceOf(FunctionCounter.class);
                assertThat(registry.get("dictdb.operation.latency").tags("table", table, "kind", kind).meter())
                        .isInstanceOf(FunctionTimer.class);
                assertThat(registry.get("dictdb.operation.latency.max").tags("table", table, "kind", kind).meter())
                        .isInstanceOf(TimeGauge.class);
            }
        }
        for (String name : List.of("dictdb.tables", "dictdb.subscribers", "dictdb.subscribers.lag",
                "dictdb.journal.size")) {
            assertThat(registry.get(name).tags("db", "main").meter()).isInstanceOf(Gauge.class);
        }
        assertThat(registry.get("dictdb.journal.size").gauge().value()).as("in memory: no journal").isZero();
        assertThat(registry.get("dictdb.journal.sync").tags("db", "main").functionTimer().count())
                .as("in memory: no journal").isZero();
        assertThat(registry.get("dictdb.journal.sync.max").tags("db", "main").timeGauge()).isNotNull();
        assertThat(registry.get("dictdb.transactions").tags("outcome", "commit").functionTimer()).isNotNull();
        assertThat(registry.get("dictdb.transactions").tags("outcome", "rollback").functionTimer()).isNotNull();
        // every meter carries the binder's tag
        assertThat(registry.getMeters()).allSatisfy(m -> assertThat(m.getId().getTag("db")).isEqualTo("main"));
    }

    @Test
    void metersMoveAsTheDatabaseWorks() {
        DictDB db = DictDB.create();
        Table users = db.createTable("users", "id");
        Table idle = db.createTable("idle", "id");
        DictDbMetrics.of(db).bindTo(registry);

        users.insert(Map.of("id", 1, "name", "ann"));
        users.insertAll(List.of(Map.of("id", 2, "name", "bob"), Map.of("id", 3, "name", "cy")));
        users.get(1);
        users.select(Conditions.field("name").eq("bob"));
        users.update(Map.of("name", "b"), Conditions.field("id").eq(2));
        users.delete(Conditions.field("id").eq(3));
        db.transaction(List.of("users"), () -> users.insert(Map.of("id", 4)));

        assertThat(registry.get("dictdb.records").tags("table", "users").gauge().value()).isEqualTo(3);
        assertThat(registry.get("dictdb.records").tags("table", "idle").gauge().value()).isZero();
        assertThat(operations("users", "insert")).isEqualTo(3);
        assertThat(operations("users", "lookup")).isEqualTo(1);
        assertThat(operations("users", "update")).isEqualTo(1);
        assertThat(operations("users", "delete")).isEqualTo(1);
        assertThat(operations("users", "query")).isEqualTo(3); // the select, and the update's and delete's queries
        FunctionTimer lookup = latency("users", "lookup");
        for (int i = 0; i < 2_000; i++) {
            users.get(1); // latency is timed on one operation in 16: enough of them that some are
        }
        assertThat(operations("users", "lookup")).isEqualTo(2_001);
        assertThat(lookup.count()).isPositive().isLessThan(2_001);
        assertThat(lookup.totalTime(TimeUnit.NANOSECONDS)).isPositive();
        assertThat(registry.get("dictdb.operation.latency.max").tags("table", "users", "kind", "lookup").timeGauge()
                .value(TimeUnit.NANOSECONDS)).isPositive().isLessThanOrEqualTo(lookup.totalTime(TimeUnit.NANOSECONDS));
        for (String kind : KINDS) {
            assertThat(operations("idle", kind)).as(kind).isZero();
            assertThat(latency("idle", kind).count()).as(kind).isZero();
        }
        assertThat(registry.get("dictdb.transactions").tags("outcome", "commit").functionTimer().count()).isEqualTo(1);
        assertThat(registry.get("dictdb.transactions").tags("outcome", "rollback").functionTimer().count()).isZero();
        assertThat(idle.count()).isZero();
    }

    @Test
    void aSlowQueryMovesTheSlowQueryCounter() {
        DictDB db = DictDB.builder().slowQueryThreshold(Duration.ZERO).build(); // every query is slow
        Table t = db.createTable("t", "id");
        t.insert(Map.of("id", 1, "v", 1));
        new DictDbMetrics(db).bindTo(registry);
        FunctionCounter slow = registry.get("dictdb.queries.slow").tags("table", "t").functionCounter();
        assertThat(slow.count()).isZero();
        t.select(Conditions.field("v").eq(1));
        assertThat(slow.count()).isEqualTo(1);
        // under the slow-query log every query is timed: the query moved the latency timer
        FunctionTimer query = latency("t", "query");
        assertThat(query.count()).isEqualTo(1);
        assertThat(query.totalTime(TimeUnit.NANOSECONDS)).isPositive();
    }

    @Test
    void aBlockedSubscriberShowsItsLag() throws Exception {
        DictDB db = DictDB.create();
        Table t = db.createTable("t", "id");
        new DictDbMetrics(db).bindTo(registry);
        Gauge lag = registry.get("dictdb.subscribers.lag").gauge();
        Gauge subscribers = registry.get("dictdb.subscribers").gauge();
        assertThat(lag.value()).isZero();
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ChangeSubscription s = db.subscribe(changes -> {
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, 1_000);
        try {
            t.insert(Map.of("id", 0));
            entered.await();
            for (int i = 1; i <= 7; i++) {
                t.insert(Map.of("id", i));
            }
            assertThat(subscribers.value()).isEqualTo(1);
            assertThat(lag.value()).isEqualTo(7);
        } finally {
            release.countDown();
            s.close();
        }
        assertThat(subscribers.value()).isZero();
    }

    @Test
    void tablesCreatedAfterBindingAppearAndDroppedOnesGo() {
        DictDB db = DictDB.create();
        db.createTable("first", "id");
        new DictDbMetrics(db).bindTo(registry);
        assertThat(registry.find("dictdb.records").tags("table", "later").gauge()).isNull();

        db.createTable("later", "id").insert(Map.of("id", 1));
        db.dropTable("first");
        // the registry's poll of dictdb.tables re-reads the table list
        assertThat(registry.get("dictdb.tables").gauge().value()).isEqualTo(1);
        assertThat(registry.get("dictdb.records").tags("table", "later").gauge().value()).isEqualTo(1);
        assertThat(operations("later", "insert")).isEqualTo(1);
        List<Meter> gone = registry.find("dictdb.operations").tags("table", "first").meters().stream().toList();
        assertThat(gone).isEmpty();
        assertThat(registry.find("dictdb.records").tags("table", "first").gauge()).isNull();
    }

    @Test
    void refreshBindsANewTableAtOnce() {
        DictDB db = DictDB.create();
        DictDbMetrics metrics = new DictDbMetrics(db);
        metrics.bindTo(registry);
        db.createTable("t", "id").insert(Map.of("id", 1));
        metrics.refresh();
        assertThat(registry.get("dictdb.records").tags("table", "t").gauge().value()).isEqualTo(1);
    }

    @Test
    void theJournalSyncTimerMovesAsADurableDatabaseWrites(@TempDir Path dir) {
        try (DictDB db = DictDB.open(dir)) {
            Table t = db.createTable("t", "id");
            new DictDbMetrics(db).bindTo(registry);
            FunctionTimer sync = registry.get("dictdb.journal.sync").functionTimer();
            double before = sync.count();
            double timeBefore = sync.totalTime(TimeUnit.NANOSECONDS);
            for (long i = 0; i < 4; i++) {
                t.insert(Map.of("id", i)); // SYNC, one writer: each write waits for a force of its own
            }
            assertThat(sync.count() - before).as("forces for 4 writes").isEqualTo(4);
            assertThat(sync.totalTime(TimeUnit.NANOSECONDS)).isGreaterThan(timeBefore);
            assertThat(registry.get("dictdb.journal.sync.max").timeGauge().value(TimeUnit.NANOSECONDS)).isPositive()
                    .isLessThanOrEqualTo(sync.totalTime(TimeUnit.NANOSECONDS));
            double size = registry.get("dictdb.journal.size").gauge().value();
            t.insert(Map.of("id", 99L));
            assertThat(registry.get("dictdb.journal.size").gauge().value()).as("journal bytes").isGreaterThan(size);
        }
    }
}
