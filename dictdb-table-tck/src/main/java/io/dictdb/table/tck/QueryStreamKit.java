package io.dictdb.table.tck;

import io.dictdb.Record;
import io.dictdb.Table;
import io.dictdb.Database;
import io.dictdb.query.Condition;
import io.dictdb.query.Order;
import io.dictdb.query.Query;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.dictdb.query.Conditions.field;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

/**
 * {@link Query#stream()}: the records of {@link Query#toList()}, in its order, picked at once (a write after
 * {@code stream()} returns changes nothing it yields).
 */
public abstract class QueryStreamKit extends KitBase {
    private static final int SCALE = Boolean.getBoolean("dictdb.longTests") ? 20 : 1;
    private static final List<String> COLUMNS = List.of("n", "s", "x", "b", "id", "nothing");

    /** Random queries of {@link QueryEquivalenceKit}'s scenarios, with columns, distinct and a keyset. */
    private static Query randomQuery(QueryEquivalenceKit.Scenario sc, Table t) {
        Condition c = sc.condition(3);
        Order[] orders = sc.orders();
        int limit = sc.rnd.nextInt(4) == 0 ? -1 : sc.rnd.nextInt(12);
        int offset = sc.rnd.nextInt(3) == 0 ? sc.rnd.nextInt(6) : 0;
        Query q = QueryEquivalenceKit.query(t, c, orders, limit, offset);
        if (orders.length > 0 && sc.rnd.nextInt(4) == 0) { // a keyset needs an order
            List<Record> whole = QueryEquivalenceKit.query(t, c, orders, -1, 0).toList();
            if (!whole.isEmpty()) {
                q = q.after(whole.get(sc.rnd.nextInt(whole.size())));
            }
        }
        switch (sc.rnd.nextInt(4)) {
            case 0 -> q = q.columns(COLUMNS.get(sc.rnd.nextInt(COLUMNS.size())),
                    COLUMNS.get(sc.rnd.nextInt(COLUMNS.size())));
            case 1 -> {
                Map<String, String> aliases = new LinkedHashMap<>();
                aliases.put("a", COLUMNS.get(sc.rnd.nextInt(COLUMNS.size())));
                aliases.put("b2", COLUMNS.get(sc.rnd.nextInt(COLUMNS.size())));
                q = q.columns(aliases);
            }
            default -> {
            }
        }
        return sc.rnd.nextInt(3) == 0 ? q.distinct() : q;
    }

    @Test
    void aStreamYieldsWhatToListReturns() {
        qt().withExamples(examples(300 * SCALE)).withShrinkCycles(0)
                .forAll(longs().all().describedAs(s -> new QueryEquivalenceKit.Scenario(s).toString()))
                .checkAssert(seed -> {
                    QueryEquivalenceKit.Scenario sc = new QueryEquivalenceKit.Scenario(seed);
                    try (Database d = newDatabase()) {
                        streams(sc, sc.load(d, sc.rnd.nextBoolean()));
                    }
                });
    }

    private static void streams(QueryEquivalenceKit.Scenario sc, Table t) {
        for (int i = 0; i < 12; i++) {
            Query q = randomQuery(sc, t);
            List<Record> listed = q.toList();
            assertThat(q.stream().toList()).as("%s: %s", sc, q).isEqualTo(listed);
            // a consumer that stops early sees the list's first records
            int k = sc.rnd.nextInt(4);
            assertThat(q.stream().limit(k).toList()).as("%s: %s, first %d", sc, q, k)
                    .isEqualTo(listed.subList(0, Math.min(k, listed.size())));
        }
    }

    @Test
    void anEqualityLookupStreamsItsMatches() {
        Table t = db.createTable("t");
        t.createIndex("dept", io.dictdb.IndexType.HASH);
        t.insertAll(List.of(Map.of("dept", "IT"), Map.of("dept", "HR"), Map.of("dept", "IT")));
        Query byDept = t.query().where(field("dept").eq("IT"));
        Query byKey = t.query().where(field("id").eq(2L));
        assertThat(byDept.stream().toList()).isEqualTo(byDept.toList()).hasSize(2);
        assertThat(byKey.stream().toList()).isEqualTo(byKey.toList()).hasSize(1);
    }

    @Test
    void writesAfterStreamReturnsChangeNothingItYields() {
        Table t = db.createTable("t");
        for (int i = 0; i < 100; i++) {
            t.insert(Map.of("n", i, "tag", i % 2 == 0 ? "even" : "odd"));
        }
        Query evens = t.query().where(field("tag").eq("even")).orderBy("-n").columns("n");
        List<Record> before = evens.toList();
        Stream<Record> stream = evens.stream();
        Stream<Record> whole = t.query().stream();
        t.update(Map.of("tag", "odd"), field("n").lt(50L));   // half of the evens leave the result
        t.insert(Map.of("n", 1000, "tag", "even"));               // a new first record
        t.delete(field("n").eq(98L));
        assertThat(stream.toList()).isEqualTo(before).hasSize(50);
        assertThat(whole.map(r -> r.getString("tag")).filter("even"::equals).count()).isEqualTo(50);
        assertThat(evens.toList()).hasSize(25);
    }
}
