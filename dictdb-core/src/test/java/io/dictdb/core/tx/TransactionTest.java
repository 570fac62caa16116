package io.dictdb.core.tx;

import io.dictdb.ChangeSubscription;
import io.dictdb.Database;
import io.dictdb.IndexType;
import io.dictdb.Record;
import io.dictdb.Table;
import io.dictdb.TableSpec;
import io.dictdb.core.DictDB;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static io.dictdb.query.Conditions.field;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Transactions as the engine numbers and shows them: a rolled-back block numbers nothing, a committed one numbers
 * each change, atomically is the same transaction, a snapshot never sees half a transfer. What every backend shows
 * (rollback, refusals, nesting, the feed) is the table compatibility kit's {@code TransactionKit}.
 */
class TransactionTest {

    /** Two tables with indexes and a few records, as a bank keeps them. */
    private static DictDB bank() {
        DictDB db = DictDB.create();
        Table accounts = db.createTable(TableSpec.named("accounts").index("owner").index("balance", IndexType.SORTED));
        Table audit = db.createTable(TableSpec.named("audit").index("account"));
        for (int i = 1; i <= 5; i++) {
            accounts.insert(Map.of("owner", "o" + i, "balance", 100L * i));
        }
        audit.insert(Map.of("account", 1L, "what", "opened"));
        return db;
    }

    /** Everything observable about a table: records in scan order, index answers, the next automatic key. */
    private static List<Object> state(Database db) {
        List<Object> out = new ArrayList<>();
        for (String name : db.tableNames()) {
            Table t = db.table(name);
            out.add(name);
            out.add(t.all());
            out.add(t.indexedFields());
            for (String f : t.indexedFields()) {
                for (Record r : t.all()) {
                    out.add(t.select(field(f).eq(r.get(f))));
                }
                out.add(t.query().orderBy(f).toList());
            }
        }
        return out;
    }

    /** The key the next insert without a key gets, found without changing the table (inside a rolled-back block). */
    private static Object nextKey(DictDB db, String table) {
        AtomicReference<Object> key = new AtomicReference<>();
        assertThatThrownBy(() -> db.transaction(List.of(table), () -> {
            key.set(db.table(table).insert(Map.of("probe", true)));
            throw new Probe();
        })).isInstanceOf(Probe.class);
        return key.get();
    }

    private static final class Probe extends RuntimeException {
    }

    @Nested
    class Rollback {
        @Test
        void everyKindOfWriteIsUndoneAndTheSameThrowableLeaves() {
            DictDB db = bank();
            List<Object> before = state(db);
            long sequence = db.sequence();
            Object nextAccount = nextKey(db, "accounts");
            Object nextAudit = nextKey(db, "audit");
            RuntimeException boom = new IllegalStateException("boom");

            Throwable thrown = catchThrowable(() -> db.transaction(List.of("accounts", "audit"), () -> {
                Table a = db.table("accounts");
                Table log = db.table("audit");
                a.insert(Map.of("owner", "o6", "balance", 600L));
                a.insert(Map.of("id", 1_000L, "owner", "o7", "balance", 1L)); // moves the counter past 1000
                a.insertAll(List.of(Map.of("owner", "x", "balance", 1L), Map.of("owner", "y", "balance", 2L)));
                a.update(Map.of("balance", 0L), field("owner").eq("o1"));
                a.update(r -> r.with("owner", r.getString("owner") + "!"), field("balance").gt(250L));
                a.upsert(Map.of("id", 2L, "owner", "o2-upserted"));
                a.delete(field("owner").eq("o3!"));
                a.delete(field("id").eq(1_000L));
                log.deleteAll();
                log.insert(Map.of("account", 6L, "what", "moved"));
                assertThat(a.count()).as("reads inside see the block's writes").isEqualTo(7);
                throw boom;
            }));

            assertThat(thrown).isSameAs(boom);
            assertThat(state(db)).isEqualTo(before);
            assertThat(db.sequence()).as("nothing was numbered").isEqualTo(sequence);
            assertThat(nextKey(db, "accounts")).isEqualTo(nextAccount);
            assertThat(nextKey(db, "audit")).isEqualTo(nextAudit);
        }

        @Test
        void atomicallyIsTheSameTransaction() {
            DictDB db = bank();
            List<Object> before = state(db);
            assertThatThrownBy(() -> db.atomically(List.of("accounts"), () -> {
                db.table("accounts").update(Map.of("balance", -1L));
                throw new Probe();
            })).isInstanceOf(Probe.class);
            assertThat(state(db)).isEqualTo(before);
        }

        @Test
        void aCommittedBlockKeepsEverything() {
            DictDB db = bank();
            long sequence = db.sequence();
            int n = db.transaction(List.of("accounts", "audit"), () -> {
                db.table("accounts").update(Map.of("balance", 50L), field("owner").eq("o1"));
                db.table("audit").insert(Map.of("account", 1L, "what", "debit"));
                return 2;
            });
            assertThat(n).isEqualTo(2);
            assertThat(db.sequence()).isEqualTo(sequence + 2);
            assertThat(db.table("accounts").select(field("balance").eq(50L))).hasSize(1);
            assertThat(db.table("audit").count()).isEqualTo(2);
        }
    }

    @Nested
    class Refusals {
        @Test
        void readingATableNotNamedIsRefusedBecauseItCouldDeadlock() {
            DictDB db = bank();
            assertThatThrownBy(() -> db.transaction(List.of("accounts"), () -> db.table("audit").count()))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("'audit'")
                    .hasMessageContaining("deadlock");
        }

    }

    @Test
    void noReaderEverSeesHalfATransfer() throws Exception {
        DictDB db = DictDB.create();
        Table a = db.createTable("a");
        Table b = db.createTable("b");
        a.insert(Map.of("id", 1L, "money", 1_000L));
        b.insert(Map.of("id", 1L, "money", 1_000L));
        AtomicBoolean stop = new AtomicBoolean();
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        Thread reader = new Thread(() -> {
            while (!stop.get()) {
                var snap = db.snapshot();
                long total = 0;
                for (var image : snap.tables()) {
                    for (Record r : image.records()) {
                        total += r.getLong("money");
                    }
                }
                if (total != 2_000L) {
                    seen.add("snapshot total " + total);
                }
            }
        });
        reader.start();
        for (int i = 0; i < 2_000; i++) {
            long amount = i % 7;
            boolean fail = i % 3 == 0;
            try {
                db.transaction(List.of("b", "a"), () -> {
                    a.update(r -> r.with("money", r.getLong("money") - amount), field("id").eq(1L));
                    if (fail) {
                        throw new Probe();
                    }
                    b.update(r -> r.with("money", r.getLong("money") + amount), field("id").eq(1L));
                });
            } catch (Probe expected) {
                // rolled back: the debit is undone
            }
        }
        stop.set(true);
        reader.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(seen).isEmpty();
        assertThat(a.get(1L).orElseThrow().getLong("money") + b.get(1L).orElseThrow().getLong("money"))
                .isEqualTo(2_000L);
    }

    /** Waits until the subscription has delivered through {@code sequence} (bounded: 30 s). */
    static void awaitPosition(ChangeSubscription s, long sequence) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (s.position() < sequence && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertThat(s.position()).as("delivered through").isGreaterThanOrEqualTo(sequence);
    }

    private static Throwable catchThrowable(Runnable r) {
        try {
            r.run();
            return null;
        } catch (Throwable t) {
            return t;
        }
    }
}
