package io.dictdb.micrometer;

import io.dictdb.backup.Standby;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Publishes a warm {@link Standby}'s progress to a Micrometer registry: {@code new StandbyMetrics(standby)
 * .bindTo(registry)}. It needs dictdb-backup, an optional dependency of this module.
 *
 * <p>Meters (tag {@code folder}: the folder followed, plus the binder's own tags):
 * <ul>
 *   <li>{@code dictdb.standby.lag} (time gauge, seconds): {@link Standby#lag()}, how long the standby has been
 *       behind what it has seen of the folder; 0 when caught up. Alert when it stays above a few seconds: the
 *       standby is stuck on a gap or a damaged file (its WARN log says which);</li>
 *   <li>{@code dictdb.standby.sequence} (gauge): {@link Standby#sequence()}, the last change applied; compare it with
 *       the primary's {@code dictdb.backup.last.sequence} or its own sequence.</li>
 * </ul>
 * The meters hold the standby weakly, as Micrometer's function meters do.
 */
public final class StandbyMetrics implements MeterBinder {
    private final Standby standby;
    private final Tags tags;

    /**
     * A binder for a standby.
     *
     * @param standby the standby
     */
    public StandbyMetrics(Standby standby) {
        this(standby, Tags.empty());
    }

    /**
     * A binder for a standby, adding tags to every meter.
     *
     * @param standby the standby
     * @param tags tags for every meter
     */
    public StandbyMetrics(Standby standby, Iterable<Tag> tags) {
        this.standby = Objects.requireNonNull(standby, "standby");
        this.tags = Tags.of(Objects.requireNonNull(tags, "tags")).and("folder", standby.directory().toString());
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        TimeGauge.builder("dictdb.standby.lag", standby, TimeUnit.NANOSECONDS, s -> (double) s.lag().toNanos())
                .tags(tags).description("How long the standby has been behind what it has seen of its folder")
                .register(registry);
        Gauge.builder("dictdb.standby.sequence", standby, Standby::sequence)
                .tags(tags).description("The sequence number of the last change the standby applied")
                .register(registry);
    }
}
