package io.dictdb.core.logging;

import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.event.LoggingEvent;
import org.slf4j.helpers.AbstractLogger;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.LoggingEventAware;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A test-only SLF4J 2 provider that keeps every event with its key-values in memory, so tests can check what the
 * library logs. Every level is enabled, which also exercises the logging paths in every test of this module.
 */
public final class CapturingProvider implements SLF4JServiceProvider {
    /** One captured event. */
    public record Event(String logger, Level level, String message, Map<String, Object> keyValues) {
    }

    private static final List<Event> EVENTS = new CopyOnWriteArrayList<>();
    private static volatile boolean capturing;
    private final Map<String, Logger> loggers = new ConcurrentHashMap<>();
    private final ILoggerFactory factory = name -> loggers.computeIfAbsent(name, CapturingLogger::new);
    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new NOPMDCAdapter();

    /** Starts keeping events, dropping those kept before. */
    public static void start() {
        EVENTS.clear();
        capturing = true;
    }

    /**
     * Stops keeping events and returns them.
     *
     * @return the events since {@link #start()}
     */
    public static List<Event> stop() {
        capturing = false;
        List<Event> out = new ArrayList<>(EVENTS);
        EVENTS.clear();
        return out;
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return factory;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
    }

    private static final class CapturingLogger extends AbstractLogger implements LoggingEventAware {
        private static final long serialVersionUID = 1L;

        CapturingLogger(String name) {
            this.name = name;
        }

        @Override
        public void log(LoggingEvent event) {
            if (!capturing) {
                return;
            }
            Map<String, Object> kv = new LinkedHashMap<>();
            if (event.getKeyValuePairs() != null) {
                event.getKeyValuePairs().forEach(p -> kv.put(p.key, p.value));
            }
            String msg = MessageFormatter.basicArrayFormat(event.getMessage(), event.getArgumentArray());
            EVENTS.add(new Event(name, event.getLevel(), msg, kv));
        }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(Level level, Marker marker, String messagePattern,
                                                   Object[] arguments, Throwable throwable) {
            if (capturing) {
                EVENTS.add(new Event(name, level, MessageFormatter.basicArrayFormat(messagePattern, arguments),
                        Map.of()));
            }
        }

        @Override
        public boolean isTraceEnabled() {
            return true;
        }

        @Override
        public boolean isTraceEnabled(Marker marker) {
            return true;
        }

        @Override
        public boolean isDebugEnabled() {
            return true;
        }

        @Override
        public boolean isDebugEnabled(Marker marker) {
            return true;
        }

        @Override
        public boolean isInfoEnabled() {
            return true;
        }

        @Override
        public boolean isInfoEnabled(Marker marker) {
            return true;
        }

        @Override
        public boolean isWarnEnabled() {
            return true;
        }

        @Override
        public boolean isWarnEnabled(Marker marker) {
            return true;
        }

        @Override
        public boolean isErrorEnabled() {
            return true;
        }

        @Override
        public boolean isErrorEnabled(Marker marker) {
            return true;
        }
    }
}
