package io.dictdb.table.tck;

import io.dictdb.DuplicateKeyException;
import io.dictdb.FieldType;
import io.dictdb.IndexType;
import io.dictdb.InsertOptions;
import io.dictdb.Record;
import io.dictdb.Schema;
import io.dictdb.SchemaValidationException;
import io.dictdb.Table;
import io.dictdb.TableSpec;
import io.dictdb.query.Condition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static io.dictdb.query.Conditions.all;
import static io.dictdb.query.Conditions.and;
import static io.dictdb.query.Conditions.field;
import static io.dictdb.query.Conditions.or;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * A write that fails part-way leaves the table, its indexes and its key counter exactly as before: batches whose
 * 900th record is bad, updates whose function or schema check fails on one record.
 */
public abstract class AtomicityKit extends KitBase {

    private static final int BATCH = 1000;
    private static final int BAD = 900;           // 1-based position of the bad record

    private Table people;
    private Table loose;

    @BeforeEach
    void setUp() {
        Schema schema = Schema.builder()
                .field("name", FieldType.STRING)
                .field("age", FieldType.LONG)
                .field("dept", FieldType.STRING)
                .optional("score", FieldType.DOUBLE)
                .build();
        people = db.createTable(TableSpec.named("people").schema(schema)
                .index("dept", IndexType.HASH).index("age", IndexType.SORTED));
        List<Map<String, Object>> seed = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            seed.add(person(i));
        }
        people.insertAll(seed);

        loose = db.createTable("loose");
        loose.createIndex("tag", IndexType.HASH);
        loose.createIndex("n", IndexType.SORTED);
        for (int i = 0; i < 120; i++) {
            loose.insert(row("tag", "t" + (i % 7), "n", i));
        }
    }

    private static Map<String, Object> row(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static Map<String, Object> person(int i) {
        return row("name", "p" + i, "age", 18 + i % 60, "dept", "d" + i % 5, "score", i * 0.5);
    }

    /** Everything observable about a table that a failed write must not change, except the key counter. */
    private record State(long count, List<Record> all, Map<String, List<Record>> served, List<String> indexes,
                         Map<String, Long> distinct) {
    }

    private static final List<Condition> SERVED = List.of(
            field("dept").eq("d1"),
            field("dept").in("d2", "d4", "new-dept"),
            field("age").between(30, 40),
            field("age").gte(70),
            field("age").lt(20),
            and(field("dept").eq("d3"), field("age").lte(50)),
            or(field("dept").eq("d0"), field("age").gt(75)),
            field("tag").eq("t3"),
            field("tag").eq("bad-tag"),
            field("n").between(10, 20),
            field("n").gt(100),
            field("score").isNull(),
            all());

    private static State state(Table t) {
        Map<String, List<Record>> served = new LinkedHashMap<>();
        for (Condition c : SERVED) {
            served.put(c.toString(), t.query().where(c).orderBy(t.primaryKey()).toList());
            served.put("count " + c, List.of(Record.of("n", t.count(c))));
        }
        served.put("top ages", t.query().orderBy("-age").limit(10).toList());
        served.put("top n", t.query().orderBy("n").limit(10).toList());
        Map<String, Long> distinct = new LinkedHashMap<>();
        for (String f : t.indexedFields()) {
            distinct.put(f, t.index(f).orElseThrow().distinctKeys());
        }
        return new State(t.count(), t.all(), served, t.indexedFields(), distinct);
    }

    /**
     * Checks that {@code t} is as it was and that its key counter was not moved: the next auto key is the one a
     * table that never saw the failed write hands out, which is {@code expectedNextKey}.
     */
    private static void assertUnchanged(Table t, State before, long expectedNextKey) {
        State after = state(t);
        assertThat(after.count()).isEqualTo(before.count());
        assertThat(after.all()).isEqualTo(before.all());
        assertThat(after.indexes()).isEqualTo(before.indexes());
        assertThat(after.distinct()).isEqualTo(before.distinct());
        for (Map.Entry<String, List<Record>> e : before.served().entrySet()) {
            assertThat(after.served().get(e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
        }
        Map<String, Object> probe = t.schema().isPresent() ? person(99_999) : row("tag", "probe", "n", -1);
        Object key = t.insert(probe);
        assertThat(key).as("next auto key").isEqualTo(expectedNextKey);
    }

    private static List<Map<String, Object>> batchWithBadRecord(Function<Integer, Map<String, Object>> bad) {
        List<Map<String, Object>> batch = new ArrayList<>(BATCH);
        for (int i = 1; i <= BATCH; i++) {
            batch.add(i == BAD ? bad.apply(i) : person(10_000 + i));
        }
        return batch;
    }

    // ------------------------------------------------------------------ insertAll

    @TestFactory
    Stream<DynamicTest> batchWhose900thRecordFailsTheSchemaChangesNothing() {
        return IntStream.of(0, 1000, 100, 7, 1).mapToObj(size -> dynamicTest("batchSize " + size,
                () -> freshTables(() -> batchWhose900thRecordFailsTheSchemaChangesNothing(size))));
    }

    private void batchWhose900thRecordFailsTheSchemaChangesNothing(int batchSize) {
        State before = state(people);
        List<Map<String, Object>> batch = batchWithBadRecord(i -> row("name", "bad", "age", "old", "dept", "d1"));
        InsertOptions options = batchSize == 0 ? InsertOptions.defaults() : InsertOptions.defaults().batchSize(batchSize);
        assertThatThrownBy(() -> people.insertAll(batch, options)).isInstanceOf(SchemaValidationException.class)
                .hasMessageContaining("age");
        assertUnchanged(people, before, 251L);
    }

    @Test
    void batchWhose900thRecordMissesARequiredFieldChangesNothing() {
        State before = state(people);
        List<Map<String, Object>> batch = batchWithBadRecord(i -> row("name", "bad", "dept", "d1"));
        assertThatThrownBy(() -> people.insertAll(batch)).isInstanceOf(SchemaValidationException.class);
        assertUnchanged(people, before, 251L);
    }

    @Test
    void batchWithExplicitKeysWhose900thRecordIsBadDoesNotMoveTheCounter() {
        State before = state(people);
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 1; i <= BATCH; i++) {
            Map<String, Object> m = person(20_000 + i);
            m.put("id", 5_000L + i);
            if (i == BAD) {
                m.put("extra", "not in schema");
            }
            batch.add(m);
        }
        assertThatThrownBy(() -> people.insertAll(batch, InsertOptions.defaults().batchSize(100)))
                .isInstanceOf(SchemaValidationException.class).hasMessageContaining("extra");
        assertUnchanged(people, before, 251L);
    }

    @TestFactory
    Stream<DynamicTest> batchWhose900thRecordRepeatsAKeyInsideTheBatchChangesNothing() {
        return IntStream.of(0, 100).mapToObj(size -> dynamicTest("batchSize " + size,
                () -> freshTables(() -> batchWhose900thRecordRepeatsAKeyInsideTheBatchChangesNothing(size))));
    }

    /** Runs one dynamic test on tables set up afresh in a new database, as {@code @BeforeEach} does for a test. */
    private void freshTables(Runnable test) {
        db = anotherDatabase();
        setUp();
        test.run();
    }

    private void batchWhose900thRecordRepeatsAKeyInsideTheBatchChangesNothing(int batchSize) {
        State before = state(people);
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 1; i <= BATCH; i++) {
            Map<String, Object> m = person(30_000 + i);
            m.put("id", i == BAD ? 6_010L : 6_000L + i);    // the 900th repeats the 10th's key
            batch.add(m);
        }
        InsertOptions options = batchSize == 0 ? InsertOptions.defaults() : InsertOptions.defaults().batchSize(batchSize);
        assertThatThrownBy(() -> people.insertAll(batch, options)).isInstanceOf(DuplicateKeyException.class)
                .hasMessageContaining("6010");
        assertUnchanged(people, before, 251L);
    }

    @Test
    void batchWhose900thRecordRepeatsAStoredKeyChangesNothing() {
        State before = state(people);
        List<Map<String, Object>> batch = batchWithBadRecord(i -> {
            Map<String, Object> m = person(i);
            m.put("id", 17L);
            return m;
        });
        assertThatThrownBy(() -> people.insertAll(batch, InsertOptions.defaults().batchSize(100)))
                .isInstanceOf(DuplicateKeyException.class).hasMessageContaining("17");
        assertUnchanged(people, before, 251L);
    }

    @Test
    void batchWithSkippedValidationWhose900thRecordRepeatsAKeyChangesNothing() {
        State before = state(people);
        List<Map<String, Object>> batch = batchWithBadRecord(i -> row("id", 3L, "anything", true));
        assertThatThrownBy(() -> people.insertAll(batch, InsertOptions.defaults().skipValidation(true).batchSize(100)))
                .isInstanceOf(DuplicateKeyException.class);
        assertUnchanged(people, before, 251L);
    }

    @Test
    void batchWhose900thRecordHasAnUnsupportedValueChangesNothing() {
        State before = state(loose);
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 1; i <= BATCH; i++) {
            batch.add(i == BAD ? row("tag", new Object(), "n", i) : row("tag", "new", "n", 1000 + i));
        }
        assertThatThrownBy(() -> loose.insertAll(batch, InsertOptions.defaults().batchSize(100)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tag");
        assertUnchanged(loose, before, 121L);
    }

    @Test
    void batchWhose900thRecordIsNullChangesNothing() {
        State before = state(loose);
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 1; i <= BATCH; i++) {
            batch.add(i == BAD ? null : row("tag", "new", "n", 1000 + i));
        }
        assertThatThrownBy(() -> loose.insertAll(batch)).isInstanceOf(RuntimeException.class);
        assertUnchanged(loose, before, 121L);
    }

    @Test
    void batchWithoutSchemaWhose900thRecordRepeatsAnAutoKeyChangesNothing() {
        State before = state(loose);
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 1; i <= BATCH; i++) {
            // records 1..899 get auto keys 121..1019; the 900th names one of them explicitly
            batch.add(i == BAD ? row("id", 500L, "tag", "x") : row("tag", "new", "n", 1000 + i));
        }
        assertThatThrownBy(() -> loose.insertAll(batch, InsertOptions.defaults().batchSize(100)))
                .isInstanceOf(DuplicateKeyException.class);
        assertUnchanged(loose, before, 121L);
    }

    @Test
    void successfulBatchAfterAFailedOneBehavesAsIfTheFailureNeverHappened() {
        List<Map<String, Object>> bad = batchWithBadRecord(i -> row("name", 1, "age", 1, "dept", "x"));
        assertThatThrownBy(() -> people.insertAll(bad, InsertOptions.defaults().batchSize(100)))
                .isInstanceOf(SchemaValidationException.class);
        List<Map<String, Object>> good = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            good.add(person(40_000 + i));
        }
        assertThat(people.insertAll(good)).containsExactly(251L, 252L, 253L, 254L, 255L, 256L, 257L, 258L, 259L,
                260L);
        assertThat(people.count()).isEqualTo(260);
        assertThat(people.select(field("name").eq("p40003"))).hasSize(1);
    }

    // ------------------------------------------------------------------ updates

    @Test
    void updateWhoseFunctionFailsOnOneRecordChangesNone() {
        State before = state(people);
        RuntimeException boom = new IllegalStateException("boom on 200");
        assertThatThrownBy(() -> people.update(r -> {
            if (r.getLong("id") == 200L) {
                throw boom;
            }
            return r.with("age", r.getLong("age") + 1).with("dept", "moved");
        }, all())).satisfies(e -> assertThat(causes(e)).contains(boom));
        assertUnchanged(people, before, 251L);
    }

    @Test
    void updateWhoseFunctionFailsOnTheLastMatchedRecordChangesNone() {
        State before = state(people);
        assertThatThrownBy(() -> people.update(r -> {
            if (r.getLong("id") == 250L) {
                throw new ArithmeticException("last one");
            }
            return r.with("score", 0.0);
        }, field("age").gte(0))).satisfies(e -> assertThat(causes(e)).anyMatch(c -> c instanceof ArithmeticException));
        assertUnchanged(people, before, 251L);
    }

    @Test
    void updateWhoseFunctionReturnsABadRecordForOneChangesNone() {
        State before = state(people);
        assertThatThrownBy(() -> people.update(
                r -> r.getLong("id") == 120L ? r.with("age", "not a number") : r.with("dept", "x"), all()))
                .isInstanceOf(SchemaValidationException.class);
        assertThatThrownBy(() -> people.update(
                r -> r.getLong("id") == 130L ? r.with("id", 9_999L) : r.with("dept", "x"), all()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> people.update(r -> r.getLong("id") == 140L ? null : r.with("dept", "x"), all()))
                .isInstanceOf(RuntimeException.class);
        assertUnchanged(people, before, 251L);
    }

    @Test
    void updateByMapFailingTheSchemaOnOneRecordChangesNone() {
        // one record already off-schema (age held as a string), let in with skipValidation
        people.insertAll(List.of(row("name", "odd", "age", "ancient", "dept", "d1")),
                InsertOptions.defaults().skipValidation(true));
        State before = state(people);
        assertThatThrownBy(() -> people.update(row("dept", "d9"), field("dept").eq("d1")))
                .isInstanceOf(SchemaValidationException.class).hasMessageContaining("age");
        assertThatThrownBy(() -> people.update(row("dept", "d9")))
                .isInstanceOf(SchemaValidationException.class);
        assertThatThrownBy(() -> people.query().where(field("dept").in("d1", "d2")).update(row("score", 1.0)))
                .isInstanceOf(SchemaValidationException.class);
        assertUnchanged(people, before, 252L);
    }

    @Test
    void updateByMapWithAnUnsupportedValueChangesNone() {
        State before = state(loose);
        assertThatThrownBy(() -> loose.update(row("tag", "fine", "other", new Object()), all()))
                .isInstanceOf(IllegalArgumentException.class);
        assertUnchanged(loose, before, 121L);
    }

    @Test
    void upsertFailingTheSchemaChangesNothing() {
        State before = state(people);
        assertThatThrownBy(() -> people.upsert(row("id", 5L, "age", "x"))).isInstanceOf(SchemaValidationException.class);
        assertThatThrownBy(() -> people.upsert(row("name", "new", "age", "x", "dept", "d"))).isInstanceOf(
                SchemaValidationException.class);
        assertUnchanged(people, before, 251L);
    }

    private static List<Throwable> causes(Throwable e) {
        List<Throwable> out = new ArrayList<>();
        for (Throwable t = e; t != null && !out.contains(t); t = t.getCause()) {
            out.add(t);
        }
        return out;
    }
}
