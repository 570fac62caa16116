package io.dictdb.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Runs the Micrometer example and checks the meters it printed. */
class MonitoringTest {

    @Test
    void printsTheMetersOfTheTableAndTheBackups() throws Exception {
        Printed printed = Printed.by(Monitoring::run);
        assertThat(printed.line("users records: ")).isEqualTo("users records: 2.0");
        assertThat(printed.line("users inserts: ")).isEqualTo("users inserts: 1.0");
        String all = String.join("\n", printed.lines);
        assertThat(all).contains("dictdb.records(GAUGE)[table='users']; value=2.0",
                "dictdb.operations(COUNTER)[kind='lookup', table='users']; count=1.0",
                "dictdb.backup.failures.consecutive(GAUGE)", "dictdb.backup.last.success.age(GAUGE)",
                "dictdb.transactions(TIMER)[outcome='commit']");
    }
}
