package io.dictdb.table.tck;

import io.dictdb.Database;
import io.dictdb.DictDbException;
import io.dictdb.FieldType;
import io.dictdb.IndexType;
import io.dictdb.InsertOptions;
import io.dictdb.Record;
import io.dictdb.Schema;
import io.dictdb.Table;
import io.dictdb.TableSpec;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.impl.Constraint;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.dictdb.query.Conditions.field;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.quicktheories.QuickTheory.qt;

/**
 * A batch that fails at any position, for any reason (a key repeated inside the batch or already stored, a schema
 * failure, an automatic key after an explicit one), leaves the table as a twin that never saw it: the same records
 * in the same order, the same index answers, the same next automatic keys, also after deletes left gaps and
 * after the batch grew the table.
 */
public abstract class InsertBatchKit extends KitBase {
    /** A table's history and one batch with a bad record (or none) at a position. */
    private record Case(int seed, int deleted, int size, int badAt, int badKind, int batchSize, boolean skip) {
    }

    private static Gen<Case> cases() {
        Gen<Case> gen = in -> new Case(
                (int) in.next(Constraint.between(0, 300)),
                (int) in.next(Constraint.between(0, 300)),
                (int) in.next(Constraint.between(1, 3_000)),
                (int) in.next(Constraint.between(0, 3_000)),
                (int) in.next(Constraint.between(0, 4)),
                (int) in.next(Constraint.between(0, 4)) * 97,
                in.next(Constraint.between(0, 3)) == 0);
        return gen.describedAs(Case::toString);
    }

    private static Table table(Database db) {
        Schema schema = Schema.builder().field("name", FieldType.STRING).optional("g", FieldType.LONG)
                .optional("score", FieldType.DOUBLE).build();
        return db.createTable(TableSpec.named("t").schema(schema)
                .index("g", IndexType.HASH).index("score", IndexType.SORTED));
    }

    private static Map<String, Object> rec(int i, Object id) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (id != null) {
            m.put("id", id);
        }
        m.put("name", "n" + i);
        m.put("g", (long) (i % 7));
        m.put("score", i % 11 == 0 ? null : (i * 37 % 101) / 4.0);
        return m;
    }

    /** Builds the same history in a table: inserts, then deletes of every other record of the first ones. */
    private static void history(Table t, Case c) {
        for (int i = 0; i < c.seed(); i++) {
            t.insert(rec(i, i % 3 == 0 ? (long) (i * 5) : null));
        }
        var doomed = field("id").lt((long) c.deleted()).and(field("g").ne(3L));
        if (t.count(doomed) > 0) { // delete refuses a condition that matches nothing
            t.delete(doomed);
        }
    }

    @Test
    void aFailedBatchLeavesTheTableAsATwinThatNeverSawIt() {
        qt().withExamples(examples(40)).withShrinkCycles(50)
                .forAll(cases())
                .checkAssert(c -> {
                    try (Database one = newDatabase(); Database two = newDatabase()) {
                        check(c, table(one), table(two));
                    }
                });
    }

    private static void check(Case c, Table t, Table twin) {
        history(t, c);
        history(twin, c);
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < c.size(); i++) {
            batch.add(rec(1_000 + i, i % 4 == 0 ? (long) (10_000 + i) : null));
        }
        boolean bad = c.badAt() < c.size();
        if (bad) {
            int at = c.badAt();
            Map<String, Object> m = rec(at, null);
            switch (c.badKind()) {
                case 0 -> m.put("id", 10_000L); // repeats the batch's first explicit key
                case 1 -> m.put("id", t.all().isEmpty() ? 10_000L : t.all().get(0).get("id"));
                case 2 -> m.put("g", "not a long");
                case 3 -> m.remove("name");
                default -> m.put("id", 10_000L + c.size()); // fine alone; clashes when repeated
            }
            batch.set(at, m);
            if (c.badKind() == 4) {
                batch.add(m);
            }
        }
        InsertOptions options = InsertOptions.defaults().skipValidation(c.skip());
        if (c.batchSize() > 0) {
            options = options.batchSize(c.batchSize());
        }
        List<Record> before = t.all();
        Throwable failure = catchThrowable(
                (org.assertj.core.api.ThrowableAssert.ThrowingCallable) insertInto(t, batch, options));
        if (failure == null) {
            insertInto(twin, batch, options).call();
        } else {
            assertThat(failure).isInstanceOf(DictDbException.class);
            assertThat(t.all()).containsExactlyElementsOf(before);
        }
        assertThat(t.all()).containsExactlyElementsOf(twin.all());
        for (long g = 0; g < 7; g++) {
            assertThat(t.select(field("g").eq(g))).containsExactlyElementsOf(twin.select(field("g").eq(g)));
        }
        assertThat(t.select(field("score").between(3.0, 12.0)))
                .containsExactlyElementsOf(twin.select(field("score").between(3.0, 12.0)));
        assertThat(t.select(field("score").isNull()))
                .containsExactlyElementsOf(twin.select(field("score").isNull()));
        List<Map<String, Object>> after = List.of(rec(1, null), rec(2, null), rec(3, 20_000L));
        assertThat(t.insertAll(after)).isEqualTo(twin.insertAll(after));
        assertThat(t.insert(rec(4, null))).isEqualTo(twin.insert(rec(4, null)));
        assertThat(t.all()).containsExactlyElementsOf(twin.all());
    }

    private interface Call extends org.assertj.core.api.ThrowableAssert.ThrowingCallable {
        @Override
        void call();
    }

    private static Call insertInto(Table t, List<Map<String, Object>> batch, InsertOptions options) {
        return () -> t.insertAll(batch, options);
    }
}
