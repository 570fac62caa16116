package io.dictdb.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PerformanceTipsTest {

    private static final int N = 5_000;
    private static Printed printed;

    @BeforeAll
    static void run() throws Exception {
        printed = Printed.by(out -> PerformanceTips.run(N, out));
    }

    @Test
    void indexesServeEqualityAndRanges() {
        long forCustomer42 = IntStream.range(0, N).filter(i -> i % 1000 == 42).count();
        assertThat(printed.line("Search by customer_id: ")).startsWith("Search by customer_id: " + forCustomer42
                + " results").endsWith("plan: index [customer_id], examined " + forCustomer42);
        long inRange = IntStream.range(0, N).filter(i -> i * 0.99 >= 1000 && i * 0.99 <= 2000).count();
        assertThat(printed.line("Search by amount range: ")).startsWith("Search by amount range: " + inRange
                + " results").contains("plan: index [amount]");
        assertThat(printed.line("Search by status (no index): "))
                .isEqualTo("Search by status (no index): " + (N / 2) + " results; plan: full scan, examined " + N);
    }

    @Test
    void readsShareTheStoredImmutableRecords() {
        assertThat(printed.line("get and select return")).endsWith(": true");
        assertThat(printed.line("Modifying a read record: ")).endsWith("UnsupportedOperationException");
        assertThat(printed.line("with() gives a copy: "))
                .isEqualTo("with() gives a copy: Modified; stored record still: Log entry 0");
    }

    @Test
    void everyInsertStyleStoresEveryRecord() {
        assertThat(printed.line("Individual inserts: ")).startsWith("Individual inserts: " + N + " records");
        assertThat(printed.line("Batch insert: ")).startsWith("Batch insert: " + N + " records");
        assertThat(printed.line("Batch insert with batchSize(1000): ")).contains(": " + N + " records");
        assertThat(printed.line("With validation: ")).startsWith("With validation: " + N + " records");
        assertThat(printed.line("Without validation: ")).startsWith("Without validation: " + N + " records");
    }

    @Test
    void topTenWalksTheSortedIndex() {
        assertThat(printed.line("Top 10 in ")).contains("ordered by index");
        List<Integer> expectedPoints = IntStream.range(0, N).map(i -> i * 7 % 10000).boxed()
                .sorted(Comparator.reverseOrder()).limit(10).toList();
        int at = printed.lines.indexOf(printed.line("Top 10 in "));
        List<String> ranks = printed.lines.subList(at + 1, at + 11);
        for (int r = 0; r < 10; r++) {
            String line = ranks.get(r).trim();
            assertThat(line).startsWith((r + 1) + ". Player").endsWith(": " + expectedPoints.get(r) + " points");
            int player = Integer.parseInt(line.substring(line.indexOf("Player") + 6, line.indexOf(':')));
            assertThat(player * 7 % 10000).isEqualTo(expectedPoints.get(r));
        }
    }
}
