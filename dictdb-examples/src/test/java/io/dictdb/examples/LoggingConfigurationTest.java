package io.dictdb.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LoggingConfigurationTest {

    @Test
    void samplingLogsOneDebugEventInN() throws Exception {
        int inserts = 250;
        int sampling = 20;
        Printed printed = Printed.by(out -> LoggingConfiguration.run(inserts, sampling, out));
        int sampled = (inserts + sampling - 1) / sampling; // events 0, N, 2N, ... are logged
        assertThat(printed.line("DEBUG insert events for ")).isEqualTo("DEBUG insert events for " + inserts
                + " inserts: " + inserts + " without sampling, " + sampled + " with debugLogSampling(" + sampling
                + ")");
        assertThat(printed.line("Logging configuration: ")).isEqualTo(
                "Logging configuration: logback.xml (the default)");
    }
}
