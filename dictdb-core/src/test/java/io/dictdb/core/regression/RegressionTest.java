package io.dictdb.core.regression;

import io.dictdb.FieldType;
import io.dictdb.IndexType;
import io.dictdb.Record;
import io.dictdb.Schema;
import io.dictdb.Table;
import io.dictdb.TableNotFoundException;
import io.dictdb.TableSpec;
import io.dictdb.core.DictDB;
import io.dictdb.core.Snapshot;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static io.dictdb.query.Aggregates.count;
import static io.dictdb.query.Conditions.field;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/**
 * One test per defect found in review, kept as regressions: each failed against the code it was written for, and
 * its comment names the contract that was broken and where.
 */
class RegressionTest {

    // ------------------------------------------------------------------ index vs scan

    private static List<Record> rangeLimitOne(boolean indexed) {
        Table t = DictDB.create().createTable("t");
        t.insert(Map.of("age", 30));
        t.insert(Map.of("age", 20));
        if (indexed) {
            t.createIndex("age", IndexType.SORTED);
        }
        return t.query().where(field("age").gt(10)).limit(1).toList();
    }

    private static List<Record> hashLimitFive(boolean indexed) {
        Table t = DictDB.create().createTable("t");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            rows.add(Map.of("n", i, "dept", "IT"));
        }
        t.insertAll(rows);
        if (indexed) {
            t.createIndex("dept", IndexType.HASH);
        }
        return t.query().where(field("dept").eq("IT")).limit(5).toList();
    }

    // ------------------------------------------------------------------ distinct vs groupBy

    // ------------------------------------------------------------------ keyset + writes

    // ------------------------------------------------------------------ key counter

    // ------------------------------------------------------------------ dropped tables

    // ------------------------------------------------------------------ locking

    /**
     * snapshot() takes the catalog read lock (DictDB.snapshot: {@code catalog.readLock().lock()}) without checking
     * that the caller holds no table lock, while dropTable takes the catalog write lock and then the table's write
     * lock. A snapshot taken inside atomically() (or an update function) while another thread drops that table
     * deadlocks both threads forever. createTable/dropTable guard against this with requireNoTableLockHeld;
     * snapshot() does not.
     */
    @Test
    void snapshotInsideAtomicallyIsRefusedInsteadOfDeadlocking() throws Exception {
        DictDB db = DictDB.create();
        db.createTable("t").insert(Map.of("a", 1));
        ExecutorService pool = Executors.newFixedThreadPool(2, r -> {
            Thread th = new Thread(r);
            th.setDaemon(true);
            return th;
        });
        CountDownLatch locked = new CountDownLatch(1);
        Future<Snapshot> snap = pool.submit(() -> db.atomically(List.of("t"), () -> {
            locked.countDown();
            try {
                Thread.sleep(300); // let the dropper take the catalog lock and queue on the table lock
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return db.snapshot();
        }));
        locked.await();
        Future<?> drop = pool.submit(() -> db.dropTable("t"));
        try {
            snap.get(5, TimeUnit.SECONDS);
            drop.get(5, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            fail("snapshot() inside atomically() and dropTable() deadlocked");
        } catch (java.util.concurrent.ExecutionException e) {
            // refusing the nested snapshot (IllegalStateException) would be acceptable
            assertThat(e.getCause()).isInstanceOf(IllegalStateException.class);
        }
    }

}
