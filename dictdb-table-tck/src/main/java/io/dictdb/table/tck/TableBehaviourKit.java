package io.dictdb.table.tck;

import io.dictdb.DuplicateKeyException;
import io.dictdb.DuplicateTableException;
import io.dictdb.FieldType;
import io.dictdb.Index;
import io.dictdb.IndexType;
import io.dictdb.InsertOptions;
import io.dictdb.OnConflict;
import io.dictdb.Record;
import io.dictdb.RecordNotFoundException;
import io.dictdb.Schema;
import io.dictdb.SchemaValidationException;
import io.dictdb.Table;
import io.dictdb.TableNotFoundException;
import io.dictdb.TableSpec;
import io.dictdb.UpsertResult;
import io.dictdb.query.Condition;
import io.dictdb.query.Order;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static io.dictdb.query.Aggregates.avg;
import static io.dictdb.query.Aggregates.count;
import static io.dictdb.query.Aggregates.max;
import static io.dictdb.query.Aggregates.min;
import static io.dictdb.query.Aggregates.sum;
import static io.dictdb.query.Conditions.all;
import static io.dictdb.query.Conditions.and;
import static io.dictdb.query.Conditions.field;
import static io.dictdb.query.Conditions.matching;
import static io.dictdb.query.Conditions.not;
import static io.dictdb.query.Conditions.or;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The behaviour of one table through the public API: catalog, keys, schema, writes, queries, aggregates, indexes. */
public abstract class TableBehaviourKit extends KitBase {

    private static Map<String, Object> row(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static List<Object> ids(List<Record> records) {
        return records.stream().map(r -> r.get("id")).collect(Collectors.toList());
    }

    // ------------------------------------------------------------------ catalog

    @Nested
    class Catalog {
        @Test
        void createGetFindDropAndListInCreationOrder() {
            Table zeta = db.createTable("zeta");
            Table alpha = db.createTable("alpha", "code");
            Table mid = db.createTable(TableSpec.named("mid").primaryKey("k"));

            assertThat(db.tableNames()).containsExactly("zeta", "alpha", "mid");
            assertThat(zeta.name()).isEqualTo("zeta");
            assertThat(zeta.primaryKey()).isEqualTo("id");
            assertThat(alpha.primaryKey()).isEqualTo("code");
            assertThat(mid.primaryKey()).isEqualTo("k");
            assertThat(db.table("alpha").name()).isEqualTo("alpha");
            assertThat(db.findTable("mid")).isPresent().get().extracting(Table::name).isEqualTo("mid");
            assertThat(db.findTable("nope")).isEmpty();
            assertThat(db.hasTable("zeta")).isTrue();
            assertThat(db.hasTable("nope")).isFalse();

            db.dropTable("alpha");
            assertThat(db.tableNames()).containsExactly("zeta", "mid");
            assertThat(db.hasTable("alpha")).isFalse();
            assertThat(db.findTable("alpha")).isEmpty();

            db.createTable("alpha");
            assertThat(db.tableNames()).containsExactly("zeta", "mid", "alpha");
            assertThat(db.table("alpha").count()).isZero();
        }

        @Test
        void tableNamesIsImmutable() {
            db.createTable("a");
            List<String> names = db.tableNames();
            assertThatThrownBy(() -> names.add("x")).isInstanceOf(UnsupportedOperationException.class);
            assertThat(db.tableNames()).containsExactly("a");
        }

        @Test
        void duplicateTable() {
            db.createTable("users");
            assertThatThrownBy(() -> db.createTable("users")).isInstanceOf(DuplicateTableException.class)
                    .hasMessageContaining("users");
            assertThatThrownBy(() -> db.createTable("users", "uid")).isInstanceOf(DuplicateTableException.class);
            assertThatThrownBy(() -> db.createTable(TableSpec.named("users")))
                    .isInstanceOf(DuplicateTableException.class);
            assertThat(db.tableNames()).containsExactly("users");
        }

        @Test
        void missingTable() {
            assertThatThrownBy(() -> db.table("ghost")).isInstanceOf(TableNotFoundException.class)
                    .hasMessageContaining("ghost");
            assertThatThrownBy(() -> db.dropTable("ghost")).isInstanceOf(TableNotFoundException.class)
                    .hasMessageContaining("ghost");
        }

        @Test
        void aTableObjectIsDeadAfterDropTable() {
            Table t = db.createTable("gone");
            t.insert(row("name", "a"));
            t.createIndex("name");
            db.dropTable("gone");

            List<Runnable> ops = List.of(
                    () -> t.insert(row("name", "b")),
                    () -> t.insertAll(List.of(row("name", "b"))),
                    () -> t.upsert(row("id", 1L, "name", "b")),
                    () -> t.get(1L),
                    () -> t.all(),
                    () -> t.select(field("name").eq("a")),
                    () -> t.query().toList(),
                    () -> t.count(),
                    () -> t.update(row("name", "c")),
                    () -> t.update(r -> r, all()),
                    () -> t.delete(all()),
                    () -> t.deleteAll(),
                    () -> t.createIndex("other"),
                    () -> t.dropIndex("name"));
            for (Runnable op : ops) {
                assertThatThrownBy(op::run).isInstanceOf(TableNotFoundException.class).hasMessageContaining("gone");
            }
            // a new table with the same name is independent of the dropped one
            Table again = db.createTable("gone");
            assertThat(again.count()).isZero();
            assertThatThrownBy(t::count).isInstanceOf(TableNotFoundException.class);
        }

        @Test
        void specWithSchemaAndIndexes() {
            Schema schema = Schema.builder().field("email", FieldType.STRING).optional("age", FieldType.LONG).build();
            Table t = db.createTable(TableSpec.named("people").primaryKey("pid").schema(schema)
                    .index("email", IndexType.HASH).index("age", IndexType.SORTED));
            assertThat(t.primaryKey()).isEqualTo("pid");
            assertThat(t.indexedFields()).containsExactly("email", "age");
            assertThat(t.index("email")).get().extracting(Index::type).isEqualTo(IndexType.HASH);
            assertThat(t.index("age")).get().extracting(Index::type).isEqualTo(IndexType.SORTED);
            assertThat(t.hasIndex("email")).isTrue();
            assertThat(t.hasIndex("pid")).isFalse();
            assertThat(t.index("nothing")).isEmpty();
            assertThat(t.schema()).isPresent();
            assertThat(t.schema().get().fields()).containsEntry("pid", FieldType.LONG)
                    .containsEntry("email", FieldType.STRING).containsEntry("age", FieldType.LONG);
            assertThat(t.schemaFields()).containsExactlyInAnyOrder("pid", "email", "age");
        }
    }

    // ------------------------------------------------------------------ primary keys

    @Nested
    class PrimaryKeys {
        @Test
        void autoKeysCountFromOne() {
            Table t = db.createTable("t");
            assertThat(t.insert(row("n", "a"))).isEqualTo(1L);
            assertThat(t.insert(row("n", "b"))).isEqualTo(2L);
            assertThat(t.insert(row("n", "c"))).isEqualTo(3L);
            assertThat(t.get(2L)).get().isEqualTo(Record.of("n", "b", "id", 2L));
            assertThat(t.get(2L).get().get("id")).isInstanceOf(Long.class);
            // Integer lookups widen to Long
            assertThat(t.get(3)).isPresent();
            assertThat(t.get(99L)).isEmpty();
            assertThat(t.get(null)).isEmpty();
        }

        @Test
        void explicitLongKeyMovesTheCounterPastIt() {
            Table t = db.createTable("t");
            t.insert(row("n", "a"));
            assertThat(t.insert(row("id", 10L, "n", "b"))).isEqualTo(10L);
            assertThat(t.insert(row("n", "c"))).isEqualTo(11L);
            // a lower explicit key does not move the counter back
            assertThat(t.insert(row("id", 5, "n", "d"))).isEqualTo(5L);
            assertThat(t.insert(row("n", "e"))).isEqualTo(12L);
        }

        @Test
        void explicitKeyInBatchMovesTheCounter() {
            Table t = db.createTable("t");
            List<Object> keys = t.insertAll(List.of(row("n", "a"), row("id", 7L, "n", "b"), row("n", "c")));
            assertThat(keys).containsExactly(1L, 7L, 8L);
            assertThat(t.insert(row("n", "d"))).isEqualTo(9L);
        }

        @Test
        void stringKeyLeavesTheCounterAlone() {
            Table t = db.createTable("t");
            t.insert(row("n", "a"));
            assertThat(t.insert(row("id", "abc", "n", "b"))).isEqualTo("abc");
            assertThat(t.insert(row("n", "c"))).isEqualTo(2L);
            assertThat(t.get("abc")).get().extracting(r -> r.get("n")).isEqualTo("b");
        }

        @Test
        void doubleKeyEqualToLongKeyIsADuplicate() {
            Table t = db.createTable("t");
            t.insert(row("id", 5L, "n", "long"));
            assertThatThrownBy(() -> t.insert(row("id", 5.0, "n", "double")))
                    .isInstanceOf(DuplicateKeyException.class).hasMessageContaining("'t'");
            assertThatThrownBy(() -> t.insert(row("id", new BigDecimal("5.00"), "n", "decimal")))
                    .isInstanceOf(DuplicateKeyException.class);
            assertThat(t.count()).isEqualTo(1);
            assertThat(t.get(5.0)).get().extracting(r -> r.get("n")).isEqualTo("long");
        }

        @Test
        void autoKeySkipsAKeyTakenByAnEqualDouble() {
            Table t = db.createTable("t");
            t.insert(row("id", 2.0, "n", "double two"));
            assertThat(t.insert(row("n", "a"))).isEqualTo(1L);
            assertThat(t.insert(row("n", "b"))).isNotIn(2L, 1L);
            assertThat(t.count()).isEqualTo(3);
        }

        @Test
        void duplicateKeyExceptionNamesTableAndKey() {
            Table t = db.createTable("accounts");
            t.insert(row("id", 42L));
            DuplicateKeyException e = org.junit.jupiter.api.Assertions.assertThrows(DuplicateKeyException.class,
                    () -> t.insert(row("id", 42L)));
            assertThat(e.table()).isEqualTo("accounts");
            assertThat(e.key()).isEqualTo(42L);
            assertThat(e.getMessage()).contains("accounts").contains("42");

            Table s = db.createTable("codes", "code");
            s.insert(row("code", "XY-1"));
            assertThatThrownBy(() -> s.insert(row("code", "XY-1")))
                    .isInstanceOf(DuplicateKeyException.class).hasMessageContaining("codes")
                    .hasMessageContaining("XY-1");
        }

        @Test
        void aStringKeyWithNoKeyGivenSaysThatTheKeyIsRequired() {
            Table t = db.createTable(TableSpec.named("skus").primaryKey("sku")
                    .schema(Schema.builder().field("sku", FieldType.STRING).optional("qty", FieldType.LONG).build()));
            SchemaValidationException e = org.junit.jupiter.api.Assertions.assertThrows(
                    SchemaValidationException.class, () -> t.insert(row("qty", 1L)));
            assertThat(e.getMessage()).contains("'skus'").contains("needs its key 'sku'").contains("STRING")
                    .contains("only LONG keys are generated");
            assertThatThrownBy(() -> t.insertAll(List.of(row("sku", "A-1"), row("qty", 2L))))
                    .isInstanceOf(SchemaValidationException.class).hasMessageContaining("needs its key 'sku'")
                    .hasMessageContaining("record 2 of the batch");
            assertThatThrownBy(() -> t.upsert(row("qty", 3L))).hasMessageContaining("needs its key 'sku'");
            assertThat(t.count()).isZero();

            // a DOUBLE or DECIMAL key takes the generated keys, as before
            Table d = db.createTable(TableSpec.named("measures").primaryKey("k")
                    .schema(Schema.builder().field("k", FieldType.DOUBLE).build()));
            assertThat(d.insert(row())).isEqualTo(1.0);
        }

        @Test
        void duplicateInsideBatchIsRejected() {
            Table t = db.createTable("t");
            assertThatThrownBy(() -> t.insertAll(List.of(row("id", 1L), row("id", 2L), row("id", 1L))))
                    .isInstanceOf(DuplicateKeyException.class);
            assertThat(t.count()).isZero();
        }
    }

    // ------------------------------------------------------------------ schema

    @Nested
    class SchemaValidation {
        Table people;

        @BeforeEach
        void create() {
            Schema schema = Schema.builder()
                    .field("name", FieldType.STRING)
                    .field("age", FieldType.LONG)
                    .field("score", FieldType.DOUBLE)
                    .optional("email", FieldType.STRING)
                    .build();
            people = db.createTable(TableSpec.named("people").schema(schema));
        }

        @Test
        void primaryKeyIsAddedAsLong() {
            assertThat(people.schema().orElseThrow().fields()).containsEntry("id", FieldType.LONG);
            assertThat(people.schemaFields()).contains("id", "name", "age", "score", "email");
            assertThat(people.columns()).contains("id", "name", "age", "score", "email");
        }

        @Test
        void validRecordsAndOptionalFields() {
            Object k1 = people.insert(row("name", "Ada", "age", 36, "score", 1.5));
            Object k2 = people.insert(row("name", "Bob", "age", 20, "score", 2.0, "email", null));
            Object k3 = people.insert(row("name", "Cy", "age", 20, "score", 2.0, "email", "c@x"));
            assertThat(List.of(k1, k2, k3)).containsExactly(1L, 2L, 3L);
            assertThat(people.count()).isEqualTo(3);
        }

        @Test
        void doubleFieldStoresIntegralAsDouble() {
            Object k = people.insert(row("name", "Ada", "age", 36, "score", 30));
            Object score = people.get(k).orElseThrow().get("score");
            assertThat(score).isInstanceOf(Double.class).isEqualTo(30.0);
            people.update(row("score", 7), field("id").eq(k));
            assertThat(people.get(k).orElseThrow().get("score")).isInstanceOf(Double.class).isEqualTo(7.0);
        }

        @Test
        void requiredFieldMissing() {
            assertThatThrownBy(() -> people.insert(row("name", "Ada", "score", 1.0)))
                    .isInstanceOf(SchemaValidationException.class)
                    .hasMessageContaining("people").hasMessageContaining("age")
                    .satisfies(e -> assertThat(((SchemaValidationException) e).field()).isEqualTo("age"));
        }

        @Test
        void requiredFieldNull() {
            assertThatThrownBy(() -> people.insert(row("name", null, "age", 3, "score", 1.0)))
                    .isInstanceOf(SchemaValidationException.class).hasMessageContaining("name")
                    .satisfies(e -> assertThat(((SchemaValidationException) e).table()).isEqualTo("people"));
        }

        @Test
        void extraField() {
            assertThatThrownBy(() -> people.insert(row("name", "A", "age", 3, "score", 1.0, "shoe", 44)))
                    .isInstanceOf(SchemaValidationException.class).hasMessageContaining("shoe");
        }

        @Test
        void wrongType() {
            assertThatThrownBy(() -> people.insert(row("name", "A", "age", "old", "score", 1.0)))
                    .isInstanceOf(SchemaValidationException.class).hasMessageContaining("age")
                    .hasMessageContaining("LONG").hasMessageContaining("STRING");
            assertThatThrownBy(() -> people.insert(row("name", "A", "age", 1.5, "score", 1.0)))
                    .isInstanceOf(SchemaValidationException.class).hasMessageContaining("age");
            assertThatThrownBy(() -> people.insert(row("id", "text", "name", "A", "age", 1, "score", 1.0)))
                    .isInstanceOf(SchemaValidationException.class).hasMessageContaining("id");
            assertThat(people.count()).isZero();
        }

        @Test
        void failedValidationDoesNotMoveTheCounter() {
            people.insert(row("name", "A", "age", 1, "score", 1.0));
            assertThatThrownBy(() -> people.insert(row("name", "B", "age", "x", "score", 1.0)))
                    .isInstanceOf(SchemaValidationException.class);
            assertThat(people.insert(row("name", "C", "age", 1, "score", 1.0))).isEqualTo(2L);
        }

        @Test
        void updateAndUpsertAreValidated() {
            Object k = people.insert(row("name", "A", "age", 1, "score", 1.0));
            assertThatThrownBy(() -> people.update(row("age", "x"), field("id").eq(k)))
                    .isInstanceOf(SchemaValidationException.class);
            assertThatThrownBy(() -> people.update(r -> r.with("extra", 1), field("id").eq(k)))
                    .isInstanceOf(SchemaValidationException.class);
            assertThatThrownBy(() -> people.upsert(row("id", k, "age", "y")))
                    .isInstanceOf(SchemaValidationException.class);
            assertThatThrownBy(() -> people.update(r -> r.without("name"), field("id").eq(k)))
                    .isInstanceOf(SchemaValidationException.class);
            assertThat(people.get(k).orElseThrow())
                    .isEqualTo(Record.of(row("id", 1L, "name", "A", "age", 1L, "score", 1.0)));
        }

        @Test
        void skipValidationSkipsSchemaButNotKeyChecks() {
            List<Object> keys = people.insertAll(List.of(row("whatever", true), row("name", 5)),
                    InsertOptions.defaults().skipValidation(true));
            assertThat(keys).containsExactly(1L, 2L);
            assertThat(people.get(1L).orElseThrow().get("whatever")).isEqualTo(true);

            assertThatThrownBy(() -> people.insertAll(List.of(row("id", 1L, "x", 1)),
                    InsertOptions.defaults().skipValidation(true))).isInstanceOf(DuplicateKeyException.class);
            assertThatThrownBy(() -> people.insertAll(List.of(row("id", 9L), row("id", 9L)),
                    InsertOptions.defaults().skipValidation(true))).isInstanceOf(DuplicateKeyException.class);
            assertThat(people.count()).isEqualTo(2);
            // without the option the same record is rejected
            assertThatThrownBy(() -> people.insertAll(List.of(row("whatever", true))))
                    .isInstanceOf(SchemaValidationException.class);
        }
    }

    // ------------------------------------------------------------------ writes

    @Nested
    class Writes {
        Table t;

        @BeforeEach
        void create() {
            t = db.createTable("t");
            t.insert(row("name", "a", "n", 1));
            t.insert(row("name", "b", "n", 2));
            t.insert(row("name", "c", "n", 3));
        }

        @Test
        void upsertUpdateMergesFields() {
            UpsertResult r = t.upsert(row("id", 2L, "n", 20, "extra", "x"));
            assertThat(r).isEqualTo(new UpsertResult(2L, UpsertResult.Action.UPDATED));
            assertThat(t.get(2L).orElseThrow()).isEqualTo(Record.of(row("name", "b", "n", 20L, "id", 2L,
                    "extra", "x")));
            assertThat(t.upsert(row("id", 3L, "n", 30), OnConflict.UPDATE).action())
                    .isEqualTo(UpsertResult.Action.UPDATED);
            assertThat(t.get(3L).orElseThrow().get("n")).isEqualTo(30L);
            assertThat(t.count()).isEqualTo(3);
        }

        @Test
        void upsertIgnoreLeavesRecord() {
            Record before = t.get(1L).orElseThrow();
            UpsertResult r = t.upsert(row("id", 1L, "n", 100), OnConflict.IGNORE);
            assertThat(r.action()).isEqualTo(UpsertResult.Action.IGNORED);
            assertThat(r.key()).isEqualTo(1L);
            assertThat(t.get(1L).orElseThrow()).isEqualTo(before);
        }

        @Test
        void upsertErrorThrowsDuplicateKey() {
            assertThatThrownBy(() -> t.upsert(row("id", 1L, "n", 100), OnConflict.ERROR))
                    .isInstanceOf(DuplicateKeyException.class).hasMessageContaining("'t'");
            assertThat(t.get(1L).orElseThrow().get("n")).isEqualTo(1L);
        }

        @Test
        void upsertInsertsNewKeysAndAutoKeys() {
            for (OnConflict c : OnConflict.values()) {
                UpsertResult r = t.upsert(row("name", "auto-" + c), c);
                assertThat(r.action()).isEqualTo(UpsertResult.Action.INSERTED);
                assertThat(t.get(r.key()).orElseThrow().get("name")).isEqualTo("auto-" + c);
            }
            UpsertResult r = t.upsert(row("id", 50L, "name", "fifty"));
            assertThat(r).isEqualTo(new UpsertResult(50L, UpsertResult.Action.INSERTED));
            assertThat(t.insert(row("name", "next"))).isEqualTo(51L);
        }

        @Test
        void upsertWithEqualDoubleKeyUpdatesTheLongKeyedRecord() {
            UpsertResult r = t.upsert(row("id", 2.0, "n", 99));
            assertThat(r.action()).isEqualTo(UpsertResult.Action.UPDATED);
            assertThat(t.count()).isEqualTo(3);
            assertThat(t.get(2L).orElseThrow().get("n")).isEqualTo(99L);
        }

        @Test
        void updateByMap() {
            assertThat(t.update(row("flag", true), field("n").gte(2))).isEqualTo(2);
            assertThat(t.select(field("flag").eq(true))).extracting(r -> r.get("name"))
                    .containsExactlyInAnyOrder("b", "c");
            assertThat(t.update(row("all", 1))).isEqualTo(3);
            assertThat(t.all()).allSatisfy(r -> assertThat(r.get("all")).isEqualTo(1L));
        }

        @Test
        void updateByFunction() {
            assertThat(t.update(r -> r.with("n", r.getLong("n") * 10), field("name").in("a", "c"))).isEqualTo(2);
            assertThat(t.all()).extracting(r -> r.get("n")).containsExactly(10L, 2L, 30L);
            assertThat(t.update(r -> r.without("name"), field("id").eq(1L))).isEqualTo(1);
            assertThat(t.get(1L).orElseThrow()).doesNotContainKey("name");
        }

        @Test
        void updateFunctionMayReadTheSameTable() {
            assertThat(t.update(r -> r.with("total", t.count()).with("peers", t.count(field("n").gt(1))),
                    field("name").eq("a"))).isEqualTo(1);
            assertThat(t.get(1L).orElseThrow()).containsEntry("total", 3L).containsEntry("peers", 2L);
        }

        @Test
        void updateAndDeleteWithoutMatchThrowRecordNotFound() {
            assertThatThrownBy(() -> t.update(row("x", 1), field("n").gt(100)))
                    .isInstanceOf(RecordNotFoundException.class).hasMessageContaining("'t'");
            assertThatThrownBy(() -> t.update(r -> r.with("x", 1), field("n").gt(100)))
                    .isInstanceOf(RecordNotFoundException.class);
            assertThatThrownBy(() -> t.delete(field("n").gt(100)))
                    .isInstanceOf(RecordNotFoundException.class);
            assertThatThrownBy(() -> t.query().where(field("n").gt(100)).update(row("x", 1)))
                    .isInstanceOf(RecordNotFoundException.class);
            assertThatThrownBy(() -> t.query().where(field("n").gt(100)).delete())
                    .isInstanceOf(RecordNotFoundException.class);
            Table empty = db.createTable("empty");
            assertThatThrownBy(() -> empty.update(row("x", 1))).isInstanceOf(RecordNotFoundException.class)
                    .hasMessageContaining("empty");
            assertThat(t.count()).isEqualTo(3);
        }

        @Test
        void deleteAndDeleteAll() {
            assertThat(t.delete(field("name").eq("b"))).isEqualTo(1);
            assertThat(ids(t.all())).containsExactly(1L, 3L);
            assertThat(t.deleteAll()).isEqualTo(2);
            assertThat(t.count()).isZero();
            assertThat(t.deleteAll()).isZero();
            assertThat(db.createTable("fresh").deleteAll()).isZero();
            // the counter is not reset by deletes
            assertThat(t.insert(row("name", "d"))).isEqualTo(4L);
        }

        @Test
        void changingThePrimaryKeyThroughUpdateIsRejected() {
            assertThatThrownBy(() -> t.update(row("id", 99L), field("id").eq(1L)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("id");
            assertThatThrownBy(() -> t.update(r -> r.with("id", 99L), field("id").eq(1L)))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> t.update(r -> r.without("id"), field("id").eq(1L)))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> t.update(row("id", 99L)))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(ids(t.all())).containsExactly(1L, 2L, 3L);
            assertThat(t.get(99L)).isEmpty();
            // setting the same key is not a change
            assertThat(t.update(row("id", 1L, "n", 5), field("id").eq(1L))).isEqualTo(1);
            assertThat(t.get(1L).orElseThrow().get("n")).isEqualTo(5L);
        }

        @Test
        void unsupportedValueTypeIsRejectedNamingFieldAndType() {
            assertThatThrownBy(() -> t.insert(row("when", new java.util.Date())))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("when")
                    .hasMessageContaining("Date");
            assertThatThrownBy(() -> t.update(row("obj", new Object()), all()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("obj");
            assertThat(t.count()).isEqualTo(3);
            assertThat(t.all()).allSatisfy(r -> assertThat(r).doesNotContainKey("obj"));
        }

        @Test
        void recordsAreImmutableAndCannotCorruptTheTable() {
            byte[] bytes = {1, 2, 3};
            List<Object> list = new ArrayList<>(List.of(1, 2));
            Map<String, Object> nested = new HashMap<>(Map.of("k", "v"));
            Map<String, Object> input = row("name", "z", "data", bytes, "list", list, "nested", nested);
            Object key = t.insert(input);
            // changing the inputs afterwards changes nothing
            bytes[0] = 9;
            list.add(3);
            nested.put("k2", "v2");
            input.put("name", "changed");
            Record r = t.get(key).orElseThrow();
            assertThat(r.get("name")).isEqualTo("z");
            assertThat(r.getBytes("data")).containsExactly(1, 2, 3);
            assertThat(r.getList("list")).containsExactly(1L, 2L);
            assertThat(r.getRecord("nested")).containsOnlyKeys("k");

            assertThatThrownBy(() -> r.put("name", "x")).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> r.remove("name")).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(r::clear).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> r.putAll(Map.of("a", 1))).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> r.entrySet().iterator().next().setValue("x"))
                    .isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> r.keySet().remove("name")).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> r.getList("list").add(5L)).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> r.getRecord("nested").put("x", 1))
                    .isInstanceOf(UnsupportedOperationException.class);
            r.getBytes("data")[0] = 7;
            ((byte[]) r.get("data"))[1] = 7;
            for (Map.Entry<String, Object> e : r.entrySet()) {
                if (e.getValue() instanceof byte[] b) {
                    b[2] = 7;
                }
            }
            List<Record> all = t.all();
            assertThatThrownBy(() -> all.add(Record.empty())).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> all.remove(0)).isInstanceOf(UnsupportedOperationException.class);
            List<Record> selected = t.select(all());
            assertThatThrownBy(() -> selected.clear()).isInstanceOf(UnsupportedOperationException.class);

            Record again = t.get(key).orElseThrow();
            assertThat(again.getBytes("data")).containsExactly(1, 2, 3);
            assertThat(t.count()).isEqualTo(4);
            assertThat(t.select(field("data").eq(new byte[] {1, 2, 3}))).hasSize(1);
        }

        @Test
        void canonicalValueTypesAreStored() {
            Instant now = Instant.parse("2024-01-02T03:04:05.123456789Z");
            UUID uuid = UUID.randomUUID();
            Object k = t.insert(row("i", 1, "s", (short) 2, "f", 1.5f, "bi", java.math.BigInteger.TEN,
                    "c", 'x', "when", now, "day", LocalDate.of(2024, 2, 29), "u", uuid, "nil", null));
            Record r = t.get(k).orElseThrow();
            assertThat(r.get("i")).isEqualTo(1L);
            assertThat(r.get("s")).isEqualTo(2L);
            assertThat(r.get("f")).isEqualTo(1.5);
            assertThat(r.get("bi")).isEqualTo(BigDecimal.TEN);
            assertThat(r.get("c")).isEqualTo("x");
            assertThat(r.getInstant("when")).isEqualTo(now);
            assertThat(r.getDate("day")).isEqualTo(LocalDate.of(2024, 2, 29));
            assertThat(r.getUuid("u")).isEqualTo(uuid);
            assertThat(r).containsKey("nil");
            assertThat(r.get("nil")).isNull();
        }

        @Test
        void columnsWithoutSchemaInFirstSeenOrder() {
            Table c = db.createTable("cols");
            c.insert(row("b", 1, "a", 2));
            c.insert(row("c", 3, "b", 4));
            assertThat(c.columns()).containsExactly("b", "a", "id", "c");
            assertThat(c.schemaFields()).isEmpty();
        }
    }

    // ------------------------------------------------------------------ queries

    @Nested
    class Queries {
        Table users;

        @BeforeEach
        void fill() {
            users = db.createTable("users");
            users.insert(row("name", "Alice", "age", 30, "dept", "IT"));            // 1
            users.insert(row("name", "Bob", "age", 25, "dept", "HR"));              // 2
            users.insert(row("name", "Carol", "age", 35, "dept", "IT"));            // 3
            users.insert(row("name", "Dan", "dept", "Ops"));                        // 4: no age
            users.insert(row("name", "Eve", "age", 30, "dept", "HR"));              // 5
            users.insert(row("name", "Finn", "age", null, "dept", "IT"));           // 6: null age
            users.insert(row("name", "Gus", "age", 25, "dept", "IT"));              // 7
        }

        @Test
        void columnsListAndAliasMap() {
            List<Record> rows = users.query().where(field("dept").eq("HR")).columns("name", "age").toList();
            assertThat(rows).containsExactly(Record.of("name", "Bob", "age", 25L), Record.of("name", "Eve", "age", 30L));
            assertThat(rows.get(0).fields()).containsExactly("name", "age");

            Map<String, String> alias = new LinkedHashMap<>();
            alias.put("who", "name");
            alias.put("department", "dept");
            List<Record> aliased = users.query().where(field("id").eq(1L)).columns(alias).toList();
            assertThat(aliased).containsExactly(Record.of("who", "Alice", "department", "IT"));
            assertThat(aliased.get(0).fields()).containsExactly("who", "department");
        }

        @Test
        void orderByMultipleFieldsWithDescending() {
            List<Record> rows = users.query().where(field("age").isNotNull()).orderBy("dept", "-age", "name")
                    .toList();
            assertThat(rows).extracting(r -> r.get("name"))
                    .containsExactly("Eve", "Bob", "Carol", "Alice", "Gus");
            List<Record> viaOrder = users.query().where(field("age").isNotNull())
                    .orderBy(Order.asc("dept"), Order.desc("age"), Order.asc("name")).toList();
            assertThat(viaOrder).isEqualTo(rows);
            assertThat(users.query().where(field("age").isNotNull()).orderBy("+dept", "-age", "+name").toList())
                    .isEqualTo(rows);
        }

        @Test
        void nullsAndMissingSortLastInBothDirections() {
            List<Object> asc = users.query().orderBy("age", "name").toList().stream().map(r -> r.get("name"))
                    .collect(Collectors.toList());
            assertThat(asc).containsExactly("Bob", "Gus", "Alice", "Eve", "Carol", "Dan", "Finn");
            List<Object> desc = users.query().orderBy("-age", "name").toList().stream().map(r -> r.get("name"))
                    .collect(Collectors.toList());
            assertThat(desc).containsExactly("Carol", "Alice", "Eve", "Bob", "Gus", "Dan", "Finn");
        }

        @Test
        void nullsLastAlsoWhenOrderedThroughASortedIndex() {
            users.createIndex("age", IndexType.SORTED);
            List<Object> asc = users.query().orderBy("age", "name").limit(7).toList().stream()
                    .map(r -> r.get("name")).collect(Collectors.toList());
            assertThat(asc).containsExactly("Bob", "Gus", "Alice", "Eve", "Carol", "Dan", "Finn");
            List<Object> desc = users.query().orderBy("-age", "name").limit(6).toList().stream()
                    .map(r -> r.get("name")).collect(Collectors.toList());
            assertThat(desc).containsExactly("Carol", "Alice", "Eve", "Bob", "Gus", "Dan");
            assertThat(users.query().orderBy("-age").limit(2).toList()).extracting(r -> r.get("name"))
                    .containsExactly("Carol", "Alice");
        }

        @Test
        void keysetPagesConcatenateToTheFullOrderWithAndWithoutIndex() {
            for (int i = 0; i < 40; i++) {
                users.insert(row("name", "x" + (i % 7), "age", i % 3 == 0 ? null : 20 + i % 5, "dept", "D" + i % 4));
            }
            List<String[]> orders = List.of(new String[] {"age"}, new String[] {"-age"},
                    new String[] {"-age", "name"}, new String[] {"dept", "-age"});
            for (boolean indexed : new boolean[] {false, true}) {
                if (indexed) {
                    users.createIndex("age", IndexType.SORTED);
                    users.createIndex("dept", IndexType.SORTED);
                }
                for (String[] order : orders) {
                    List<Record> full = users.query().orderBy(order).toList();
                    for (int size : new int[] {1, 3, 10}) {
                        List<Record> pages = new ArrayList<>();
                        Record last = null;
                        for (int guard = 0; guard < 100; guard++) {
                            io.dictdb.query.Query q = users.query().orderBy(order).limit(size);
                            List<Record> page = (last == null ? q : q.after(last)).toList();
                            if (page.isEmpty()) {
                                break;
                            }
                            pages.addAll(page);
                            last = page.get(page.size() - 1);
                        }
                        assertThat(pages).as("pages of %d by %s, indexed=%s", size, List.of(order), indexed)
                                .isEqualTo(full);
                    }
                }
            }
        }

        @Test
        void keysetWithoutOrderIsRefusedAndWithThePrimaryKeyOrderNeverRepeats() {
            // primary keys inserted out of their order: insertion order and key order differ
            Table codes = db.createTable("codes", "code");
            for (String c : new String[] {"m", "c", "x", "a", "q", "e", "z", "b", "k"}) {
                codes.insert(row("code", c, "n", c.charAt(0) - 'a'));
            }
            codes.createIndex("n", IndexType.SORTED);
            Record m = codes.get("m").orElseThrow();
            io.dictdb.query.Query unordered = codes.query().limit(2).after(m);
            for (Runnable terminal : List.<Runnable>of(unordered::toList, unordered::count, unordered::first,
                    unordered::stream, unordered::explain, unordered::delete, () -> unordered.update(Map.of("n", 0)),
                    () -> unordered.aggregate(count()))) {
                assertThatThrownBy(terminal::run).isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("orderBy").hasMessageContaining("codes").hasMessageContaining("code=m");
            }
            assertThat(codes.count()).isEqualTo(9);
            // an orderBy given after after() is the query's order
            assertThat(codes.query().after(m).orderBy("code").limit(2).toList()).extracting(r -> r.get("code"))
                    .containsExactly("q", "x");
            for (Condition where : new Condition[] {all(), field("n").gt(1)}) {
                List<Record> pages = new ArrayList<>();
                Record last = null;
                for (int guard = 0; guard < 20; guard++) {
                    io.dictdb.query.Query q = codes.query().where(where).orderBy("code").limit(2);
                    List<Record> page = (last == null ? q : q.after(last)).toList();
                    if (page.isEmpty()) {
                        break;
                    }
                    pages.addAll(page);
                    last = page.get(page.size() - 1);
                }
                assertThat(pages).extracting(r -> r.get("code")).as("pages where %s", where)
                        .containsExactlyElementsOf(codes.query().where(where).orderBy("code").toList().stream()
                                .map(r -> r.get("code")).collect(Collectors.toList()));
            }
        }

        @Test
        void limitOffsetFirstCount() {
            Supplier<io.dictdb.query.Query> q = () -> users.query().orderBy("name");
            assertThat(q.get().limit(2).toList()).extracting(r -> r.get("name")).containsExactly("Alice", "Bob");
            assertThat(q.get().offset(2).limit(2).toList()).extracting(r -> r.get("name"))
                    .containsExactly("Carol", "Dan");
            assertThat(q.get().offset(6).limit(5).toList()).extracting(r -> r.get("name")).containsExactly("Gus");
            assertThat(q.get().offset(10).toList()).isEmpty();
            assertThat(q.get().limit(0).toList()).isEmpty();
            assertThat(q.get().first()).get().extracting(r -> r.get("name")).isEqualTo("Alice");
            assertThat(users.query().where(field("dept").eq("none")).first()).isEmpty();
            assertThat(users.query().count()).isEqualTo(7);
            assertThat(users.query().where(field("dept").eq("IT")).count()).isEqualTo(4);
            assertThat(users.count(field("dept").eq("IT"))).isEqualTo(4);
            assertThat(users.query().where(field("dept").eq("IT")).limit(3).count()).isEqualTo(3);
            assertThat(users.query().where(field("dept").eq("IT")).offset(3).count()).isEqualTo(1);
            assertThatThrownBy(() -> users.query().limit(-1)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> users.query().offset(-1)).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void distinct() {
            assertThat(users.query().columns("dept").distinct().toList())
                    .containsExactly(Record.of("dept", "IT"), Record.of("dept", "HR"), Record.of("dept", "Ops"));
            assertThat(users.query().columns("dept").distinct().count()).isEqualTo(3);
            assertThat(users.query().columns("dept", "age").where(field("age").isNotNull()).distinct()
                    .orderBy("dept", "age").toList())
                    .containsExactly(Record.of("dept", "HR", "age", 25L), Record.of("dept", "HR", "age", 30L),
                            Record.of("dept", "IT", "age", 25L), Record.of("dept", "IT", "age", 30L),
                            Record.of("dept", "IT", "age", 35L));
        }

        @Test
        void queryIsAnImmutableBuilder() {
            io.dictdb.query.Query base = users.query();
            io.dictdb.query.Query filtered = base.where(field("dept").eq("IT"));
            base.limit(1);
            assertThat(base.count()).isEqualTo(7);
            assertThat(filtered.count()).isEqualTo(4);
            assertThat(filtered.where(field("age").gt(26)).count()).isEqualTo(2);
        }

        @Test
        void queryUpdateAndDelete() {
            assertThat(users.query().where(field("dept").eq("HR")).update(row("dept", "People"))).isEqualTo(2);
            assertThat(users.count(field("dept").eq("People"))).isEqualTo(2);
            assertThat(users.count(field("dept").eq("HR"))).isZero();
            assertThat(users.query().where(field("dept").eq("People")).delete()).isEqualTo(2);
            assertThat(users.count()).isEqualTo(5);
            assertThat(users.query().where(and(field("dept").eq("IT"), field("age").lt(30))).delete()).isEqualTo(1);
            assertThat(users.all()).extracting(r -> r.get("name")).containsExactly("Alice", "Carol", "Dan", "Finn");
        }

        @Test
        void selectWithNestedConditions() {
            Condition c = or(and(field("dept").eq("IT"), not(field("age").eq(30))), field("name").startsWith("E"));
            assertThat(users.select(c)).extracting(r -> r.get("name"))
                    .containsExactlyInAnyOrder("Carol", "Finn", "Gus", "Eve");
            assertThat(users.select(matching(r -> r.getString("name").length() == 3)))
                    .extracting(r -> r.get("name")).containsExactlyInAnyOrder("Bob", "Dan", "Eve", "Gus");
        }

        @Test
        void aggregates() {
            Record stats = users.query().aggregate(count(), count("age"), sum("age"), avg("age"), min("age"),
                    max("age"), min("name"), max("name"));
            assertThat(stats.fields()).containsExactly("count", "count_age", "sum_age", "avg_age", "min_age",
                    "max_age", "min_name", "max_name");
            assertThat(stats.get("count")).isEqualTo(7L);
            assertThat(stats.get("count_age")).isEqualTo(5L);
            assertThat(stats.get("sum_age")).isEqualTo(145L);
            assertThat(stats.get("avg_age")).isInstanceOf(Double.class).isEqualTo(29.0);
            assertThat(stats.get("min_age")).isEqualTo(25L);
            assertThat(stats.get("max_age")).isEqualTo(35L);
            assertThat(stats.get("min_name")).isEqualTo("Alice");
            assertThat(stats.get("max_name")).isEqualTo("Gus");

            Record aliased = users.query().where(field("dept").eq("IT"))
                    .aggregate(count().as("n"), avg("age").as("mean"));
            assertThat(aliased).isEqualTo(Record.of("n", 4L, "mean", 30.0));

            Record none = users.query().where(field("dept").eq("nobody"))
                    .aggregate(count(), count("age"), sum("age"), avg("age"), min("age"), max("age"));
            assertThat(none.get("count")).isEqualTo(0L);
            assertThat(none.get("count_age")).isEqualTo(0L);
            assertThat(none.get("sum_age")).isNull();
            assertThat(none.get("avg_age")).isNull();
            assertThat(none.get("min_age")).isNull();
            assertThat(none.get("max_age")).isNull();
        }

        private Table numbers() {
            Table n = db.createTable("nums");
            n.insert(row("g", "long", "v", 1));
            n.insert(row("g", "long", "v", 2));
            n.insert(row("g", "mixed", "v", 1));
            n.insert(row("g", "mixed", "v", 2.5));
            n.insert(row("g", "dec", "v", new BigDecimal("1.25")));
            n.insert(row("g", "dec", "v", 2));
            n.insert(row("g", "big", "v", Long.MAX_VALUE));
            n.insert(row("g", "big", "v", 1));
            n.insert(row("g", "big", "v", 1));
            n.insert(row("g", "neg", "v", Long.MIN_VALUE));
            n.insert(row("g", "neg", "v", -1));
            n.insert(row("g", "back", "v", Long.MAX_VALUE));
            n.insert(row("g", "back", "v", 1));
            n.insert(row("g", "back", "v", -2));
            return n;
        }

        @Test
        void sumOfLongsIsALong() {
            assertThat(sumOf(numbers(), "long")).isInstanceOf(Long.class).isEqualTo(3L);
        }

        @Test
        void sumWithADoubleIsADouble() {
            Table n = numbers();
            assertThat(sumOf(n, "mixed")).isInstanceOf(Double.class).isEqualTo(3.5);
            assertThat(n.query().where(field("g").eq("mixed")).aggregate(avg("v")).get("avg_v")).isEqualTo(1.75);
            assertThat(n.query().where(field("g").eq("mixed")).aggregate(min("v"), max("v")))
                    .isEqualTo(Record.of("min_v", 1L, "max_v", 2.5));
        }

        @Test
        void sumAndAvgWithBigDecimalsAreBigDecimals() {
            Table n = numbers();
            assertThat(sumOf(n, "dec")).isInstanceOf(BigDecimal.class);
            assertThat((BigDecimal) sumOf(n, "dec")).isEqualByComparingTo("3.25");
            Object avg = n.query().where(field("g").eq("dec")).aggregate(avg("v")).get("avg_v");
            assertThat(avg).isInstanceOf(BigDecimal.class);
            assertThat((BigDecimal) avg).isEqualByComparingTo("1.625");
        }

        @Test
        void sumOfLongsThatOverflowsIsAnExactBigDecimal() {
            Table n = numbers();
            assertThat(sumOf(n, "big")).isInstanceOf(BigDecimal.class);
            assertThat((BigDecimal) sumOf(n, "big"))
                    .isEqualByComparingTo(BigDecimal.valueOf(Long.MAX_VALUE).add(BigDecimal.valueOf(2)));
            assertThat(sumOf(n, "neg")).isInstanceOf(BigDecimal.class);
            assertThat((BigDecimal) sumOf(n, "neg"))
                    .isEqualByComparingTo(BigDecimal.valueOf(Long.MIN_VALUE).subtract(BigDecimal.ONE));
        }

        @Test
        void sumWithAnIntermediateOverflowIsStillExact() {
            Object back = sumOf(numbers(), "back");
            assertThat(back).isInstanceOfAny(Long.class, BigDecimal.class);
            assertThat(new BigDecimal(back.toString()))
                    .isEqualByComparingTo(BigDecimal.valueOf(Long.MAX_VALUE).subtract(BigDecimal.ONE));
        }

        private Object sumOf(Table n, String group) {
            return n.query().where(field("g").eq(group)).aggregate(sum("v")).get("sum_v");
        }

        @Test
        void aggregateGroupsInFirstSeenOrder() {
            List<Record> groups = users.query().groupBy("dept").aggregateGroups(count(), sum("age"), max("age"));
            assertThat(groups).containsExactly(
                    Record.of("dept", "IT", "count", 4L, "sum_age", 90L, "max_age", 35L),
                    Record.of("dept", "HR", "count", 2L, "sum_age", 55L, "max_age", 30L),
                    Record.of("dept", "Ops", "count", 1L, "sum_age", null, "max_age", null));
            assertThat(groups.get(0).fields()).containsExactly("dept", "count", "sum_age", "max_age");

            List<Record> two = users.query().where(field("age").isNotNull()).groupBy("dept", "age")
                    .aggregateGroups(count().as("n"));
            assertThat(two).containsExactly(
                    Record.of("dept", "IT", "age", 30L, "n", 1L),
                    Record.of("dept", "HR", "age", 25L, "n", 1L),
                    Record.of("dept", "IT", "age", 35L, "n", 1L),
                    Record.of("dept", "HR", "age", 30L, "n", 1L),
                    Record.of("dept", "IT", "age", 25L, "n", 1L));
        }
    }

    // ------------------------------------------------------------------ plans and indexes

    @Nested
    class Indexes {
        Table items;

        @BeforeEach
        void fill() {
            items = db.createTable("items");
            Random rnd = new Random(42);
            List<Map<String, Object>> batch = new ArrayList<>();
            String[] colors = {"red", "green", "blue", "black", "white"};
            for (int i = 0; i < 2000; i++) {
                Map<String, Object> m = row("color", colors[rnd.nextInt(colors.length)], "size", rnd.nextInt(100),
                        "weight", rnd.nextInt(10) == 0 ? null : rnd.nextDouble() * 50, "name", "item-" + i);
                if (rnd.nextInt(15) == 0) {
                    m.remove("size");
                }
                if (rnd.nextInt(20) == 0) {
                    m.put("size", rnd.nextBoolean() ? "big" : 12.0);
                }
                batch.add(m);
            }
            items.insertAll(batch);
        }

        @Test
        void queriesAreTheSameWithAndWithoutIndexes() {
            List<Condition> conditions = List.of(
                    field("color").eq("red"),
                    field("color").ne("red"),
                    field("color").in("red", "blue", "purple"),
                    field("color").notIn("red", "blue"),
                    field("size").eq(12),
                    field("size").eq(12.0),
                    field("size").eq("big"),
                    field("size").lt(10),
                    field("size").lte(10),
                    field("size").gt(90),
                    field("size").gte(90.5),
                    field("size").between(40, 45),
                    field("size").isNull(),
                    field("size").isNotNull(),
                    field("weight").isNull(),
                    field("weight").gt(25),
                    field("name").startsWith("item-19"),
                    field("name").like("item-1_5"),
                    field("name").lt("item-5"),
                    field("size").lt("zzz"),
                    field("size").gte("big"),
                    field("size").gt("a"),
                    field("weight").lt(25L),
                    field("weight").gte(new BigDecimal("10.5")),
                    field("size").in(12, "big", 12.0, null),
                    field("size").between(10.5, 20L),
                    field("size").between("a", "z"),
                    and(field("color").eq("green"), field("size").lt(50)),
                    and(field("color").eq("green"), field("size").lt(50), field("weight").gt(10)),
                    or(field("color").eq("black"), field("size").gte(95)),
                    or(field("color").eq("black"), field("name").endsWith("7")),
                    not(field("color").eq("white")),
                    not(and(field("size").lt(50), field("color").in("red", "green"))),
                    all());
            List<String[]> orders = List.of(new String[] {"size", "name"}, new String[] {"-size", "-weight"},
                    new String[] {"weight"}, new String[] {"-color", "size"});

            Map<Integer, List<Record>> unordered = new HashMap<>();
            Map<String, List<Record>> ordered = new HashMap<>();
            Map<String, List<Record>> limited = new HashMap<>();
            Map<Integer, Long> counts = new HashMap<>();
            for (int i = 0; i < conditions.size(); i++) {
                Condition c = conditions.get(i);
                unordered.put(i, items.select(c));
                counts.put(i, items.count(c));
                for (int j = 0; j < orders.size(); j++) {
                    ordered.put(i + "/" + j, items.query().where(c).orderBy(orders.get(j)).toList());
                    limited.put(i + "/" + j, items.query().where(c).orderBy(orders.get(j)).offset(3).limit(17)
                            .toList());
                }
            }

            items.createIndex("color", IndexType.HASH);
            items.createIndex("size", IndexType.SORTED);
            items.createIndex("weight", IndexType.SORTED);
            items.createIndex("name", IndexType.SORTED);
            assertThat(items.indexedFields()).containsExactly("color", "size", "weight", "name");
            assertThat(items.index("color").orElseThrow().distinctKeys()).isEqualTo(5);

            for (int i = 0; i < conditions.size(); i++) {
                Condition c = conditions.get(i);
                assertThat(items.select(c)).as("select %s", c).containsExactlyInAnyOrderElementsOf(unordered.get(i));
                assertThat(items.count(c)).as("count %s", c).isEqualTo(counts.get(i));
                for (int j = 0; j < orders.size(); j++) {
                    String key = i + "/" + j;
                    assertThat(items.query().where(c).orderBy(orders.get(j)).toList())
                            .as("%s ordered by %s", c, List.of(orders.get(j))).isEqualTo(ordered.get(key));
                    assertThat(items.query().where(c).orderBy(orders.get(j)).offset(3).limit(17).toList())
                            .as("%s ordered by %s, page", c, List.of(orders.get(j))).isEqualTo(limited.get(key));
                }
            }

            // indexes follow writes
            items.update(row("color", "red"), field("color").eq("blue"));
            items.delete(field("size").lt(5));
            items.insert(row("color", "blue", "size", 3, "name", "late"));
            items.upsert(row("id", 10L, "color", "blue"));
            List<Record> expected = items.select(matching(r -> "blue".equals(r.get("color"))));
            assertThat(items.select(field("color").eq("blue"))).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(items.select(field("size").lt(5))).extracting(r -> r.get("name")).containsExactly("late");

            items.dropIndex("color");
            assertThat(items.hasIndex("color")).isFalse();
            assertThat(items.indexedFields()).containsExactly("size", "weight", "name");
            assertThat(items.select(field("color").eq("blue"))).containsExactlyInAnyOrderElementsOf(expected);
        }

        @Test
        void indexCreateAndDropErrors() {
            items.createIndex("color");
            assertThat(items.index("color").orElseThrow().type()).isEqualTo(IndexType.HASH);
            assertThatThrownBy(() -> items.createIndex("color", IndexType.SORTED))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("color");
            assertThatThrownBy(() -> items.dropIndex("size")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("size");
            items.dropIndex("color");
            items.createIndex("color", IndexType.SORTED);
            assertThat(items.index("color").orElseThrow().type()).isEqualTo(IndexType.SORTED);
        }
    }
}
