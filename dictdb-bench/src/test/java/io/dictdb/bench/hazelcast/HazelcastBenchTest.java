package io.dictdb.bench.hazelcast;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Hazelcast race measures the same work everywhere: every workload of {@link HazelcastBench}, run through the
 * same sequence of arguments on the in-memory engine, the Hazelcast backend (one member) and the baseline, answers
 * the same (sums of qty, group counts, the top scores, records by key, before and after updates, new keys).
 */
@Timeout(120)
class HazelcastBenchTest {

    @Test
    void everySystemAnswersTheSame() {
        Map<HazelcastBench.Store, List<Object>> answers = new EnumMap<>(HazelcastBench.Store.class);
        for (HazelcastBench.Store store : List.of(HazelcastBench.Store.MEMORY, HazelcastBench.Store.HZ1,
                HazelcastBench.Store.BASELINE)) {
            HazelcastBench.Sys s = new HazelcastBench.Sys();
            s.system = store;
            s.records = 5_000;
            s.load();
            try {
                answers.put(store, run(new HazelcastBench(), s));
            } finally {
                s.stop();
            }
        }
        List<Object> memory = answers.get(HazelcastBench.Store.MEMORY);
        assertThat(memory).hasSize(20 * 10);
        assertThat(memory.stream().filter(a -> a instanceof Long n && n > 0)).as("non-empty results").isNotEmpty();
        assertThat(answers.get(HazelcastBench.Store.HZ1)).as("Hazelcast, one member").isEqualTo(memory);
        assertThat(answers.get(HazelcastBench.Store.BASELINE)).as("baseline").isEqualTo(memory);
    }

    private static List<Object> run(HazelcastBench bench, HazelcastBench.Sys s) {
        HazelcastBench.Cursor c = new HazelcastBench.Cursor();
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            out.add(bench.equalityOneRow(s, c));
            out.add(bench.equalityManyRows(s, c));
            out.add(bench.range(s, c));
            out.add(bench.equalityAndRange(s, c));
            out.add((long) bench.groupBy(s));
            List<Object> scores = new ArrayList<>();
            for (Object row : (List<?>) bench.top10(s)) {
                scores.add(((Map<?, ?>) row).get("score"));
            }
            out.add(scores);
            int before = c.i;
            out.add(Map.copyOf((Map<?, ?>) bench.getByKey(s, c)));
            c.i = before;
            out.add((long) bench.update(s, c));
            c.i = before;
            out.add(((Map<?, ?>) bench.getByKey(s, c)).get("qty"));
            out.add(bench.insert(s, c));
        }
        return out;
    }
}
