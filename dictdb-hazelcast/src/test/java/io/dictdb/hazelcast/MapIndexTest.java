package io.dictdb.hazelcast;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.query.LocalIndexStats;
import io.dictdb.FieldType;
import io.dictdb.IndexSpec;
import io.dictdb.IndexType;
import io.dictdb.InsertOptions;
import io.dictdb.Record;
import io.dictdb.Schema;
import io.dictdb.Table;
import io.dictdb.TableSpec;
import io.dictdb.core.DictDB;
import io.dictdb.query.Condition;
import io.dictdb.query.Conditions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Index specs become member-side {@code IMap} indexes on the per-kind attributes the pushdown uses: no value the API
 * accepts makes a member refuse a write once they exist, equality on an indexed field runs through them, and every
 * member and every instance of the database has them.
 */
class MapIndexTest {
    /** Every kind of value, wrapped and off-schema ones included. */
    private static final List<Object> VALUES = java.util.Arrays.asList(0L, -1L, Long.MAX_VALUE, 0.0, -0.0, 5.5,
            Double.NaN, Double.NEGATIVE_INFINITY, new BigDecimal("5.00"), new BigDecimal("1e30"), "a", "", "a\uD800",
            true, false, LocalDate.of(2020, 1, 1), Instant.ofEpochSecond(5), Instant.MAX, Instant.MIN,
            UUID.fromString("00000000-0000-0000-0000-000000000001"), List.of(1L, "x"), new byte[] {1, 2},
            Record.of("x", 1L), null);

    private HazelcastDatabase db;
    private DictDB memory;

    @BeforeEach
    void open() {
        db = HazelcastDatabase.on(TestCluster.member(), TestCluster.databaseName());
        memory = DictDB.create();
    }

    @AfterEach
    void destroy() {
        db.destroy();
        memory.close();
    }

    private static TableSpec spec(String table, boolean schema) {
        TableSpec spec = TableSpec.named(table);
        if (schema) {
            spec = spec.schema(Schema.builder().optional("a", FieldType.LONG).optional("b", FieldType.STRING)
                    .optional("tags", FieldType.LIST).build());
        }
        return spec.index(IndexSpec.hash("a")).index(IndexSpec.sorted("b")).index(IndexSpec.hash("a", "b"))
                .index(IndexSpec.elements("tags"));
    }

    private static List<Map<String, Object>> rows() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < VALUES.size(); i++) {
            Map<String, Object> m = new HashMap<>();
            m.put("a", VALUES.get(i));
            m.put("b", VALUES.get((i * 5 + 3) % VALUES.size()));
            m.put("tags", VALUES.get((i + 7) % VALUES.size()));
            rows.add(m);
        }
        return rows;
    }

    @Test
    void membersAcceptEveryValueOnIndexedFields() {
        // off-schema values through skipValidation
        Table hzChecked = db.createTable(spec("checked", true));
        Table memChecked = memory.createTable(spec("checked", true));
        InsertOptions off = InsertOptions.defaults().skipValidation(true);
        hzChecked.insertAll(rows(), off);
        memChecked.insertAll(rows(), off);
        assertThat(hzChecked.all()).isEqualTo(memChecked.all());
        hzChecked.insertAll(List.of(Map.of("a", "off-schema", "b", 7L)), off);
        memChecked.insertAll(List.of(Map.of("a", "off-schema", "b", 7L)), off);
        assertThat(hzChecked.all()).isEqualTo(memChecked.all());
        // without a schema, every kind of value on every indexed field
        Table hz = db.createTable(spec("t", false));
        Table mem = memory.createTable(spec("t", false));
        hz.insertAll(rows());
        mem.insertAll(rows());
        assertThat(hz.all()).isEqualTo(mem.all());
        // compare-and-set updates move each record's values to other kinds; deletes remove by stored value
        for (int i = 0; i < VALUES.size(); i++) {
            Object v = VALUES.get((i + 11) % VALUES.size());
            Object w = VALUES.get(VALUES.size() - 1 - i);
            Condition where = Conditions.field("id").eq((long) i + 1);
            hz.update(r -> r.with("a", v).with("b", w), where);
            mem.update(r -> r.with("a", v).with("b", w), where);
        }
        assertThat(hz.all()).isEqualTo(mem.all());
        for (Object v : VALUES) {
            Condition c = Conditions.field("a").eq(v);
            assertThat(hz.select(c)).as("%s", c).isEqualTo(mem.select(c));
        }
        assertThat(hz.delete(Conditions.field("a").eq(0L))).isEqualTo(mem.delete(Conditions.field("a").eq(0L)));
        assertThat(hz.all()).isEqualTo(mem.all());
    }

    private static long queries(HazelcastInstance member, String map) {
        long n = 0;
        for (LocalIndexStats s : member.getMap(map).getLocalMapStats().getIndexStats().values()) {
            n += s.getQueryCount();
        }
        return n;
    }

    private static long queries(String map) {
        long n = 0;
        for (HazelcastInstance m : TestCluster.members()) {
            n += queries(m, map);
        }
        return n;
    }

    @Test
    void equalityOnAnIndexedFieldRunsThroughTheIndex() {
        Table hz = db.createTable(TableSpec.named("t").index(IndexSpec.hash("k")).index(IndexSpec.sorted("n")));
        Table mem = memory.createTable(TableSpec.named("t").index(IndexSpec.hash("k")).index(IndexSpec.sorted("n")));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            rows.add(Map.of("k", "k" + (i % 20), "n", i % 2 == 0 ? (Object) (long) (i % 10) : (double) (i % 10)));
        }
        hz.insertAll(rows);
        mem.insertAll(rows);
        String map = ((HazelcastTable) hz).map().getName();
        for (Condition c : List.of(Conditions.field("k").eq("k3"), Conditions.field("n").eq(4L),
                Conditions.field("n").between(2L, 3.5))) {
            long before = queries(map);
            assertThat(hz.select(c)).as("%s", c).isEqualTo(mem.select(c)).isNotEmpty();
            assertThat(queries(map)).as("index queries for %s", c).isGreaterThan(before);
        }
        // a field without an index is scanned: no index query
        long before = queries(map);
        assertThat(hz.select(Conditions.field("other").eq("x"))).isEmpty();
        assertThat(queries(map)).isEqualTo(before);
    }

    @Test
    void indexesExistOnEveryMemberAndForEveryInstance() {
        Table hz = db.createTable("t");
        hz.insertAll(List.of(Map.of("k", "x"), Map.of("k", "y"), Map.of("k", 1L)));
        hz.createIndex("k"); // after the records: Hazelcast indexes the entries already there
        String map = ((HazelcastTable) hz).map().getName();
        HazelcastInstance second = TestCluster.members().get(1);
        assertThat(second.getMap(map).getLocalMapStats().getIndexStats()).hasSize(7);
        Table other = HazelcastDatabase.on(second, db.name()).table("t");
        long before = queries(map);
        assertThat(other.select(Conditions.field("k").eq("y"))).extracting(r -> r.get("k")).containsExactly("y");
        assertThat(other.select(Conditions.field("k").eq(1))).extracting(r -> r.get("k")).containsExactly(1L);
        assertThat(queries(map)).isGreaterThan(before);
        // dropIndex only leaves the catalog: Hazelcast cannot drop a map index
        other.dropIndex("k");
        assertThat(other.hasIndex("k")).isFalse();
        assertThat(second.getMap(map).getLocalMapStats().getIndexStats()).hasSize(7);
        assertThat(other.select(Conditions.field("k").eq("x"))).hasSize(1);
    }
}
