package io.dictdb.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ThreadSafetyTest {

    private static Printed printed;

    @BeforeAll
    static void run() throws Exception {
        printed = Printed.by(ThreadSafety::run);
    }

    @Test
    void everyReaderSeesTheSameTopTen() {
        double top = 999 * 9.99;
        assertThat(printed.all("Thread ")).hasSize(10)
                .allMatch(l -> l.endsWith(": found 10 expensive products, the first at " + top));
        long over500 = IntStream.range(0, 1000).filter(i -> i * 9.99 > 500).count();
        assertThat(printed.line("All reads completed")).endsWith(": " + over500);
    }

    @Test
    void theAtomicCounterCountsEveryIncrementAndTheRacyOneNeverMore() {
        assertThat(printed.line("Increments attempted per counter: ")).endsWith(": 2000");
        assertThat(printed.line("Atomic update counter: ")).isEqualTo("Atomic update counter: 2000");
        Matcher m = Pattern.compile("Read-then-update counter: (\\d+) \\((\\d+) updates lost\\)")
                .matcher(printed.line("Read-then-update counter: "));
        assertThat(m.matches()).isTrue();
        long racy = Long.parseLong(m.group(1));
        assertThat(racy).isBetween(1L, 2000L);
        assertThat(racy + Long.parseLong(m.group(2))).isEqualTo(2000);
    }

    @Test
    void theConsumersProcessEveryTaskOnce() {
        assertThat(printed.line("Tasks processed: ")).isEqualTo("Tasks processed: 100");
        assertThat(printed.line("Tasks completed: ")).isEqualTo("Tasks completed: 100 of 100");
        Matcher m = Pattern.compile("n=(\\d+)").matcher(printed.line("Results per worker: "));
        int sum = 0;
        while (m.find()) {
            sum += Integer.parseInt(m.group(1));
        }
        assertThat(sum).isEqualTo(100);
    }

    @Test
    void changesToTwoTablesAreSeenTogether() {
        // 4 threads x 100 orders from a stock of 1,000
        assertThat(printed.line("Orders placed: ")).isEqualTo("Orders placed: 400, widgets left: 600 of 1000");
        assertThat(printed.line("Audits of stock + orders: "))
                .isEqualTo("Audits of stock + orders: some, mismatches: 0");
    }
}
