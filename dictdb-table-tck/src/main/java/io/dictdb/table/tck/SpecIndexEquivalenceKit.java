package io.dictdb.table.tck;

import io.dictdb.Database;
import io.dictdb.DuplicateKeyException;
import io.dictdb.IndexSpec;
import io.dictdb.Record;
import io.dictdb.Table;
import io.dictdb.query.Condition;
import io.dictdb.query.Conditions;
import io.dictdb.query.Order;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.dictdb.query.Conditions.and;
import static io.dictdb.query.Conditions.field;
import static io.dictdb.query.Conditions.or;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

/**
 * The query equivalence property of {@link QueryEquivalenceKit} for the indexes made from specs: a table
 * carrying random composite (hash and sorted), partial, unique and elements indexes gives a scan's results for
 * every operator (and {@code has}/{@code hasAny}/{@code hasAll} on a list field), order, page and keyset page, while
 * inserts, updates that move records between index entries, deletes and rolled-back transactions change it. The
 * unique indexes refuse some writes: the scan-only table gets exactly the writes the indexed one accepted, so a
 * refused write that changed anything would show as a difference later.
 */
public abstract class SpecIndexEquivalenceKit extends KitBase {
    private static final int SCALE = Boolean.getBoolean("dictdb.longTests") ? 20 : 1;
    private static final List<String> FIELDS = List.of("n", "s", "x", "b");
    private static final List<Object> TAGS = List.of("a", "b", "c", "d", 1L, 1.0, 2L, "");

    /** One example: the index specs and every random choice, from one seed. */
    static final class SpecScenario {
        final QueryEquivalenceKit.Scenario base;
        final List<IndexSpec> specs = new ArrayList<>();
        private final boolean unique;

        SpecScenario(long seed, boolean unique) {
            base = new QueryEquivalenceKit.Scenario(seed);
            this.unique = unique;
            int n = 1 + base.rnd.nextInt(4);
            for (int i = 0; i < n; i++) {
                specs.add(spec());
            }
        }

        IndexSpec spec() {
            int k = base.rnd.nextInt(6);
            if (k == 0) {
                return IndexSpec.elements("tags");
            }
            List<String> fields = new ArrayList<>(FIELDS);
            java.util.Collections.shuffle(fields, base.rnd);
            String[] chosen = fields.subList(0, 1 + base.rnd.nextInt(3)).toArray(String[]::new);
            IndexSpec spec = base.rnd.nextBoolean() ? IndexSpec.sorted(chosen) : IndexSpec.hash(chosen);
            if (base.rnd.nextInt(3) == 0 && unique) {
                spec = spec.unique();
            }
            if (base.rnd.nextInt(3) == 0) {
                spec = spec.where(partialCondition());
            }
            return spec;
        }

        /** Conditions partial indexes use, which queries also draw, so that some queries may use them. */
        Condition partialCondition() {
            return switch (base.rnd.nextInt(3)) {
                case 0 -> field("b").eq(true);
                case 1 -> field("n").gte(0L);
                default -> and(field("b").eq(false), field("s").isNotNull());
            };
        }

        Map<String, Object> record() {
            Map<String, Object> r = base.record();
            int k = base.rnd.nextInt(6);
            if (k > 0) {
                List<Object> tags = new ArrayList<>();
                for (int i = base.rnd.nextInt(4); i > 0; i--) {
                    tags.add(TAGS.get(base.rnd.nextInt(TAGS.size())));
                }
                r.put("tags", k == 1 ? "not a list" : tags);
            }
            return r;
        }

        Condition condition() {
            int k = base.rnd.nextInt(8);
            Object tag = TAGS.get(base.rnd.nextInt(TAGS.size()));
            Object other = TAGS.get(base.rnd.nextInt(TAGS.size()));
            Condition c = switch (k) {
                case 0 -> field("tags").has(tag);
                case 1 -> field("tags").hasAny(tag, other);
                case 2 -> field("tags").hasAll(tag, other);
                case 3 -> and(field(FIELDS.get(base.rnd.nextInt(4))).eq(base.value("n")),
                        field(FIELDS.get(base.rnd.nextInt(4))).eq(base.literal("s")));
                case 4 -> and(equality(), base.condition(1));
                default -> base.condition(2);
            };
            if (base.rnd.nextInt(3) == 0) {
                c = and(c, partialCondition());
            }
            if (base.rnd.nextInt(8) == 0) {
                c = or(c, field("tags").has(tag));
            }
            return c;
        }

        Condition equality() {
            String f = FIELDS.get(base.rnd.nextInt(FIELDS.size()));
            Object v = base.literal(f);
            return field(f).eq(v == null ? 0L : v);
        }

        /** Sometimes the shape a sorted composite walks: equality on one field, ordered by another. */
        Order[] orders(Condition c) {
            return base.orders();
        }

        @Override
        public String toString() {
            return base + " specs " + specs;
        }
    }

    private record Pair(Database indexedDb, Table indexed, Table plain) {
    }

    private static Pair load(SpecScenario sc, Database idb, Database pdb) {
        Table indexed = idb.createTable("t");
        Table plain = pdb.createTable("t");
        boolean first = sc.base.rnd.nextBoolean();
        if (first) {
            createIndexes(sc, indexed);
        }
        for (int i = sc.base.rnd.nextInt(40); i > 0; i--) {
            Map<String, Object> r = sc.record();
            write(indexed, plain, t -> t.insert(r));
        }
        if (!first) {
            createIndexes(sc, indexed);
        }
        return new Pair(idb, indexed, plain);
    }

    private static void createIndexes(SpecScenario sc, Table t) {
        for (IndexSpec spec : sc.specs) {
            List<String> before = t.indexedFields();
            try {
                t.createIndex(spec);
            } catch (DuplicateKeyException | IllegalArgumentException e) {
                // a unique index over duplicates, or a second index of one name: nothing created
                assertThat(t.indexedFields()).as(spec + ": " + e.getMessage()).isEqualTo(before);
            }
        }
    }

    /** Applies a write to the indexed table, and to the plain one when the indexed one accepted it. */
    private static void write(Table indexed, Table plain, java.util.function.Consumer<Table> w) {
        List<Record> before = indexed.all();
        try {
            w.accept(indexed);
        } catch (DuplicateKeyException e) {
            assertThat(indexed.all()).as("a refused write changes nothing").isEqualTo(before);
            return;
        } catch (io.dictdb.RecordNotFoundException e) {
            return;
        }
        try {
            w.accept(plain);
        } catch (io.dictdb.RecordNotFoundException e) {
            throw new AssertionError("the plain table found nothing where the indexed one did", e);
        }
    }

    @Test
    void specIndexesNeverChangeAResult() {
        // a backend without unique indexes gets the same specs, none unique
        boolean unique = supports(Capability.UNIQUE_INDEXES);
        qt().withExamples(examples(150 * SCALE)).withShrinkCycles(0)
                .forAll(longs().all().describedAs(s -> new SpecScenario(s, unique).toString()))
                .checkAssert(seed -> {
                    SpecScenario sc = new SpecScenario(seed, unique);
                    try (Database idb = newDatabase(); Database pdb = newDatabase()) {
                        Pair p = load(sc, idb, pdb);
                        for (int step = 0; step < 8; step++) {
                            change(sc, p);
                            for (int q = 0; q < 5; q++) {
                                compare(sc, p.indexed(), p.plain());
                            }
                        }
                    }
                });
    }

    private static void change(SpecScenario sc, Pair p) {
        Object key = (long) sc.base.rnd.nextInt(50);
        switch (sc.base.rnd.nextInt(7)) {
            case 0, 1 -> {
                Map<String, Object> r = sc.record();
                write(p.indexed(), p.plain(), t -> t.insert(r));
            }
            case 2 -> {
                Map<String, Object> r = sc.record();
                r.put("id", key);
                write(p.indexed(), p.plain(), t -> t.upsert(r));
            }
            case 3 -> {
                // moves records between entries: new values for the fields of the indexes
                Map<String, Object> changes = sc.record();
                changes.remove("id");
                Condition where = sc.condition();
                write(p.indexed(), p.plain(), t -> t.update(changes, where));
            }
            case 4 -> {
                Condition where = sc.condition();
                write(p.indexed(), p.plain(), t -> t.delete(where));
            }
            case 5 -> {
                List<Map<String, Object>> batch = new ArrayList<>();
                for (int i = sc.base.rnd.nextInt(4); i > 0; i--) {
                    batch.add(sc.record());
                }
                write(p.indexed(), p.plain(), t -> t.insertAll(batch));
            }
            default -> {
                // a transaction of writes, rolled back: the indexed table must be as before, its indexes too
                List<Record> before = p.indexed().all();
                Map<String, Object> changes = sc.record();
                changes.remove("id");
                Condition where = sc.condition();
                try {
                    p.indexedDb().transaction(List.of("t"), () -> {
                        p.indexed().insert(sc.record());
                        try {
                            p.indexed().update(changes, where);
                        } catch (io.dictdb.RecordNotFoundException e) {
                            // nothing to update: the rest still runs
                        }
                        p.indexed().delete(Conditions.all());
                        throw new IllegalStateException("roll back");
                    });
                } catch (IllegalStateException | DuplicateKeyException e) {
                    // rolled back either way
                }
                assertThat(p.indexed().all()).isEqualTo(before);
            }
        }
    }

    private static void compare(SpecScenario sc, Table indexed, Table plain) {
        Condition c = sc.condition();
        Order[] orders = sc.orders(c);
        int limit = sc.base.rnd.nextInt(4) == 0 ? -1 : sc.base.rnd.nextInt(12);
        int offset = sc.base.rnd.nextInt(3) == 0 ? sc.base.rnd.nextInt(6) : 0;
        if (sc.base.rnd.nextInt(3) == 0) {
            // a = x ORDER BY b LIMIT k, the shape of a sorted composite's walk
            String a = FIELDS.get(sc.base.rnd.nextInt(FIELDS.size()));
            String b = FIELDS.get(sc.base.rnd.nextInt(FIELDS.size()));
            Object v = sc.base.literal(a);
            c = field(a).eq(v == null ? 0L : v);
            orders = new Order[] {sc.base.rnd.nextBoolean() ? Order.asc(b) : Order.desc(b)};
            limit = 1 + sc.base.rnd.nextInt(5);
        }
        String what = sc + ": where " + c + " order by " + List.of(orders) + " limit " + limit + " offset " + offset;
        assertThat(QueryEquivalenceKit.query(indexed, c, orders, limit, offset).toList()).as(what)
                .isEqualTo(QueryEquivalenceKit.query(plain, c, orders, limit, offset).toList());
        assertThat(indexed.count(c)).as(what).isEqualTo(plain.count(c));
        assertThat(indexed.select(c)).as(what).isEqualTo(plain.select(c));
        if (orders.length == 0) {
            return; // keyset pages need an order here: explicit keys make insertion order differ from key order
        }
        int page = 1 + sc.base.rnd.nextInt(5);
        // keyset pages follow the order and then the primary key: the whole result in that order
        Order[] keyed = java.util.Arrays.copyOf(orders, orders.length + 1);
        keyed[orders.length] = Order.asc("id");
        assertThat(QueryEquivalenceKit.pages(indexed, c, orders, page, null)).as(what + " pages of " + page)
                .isEqualTo(QueryEquivalenceKit.query(plain, c, keyed, -1, 0).toList());
    }
}
