package io.dictdb.core.log;

import org.slf4j.Logger;
import org.slf4j.spi.LoggingEventBuilder;
import org.slf4j.spi.NOPLoggingEventBuilder;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Lets one in N DEBUG events of the hot paths through, so that DEBUG logging stays affordable under load.
 */
public final class DebugSampler {
    private final int everyN;
    private final AtomicLong seen = new AtomicLong();

    /**
     * Creates a sampler.
     *
     * @param everyN the period, at least 1
     */
    public DebugSampler(int everyN) {
        this.everyN = Math.max(1, everyN);
    }

    /**
     * A DEBUG event builder for a hot-path event: the logger's when DEBUG is on and this event is sampled, a
     * no-op builder otherwise.
     *
     * @param log the logger
     * @return the event builder
     */
    public LoggingEventBuilder debug(Logger log) {
        if (!log.isDebugEnabled()) {
            return NOPLoggingEventBuilder.singleton();
        }
        if (everyN > 1 && seen.getAndIncrement() % everyN != 0) {
            return NOPLoggingEventBuilder.singleton();
        }
        return log.atDebug();
    }
}
