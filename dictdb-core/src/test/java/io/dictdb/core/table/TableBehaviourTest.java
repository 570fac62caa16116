package io.dictdb.core.table;

import io.dictdb.core.Tracking;
import io.dictdb.Database;
import io.dictdb.IndexType;
import io.dictdb.Record;
import io.dictdb.Table;
import io.dictdb.core.DictDB;
import io.dictdb.query.Plan;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.dictdb.query.Aggregates.count;
import static io.dictdb.query.Conditions.all;
import static io.dictdb.query.Conditions.and;
import static io.dictdb.query.Conditions.field;
import static io.dictdb.query.Conditions.matching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The engine's side of one table's behaviour: the change sequence and snapshots at the largest key, and the plans
 * explain() gives. What every backend shows is checked by the table compatibility kit's {@code TableBehaviourKit}.
 */
class TableBehaviourTest {

    private Database db;

    @BeforeEach
    void setUp() {
        db = DictDB.create();
    }

    private static Map<String, Object> row(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Nested
    class PrimaryKeys {
        @Test
        void afterAnExplicitMaxKeyAnAutomaticKeyIsAClearErrorAndChangesNothing() {
            DictDB d = DictDB.create();
            Table t = d.createTable("orders");
            t.insert(row("n", "first"));
            assertThat(t.insert(row("id", Long.MAX_VALUE, "n", "last"))).isEqualTo(Long.MAX_VALUE);
            long sequence = d.sequence();

            assertThatThrownBy(() -> t.insert(row("n", "one more")))
                    .isInstanceOf(io.dictdb.DictDbException.class)
                    .hasMessageContaining("'orders'").hasMessageContaining("exhausted")
                    .hasMessageContaining(String.valueOf(Long.MAX_VALUE));
            assertThatThrownBy(() -> t.insertAll(List.of(row("id", 7L, "n", "explicit"), row("n", "auto"))))
                    .isInstanceOf(io.dictdb.DictDbException.class).hasMessageContaining("record 2 of the batch");
            assertThatThrownBy(() -> t.upsert(row("n", "auto"))).hasMessageContaining("exhausted");
            assertThat(t.count()).as("nothing inserted by the failed writes").isEqualTo(2);
            assertThat(t.get(7L)).as("the batch changed nothing").isEmpty();
            assertThat(d.sequence()).as("no change numbered").isEqualTo(sequence);
            assertThat(t.all()).extracting(r -> r.get("id")).containsExactly(1L, Long.MAX_VALUE);

            // explicit keys below the maximum still go in
            assertThat(t.insert(row("id", Long.MAX_VALUE - 1, "n", "explicit"))).isEqualTo(Long.MAX_VALUE - 1);
        }

        @Test
        void aSnapshotAndADeltaAfterTheMaxKeyCarryAValidCounterThatARestoreKeeps() throws Exception {
            DictDB d = DictDB.create();
            Table t = d.createTable("orders");
            Tracking.start(d);
            t.insert(row("id", Long.MAX_VALUE, "n", "last"));
            assertThatThrownBy(() -> t.insert(row("n", "auto"))).hasMessageContaining("exhausted");

            // what a save, a full backup and a delta write: the counters must be valid table states (>= 1)
            io.dictdb.core.change.ChangeSet delta = Tracking.capture(d);
            assertThat(delta.keyCounters()).containsExactly(new io.dictdb.spi.TableState("orders", Long.MAX_VALUE));
            io.dictdb.core.Snapshot snap = d.snapshot();
            List<io.dictdb.spi.TableState> written = new ArrayList<>();
            snap.writeTo(new StatesOnly(written));
            assertThat(written).containsExactly(new io.dictdb.spi.TableState("orders", Long.MAX_VALUE));

            // restored, the counter is still used up, and freeing the key gives it back once
            DictDB restored = Tracking.fromSnapshot(snap);
            Table r = restored.table("orders");
            assertThatThrownBy(() -> r.insert(row("n", "auto"))).hasMessageContaining("exhausted");
            r.delete(field("id").eq(Long.MAX_VALUE));
            assertThat(r.insert(row("n", "auto"))).isEqualTo(Long.MAX_VALUE);
            assertThatThrownBy(() -> r.insert(row("n", "auto"))).hasMessageContaining("exhausted");
        }
    }

    @Nested
    class PlansAndIndexes {
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
        void explainNamesTheIndexAndItsType() {
            items.createIndex("color", IndexType.HASH);
            items.createIndex("size", IndexType.SORTED);
            long reds = items.count(field("color").eq("red"));

            Plan p = items.query().where(field("color").eq("red")).explain();
            assertThat(p.indexes()).containsExactly("color");
            assertThat(p.fullScan()).isFalse();
            assertThat(p.candidates()).isEqualTo(reds);
            assertThat(p.examined()).isLessThan(items.count());
            assertThat(p.toString()).contains("color").contains("HASH");

            Plan range = items.query().where(field("size").between(10, 12)).explain();
            assertThat(range.indexes()).containsExactly("size");
            assertThat(range.fullScan()).isFalse();
            assertThat(range.toString()).contains("size").contains("SORTED");
            assertThat(range.examined()).isLessThan(items.count());

            Plan ordered = items.query().orderBy("size").limit(5).explain();
            assertThat(ordered.fullScan()).isFalse();
            assertThat(ordered.orderedByIndex()).isTrue();
            assertThat(ordered.indexes()).containsExactly("size");
            assertThat(ordered.toString()).contains("size").contains("SORTED");
            assertThat(ordered.examined()).isLessThan(items.count());

            Plan both = items.query().where(field("color").eq("red").and(field("name").startsWith("item-1")))
                    .explain();
            assertThat(both.indexes()).containsExactly("color");
            assertThat(both.fullScan()).isFalse();
        }

        @Test
        void explainSaysScanWhenNoIndexServes() {
            items.createIndex("color", IndexType.HASH);
            Plan p = items.query().where(matching(r -> r.containsKey("size"))).explain();
            assertThat(p.fullScan()).isTrue();
            assertThat(p.indexes()).isEmpty();
            assertThat(p.examined()).isEqualTo(items.count());
            assertThat(p.toString().toLowerCase()).contains("scan");

            Plan unindexed = items.query().where(field("name").eq("item-7")).explain();
            assertThat(unindexed.fullScan()).isTrue();
            assertThat(unindexed.toString().toLowerCase()).contains("scan");

            // a range on a hash index cannot be served by it
            Plan hashRange = items.query().where(field("color").gt("b")).explain();
            assertThat(hashRange.fullScan()).isTrue();
        }
    }

    /** An image writer that keeps only the table states, as a codec would have to write them. */
    private static final class StatesOnly implements io.dictdb.spi.ImageWriter {
        private final List<io.dictdb.spi.TableState> states;

        StatesOnly(List<io.dictdb.spi.TableState> states) {
            this.states = states;
        }

        @Override
        public void writeHeader(io.dictdb.spi.ImageHeader header) {
        }

        @Override
        public void beginTable(io.dictdb.spi.TableDefinition definition) {
        }

        @Override
        public void writeRecord(Record record) {
        }

        @Override
        public void endTable() {
        }

        @Override
        public void writeChange(io.dictdb.spi.Change change) {
        }

        @Override
        public void writeTableStates(List<io.dictdb.spi.TableState> list) {
            states.addAll(list);
        }

        @Override
        public void finish() {
        }

        @Override
        public void close() {
        }
    }
}
