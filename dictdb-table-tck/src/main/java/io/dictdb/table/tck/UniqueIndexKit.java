package io.dictdb.table.tck;

import io.dictdb.DuplicateKeyException;
import io.dictdb.IndexSpec;
import io.dictdb.OnConflict;
import io.dictdb.Record;
import io.dictdb.Table;
import io.dictdb.TableSpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.dictdb.query.Conditions.field;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Unique and partial unique indexes: every write path refuses a second record under one value, changing nothing
 * (needs {@link Capability#UNIQUE_INDEXES}).
 */
public abstract class UniqueIndexKit extends KitBase {
    private Table users;

    @BeforeEach
    void create() {
        require(Capability.UNIQUE_INDEXES);
        users = db.createTable(TableSpec.named("users").index(IndexSpec.hash("email").unique()));
        users.insert(Map.of("id", 1L, "email", "a@x"));
        users.insert(Map.of("id", 2L, "email", "b@x"));
    }

    private static Map<String, Object> user(long id, Object email) {
        Map<String, Object> m = new HashMap<>();
        m.put("id", id);
        if (email != null) {
            m.put("email", email);
        }
        return m;
    }

    @Test
    void aSecondInsertUnderOneValueFailsNamingTableFieldsValueAndHolder() {
        List<Record> before = users.all();
        DuplicateKeyException e = catchThrowableOfType(DuplicateKeyException.class,
                () -> users.insert(user(3, "a@x")));
        assertThat(e.table()).isEqualTo("users");
        assertThat(e.fields()).containsExactly("email");
        assertThat(e.value()).isEqualTo("a@x");
        assertThat(e.key()).isEqualTo(1L);
        assertThat(e).hasMessage("Duplicate value 'a@x' for the unique index on [email] of table 'users': the record "
                + "with key 1 holds it");
        assertThat(users.all()).isEqualTo(before);
        assertThat(users.insert(user(3, "c@x"))).isEqualTo(3L); // the key counter did not move either
    }

    @Test
    void aBatchWithADuplicateInsideOrAgainstTheTableInsertsNothing() {
        assertThatThrownBy(() -> users.insertAll(List.of(user(3, "c@x"), user(4, "d@x"), user(5, "c@x"))))
                .isInstanceOfSatisfying(DuplicateKeyException.class, e -> {
                    assertThat(e.value()).isEqualTo("c@x");
                    assertThat(e.key()).isEqualTo(3L);
                });
        assertThatThrownBy(() -> users.insertAll(List.of(user(3, "c@x"), user(4, "b@x"))))
                .isInstanceOfSatisfying(DuplicateKeyException.class, e -> assertThat(e.key()).isEqualTo(2L));
        assertThat(users.count()).isEqualTo(2);
        assertThat(users.select(field("email").eq("c@x"))).isEmpty();
        users.insertAll(List.of(user(3, "c@x"), user(4, "d@x")));
        assertThat(users.select(field("email").eq("c@x"))).hasSize(1);
    }

    @Test
    void upsertsAndUpdatesAreCheckedAgainstTheStateAfterTheWrite() {
        assertThatThrownBy(() -> users.upsert(user(2, "a@x")))
                .isInstanceOfSatisfying(DuplicateKeyException.class, e -> assertThat(e.key()).isEqualTo(1L));
        assertThatThrownBy(() -> users.upsert(user(9, "a@x"), OnConflict.UPDATE))
                .isInstanceOf(DuplicateKeyException.class);
        assertThatThrownBy(() -> users.update(Map.of("email", "b@x"), field("id").eq(1L)))
                .isInstanceOfSatisfying(DuplicateKeyException.class, e -> assertThat(e.key()).isEqualTo(2L));
        assertThatThrownBy(() -> users.update(Map.of("email", "z@x"))) // two records to one value
                .isInstanceOf(DuplicateKeyException.class);
        assertThat(users.get(1L).orElseThrow().get("email")).isEqualTo("a@x");
        assertThat(users.get(2L).orElseThrow().get("email")).isEqualTo("b@x");

        users.upsert(user(1, "a@x"));                                      // keeps its own value
        users.update(r -> r.with("email", r.get("id").equals(1L) ? "b@x" : "a@x"), field("id").in(1L, 2L)); // swap
        assertThat(users.get(1L).orElseThrow().get("email")).isEqualTo("b@x");
        assertThat(users.select(field("email").eq("a@x"))).extracting(r -> r.get("id")).containsExactly(2L);
    }

    @Test
    void nullsAndMissingValuesNeverCollide() {
        users.insert(user(3, null));
        users.insert(user(4, null));
        users.insertAll(List.of(user(5, null), user(6, null)));
        users.update(Map.of("email", "a@x"), field("id").eq(1L));
        assertThat(users.count()).isEqualTo(6);
    }

    @Test
    void numbersEqualByValueCollide() {
        Table t = db.createTable(TableSpec.named("codes").index(IndexSpec.sorted("code").unique()));
        t.insert(Map.of("code", 5L));
        assertThatThrownBy(() -> t.insert(Map.of("code", 5.0))).isInstanceOf(DuplicateKeyException.class);
    }

    @Test
    void aCompositeUniqueIndexNamesTheListOfValues() {
        Table t = db.createTable(TableSpec.named("seats").index(IndexSpec.hash("row", "seat").unique()));
        t.insert(Map.of("id", 1L, "row", 3L, "seat", "A"));
        t.insert(Map.of("id", 2L, "row", 3L, "seat", "B"));
        t.insert(Map.of("id", 3L, "row", 3L));
        t.insert(Map.of("id", 4L, "row", 3L));
        DuplicateKeyException e = catchThrowableOfType(DuplicateKeyException.class,
                () -> t.insert(Map.of("id", 5L, "row", 3L, "seat", "B")));
        assertThat(e.fields()).containsExactly("row", "seat");
        assertThat(e.value()).isEqualTo(List.of(3L, "B"));
        assertThat(e.key()).isEqualTo(2L);
        assertThat(e).hasMessage("Duplicate value [3, B] for the unique index on [row, seat] of table 'seats': "
                + "the record with key 2 holds it");
    }

    @Test
    void aPartialUniqueIndexHoldsAmongMatchingRecordsOnly() {
        Table t = db.createTable(TableSpec.named("accounts")
                .index(IndexSpec.hash("email").unique().where(field("deleted").eq(false))));
        t.insert(Map.of("id", 1L, "email", "a@x", "deleted", false));
        assertThatThrownBy(() -> t.insert(Map.of("id", 2L, "email", "a@x", "deleted", false)))
                .isInstanceOf(DuplicateKeyException.class);
        t.insert(Map.of("id", 3L, "email", "a@x", "deleted", true));   // soft-deleted: outside the index
        t.update(Map.of("deleted", true), field("id").eq(1L));       // moves out: frees the value
        t.insert(Map.of("id", 4L, "email", "a@x", "deleted", false));
        assertThatThrownBy(() -> t.update(Map.of("deleted", false), field("id").eq(3L)))
                .isInstanceOfSatisfying(DuplicateKeyException.class, e -> assertThat(e.key()).isEqualTo(4L));
        assertThat(t.select(field("email").eq("a@x").and(field("deleted").eq(false))))
                .extracting(r -> r.get("id")).containsExactly(4L);
    }

    @Test
    void creatingAUniqueIndexOverDuplicatesFailsNamingTheFirstAndCreatesNothing() {
        Table t = db.createTable("people");
        t.insertAll(List.of(Map.of("name", "ann"), Map.of("name", "bob"), Map.of("name", "cid"),
                Map.of("name", "bob"), Map.of("name", "ann")));
        assertThatThrownBy(() -> t.createIndex(IndexSpec.hash("name").unique()))
                .isInstanceOfSatisfying(DuplicateKeyException.class, e -> {
                    assertThat(e.value()).isEqualTo("bob");
                    assertThat(e.key()).isEqualTo(2L);
                    assertThat(e.fields()).containsExactly("name");
                    assertThat(e).hasMessage("Duplicate value 'bob' for the unique index on [name] of table 'people': "
                            + "the record with key 2 holds it");
                });
        assertThat(t.indexedFields()).isEmpty();
        t.createIndex(IndexSpec.hash("name").unique().where(field("id").lt(4L)));
        assertThat(t.indexedFields()).containsExactly("name");
    }

    @Test
    void aDuplicateInATransactionRollsTheWholeTransactionBack() {
        Table log = db.createTable("log");
        assertThatThrownBy(() -> db.transaction(List.of("users", "log"), () -> {
            users.update(Map.of("email", "q@x"), field("id").eq(1L)); // frees a@x
            users.insert(user(3, "a@x"));                             // takes it
            log.insert(Map.of("what", "moved"));
            users.insert(user(4, "b@x"));                             // refused: rolls everything back
        })).isInstanceOf(DuplicateKeyException.class);
        assertThat(users.all()).extracting(r -> r.get("email")).containsExactly("a@x", "b@x");
        assertThat(log.count()).isZero();
        assertThat(users.select(field("email").eq("q@x"))).isEmpty();
        assertThat(users.select(field("email").eq("a@x"))).extracting(r -> r.get("id")).containsExactly(1L);
        users.insert(user(3, "q@x"));
    }

    @Test
    void concurrentWritersOfCollidingValuesLeaveOneWinnerPerValue() throws Exception {
        Table t = db.createTable(TableSpec.named("tickets").index(IndexSpec.sorted("seat").unique()));
        int threads = 8;
        int values = examples(200);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        Map<Long, Integer> winners = new ConcurrentHashMap<>();
        AtomicInteger refused = new AtomicInteger();
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < threads; w++) {
            int writer = w;
            done.add(pool.submit(() -> {
                start.await();
                for (long v = 0; v < values; v++) {
                    try {
                        if (v % 3 == 0) {
                            t.insertAll(List.of(Map.of("seat", v, "writer", writer)));
                        } else {
                            t.insert(Map.of("seat", v, "writer", writer));
                        }
                        winners.merge(v, 1, Integer::sum);
                    } catch (DuplicateKeyException e) {
                        assertThat(e.value()).isEqualTo(v);
                        refused.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertThat(winners).hasSize(values).allSatisfy((v, n) -> assertThat(n).isEqualTo(1));
        assertThat(refused.get()).isEqualTo(values * (threads - 1));
        assertThat(t.count()).isEqualTo(values);
        for (long v = 0; v < values; v++) {
            List<Record> held = t.select(field("seat").eq(v));
            assertThat(held).hasSize(1);
            assertThat(t.query().where(field("writer").gte(0)).toList().stream()
                    .filter(r -> r.get("seat").equals(held.get(0).get("seat"))).count()).isEqualTo(1);
        }
        assertThat(t.index("seat").orElseThrow().distinctKeys()).isEqualTo(values);
    }
}
