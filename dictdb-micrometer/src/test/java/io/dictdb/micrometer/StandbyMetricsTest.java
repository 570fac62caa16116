package io.dictdb.micrometer;

import io.dictdb.Table;
import io.dictdb.backup.Standby;
import io.dictdb.core.DictDB;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class StandbyMetricsTest {
    @TempDir
    Path dir;

    @Test
    void sequenceAndLagFollowTheStandby() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (DictDB primary = DictDB.open(dir); Standby standby = Standby.follow(dir)) {
            new StandbyMetrics(standby, Tags.of("app", "test")).bindTo(registry);
            String folder = dir.toString();
            var sequence = registry.get("dictdb.standby.sequence").tags("folder", folder, "app", "test").gauge();
            var lag = registry.get("dictdb.standby.lag").tags("folder", folder, "app", "test").timeGauge();
            assertThat(sequence.value()).isZero();
            Table t = primary.createTable("t", "id");
            for (long i = 0; i < 20; i++) {
                t.insert(Map.of("id", i));
            }
            assertThat(standby.awaitSequence(primary.sequence(), Duration.ofSeconds(20))).isTrue();
            assertThat(sequence.value()).isEqualTo(primary.sequence());
            assertThat(lag.baseTimeUnit()).isEqualTo(TimeUnit.SECONDS);
            // caught up once the look that applied the changes ends: then the gauge reads 0
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (lag.value(TimeUnit.SECONDS) != 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(lag.value(TimeUnit.SECONDS)).isZero();
        }
    }
}
