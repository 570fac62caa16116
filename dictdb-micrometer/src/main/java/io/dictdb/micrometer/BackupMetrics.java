package io.dictdb.micrometer;

import io.dictdb.backup.BackupManager;
import io.dictdb.backup.BackupStatus;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Publishes a {@link BackupManager}'s {@link BackupManager#status() status} to a Micrometer registry:
 * {@code new BackupMetrics(backups).bindTo(registry)}. It needs dictdb-backup, an optional dependency of this module.
 *
 * <p>Meters (tag {@code folder}: the backup folder, plus the binder's own tags):
 * <ul>
 *   <li>{@code dictdb.backup.last.success.age} (time gauge, seconds): how long ago the last backup succeeded, by the
 *       registry's clock; NaN before the first success. Alert when it passes a few backup intervals;</li>
 *   <li>{@code dictdb.backup.failures.consecutive} (gauge): backups failed since the last success;</li>
 *   <li>{@code dictdb.backup.bytes} (function counter, bytes): bytes written by this manager's successful backups;</li>
 *   <li>{@code dictdb.backup.last.duration} (time gauge): how long the last backup (success or failure) took; NaN
 *       before the first;</li>
 *   <li>{@code dictdb.backup.deltas.since.full} (gauge): deltas written since the last full backup;</li>
 *   <li>{@code dictdb.backup.last.sequence} (gauge): the sequence number the last success covers (-1 before any).</li>
 * </ul>
 * The meters hold the manager weakly, as Micrometer's function meters do.
 */
public final class BackupMetrics implements MeterBinder {
    private final BackupManager manager;
    private final Tags tags;

    /**
     * A binder for a backup manager.
     *
     * @param manager the manager
     */
    public BackupMetrics(BackupManager manager) {
        this(manager, Tags.empty());
    }

    /**
     * A binder for a backup manager, adding tags to every meter.
     *
     * @param manager the manager
     * @param tags tags for every meter
     */
    public BackupMetrics(BackupManager manager, Iterable<Tag> tags) {
        this.manager = Objects.requireNonNull(manager, "manager");
        this.tags = Tags.of(Objects.requireNonNull(tags, "tags")).and("folder", manager.directory().toString());
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        TimeGauge.builder("dictdb.backup.last.success.age", manager, TimeUnit.MILLISECONDS, m -> {
                    BackupStatus s = m.status();
                    if (s.lastSuccess().isEmpty()) {
                        return Double.NaN;
                    }
                    // whole milliseconds on both sides: the registry's wall clock has no finer grain
                    return Math.max(0, registry.config().clock().wallTime() - s.lastSuccess().get().toEpochMilli());
                })
                .tags(tags).description("Time since the last successful backup").register(registry);
        Gauge.builder("dictdb.backup.failures.consecutive", manager, m -> m.status().consecutiveFailures())
                .tags(tags).description("Backups failed since the last success").register(registry);
        FunctionCounter.builder("dictdb.backup.bytes", manager, m -> m.status().bytesWritten())
                .tags(tags).baseUnit("bytes").description("Bytes written by successful backups").register(registry);
        TimeGauge.builder("dictdb.backup.last.duration", manager, TimeUnit.NANOSECONDS,
                        m -> m.status().lastDuration().map(d -> (double) d.toNanos()).orElse(Double.NaN))
                .tags(tags).description("How long the last backup took, success or failure").register(registry);
        Gauge.builder("dictdb.backup.deltas.since.full", manager, m -> m.status().deltasSinceFull())
                .tags(tags).description("Deltas written since the last full backup").register(registry);
        Gauge.builder("dictdb.backup.last.sequence", manager, m -> m.status().lastSequence())
                .tags(tags).description("The sequence number the last successful backup covers").register(registry);
    }
}
