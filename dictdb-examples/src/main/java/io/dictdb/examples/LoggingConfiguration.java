package io.dictdb.examples;

import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.LoggerFactory;
import org.slf4j.event.KeyValuePair;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.dictdb.Table;
import io.dictdb.core.DictDB;

/**
 * Python DictDB's "Logging Configuration", the Java way. DictDB logs through SLF4J and never configures logging: the
 * application picks a backend and its configuration. This module uses Logback and ships three configurations:
 * <ul>
 *   <li>{@code logback.xml} (the default): console, INFO;</li>
 *   <li>{@code logback-file.xml}: console at WARN, everything at INFO and above also to a rolling file
 *       ({@code ${dictdb.log.dir}/dictdb.log}, default {@code logs/});</li>
 *   <li>{@code logback-json.xml}: one JSON object per line (Logback's {@code JsonEncoder}), with DictDB's
 *       key-values ({@code op}, {@code table}, {@code count}, ...) as fields, for ELK, Loki or Splunk.</li>
 * </ul>
 * Choose one with {@code -Dlogback.configurationFile=logback-json.xml}. DEBUG events of the hot paths (insert,
 * select, update, delete) can be sampled with {@code DictDB.builder().debugLogSampling(N)}: one in N is logged.
 */
public final class LoggingConfiguration {

    private LoggingConfiguration() {
    }

    /**
     * Runs the example, printing to standard output.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        run(1000, 100, System.out);
    }

    /**
     * Logs a few INFO events through the selected configuration, then counts the DEBUG events of {@code inserts}
     * inserts, without and with sampling.
     *
     * @param inserts the number of single inserts per database
     * @param sampling the sampling period of the second database
     * @param out where to print what it does
     */
    static void run(int inserts, int sampling, PrintStream out) {
        out.println("Logging configuration: "
                + System.getProperty("logback.configurationFile", "logback.xml (the default)"));

        // INFO events with key-values: op=create_table, table=users, field=id.
        DictDB db = DictDB.create();
        db.createTable("users");
        db.table("users").createIndex("email");

        int everyEvent = debugInsertEvents(DictDB.create(), inserts);
        int sampled = debugInsertEvents(DictDB.builder().debugLogSampling(sampling).build(), inserts);
        out.println("DEBUG insert events for " + inserts + " inserts: " + everyEvent + " without sampling, "
                + sampled + " with debugLogSampling(" + sampling + ")");
    }

    /**
     * Turns DEBUG on for {@code io.dictdb}, inserts {@code inserts} records one by one into a new table
     * {@code events} of {@code db}, and counts the DEBUG insert events logged; then puts the logging back as it was.
     *
     * @param db the database
     * @param inserts the number of single inserts
     * @return the number of DEBUG events with {@code op=insert}
     */
    static int debugInsertEvents(DictDB db, int inserts) {
        // DEBUG for io.dictdb only, as configure_logging(level="DEBUG") would; here in code, usually in the XML:
        //   <logger name="io.dictdb" level="DEBUG"/>
        Logger dictdbLogger = (Logger) LoggerFactory.getLogger("io.dictdb");
        Level before = dictdbLogger.getLevel();
        boolean additive = dictdbLogger.isAdditive();
        InsertEventCounter counter = new InsertEventCounter();
        counter.setContext(dictdbLogger.getLoggerContext());
        counter.start();
        dictdbLogger.addAppender(counter);
        dictdbLogger.setLevel(Level.DEBUG);
        dictdbLogger.setAdditive(false); // keep thousands of DEBUG lines off the console in this demo
        try {
            Table events = db.createTable("events");
            for (int i = 0; i < inserts; i++) {
                events.insert(Map.of("type", "click", "page", "/page/" + i));
            }
            return counter.count.get();
        } finally {
            dictdbLogger.setLevel(before);
            dictdbLogger.setAdditive(additive);
            dictdbLogger.detachAppender(counter);
            counter.stop();
        }
    }

    /** Counts the DEBUG events whose key-values say {@code op=insert}. */
    private static final class InsertEventCounter extends AppenderBase<ILoggingEvent> {
        final AtomicInteger count = new AtomicInteger();

        @Override
        protected void append(ILoggingEvent event) {
            if (event.getLevel() == Level.DEBUG && event.getKeyValuePairs() != null) {
                for (KeyValuePair kv : event.getKeyValuePairs()) {
                    if (kv.key.equals("op") && "insert".equals(kv.value)) {
                        count.incrementAndGet();
                    }
                }
            }
        }
    }
}
