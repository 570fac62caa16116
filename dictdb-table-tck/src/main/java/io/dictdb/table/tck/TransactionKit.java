package io.dictdb.table.tck;

import io.dictdb.ChangeSubscription;
import io.dictdb.Database;
import io.dictdb.IndexType;
import io.dictdb.Record;
import io.dictdb.Table;
import io.dictdb.TableNotFoundException;
import io.dictdb.TableSpec;
import io.dictdb.query.Conditions;
import io.dictdb.spi.Change;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static io.dictdb.query.Conditions.field;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Transactions: a block commits whole or is undone whole, records, indexes, key counters and insertion order
 * included; what is refused inside; nesting; what the change feed sees (with {@link Capability#CHANGE_FEED}).
 */
public abstract class TransactionKit extends KitBase {

    /** Two tables with indexes and a few records, as a bank keeps them. */
    private Database bank() {
        Database db = anotherDatabase();
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

    private static final class Probe extends RuntimeException {
    }

    @Nested
    class Rollback {
        @Test
        void anErrorRollsBackToo() {
            Database db = bank();
            List<Object> before = state(db);
            AssertionError error = new AssertionError("an error, not an exception");
            assertThat(catchThrowable(() -> db.transaction(List.of("accounts"), () -> {
                db.table("accounts").deleteAll();
                throw error;
            }))).isSameAs(error);
            assertThat(state(db)).isEqualTo(before);
        }

        @Test
        void deletingMoreThanACompactionThresholdAndRollingBackRestoresTheInsertionOrder() {
            Database db = anotherDatabase();
            Table t = db.createTable(TableSpec.named("t").index("k").index("n", IndexType.SORTED));
            List<Map<String, Object>> rows = new ArrayList<>();
            for (int i = 0; i < 5_000; i++) {
                rows.add(Map.of("k", i % 7, "n", (long) (i * 31 % 5_000)));
            }
            t.insertAll(rows);
            List<Object> before = state(db);
            assertThatThrownBy(() -> db.transaction(List.of("t"), () -> {
                t.delete(field("n").lt(4_900L)); // outside a transaction this compacts the store
                t.insert(Map.of("k", 99, "n", -1L));
                throw new Probe();
            })).isInstanceOf(Probe.class);
            assertThat(state(db)).isEqualTo(before);

            db.transaction(List.of("t"), () -> t.delete(field("n").lt(4_900L)));
            assertThat(t.count()).isEqualTo(100);
            assertThat(t.select(field("k").eq(3))).hasSize((int) t.all().stream().filter(r -> r.get("k").equals(3L))
                    .count());
            assertThat(t.query().orderBy("n").toList()).extracting(r -> r.get("n"))
                    .isSortedAccordingTo((x, y) -> Long.compare((Long) x, (Long) y));
        }

    }

    @Nested
    class Refusals {
        @Test
        void aWriteToATableNotNamedThrowsAndDoomsTheTransactionEvenWhenCaught() {
            Database db = bank();
            List<Object> before = state(db);
            AtomicReference<IllegalStateException> caught = new AtomicReference<>();
            Throwable thrown = catchThrowable(() -> db.transaction(List.of("accounts"), () -> {
                db.table("accounts").insert(Map.of("owner", "kept?"));
                try {
                    db.table("audit").insert(Map.of("what", "not named"));
                } catch (IllegalStateException e) {
                    caught.set(e);
                }
            }));
            assertThat(caught.get()).hasMessageContaining("'audit'").hasMessageContaining("[accounts]");
            assertThat(thrown).isSameAs(caught.get());
            assertThat(state(db)).isEqualTo(before);
        }

        @Test
        void tableAndIndexDdlAreRefusedInside() {
            Database db = bank();
            List<Object> before = state(db);
            List<Runnable> ddl = List.of(
                    () -> db.createTable("new"),
                    () -> db.dropTable("audit"),
                    () -> db.table("accounts").createIndex("other"),
                    () -> db.table("accounts").dropIndex("owner"));
            for (Runnable r : ddl) {
                assertThatThrownBy(() -> db.transaction(List.of("accounts", "audit"), r))
                        .isInstanceOf(IllegalStateException.class).hasMessageContaining("inside a transaction");
            }
            assertThat(state(db)).isEqualTo(before);
        }

        @Test
        void badArgumentsRunNothing() {
            Database db = bank();
            AtomicBoolean ran = new AtomicBoolean();
            assertThatThrownBy(() -> db.transaction(List.of("accounts", "nope"), () -> ran.set(true)))
                    .isInstanceOf(TableNotFoundException.class).hasMessageContaining("nope");
            assertThatThrownBy(() -> db.transaction(List.of(), () -> ran.set(true)))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(ran).isFalse();
        }

        @Test
        void aTransactionInsideAnUpdateFunctionIsRefused() {
            Database db = bank();
            assertThatThrownBy(() -> db.table("accounts").update(r -> {
                db.transaction(List.of("audit"), () -> db.table("audit").deleteAll());
                return r;
            }, Conditions.all())).isInstanceOf(IllegalStateException.class).hasMessageContaining("lock");
            assertThat(db.table("audit").count()).isEqualTo(1);
        }
    }

    @Nested
    class Feed {
        @Test
        void aCommittedTransactionReachesASubscriberAsOneCallWithConsecutiveNumbersAndARolledBackOneNever()
                throws InterruptedException {
            require(Capability.CHANGE_FEED);
            Database db = bank();
            List<List<Change>> calls = new CopyOnWriteArrayList<>();
            try (ChangeSubscription s = db.subscribe(calls::add)) {
                long first = s.position() + 1;   // the rolled back block numbers nothing
                assertThatThrownBy(() -> db.transaction(List.of("accounts", "audit"), () -> {
                    db.table("accounts").insert(Map.of("owner", "ghost"));
                    db.table("audit").insert(Map.of("what", "ghost"));
                    throw new Probe();
                })).isInstanceOf(Probe.class);
                db.transaction(List.of("accounts", "audit"), () -> {
                    db.table("accounts").update(Map.of("balance", 1L), field("owner").eq("o1"));
                    db.table("audit").insert(Map.of("what", "debit"));
                    db.table("accounts").update(Map.of("balance", 2L), field("owner").eq("o2"));
                });
                awaitPosition(s, first + 2);
                assertThat(calls).hasSize(1);
                assertThat(calls.get(0)).extracting(Change::sequence).containsExactly(first, first + 1, first + 2);
                assertThat(calls.get(0)).extracting(Change::table).containsExactly("accounts", "audit", "accounts");
                assertThat(calls.toString()).doesNotContain("ghost");
            }
        }
    }

    @Nested
    class Isolation {
        @BeforeEach
        void requireIsolation() {
            require(Capability.ISOLATED_TRANSACTIONS);
        }

        @Test
        void aReaderInATransactionNeverSeesHalfATransfer() throws Exception {
            Database db = bank();
            Table accounts = db.table("accounts");
            long total = accounts.all().stream().mapToLong(r -> r.getLong("balance")).sum();
            AtomicBoolean stop = new AtomicBoolean();
            List<String> seen = Collections.synchronizedList(new ArrayList<>());
            AtomicLong reads = new AtomicLong();
            Thread reader = new Thread(() -> {
                while (!stop.get()) {
                    long sum = db.transaction(List.of("accounts"),
                            () -> accounts.all().stream().mapToLong(r -> r.getLong("balance")).sum());
                    if (sum != total) {
                        seen.add("total " + sum);
                    }
                    reads.incrementAndGet();
                }
            }, "tck-reader");
            reader.start();
            int transfers = examples(2_000);
            for (int i = 0; i < transfers; i++) {
                long amount = i % 7;
                boolean fail = i % 3 == 0;
                long from = 1 + i % 5;
                long to = 1 + (i + 2) % 5;
                try {
                    db.transaction(List.of("accounts", "audit"), () -> {
                        accounts.update(r -> r.with("balance", r.getLong("balance") - amount), field("id").eq(from));
                        db.table("audit").insert(Map.of("account", from, "what", "debit"));
                        if (fail) {
                            throw new Probe();
                        }
                        accounts.update(r -> r.with("balance", r.getLong("balance") + amount), field("id").eq(to));
                    });
                } catch (Probe expected) {
                    // undone: the debit and its audit record
                }
            }
            stop.set(true);
            reader.join(TimeUnit.SECONDS.toMillis(30));
            assertThat(reader.isAlive()).as("the reader ended").isFalse();
            assertThat(seen).as("totals a reader saw mid-transfer").isEmpty();
            assertThat(reads.get()).isPositive();
            assertThat(accounts.all().stream().mapToLong(r -> r.getLong("balance")).sum()).isEqualTo(total);
            assertThat(db.table("audit").count()).isEqualTo(1 + transfers - (transfers + 2) / 3);
        }
    }

    @Nested
    class Nesting {
        @Test
        void aNestedBlockOverASubsetJoinsAndAFailingOneUndoesOnlyItsOwnWrites() {
            Database db = bank();
            db.transaction(List.of("accounts", "audit"), () -> {
                db.table("audit").insert(Map.of("what", "outer"));
                assertThatThrownBy(() -> db.transaction(List.of("audit"), () -> {
                    db.table("audit").insert(Map.of("what", "inner"));
                    db.table("audit").delete(field("what").eq("opened"));
                    throw new Probe();
                })).isInstanceOf(Probe.class);
                db.transaction(List.of("audit"), () -> db.table("audit").insert(Map.of("what", "inner ok")));
            });
            assertThat(db.table("audit").all()).extracting(r -> r.get("what"))
                    .containsExactly("opened", "outer", "inner ok");
        }

        @Test
        void aNestedBlockOverOtherTablesIsRefused() {
            Database db = bank();
            assertThatThrownBy(() -> db.transaction(List.of("accounts"), () ->
                    db.transaction(List.of("accounts", "audit"), () -> { })))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("[accounts]");
        }
    }

    private static Throwable catchThrowable(Runnable r) {
        try {
            r.run();
            return null;
        } catch (Throwable t) {
            return t;
        }
    }

    /** Waits until the subscription has delivered through {@code sequence} (bounded: 30 s). */
    static void awaitPosition(ChangeSubscription s, long sequence) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (s.position() < sequence && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertThat(s.position()).as("delivered through").isGreaterThanOrEqualTo(sequence);
    }
}
