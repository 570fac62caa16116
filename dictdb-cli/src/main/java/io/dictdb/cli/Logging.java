package io.dictdb.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Configures Logback for the command line, programmatically: one console appender on standard error, a pattern
 * with the events' key-values, or Logback's {@link JsonEncoder} (one JSON object a line, key-values as fields).
 * The library modules only log through SLF4J; only this command line picks the backend.
 */
final class Logging {
    /** The text layout: time, level, logger, message and the event's key-values. */
    static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{24} - %msg %kvp{DOUBLE}%n";

    private Logging() {
    }

    /**
     * Replaces the logging configuration.
     *
     * @param level the root level
     * @param json JSON lines instead of text
     */
    static void configure(Main.LogLevel level, boolean json) {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (!(factory instanceof LoggerContext ctx)) {
            return; // another SLF4J backend (embedded use): leave it alone
        }
        ctx.reset();
        Encoder<ILoggingEvent> encoder;
        if (json) {
            JsonEncoder e = new JsonEncoder();
            e.setContext(ctx);
            e.start();
            encoder = e;
        } else {
            PatternLayoutEncoder e = new PatternLayoutEncoder();
            e.setContext(ctx);
            e.setPattern(PATTERN);
            e.start();
            encoder = e;
        }
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(ctx);
        appender.setName("STDERR");
        appender.setTarget("System.err");
        appender.setEncoder(encoder);
        appender.start();
        Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(level.name(), Level.WARN));
        root.addAppender(appender);
    }

    /**
     * Raises one logger to ERROR.
     *
     * @param name the logger's name
     */
    static void quiet(String name) {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx) {
            ctx.getLogger(name).setLevel(Level.ERROR);
        }
    }
}
