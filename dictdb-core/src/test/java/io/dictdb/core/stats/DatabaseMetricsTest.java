package io.dictdb.core.stats;

import io.dictdb.ChangeListener;
import io.dictdb.ChangeSubscription;
import io.dictdb.Table;
import io.dictdb.core.DatabaseMetrics;
import io.dictdb.core.DictDB;
import io.dictdb.core.OperationKind;
import io.dictdb.core.OperationMetrics;
import io.dictdb.core.TableMetrics;
import io.dictdb.core.journal.CompactTestCodec;
import io.dictdb.query.Conditions;
import io.dictdb.spi.Change;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatabaseMetricsTest {

    private static long count(TableMetrics t, OperationKind kind) {
        return t.operation(kind).count();
    }

    @Test
    void everyKindOfOperationIsCountedOnItsTable() {
        DictDB db = DictDB.create();
        Table users = db.createTable("users", "id");
        db.createTable("other", "id");
        users.insert(Map.of("id", 1, "name", "ann"));
        users.insertAll(List.of(Map.of("id", 2, "name", "bob"), Map.of("id", 3, "name", "cy")));
        users.upsert(Map.of("id", 4, "name", "dee"));            // inserts
        users.upsert(Map.of("id", 4, "name", "dee2"));           // updates
        users.get(1);
        users.get(99);
        users.select(Conditions.field("name").eq("bob"));
        users.update(Map.of("name", "x"), Conditions.field("id").eq(2));
        users.delete(Conditions.field("id").eq(3));
        assertThatThrownBy(() -> users.delete(Conditions.field("id").eq(42))).isNotNull(); // counted too

        TableMetrics t = db.metrics().table("users").orElseThrow();
        assertThat(t.table()).isEqualTo("users");
        assertThat(t.records()).isEqualTo(3);
        assertThat(count(t, OperationKind.INSERT)).isEqualTo(3);
        assertThat(count(t, OperationKind.UPDATE)).isEqualTo(2);
        assertThat(count(t, OperationKind.LOOKUP)).isEqualTo(2);
        assertThat(count(t, OperationKind.DELETE)).isEqualTo(2);
        // the select, and the queries the update and the deletes ran to find their records
        assertThat(count(t, OperationKind.QUERY)).isEqualTo(4);
        for (OperationKind k : OperationKind.values()) {
            assertThat(t.operation(k).timedCount()).as(k.name()).isLessThanOrEqualTo(count(t, k));
        }

        TableMetrics other = db.metrics().table("other").orElseThrow();
        for (OperationKind k : OperationKind.values()) {
            assertThat(count(other, k)).as(k.name()).isZero();
        }
        assertThat(db.metrics().tables()).extracting(TableMetrics::table).containsExactly("users", "other");
    }

    @Test
    void latencyIsTimedOnASampleOfTheOperations() {
        DictDB db = DictDB.create();
        Table t = db.createTable("t", "id");
        t.insert(Map.of("id", 1));
        int lookups = 4_000;
        for (int i = 0; i < lookups; i++) {
            t.get(1);
        }
        var m = db.metrics().table("t").orElseThrow().operation(OperationKind.LOOKUP);
        assertThat(m.count()).isEqualTo(lookups);
        // one in 16 at random: 250 expected; outside 100..500 has a probability far below 1e-20
        assertThat(m.timedCount()).isBetween(100L, 500L);
        assertThat(m.totalNanos()).isPositive();
        assertThat(m.maxNanos()).isPositive().isLessThanOrEqualTo(m.totalNanos());
        assertThat(m.mean().toNanos()).isEqualTo(m.totalNanos() / m.timedCount());
    }

    @Test
    void transactionsAreCountedAsCommitsAndRollbacks() {
        DictDB db = DictDB.create();
        Table a = db.createTable("a", "id");
        db.transaction(List.of("a"), () -> a.insert(Map.of("id", 1)));
        db.transaction(List.of("a"), () -> db.transaction(List.of("a"), () -> a.insert(Map.of("id", 2)))); // nested
        assertThatThrownBy(() -> db.transaction(List.of("a"), () -> {
            a.insert(Map.of("id", 3));
            throw new IllegalStateException("boom");
        })).hasMessage("boom");

        DatabaseMetrics m = db.metrics();
        assertThat(m.commits().count()).isEqualTo(2);
        assertThat(m.commits().timedCount()).as("every transaction is timed").isEqualTo(2);
        assertThat(m.rollbacks().count()).isEqualTo(1);
        assertThat(a.count()).isEqualTo(2);
    }

    @Test
    void slowQueriesAreCountedOnlyOverTheThreshold() {
        DictDB slow = DictDB.builder().slowQueryThreshold(Duration.ZERO).build();
        Table t = slow.createTable("t", "id");
        t.insert(Map.of("id", 1, "v", 1));
        t.select(Conditions.field("v").eq(1));
        t.count(Conditions.field("v").eq(1));
        assertThat(slow.metrics().table("t").orElseThrow().slowQueries()).isEqualTo(2);
        assertThat(slow.metrics().table("t").orElseThrow().operation(OperationKind.QUERY).timedCount())
                .as("under the slow-query log every query is timed").isEqualTo(2);
        assertThat(slow.metrics().slowQueries()).isEqualTo(2);

        DictDB off = DictDB.create();
        Table u = off.createTable("u", "id");
        u.insert(Map.of("id", 1, "v", 1));
        u.select(Conditions.field("v").eq(1));
        assertThat(off.metrics().slowQueries()).isZero();
        assertThat(off.metrics().table("u").orElseThrow().operation(OperationKind.QUERY).count()).isEqualTo(1);
    }

    @Test
    void aBlockedSubscriberShowsItsLag() throws Exception {
        DictDB db = DictDB.create();
        Table t = db.createTable("t", "id");
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ChangeSubscription s = db.subscribe(new ChangeListener() {
            @Override
            public void onChanges(List<Change> changes) {
                entered.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }, 1_000);
        try {
            t.insert(Map.of("id", 0));
            entered.await(); // the listener holds the first commit and blocks
            for (int i = 1; i <= 5; i++) {
                t.insert(Map.of("id", i));
            }
            assertThat(db.metrics().subscriberLags()).containsExactly(5L);
        } finally {
            release.countDown();
            s.close();
        }
        assertThat(db.metrics().subscriberLags()).isEmpty();
    }

    @Test
    void aDroppedTableLeavesTheListAndANewOneJoinsIt() {
        DictDB db = DictDB.create();
        db.createTable("a", "id").insert(Map.of("id", 1));
        TableMetrics a = db.metrics().table("a").orElseThrow();
        db.dropTable("a");
        db.createTable("b", "id");
        assertThat(a.records()).isZero();
        assertThat(db.metrics().table("a")).isEmpty();
        assertThat(db.metrics().tables()).extracting(TableMetrics::table).containsExactly("b");
    }

    @Test
    void everyJournalForceIsCountedAndTimed(@TempDir Path dir) {
        assertThat(DictDB.create().metrics().journalSyncs()).as("in memory: no journal")
                .isEqualTo(new OperationMetrics(0, 0, 0, 0));
        CompactTestCodec.install();
        try (DictDB db = DictDB.builder().journalFormat(CompactTestCodec.NAME).open(dir)) {
            Table t = db.createTable("t", "id");
            OperationMetrics before = db.metrics().journalSyncs();
            for (long i = 0; i < 5; i++) {
                t.insert(Map.of("id", i)); // one writer, SYNC: nothing else covers a write, so each forces
            }
            OperationMetrics after = db.metrics().journalSyncs();
            assertThat(after.count() - before.count()).as("forces for 5 single-writer SYNC writes").isEqualTo(5);
            assertThat(after.timedCount()).as("every force is timed").isEqualTo(after.count());
            assertThat(after.totalNanos()).isGreaterThan(before.totalNanos());
            assertThat(after.maxNanos()).isPositive().isLessThanOrEqualTo(after.totalNanos());
        }
    }
}
