package io.dictdb.table.tck;

import io.dictdb.IndexType;
import io.dictdb.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static io.dictdb.query.Aggregates.count;
import static io.dictdb.query.Conditions.all;
import static io.dictdb.query.Conditions.field;
import static io.dictdb.query.Conditions.matching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Real threads, bounded time: atomic read-modify-write of one record and of many, no starved writer. Operations
 * per thread scale with {@code workScale()}; {@code -Ddictdb.longTests=true} runs longer.
 */
@Timeout(value = 360, unit = TimeUnit.SECONDS)   // a backstop: the workers fail a hang after 15 s (300 s with long tests)
public abstract class ConcurrencyKit extends KitBase {

    private static final boolean LONG = Boolean.getBoolean("dictdb.longTests");
    private static final int SCALE = LONG ? 10 : 1;
    private static final Duration DEADLINE = Duration.ofSeconds(LONG ? 300 : 15);

    private static Map<String, Object> row(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    // ------------------------------------------------------------------ atomic read-modify-write

    @Test
    void eightThreadsTimesTenThousandIncrementsEndAtExactly80000() {
        Table counters = db.createTable("counters");
        counters.createIndex("n", IndexType.SORTED);
        for (int i = 0; i < 10; i++) {
            counters.insert(row("n", 0L, "name", "c" + i));
        }
        int threads = 8;
        int perThread = examples(10_000 * SCALE);
        Workers w = new Workers();
        for (int t = 0; t < threads; t++) {
            w.add("inc-" + t, () -> {
                for (int i = 0; i < perThread; i++) {
                    int updated = counters.update(r -> r.with("n", r.getLong("n") + 1), field("id").eq(1L));
                    assertThat(updated).isEqualTo(1);
                }
            });
        }
        w.run(DEADLINE);
        long expected = (long) threads * perThread;
        assertThat(counters.get(1L).orElseThrow().getLong("n")).isEqualTo(expected);
        // the index followed every write
        assertThat(counters.select(field("n").eq(expected))).extracting(r -> r.get("id")).containsExactly(1L);
        assertThat(counters.count(field("n").eq(0L))).isEqualTo(9);
        assertThat(counters.index("n").orElseThrow().distinctKeys()).isEqualTo(2);
    }

    @Test
    void concurrentIncrementsOverManyRecordsLoseNothing() {
        Table t = db.createTable("many");
        t.createIndex("group", IndexType.HASH);
        for (int i = 0; i < 40; i++) {
            t.insert(row("group", "g" + (i % 4), "n", 0L));
        }
        int perThread = examples(1_500 * SCALE);
        Workers w = new Workers();
        for (int k = 0; k < 4; k++) {
            String group = "g" + k;
            w.add("group-" + k, () -> {
                for (int i = 0; i < perThread; i++) {
                    t.update(r -> r.with("n", r.getLong("n") + 1), field("group").eq(group));
                }
            });
            w.add("all-" + k, () -> {
                for (int i = 0; i < perThread / 3; i++) {
                    t.update(r -> r.with("n", r.getLong("n") + 1), all());
                }
            });
        }
        w.run(DEADLINE);
        long expected = perThread + 4L * (perThread / 3);
        assertThat(t.all()).hasSize(40).allSatisfy(r -> assertThat(r.getLong("n")).isEqualTo(expected));
    }

    // ------------------------------------------------------------------ starvation

    @Test
    void aWriterIsNotStarvedByContinuousReaders() {
        Table t = db.createTable("hot");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < examples(20_000); i++) {
            rows.add(row("n", i, "s", "v" + i));
        }
        t.insertAll(rows);
        AtomicLong reads = new AtomicLong();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        int writes = examples(40 * SCALE);

        Workers w = new Workers();
        for (int r = 0; r < 4; r++) {
            w.add("reader-" + r, () -> {
                while (!w.stop.get()) {
                    // full scans that each hold the read lock for a while, overlapping one another
                    t.query().where(matching(rec -> rec.getString("s").endsWith("7"))).count();
                    t.all();
                    reads.incrementAndGet();
                }
            });
        }
        w.add("writer", () -> {
            // let the readers get going first
            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
            while (System.nanoTime() < until && reads.get() < 8) {
                Thread.onSpinWait();
            }
            for (int i = 0; i < writes; i++) {
                long start = System.nanoTime();
                t.insert(row("n", -i, "s", "writer"));
                latencies.add(System.nanoTime() - start);
            }
        });
        w.run(DEADLINE, "writer");

        assertThat(latencies).hasSize(writes);
        long worstMillis = TimeUnit.NANOSECONDS.toMillis(Collections.max(latencies));
        assertThat(worstMillis).as("worst write latency under 4 continuous readers (ms)").isLessThan(2_000);
        assertThat(reads.get()).isPositive();
        assertThat(t.count(field("s").eq("writer"))).isEqualTo(writes);
    }
}
