package io.dictdb.micrometer;

import io.dictdb.BackupException;
import io.dictdb.backup.BackupManager;
import io.dictdb.core.DictDB;
import io.dictdb.file.FileOps;
import io.dictdb.file.ForwardingFileOps;
import io.dictdb.file.ImageFiles;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackupMetricsTest {
    @TempDir
    Path dir;

    /** File operations whose next {@code create} fails while {@link #failing} is set. */
    private static final class FailingCreate extends ForwardingFileOps {
        volatile boolean failing;

        @Override
        public FileOps.WritableFile create(Path file) throws IOException {
            if (failing) {
                throw new IOException("disk full (test) creating " + file);
            }
            return super.create(file);
        }
    }

    @Test
    void backupMetersFollowSuccessesAndFailures() {
        MockClock clock = new MockClock();
        SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
        DictDB db = DictDB.create();
        db.createTable("users", "id").insert(Map.of("id", 1, "name", "ann"));
        FailingCreate ops = new FailingCreate();
        try (BackupManager backups = BackupManager.builder(db, dir).imageFiles(ImageFiles.using(ops)).build()) {
            new BackupMetrics(backups).bindTo(registry);
            String folder = dir.toString();
            var age = registry.get("dictdb.backup.last.success.age").tags("folder", folder).timeGauge();
            var failures = registry.get("dictdb.backup.failures.consecutive").tags("folder", folder).gauge();
            var bytes = registry.get("dictdb.backup.bytes").tags("folder", folder).functionCounter();
            var duration = registry.get("dictdb.backup.last.duration").tags("folder", folder).timeGauge();
            var sequence = registry.get("dictdb.backup.last.sequence").tags("folder", folder).gauge();
            assertThat(age.value(TimeUnit.SECONDS)).isNaN();
            assertThat(duration.value(TimeUnit.NANOSECONDS)).isNaN();
            assertThat(bytes.count()).isZero();

            ops.failing = true;
            assertThatThrownBy(backups::backupNow).isInstanceOf(BackupException.class);
            assertThatThrownBy(backups::backupNow).isInstanceOf(BackupException.class);
            assertThat(failures.value()).isEqualTo(2);
            assertThat(duration.value(TimeUnit.NANOSECONDS)).isNotNaN();
            assertThat(age.value(TimeUnit.SECONDS)).isNaN();

            ops.failing = false;
            backups.backupNow().orElseThrow();
            assertThat(failures.value()).isZero();
            assertThat(bytes.count()).isPositive();
            assertThat(sequence.value()).isEqualTo(db.sequence());
            // the age is read by the registry's clock: set it 90 s past the success
            long success = backups.status().lastSuccess().orElseThrow().toEpochMilli();
            clock.add(success + 90_000 - clock.wallTime(), TimeUnit.MILLISECONDS);
            assertThat(age.value(TimeUnit.SECONDS)).isEqualTo(90.0);
        }
    }
}
