package io.dictdb.core.change;

import io.dictdb.IndexType;
import io.dictdb.Record;
import io.dictdb.Table;
import io.dictdb.core.DictDB;
import io.dictdb.spi.Change;
import io.dictdb.spi.IndexDefinition;
import io.dictdb.spi.TableDefinition;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.dictdb.query.Conditions.field;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link ChangeChannel#readOnly(String)}: a warm standby's database refuses every public write, naming why, while
 * the channel still applies changes; {@link ChangeChannel#applyCommit(List)} makes a commit visible whole.
 */
class ReadOnlyTest {
    private static final String WHY = "it is a standby of /data/db: promote() it to write";

    @Test
    void everyPublicWriteThrowsNamingTheReasonAndReadsGoOn() {
        DictDB db = DictDB.create();
        Table t = db.createTable("t", "id");
        t.insert(Map.of("id", 1L, "v", "a"));
        ChangeChannel channel = ChangeChannel.of(db);
        channel.readOnly(WHY);
        assertThat(channel.readOnlyReason()).contains(WHY);
        List<Runnable> writes = List.of(
                () -> t.insert(Map.of("id", 2L)),
                () -> t.insertAll(List.of(Map.of("id", 3L))),
                () -> t.upsert(Map.of("id", 1L, "v", "b")),
                () -> t.update(Map.of("v", "c"), field("id").eq(1L)),
                () -> t.delete(field("id").eq(1L)),
                t::deleteAll,
                () -> t.createIndex("v"),
                () -> db.createTable("u"),
                () -> db.dropTable("t"),
                () -> db.transaction(List.of("t"), () -> t.insert(Map.of("id", 4L))));
        for (Runnable w : writes) {
            assertThatThrownBy(w::run).isInstanceOf(IllegalStateException.class).hasMessageContaining(WHY);
        }
        assertThat(t.all()).containsExactly(Record.of("id", 1L, "v", "a"));
        assertThat(db.sequence()).isEqualTo(2);

        long s = db.sequence();
        channel.apply(List.of(new Change.Upsert(s + 1, "t", Record.of("id", 2L, "v", "applied")),
                new Change.CreateTable(s + 2, new TableDefinition("u", "id", null, List.of())),
                new Change.CreateIndex(s + 3, "t", new IndexDefinition("v", IndexType.HASH)),
                new Change.Delete(s + 4, "t", 1L)));
        assertThat(t.all()).containsExactly(Record.of("id", 2L, "v", "applied"));
        assertThat(db.hasTable("u")).isTrue();
        assertThat(t.hasIndex("v")).isTrue();
        assertThat(db.sequence()).isEqualTo(s + 4);

        channel.writable();
        assertThat(channel.readOnlyReason()).isEmpty();
        t.insert(Map.of("id", 5L));
        assertThat(t.get(5L)).isPresent();
    }

    @Test
    void aCommitAppliedWholeIsNeverSeenHalfWay() throws Exception {
        DictDB db = DictDB.create();
        db.createTable("a", "id").insert(Map.of("id", 0L, "n", 0L));
        db.createTable("b", "id").insert(Map.of("id", 0L, "n", 0L));
        ChangeChannel channel = ChangeChannel.of(db);
        channel.readOnly(WHY);
        List<String> torn = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        // Readers read consistently through snapshots: both tables at one sequence number.
        Thread snapshots = new Thread(() -> {
            while (done.getCount() > 0) {
                var snap = db.snapshot();
                long a = (Long) snap.tables().get(0).records().get(0).get("n");
                long b = (Long) snap.tables().get(1).records().get(0).get("n");
                if (a != b) {
                    torn.add("a=" + a + " b=" + b + " at " + snap.sequence());
                }
            }
        });
        snapshots.start();
        List<Integer> counts = new ArrayList<>();
        for (long n = 1; n <= 2_000; n++) {
            long s = db.sequence();
            counts.add(channel.applyCommit(List.of(new Change.Upsert(s + 1, "a", Record.of("id", 0L, "n", n)),
                    new Change.Upsert(s + 2, "b", Record.of("id", 0L, "n", n)))));
            assertThat(db.sequence()).isEqualTo(s + 2);
        }
        done.countDown();
        snapshots.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(torn).isEmpty();
        assertThat(counts).allMatch(c -> c == 2);
        assertThat(db.table("b").get(0L).orElseThrow().get("n")).isEqualTo(2_000L);
    }
}
