package io.dictdb.core;

import io.dictdb.DictDbException;
import io.dictdb.IndexType;
import io.dictdb.OnConflict;
import io.dictdb.Record;
import io.dictdb.Table;
import io.dictdb.TableSpec;
import io.dictdb.Values;
import io.dictdb.core.change.ChangeSet;
import io.dictdb.internal.ValueKeys;
import io.dictdb.spi.TableState;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.dictdb.query.Conditions.all;
import static io.dictdb.query.Conditions.field;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

/**
 * Change tracking in net form keeps the backup law: random writes of every kind (automatic and explicit keys,
 * updates, upserts, deletes, batches, tables and indexes created and dropped) interleaved with captures, failed
 * captures given back, snapshots, and full images (a snapshot, more writes, then a discard through it, as a backup
 * manager does), with the coalescing threshold lowered so that the pending list is rewritten at nearly every step.
 * After each capture, the copy that applied every capture since the last full image (or the start) holds exactly
 * the live database: tables, definitions and indexes, records by key, key counters, sequence number.
 */
class ChangeCoalescingPropertyTest {
    private static final int EXAMPLES = Boolean.getBoolean("dictdb.longTests") ? 2_000 : 200;
    private static final List<String> TABLES = List.of("a", "b", "c");
    private static final Map<String, String> KEYS = Map.of("a", "id", "b", "code", "c", "id");

    /** One step: what to do, on which table, with which key, and a small value that varies it. */
    record Step(Kind kind, int table, int key, int extra) {
        @Override
        public String toString() {
            return kind + "(" + TABLES.get(table) + ", key " + key + ", " + extra + ")";
        }
    }

    enum Kind {
        INSERT_AUTO, INSERT_KEY, UPSERT, UPDATE, DELETE, INSERT_ALL, UPDATE_OR_DELETE_ALL, TABLE, INDEX,
        CAPTURE, SNAPSHOT, FULL_START, FULL_END
    }

    /** Writes are common, the other steps rarer. */
    private static final Kind[] WEIGHTED = {
        Kind.INSERT_AUTO, Kind.INSERT_AUTO, Kind.INSERT_AUTO, Kind.INSERT_KEY, Kind.INSERT_KEY, Kind.UPSERT,
        Kind.UPSERT, Kind.UPDATE, Kind.UPDATE, Kind.DELETE, Kind.DELETE, Kind.DELETE, Kind.INSERT_ALL,
        Kind.UPDATE_OR_DELETE_ALL, Kind.TABLE, Kind.INDEX, Kind.CAPTURE, Kind.CAPTURE, Kind.SNAPSHOT,
        Kind.FULL_START, Kind.FULL_END
    };

    private static Gen<Step> steps() {
        return integers().between(0, WEIGHTED.length - 1).zip(integers().between(0, 2), integers().between(0, 11),
                integers().between(0, 9), (k, t, key, extra) -> new Step(WEIGHTED[k], t, key, extra));
    }

    @Test
    void everyCaptureAppliedToTheCopyOfThePreviousStateGivesTheLiveState() {
        qt().withExamples(EXAMPLES)
                .forAll(integers().between(1, 8), lists().of(steps()).ofSizeBetween(1, 250))
                .checkAssert(ChangeCoalescingPropertyTest::run);
    }

    /** The live database, its copy as the applied captures left it, and what a backup manager would know. */
    private static final class Run {
        final DictDB db;
        DictDB copy;
        long nextFirst;
        Snapshot fullInFlight;

        Run(int threshold) {
            db = DictDB.builder().coalesceThreshold(threshold).build();
            Table a = db.createTable("a");
            a.createIndex("v", IndexType.HASH);
            Table b = db.createTable("b", "code");
            for (long i = 1; i <= 4; i++) {
                a.insert(row("v", i));
                b.insert(row("code", "k" + i, "v", i));
            }
            Snapshot base = db.snapshot();
            Tracking.start(db);
            copy = Tracking.fromSnapshot(base);
            nextFirst = base.sequence() + 1;
        }
    }

    private static void run(int threshold, List<Step> steps) {
        Run run = new Run(threshold);
        for (Step step : steps) {
            try {
                perform(run, step);
            } catch (DictDbException | IllegalArgumentException expected) {
                // a duplicate key, no match, a missing table, an index that exists: the write changed nothing
            }
        }
        capture(run, false);
    }

    private static void perform(Run run, Step s) {
        DictDB db = run.db;
        String name = TABLES.get(s.table());
        Optional<Table> found = db.findTable(name);
        Table t = found.orElse(null);
        String pk = KEYS.get(name);
        Object key = key(name, s.key(), s.extra());
        switch (s.kind()) {
            case INSERT_AUTO -> require(t).insert(row("v", (long) s.extra()));
            case INSERT_KEY -> require(t).insert(row(pk, key, "v", (long) s.extra()));
            case UPSERT -> require(t).upsert(row(pk, key, "w", (long) s.extra()),
                    s.extra() % 3 == 0 ? OnConflict.IGNORE : OnConflict.UPDATE);
            case UPDATE -> {
                if (s.extra() % 2 == 0) {
                    require(t).update(row("v", (long) s.extra()), field(pk).eq(key));
                } else {
                    require(t).update(r -> r.with("w", s.extra()), field(pk).eq(key));
                }
            }
            case DELETE -> require(t).delete(field(pk).eq(key));
            case INSERT_ALL -> require(t).insertAll(List.of(row(pk, key, "v", 1L), row("v", 2L),
                    row(pk, key(name, (s.key() + 1) % 12, 0), "v", 3L)));
            case UPDATE_OR_DELETE_ALL -> {
                if (s.extra() < 3) {
                    require(t).deleteAll();
                } else {
                    require(t).update(row("v", (long) s.extra()), all());
                }
            }
            case TABLE -> {
                if (db.hasTable("c")) {
                    db.dropTable("c");
                } else {
                    TableSpec spec = TableSpec.named("c");
                    db.createTable(s.extra() % 2 == 0 ? spec : spec.index("w", IndexType.SORTED));
                }
            }
            case INDEX -> {
                String f = s.extra() % 2 == 0 ? "v" : "w";
                if (require(t).hasIndex(f)) {
                    t.dropIndex(f);
                } else {
                    t.createIndex(f, s.extra() < 5 ? IndexType.HASH : IndexType.SORTED);
                }
            }
            case CAPTURE -> capture(run, s.extra() % 3 == 0);
            case SNAPSHOT -> db.snapshot();
            case FULL_START -> run.fullInFlight = db.snapshot();
            case FULL_END -> {
                if (run.fullInFlight != null) {
                    Tracking.discardThrough(db, run.fullInFlight.sequence());
                    run.copy = Tracking.fromSnapshot(run.fullInFlight);
                    run.nextFirst = run.fullInFlight.sequence() + 1;
                    run.fullInFlight = null;
                }
            }
        }
    }

    /** Keys from a small pool, so writes meet; now and then the largest key, after which no key is generated. */
    private static Object key(String table, int key, int extra) {
        if (table.equals("b")) {
            return "k" + key;
        }
        return key == 11 && extra == 9 ? Long.MAX_VALUE : (long) key + 1;
    }

    private static Table require(Table t) {
        if (t == null) {
            throw new io.dictdb.TableNotFoundException("c");
        }
        return t;
    }

    private static void capture(Run run, boolean writingFails) {
        ChangeSet set = Tracking.capture(run.db);
        run.fullInFlight = null; // a manager writes a full and a delta one at a time: a full not yet confirmed failed
        assertThat(set.firstSequence()).as("a capture starts after the last one applied").isEqualTo(run.nextFirst);
        assertThat(set.lastSequence()).isEqualTo(run.db.sequence());
        if (writingFails) {
            Tracking.giveBack(run.db, set);
            return;
        }
        Tracking.apply(run.copy, set);
        run.nextFirst = set.lastSequence() + 1;
        assertSameState(run.db, run.copy, set);
    }

    private static void assertSameState(DictDB live, DictDB copy, ChangeSet set) {
        assertThat(copy.tableNames()).as("tables").isEqualTo(live.tableNames());
        assertThat(copy.sequence()).as("sequence").isEqualTo(live.sequence());
        Map<String, Snapshot.TableImage> expected = images(live.snapshot());
        Map<String, Snapshot.TableImage> actual = images(copy.snapshot());
        Map<String, Long> carried = new HashMap<>();
        for (TableState s : set.keyCounters()) {
            carried.put(s.table(), s.nextKey());
        }
        for (String name : live.tableNames()) {
            Snapshot.TableImage e = expected.get(name);
            Snapshot.TableImage a = actual.get(name);
            assertThat(a.definition()).as("definition of %s", name).isEqualTo(e.definition());
            assertThat(byKey(a)).as("records of %s", name).isEqualTo(byKey(e));
            assertThat(a.nextKey()).as("key counter of %s", name).isEqualTo(e.nextKey())
                    .isEqualTo(carried.get(name));
            for (String f : live.table(name).indexedFields()) {
                assertThat(copy.table(name).index(f).orElseThrow().distinctKeys()).as("index %s.%s", name, f)
                        .isEqualTo(live.table(name).index(f).orElseThrow().distinctKeys());
            }
        }
    }

    private static Map<String, Snapshot.TableImage> images(Snapshot s) {
        Map<String, Snapshot.TableImage> m = new LinkedHashMap<>();
        for (Snapshot.TableImage i : s.tables()) {
            m.put(i.definition().name(), i);
        }
        return m;
    }

    private static Map<Object, Record> byKey(Snapshot.TableImage image) {
        Map<Object, Record> m = new HashMap<>();
        for (Record r : image.records()) {
            m.put(ValueKeys.hashKey(r.get(image.definition().primaryKey())), r);
        }
        return m;
    }

    private static Map<String, Object> row(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
