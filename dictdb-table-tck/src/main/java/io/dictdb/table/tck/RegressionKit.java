package io.dictdb.table.tck;

import io.dictdb.Database;
import io.dictdb.FieldType;
import io.dictdb.IndexType;
import io.dictdb.Record;
import io.dictdb.Schema;
import io.dictdb.Table;
import io.dictdb.TableNotFoundException;
import io.dictdb.TableSpec;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.dictdb.query.Aggregates.count;
import static io.dictdb.query.Conditions.field;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * One test per defect found in review, kept as regressions: each failed against the code it was written for, and
 * its comment names the contract that was broken and where.
 */
public abstract class RegressionKit extends KitBase {

    // ------------------------------------------------------------------ index vs scan

    private List<Record> rangeLimitOne(boolean indexed) {
        Table t = anotherDatabase().createTable("t");
        t.insert(Map.of("age", 30));
        t.insert(Map.of("age", 20));
        if (indexed) {
            t.createIndex("age", IndexType.SORTED);
        }
        return t.query().where(field("age").gt(10)).limit(1).toList();
    }

    /**
     * "Results are the same with or without indexes, always" (PRODUCT.md, issue 3). An unordered limited query
     * returns the first matches in candidate order (TableQuery.run: {@code filter(candidates(sel), ..., max, ...)}),
     * which is insertion order for a scan but index order for an index lookup, so limit/offset/first() pick
     * different records depending on whether an index exists.
     */
    @Test
    void unorderedLimitPicksTheSameRecordsWithASortedIndex() {
        assertThat(rangeLimitOne(true)).isEqualTo(rangeLimitOne(false));
    }

    private List<Record> hashLimitFive(boolean indexed) {
        Table t = anotherDatabase().createTable("t");
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

    /**
     * Same defect through a hash index: a bucket is a RowSet whose iteration order is identity-hash order
     * ("Iteration order is unspecified", RowSet), so limit(5) on an indexed equality returns 5 arbitrary records
     * where the scan returns the first 5 inserted.
     */
    @Test
    void unorderedLimitPicksTheSameRecordsWithAHashIndex() {
        assertThat(hashLimitFive(true)).isEqualTo(hashLimitFive(false));
    }

    // ------------------------------------------------------------------ distinct vs groupBy

    /**
     * DictDB equality says 1 == 1.0 and 0.0 == -0.0 (Values.equal, used by eq, in, hash indexes and groupBy), but
     * {@code distinct()} dedups with {@code new LinkedHashSet<>(out)} (TableQuery.run), i.e. Record.equals, which
     * compares values with Objects.equals: Long 1 != Double 1.0. So distinct and groupBy disagree on the same
     * column.
     */
    @Test
    void distinctFollowsValueEquality() {
        Table t = anotherDatabase().createTable("t");
        t.insert(Map.of("x", 1));
        t.insert(Map.of("x", 1.0));
        int groups = t.query().groupBy("x").aggregateGroups(count()).size();
        int distinct = t.query().columns("x").distinct().toList().size();
        assertThat(groups).isEqualTo(1);
        assertThat(distinct).isEqualTo(groups);
    }

    // ------------------------------------------------------------------ keyset + writes

    /**
     * {@code after(last)} restricts a query to the records after {@code last}; toList() honours it, but
     * Query.delete() calls {@code source.deleteWhere(where)} (TableQuery.delete), dropping the keyset (and
     * limit/offset/order) so it deletes records the same query does not return.
     */
    @Test
    void queryDeleteHonoursAfter() {
        Table t = anotherDatabase().createTable("t");
        for (int i = 1; i <= 3; i++) {
            t.insert(Map.of("n", i));
        }
        Record first = t.query().orderBy("n").first().orElseThrow();
        var q = t.query().orderBy("n").after(first);
        int shown = q.toList().size();
        int deleted = q.delete();
        assertThat(deleted).isEqualTo(shown);
    }

    // ------------------------------------------------------------------ key counter

    /**
     * With a DOUBLE (or DECIMAL) primary key the stored key is converted before the counter moves
     * (MemoryTable.Batch.prepare: {@code counter = advance(counter, key)} after {@code validated}, and advance only
     * moves for a Long), so the counter never moves: an explicit key 5 does not move it past 5, and every insert
     * without a key re-probes from 1 (quadratic inserts).
     */
    @Test
    void counterMovesWithADoublePrimaryKey() {
        Schema schema = Schema.builder().field("id", FieldType.DOUBLE).optional("v", FieldType.LONG).build();
        Database db = anotherDatabase();
        Table t = db.createTable(TableSpec.named("t").schema(schema));
        t.insert(Map.of("id", 5));
        Object next = t.insert(Map.of("v", 1));
        assertThat(next).isEqualTo(6.0);
    }

    // ------------------------------------------------------------------ dropped tables

    /**
     * MemoryTable.markDropped promises "every later operation throws TableNotFoundException", but columns() and
     * schemaFields() of a table with a schema answer from the schema without checkOpen() (MemoryTable.columns:
     * {@code if (schema != null) return List.copyOf(schema.fields().keySet());}).
     */
    @Test
    void columnsOfADroppedTableThrow() {
        Database db = anotherDatabase();
        Schema schema = Schema.builder().field("name", FieldType.STRING).build();
        Table t = db.createTable(TableSpec.named("t").schema(schema));
        db.dropTable("t");
        assertThatThrownBy(t::columns).isInstanceOf(TableNotFoundException.class);
    }

    // ------------------------------------------------------------------ locking

    @Test
    void writingATableFromItsOwnQueryPredicateIsRefusedInsteadOfDeadlocking() {
        io.dictdb.Table t = anotherDatabase().createTable("t");
        t.insert(java.util.Map.of("n", 1));
        assertThatThrownBy(() -> t.select(io.dictdb.query.Conditions.matching(r -> {
            t.insert(java.util.Map.of("n", 2));
            return true;
        }))).isInstanceOf(IllegalStateException.class).hasMessageContaining("'t'");
        assertThat(t.count()).isEqualTo(1);
    }

    @Test
    void writingATableFromItsOwnUpdateFunctionIsRefusedAndChangesNothing() {
        io.dictdb.Table t = anotherDatabase().createTable("t");
        t.insert(java.util.Map.of("n", 1));
        t.insert(java.util.Map.of("n", 2));
        assertThatThrownBy(() -> t.update(r -> {
            t.delete(io.dictdb.query.Conditions.field("n").eq(2));
            return r.with("n", 9);
        }, io.dictdb.query.Conditions.all())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("update function");
        assertThat(t.query().orderBy("n").toList()).extracting(r -> r.getLong("n")).containsExactly(1L, 2L);
    }

    @Test
    void handBuiltConditionsAreCanonicalSoIndexesAndScansAgree() {
        io.dictdb.Table t = anotherDatabase().createTable("t");
        t.insert(java.util.Map.of("n", 7));
        io.dictdb.query.Condition c = new io.dictdb.query.Condition.Compare("n", io.dictdb.query.Condition.Op.EQ, 7);
        assertThat(t.select(c)).hasSize(1);
        t.createIndex("n");
        assertThat(t.select(c)).hasSize(1);
        assertThat(t.select(new io.dictdb.query.Condition.In("n", java.util.List.of((short) 7), false))).hasSize(1);
    }

    @Test
    void aDoubleFieldRefusesALongItCannotHoldExactly() {
        io.dictdb.Table t = anotherDatabase().createTable(io.dictdb.TableSpec.named("t")
                .schema(io.dictdb.Schema.builder().field("x", io.dictdb.FieldType.DOUBLE).build()));
        t.insert(java.util.Map.of("x", 1L << 53));
        assertThatThrownBy(() -> t.insert(java.util.Map.of("x", (1L << 53) + 1)))
                .isInstanceOf(io.dictdb.SchemaValidationException.class).hasMessageContaining("'x'");
    }

    @Test
    void queryUpdateHonoursLimitAndOrder() {
        io.dictdb.Table t = anotherDatabase().createTable("t");
        for (int i = 1; i <= 5; i++) {
            t.insert(java.util.Map.of("n", i));
        }
        assertThat(t.query().orderBy("-n").limit(2).update(java.util.Map.of("top", true))).isEqualTo(2);
        assertThat(t.select(io.dictdb.query.Conditions.field("top").eq(true))).extracting(r -> r.getLong("n"))
                .containsExactlyInAnyOrder(5L, 4L);
    }
}
