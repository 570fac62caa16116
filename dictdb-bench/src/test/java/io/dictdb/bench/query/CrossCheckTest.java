package io.dictdb.bench.query;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The races compare the same work: every system gives the same answer to each benchmark's query. */
class CrossCheckTest {

    @Test
    void everySystemGivesTheSameAnswers() throws Exception {
        // small, so that the test stays quick; every benchmark's query still returns rows at this size
        assertThat(CrossCheck.failures(5_000)).isEmpty();
    }

    @Test
    void aDifferenceOrAnEmptyAnswerIsReported() {
        List<String> failures = new ArrayList<>();
        CrossCheck.check(failures, "range", new TreeSet<>(List.of(1L, 2L)), new TreeSet<>(List.of(1L, 2L)),
                new TreeSet<>(List.of(1L)));
        assertThat(failures).singleElement().asString().startsWith("range: system 2 differs");
        failures.clear();
        CrossCheck.check(failures, "and", new TreeSet<Long>(), new TreeSet<Long>());
        assertThat(failures).singleElement().asString().contains("empty answer");
    }
}
