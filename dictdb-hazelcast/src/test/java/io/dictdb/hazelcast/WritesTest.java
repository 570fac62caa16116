package io.dictdb.hazelcast;

import io.dictdb.DuplicateKeyException;
import io.dictdb.Record;
import io.dictdb.Table;
import io.dictdb.query.Conditions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Concurrent updates, transactions and batches on Hazelcast. */
class WritesTest {
    private HazelcastDatabase db;
    private HazelcastDatabase other;

    @BeforeEach
    void open() {
        db = HazelcastDatabase.on(TestCluster.member(), TestCluster.databaseName());
        other = HazelcastDatabase.on(TestCluster.members().get(1), db.name());
    }

    @AfterEach
    void destroy() {
        db.destroy();
    }

    @Test
    void concurrentIncrementsFromTwoMembersAreNeverLost() throws Exception {
        db.createTable("counters").insert(Map.of("id", 1L, "n", 0L));
        int threads = 4;
        int each = 50;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Table table = (t % 2 == 0 ? db : other).table("counters");
            done.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < each; i++) {
                    table.update(r -> r.with("n", r.getLong("n") + 1), Conditions.field("id").eq(1L));
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertThat(db.table("counters").get(1L).orElseThrow().getLong("n")).isEqualTo((long) threads * each);
    }

    @Test
    void concurrentAutoKeysAreDistinctAndDense() throws Exception {
        db.createTable("auto");
        int threads = 4;
        int each = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<List<Object>>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Table table = (t % 2 == 0 ? db : other).table("auto");
            done.add(pool.submit(() -> {
                List<Object> keys = new ArrayList<>();
                for (int i = 0; i < each; i++) {
                    keys.add(table.insert(Map.of("v", i)));
                }
                return keys;
            }));
        }
        List<Object> all = new ArrayList<>();
        for (Future<List<Object>> f : done) {
            all.addAll(f.get(60, TimeUnit.SECONDS));
        }
        pool.shutdown();
        assertThat(all).doesNotHaveDuplicates().hasSize(threads * each);
        assertThat(all).allSatisfy(k -> assertThat((Long) k).isBetween(1L, (long) threads * each));
    }

    @Test
    void aTransactionThatThrowsIsUndone() {
        Table a = db.createTable("a");
        Table b = db.createTable("b");
        a.insert(Map.of("id", 1L, "v", "kept"));
        RuntimeException boom = new IllegalStateException("boom");
        assertThatThrownBy(() -> db.transaction(List.of("a", "b"), () -> {
            a.insert(Map.of("v", "new"));
            a.update(Map.of("v", "changed"), Conditions.field("id").eq(1L));
            b.insert(Map.of("id", 7L, "v", "x"));
            a.delete(Conditions.field("id").eq(1L));
            throw boom;
        })).isSameAs(boom);
        assertThat(a.all()).containsExactly(Record.of("id", 1L, "v", "kept"));
        assertThat(b.count()).isZero();
        assertThat(a.insert(Map.of("v", "next"))).isEqualTo(2L); // the counter was put back
        assertThat(b.insert(Map.of("v", "first"))).isEqualTo(1L);
    }

    @Test
    void aTransactionSeesItsOwnWritesAndRefusesOtherTables() {
        Table a = db.createTable("a");
        db.createTable("c");
        assertThat(db.transaction(List.of("a"), () -> {
            a.insert(Map.of("v", 1));
            assertThatThrownBy(() -> db.createTable("d")).isInstanceOf(IllegalStateException.class);
            return a.count();
        })).isEqualTo(1L);
        assertThat(a.count()).isEqualTo(1);
        // a write to a table not named dooms the block even when caught: it is undone and the write's error thrown
        assertThatThrownBy(() -> db.transaction(List.of("a"), () -> {
            a.insert(Map.of("v", 2));
            try {
                db.table("c").insert(Map.of("v", 1));
            } catch (IllegalStateException expected) {
                assertThat(expected).hasMessageContaining("'c'");
            }
            return null;
        })).isInstanceOf(IllegalStateException.class).hasMessageContaining("'c'");
        assertThat(db.table("c").count()).isZero();
        assertThat(a.count()).isEqualTo(1);
    }

    @Test
    void aBatchWithADuplicateStoresNothing() {
        Table t = db.createTable("t");
        t.insert(Map.of("id", 5L));
        assertThatThrownBy(() -> t.insertAll(List.of(Map.of("id", 1L), Map.of("v", 2), Map.of("id", 5L))))
                .isInstanceOf(DuplicateKeyException.class).hasMessageContaining("5");
        assertThat(t.count()).isEqualTo(1);
        assertThatThrownBy(() -> t.insertAll(List.of(Map.of("id", 2L), Map.of("id", 2.0))))
                .isInstanceOf(DuplicateKeyException.class);
        assertThat(t.count()).isEqualTo(1);
    }

    @Test
    void anUpdateFunctionThatThrowsChangesNothing() {
        Table t = db.createTable("t");
        t.insertAll(List.of(Map.of("n", 1), Map.of("n", 2), Map.of("n", 3)));
        assertThatThrownBy(() -> t.update(r -> {
            if (r.getLong("n") == 3) {
                throw new ArithmeticException("three");
            }
            return r.with("n", 0);
        }, Conditions.all())).isInstanceOf(ArithmeticException.class);
        assertThat(t.query().orderBy("n").toList()).extracting(r -> r.get("n")).containsExactly(1L, 2L, 3L);
        assertThatThrownBy(() -> t.update(r -> r.with("id", 99L), Conditions.all()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("primary key");
    }
}
