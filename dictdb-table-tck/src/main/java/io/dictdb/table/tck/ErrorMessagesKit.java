package io.dictdb.table.tck;

import io.dictdb.DictDbException;
import io.dictdb.DuplicateKeyException;
import io.dictdb.DuplicateTableException;
import io.dictdb.FieldType;
import io.dictdb.InsertOptions;
import io.dictdb.OnConflict;
import io.dictdb.Record;
import io.dictdb.RecordNotFoundException;
import io.dictdb.Schema;
import io.dictdb.SchemaValidationException;
import io.dictdb.Table;
import io.dictdb.TableNotFoundException;
import io.dictdb.TableSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.dictdb.query.Aggregates.count;
import static io.dictdb.query.Aggregates.sum;
import static io.dictdb.query.Conditions.field;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Every error a user can meet names what is involved: the table, the field, the key, the expected and actual type. */
public abstract class ErrorMessagesKit extends KitBase {

    private static Map<String, Object> row(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static <T extends Throwable> T thrown(Class<T> type, Executable op) {
        return assertThrows(type, op);
    }

    // ------------------------------------------------------------------ keys

    @Test
    void duplicateKeyNamesTableAndLongKey() {
        Table t = db.createTable("invoices");
        t.insert(row("id", 1234L, "total", 5));
        DuplicateKeyException e = thrown(DuplicateKeyException.class, () -> t.insert(row("id", 1234L)));
        assertThat(e).isInstanceOf(DictDbException.class).isInstanceOf(RuntimeException.class);
        assertThat(e.getMessage()).contains("invoices").contains("1234");
        assertThat(e.table()).isEqualTo("invoices");
        assertThat(e.key()).isEqualTo(1234L);
    }

    @Test
    void duplicateKeyNamesStringKeyInBatchAndUpsert() {
        Table t = db.createTable("skus", "sku");
        t.insert(row("sku", "AB-77"));
        DuplicateKeyException batch = thrown(DuplicateKeyException.class,
                () -> t.insertAll(List.of(row("sku", "CD-1"), row("sku", "AB-77"))));
        assertThat(batch.getMessage()).contains("skus").contains("AB-77");
        DuplicateKeyException inside = thrown(DuplicateKeyException.class,
                () -> t.insertAll(List.of(row("sku", "EF-2"), row("sku", "EF-2"))));
        assertThat(inside.getMessage()).contains("skus").contains("EF-2");
        DuplicateKeyException upsert = thrown(DuplicateKeyException.class,
                () -> t.upsert(row("sku", "AB-77"), OnConflict.ERROR));
        assertThat(upsert.getMessage()).contains("skus").contains("AB-77");
        DuplicateKeyException skipping = thrown(DuplicateKeyException.class,
                () -> t.insertAll(List.of(row("sku", "AB-77")), InsertOptions.defaults().skipValidation(true)));
        assertThat(skipping.getMessage()).contains("skus").contains("AB-77");
    }

    @Test
    void duplicateKeyWithAnEqualDoubleNamesTheKey() {
        Table t = db.createTable("points");
        t.insert(row("id", 5L));
        DuplicateKeyException e = thrown(DuplicateKeyException.class, () -> t.insert(row("id", 5.0)));
        assertThat(e.getMessage()).contains("points").contains("5");
    }

    // ------------------------------------------------------------------ tables

    @Test
    void tableNotFoundNamesTheTable() {
        TableNotFoundException lookup = thrown(TableNotFoundException.class, () -> db.table("customers"));
        assertThat(lookup.getMessage()).contains("customers");
        assertThat(lookup.table()).isEqualTo("customers");
        TableNotFoundException drop = thrown(TableNotFoundException.class, () -> db.dropTable("orders"));
        assertThat(drop.getMessage()).contains("orders");
    }

    @Test
    void tableNotFoundWhenUsingADroppedTableNamesIt() {
        Table t = db.createTable("sessions");
        db.dropTable("sessions");
        TableNotFoundException e = thrown(TableNotFoundException.class, () -> t.insert(row("a", 1)));
        assertThat(e.getMessage()).contains("sessions");
        TableNotFoundException read = thrown(TableNotFoundException.class, t::all);
        assertThat(read.getMessage()).contains("sessions");
    }

    @Test
    void duplicateTableNamesTheTable() {
        db.createTable("users");
        DuplicateTableException e = thrown(DuplicateTableException.class, () -> db.createTable("users"));
        assertThat(e.getMessage()).contains("users");
        assertThat(e.table()).isEqualTo("users");
    }

    // ------------------------------------------------------------------ schema

    private Table people() {
        Schema schema = Schema.builder()
                .field("name", FieldType.STRING)
                .field("age", FieldType.LONG)
                .optional("born", FieldType.DATE)
                .optional("uid", FieldType.UUID)
                .build();
        return db.createTable(TableSpec.named("people").schema(schema));
    }

    @Test
    void schemaWrongTypeNamesTableFieldExpectedAndActual() {
        Table t = people();
        SchemaValidationException e = thrown(SchemaValidationException.class,
                () -> t.insert(row("name", "Ada", "age", "thirty")));
        assertThat(e.getMessage()).contains("people").contains("age").contains("LONG").contains("STRING");
        assertThat(e.table()).isEqualTo("people");
        assertThat(e.field()).isEqualTo("age");

        SchemaValidationException e2 = thrown(SchemaValidationException.class,
                () -> t.insert(row("name", 42, "age", 1)));
        assertThat(e2.getMessage()).contains("people").contains("name").contains("STRING").contains("LONG");
        assertThat(e2.field()).isEqualTo("name");

        SchemaValidationException e3 = thrown(SchemaValidationException.class,
                () -> t.insert(row("name", "Ada", "age", 1, "uid", "not-a-uuid")));
        assertThat(e3.getMessage()).contains("uid").contains("UUID").contains("STRING");

        SchemaValidationException e4 = thrown(SchemaValidationException.class,
                () -> t.insert(row("name", "Ada", "age", new BigDecimal("1.5"))));
        assertThat(e4.getMessage()).contains("age").contains("LONG").contains("DECIMAL");
    }

    @Test
    void schemaMissingNullAndExtraFieldsAreNamed() {
        Table t = people();
        SchemaValidationException missing = thrown(SchemaValidationException.class,
                () -> t.insert(row("name", "Ada")));
        assertThat(missing.getMessage()).contains("people").contains("age");
        assertThat(missing.field()).isEqualTo("age");

        SchemaValidationException nul = thrown(SchemaValidationException.class,
                () -> t.insert(row("name", null, "age", 3)));
        assertThat(nul.getMessage()).contains("people").contains("name");
        assertThat(nul.field()).isEqualTo("name");

        SchemaValidationException extra = thrown(SchemaValidationException.class,
                () -> t.insert(row("name", "Ada", "age", 3, "nickname", "A")));
        assertThat(extra.getMessage()).contains("people").contains("nickname");
        assertThat(extra.field()).isEqualTo("nickname");
    }

    @Test
    void schemaErrorsOnUpdatesAndBatchesAreNamedToo() {
        Table t = people();
        Object k = t.insert(row("name", "Ada", "age", 3));
        SchemaValidationException upd = thrown(SchemaValidationException.class,
                () -> t.update(row("age", "old"), field("id").eq(k)));
        assertThat(upd.getMessage()).contains("people").contains("age").contains("LONG").contains("STRING");
        SchemaValidationException fn = thrown(SchemaValidationException.class,
                () -> t.update(r -> r.with("age", true), field("id").eq(k)));
        assertThat(fn.getMessage()).contains("age").contains("LONG").contains("BOOLEAN");

        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            batch.add(row("name", "n" + i, "age", i == 7 ? "seven" : i));
        }
        SchemaValidationException b = thrown(SchemaValidationException.class, () -> t.insertAll(batch));
        assertThat(b.getMessage()).contains("people").contains("age").contains("LONG").contains("STRING");
        assertThat(b.field()).isEqualTo("age");
    }

    // ------------------------------------------------------------------ records not found

    @Test
    void recordNotFoundNamesTheTable() {
        Table t = db.createTable("tickets");
        t.insert(row("status", "open"));
        RecordNotFoundException upd = thrown(RecordNotFoundException.class,
                () -> t.update(row("status", "closed"), field("status").eq("pending")));
        assertThat(upd.getMessage()).contains("tickets");
        assertThat(upd.table()).isEqualTo("tickets");
        RecordNotFoundException fn = thrown(RecordNotFoundException.class,
                () -> t.update(r -> r, field("status").eq("pending")));
        assertThat(fn.getMessage()).contains("tickets");
        RecordNotFoundException del = thrown(RecordNotFoundException.class,
                () -> t.delete(field("status").eq("pending")));
        assertThat(del.getMessage()).contains("tickets");
        assertThat(del.table()).isEqualTo("tickets");
        Table empty = db.createTable("empty_one");
        RecordNotFoundException all = thrown(RecordNotFoundException.class, () -> empty.update(row("x", 1)));
        assertThat(all.getMessage()).contains("empty_one");
    }

    // ------------------------------------------------------------------ values

    @Test
    void unsupportedValueTypeNamesFieldAndType() {
        Table t = db.createTable("events");
        IllegalArgumentException insert = thrown(IllegalArgumentException.class,
                () -> t.insert(row("when", new java.util.Date())));
        assertThat(insert.getMessage()).contains("when").contains("java.util.Date");

        IllegalArgumentException nested = thrown(IllegalArgumentException.class,
                () -> t.insert(row("payload", Map.of("inner", new StringBuilder("x")))));
        assertThat(nested.getMessage()).contains("inner").contains("StringBuilder");

        IllegalArgumentException batch = thrown(IllegalArgumentException.class,
                () -> t.insertAll(List.of(row("ok", 1), row("thread", Thread.currentThread()))));
        assertThat(batch.getMessage()).contains("thread").contains("Thread");

        IllegalArgumentException update = thrown(IllegalArgumentException.class,
                () -> t.update(row("atomic", new java.util.concurrent.atomic.AtomicLong()), field("id").eq(1)));
        assertThat(update.getMessage()).contains("atomic").contains("AtomicLong");

        IllegalArgumentException upsert = thrown(IllegalArgumentException.class,
                () -> t.upsert(row("opt", java.util.Optional.of(1))));
        assertThat(upsert.getMessage()).contains("opt").contains("Optional");
        assertThat(t.count()).isZero();
    }

    @Test
    void changingThePrimaryKeyNamesTableAndKey() {
        Table t = db.createTable("accounts");
        t.insert(row("owner", "a"));
        IllegalArgumentException e = thrown(IllegalArgumentException.class,
                () -> t.update(row("id", 77L), field("owner").eq("a")));
        assertThat(e.getMessage()).contains("accounts").contains("id");
        IllegalArgumentException fn = thrown(IllegalArgumentException.class,
                () -> t.update(r -> r.with("id", 78L), field("owner").eq("a")));
        assertThat(fn.getMessage()).contains("accounts").contains("id");
    }

    @Test
    void indexErrorsNameTableAndField() {
        Table t = db.createTable("catalog");
        t.createIndex("color");
        IllegalArgumentException twice = thrown(IllegalArgumentException.class, () -> t.createIndex("color"));
        assertThat(twice.getMessage()).contains("catalog").contains("color");
        IllegalArgumentException none = thrown(IllegalArgumentException.class, () -> t.dropIndex("weight"));
        assertThat(none.getMessage()).contains("catalog").contains("weight");
    }

    @Test
    void typedGetterWrongTypeIsADictDbExceptionNamingTheField() {
        Table t = db.createTable("things");
        Object k = t.insert(row("label", "hello", "count", 3, "ratio", 0.5, "flag", true, "id2", UUID.randomUUID()));
        Record r = t.get(k).orElseThrow();

        DictDbException s = thrown(DictDbException.class, () -> r.getLong("label"));
        assertThat(s).isNotInstanceOf(ClassCastException.class);
        assertThat(s.getMessage()).contains("label");
        assertThat(thrown(DictDbException.class, () -> r.getString("count")).getMessage()).contains("count");
        assertThat(thrown(DictDbException.class, () -> r.getBoolean("ratio")).getMessage()).contains("ratio");
        assertThat(thrown(DictDbException.class, () -> r.getInstant("flag")).getMessage()).contains("flag");
        assertThat(thrown(DictDbException.class, () -> r.getDate("label")).getMessage()).contains("label");
        assertThat(thrown(DictDbException.class, () -> r.getUuid("label")).getMessage()).contains("label");
        assertThat(thrown(DictDbException.class, () -> r.getBytes("label")).getMessage()).contains("label");
        assertThat(thrown(DictDbException.class, () -> r.getList("label")).getMessage()).contains("label");
        assertThat(thrown(DictDbException.class, () -> r.getRecord("label")).getMessage()).contains("label");
        assertThat(thrown(DictDbException.class, () -> r.getDouble("label")).getMessage()).contains("label");
        assertThat(thrown(DictDbException.class, () -> r.getDecimal("flag")).getMessage()).contains("flag");
        assertThat(thrown(DictDbException.class, () -> r.getInt("label")).getMessage()).contains("label");
        assertThat(thrown(DictDbException.class, () -> r.getLong("id2")).getMessage()).contains("id2");

        Record big = Record.of("huge", Long.MAX_VALUE);
        assertThat(thrown(DictDbException.class, () -> big.getInt("huge")).getMessage()).contains("huge");

        // right types and missing fields do not throw
        assertThat(r.getLong("count")).isEqualTo(3L);
        assertThat(r.getInt("count")).isEqualTo(3);
        assertThat(r.getDouble("count")).isEqualTo(3.0);
        assertThat(r.getString("missing")).isNull();
    }

    // ------------------------------------------------------------------ arguments and aggregates

    @Test
    void twoAggregatesWithOneNameNameTheAlias() {
        Table t = db.createTable("sales");
        t.insert(row("x", 2L, "g", "a"));
        IllegalArgumentException aliases = thrown(IllegalArgumentException.class,
                () -> t.query().aggregate(count().as("n"), sum("x").as("n")));
        assertThat(aliases.getMessage()).contains("'sales'").contains("'n'").contains("count() as n")
                .contains("sum(x) as n").contains("as(...)");
        IllegalArgumentException defaults = thrown(IllegalArgumentException.class,
                () -> t.query().aggregate(sum("x"), sum("x")));
        assertThat(defaults.getMessage()).contains("'sum_x'");
        IllegalArgumentException group = thrown(IllegalArgumentException.class,
                () -> t.query().groupBy("g").aggregateGroups(count().as("g")));
        assertThat(group.getMessage()).contains("'g'").contains("the group field 'g'");
        t.createIndex("g"); // counts per group are then read from the index: checked there too
        IllegalArgumentException indexed = thrown(IllegalArgumentException.class,
                () -> t.query().groupBy("g").aggregateGroups(count(), count()));
        assertThat(indexed.getMessage()).contains("'count'");
        // distinct names still work
        assertThat(t.query().aggregate(count().as("n"), sum("x").as("total")))
                .isEqualTo(Record.of("n", 1L, "total", 2L));
    }
}
