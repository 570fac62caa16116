package io.dictdb.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ErrorHandlingTest {

    @TempDir
    static Path dir;
    private static Printed printed;

    @BeforeAll
    static void run() throws Exception {
        printed = Printed.by(out -> ErrorHandling.run(dir, out));
    }

    @Test
    void eachExceptionIsCaughtWhereItCanBeHandled() {
        assertThat(printed.line("insert -> ")).isEqualTo("insert -> ABC123");
        assertThat(printed.line("Duplicate detected (products, key ABC123): ")).contains("ABC123", "products");
        assertThat(printed.line("Table not found (orders): ")).contains("orders");
        assertThat(printed.line("Validation error (products.price): ")).contains("price");
        assertThat(printed.line("Record not found: ")).contains("products");
        assertThat(printed.line("update -> ")).isEqualTo("update -> 0");
        assertThat(printed.line("delete -> ")).isEqualTo("delete -> 1");
    }

    @Test
    void theMessagesNameWhatWentWrong() {
        assertThat(printed.line("DuplicateTableException: ")).contains("products");
        assertThat(printed.all("CodecException: ")).hasSize(2);
        assertThat(printed.all("CodecException: ").get(0)).contains("not-a-database.json");
        assertThat(printed.all("CodecException: ").get(1)).contains("xml");
        assertThat(printed.line("IllegalArgumentException: ")).contains("price");
    }

    @Test
    void retriesTransientErrorsWithGrowingDelaysOnly() {
        var retries = printed.all("Attempt ");
        assertThat(retries).hasSize(2);
        assertThat(retries.get(0)).startsWith("Attempt 1 failed (CodecException), retrying in ");
        assertThat(retries.get(1)).startsWith("Attempt 2 failed (CodecException), retrying in ");
        long first = delay(retries.get(0));
        long second = delay(retries.get(1));
        assertThat(first).isBetween(10L, 20L);
        assertThat(second).isBetween(20L, 30L);
        // ABC123 was deleted, then it and two more were inserted before the save
        assertThat(printed.line("Saved after ")).isEqualTo("Saved after 3 attempts; records in the file: 3");
        assertThat(printed.line("Not retried: ")).contains("DUP");
    }

    private static long delay(String line) {
        return Long.parseLong(line.replaceAll(".*retrying in (\\d+) ms", "$1"));
    }
}
