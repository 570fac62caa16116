package io.dictdb.hazelcast;

import io.dictdb.IndexSpec;
import io.dictdb.Record;
import io.dictdb.Table;
import io.dictdb.core.DictDB;
import io.dictdb.query.Condition;
import io.dictdb.query.Conditions;
import io.dictdb.query.Field;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.SourceDSL;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

/**
 * The conditions sent to the members select what the in-memory engine selects on the same records: every operator,
 * over fields holding numbers of every type (zero, -0.0, NaN, infinities, huge ones), strings, booleans, dates,
 * instants, nulls, lists, UUIDs, and fields missing.
 */
class PushdownEquivalenceTest {
    private static final List<Object> VALUES = List.of(0L, 1L, -1L, 5L, 7L, Long.MAX_VALUE, Long.MIN_VALUE,
            0.0, -0.0, 0.5, 5.0, 5.5, -2.25, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e300,
            new BigDecimal("5.00"), new BigDecimal("0.1"), new BigDecimal("-3"), new BigDecimal("1e30"),
            "a", "b", "5", "", "a\uD800", true, false, LocalDate.of(2020, 1, 1), LocalDate.of(1999, 12, 31),
            Instant.ofEpochSecond(5), Instant.MAX, UUID.fromString("00000000-0000-0000-0000-000000000001"),
            List.of(1L, 2L), new byte[] {1});

    private static HazelcastDatabase db;
    private static Table hz;
    private static DictDB memory;
    private static Table mem;

    @BeforeAll
    static void fill() {
        db = HazelcastDatabase.on(TestCluster.member(), TestCluster.databaseName());
        hz = db.createTable("t");
        memory = DictDB.create();
        mem = memory.createTable("t");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < VALUES.size(); i++) {
            for (int j = 0; j < 4; j++) {
                Map<String, Object> m = new HashMap<>();
                m.put("a", VALUES.get(i));
                if (j == 1) {
                    m.put("b", VALUES.get((i * 7 + 3) % VALUES.size()));
                } else if (j == 2) {
                    m.put("b", null);
                } else if (j == 3) {
                    m.put("b", VALUES.get((i + 11) % VALUES.size()));
                    m.remove("a");
                }
                rows.add(m);
            }
        }
        // member-side IMap indexes on both fields (HASH on a, SORTED composite on a and b), as an index spec makes
        hz.createIndex("a");
        hz.createIndex(IndexSpec.sorted("a", "b"));
        mem.createIndex("a");
        mem.createIndex(IndexSpec.sorted("a", "b"));
        hz.insertAll(rows);
        mem.insertAll(rows);
    }

    @Test
    void membersRunEveryPredicateWithTheIndexes() {
        // straight to the members, without the caller's fallback to a full fetch: never fails, never drops a match
        qt().withExamples(150).forAll(condition()).checkAssert(c -> {
            var p = Pushdown.translate(c);
            if (p != null) {
                List<Object> sent = new ArrayList<>();
                ((HazelcastTable) hz).map().values(p).forEach(row -> sent.add(RecordCodec.record(row).get("id")));
                assertThat(sent).as("%s", c).containsAll(keys(mem.select(c)));
            }
        });
    }

    @AfterAll
    static void destroy() {
        db.destroy();
        memory.close();
    }

    private static Gen<Object> value() {
        return SourceDSL.integers().between(0, VALUES.size() - 1).map(VALUES::get);
    }

    private static Gen<Condition> leaf() {
        Gen<Field> field = SourceDSL.integers().between(0, 1).map(i -> Conditions.field(i == 0 ? "a" : "b"));
        List<Function<Field, Gen<Condition>>> ops = List.of(
                f -> value().map(f::eq), f -> value().map(f::ne), f -> value().map(f::lt), f -> value().map(f::lte),
                f -> value().map(f::gt), f -> value().map(f::gte),
                f -> value().zip(value(), f::between),
                f -> value().zip(value(), (x, y) -> f.in(x, y)),
                f -> value().zip(value(), (x, y) -> f.notIn(x, y)),
                f -> SourceDSL.booleans().all().map(b -> b ? f.isNull() : f.isNotNull()));
        return field.zip(SourceDSL.integers().between(0, ops.size() - 1), (f, i) -> ops.get(i).apply(f))
                .flatMap(g -> g);
    }

    private static Gen<Condition> condition() {
        return SourceDSL.integers().between(0, 4).flatMap(kind -> switch (kind) {
            case 0, 1 -> leaf();
            case 2 -> leaf().zip(leaf(), Conditions::and);
            case 3 -> leaf().zip(leaf(), Conditions::or);
            default -> leaf().zip(leaf(), (x, y) -> Conditions.and(Conditions.not(x), y));
        });
    }

    private static List<Object> keys(List<Record> records) {
        List<Object> out = new ArrayList<>();
        records.forEach(r -> out.add(r.get("id")));
        return out;
    }

    @Test
    void membersSelectWhatTheEngineSelects() {
        qt().withExamples(300).forAll(condition()).checkAssert(c ->
                assertThat(keys(hz.select(c))).as("%s", c).isEqualTo(keys(mem.select(c))));
    }

    @Test
    void countsAndAggregatesAgree() {
        qt().withExamples(40).forAll(condition()).checkAssert(c -> {
            assertThat(hz.count(c)).as("%s", c).isEqualTo(mem.count(c));
            assertThat(hz.query().where(c).orderBy("-a", "id").limit(5).toList())
                    .isEqualTo(mem.query().where(c).orderBy("-a", "id").limit(5).toList());
        });
    }
}
