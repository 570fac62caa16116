package io.dictdb.cli;

import io.dictdb.Database;
import io.dictdb.backup.Standby;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dictdb standby DIR}: follows a database folder as a warm standby and prints its sequence and lag. */
@Command(name = "standby", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Follow a database folder (a primary's DictDB.open folder with its backups) as a warm "
                + "standby: load its newest backup chain, apply its deltas and journal as they appear, and print "
                + "the sequence reached and the lag every interval, until --for has passed or Ctrl-C.",
            "Nothing in the folder is changed, cut or locked."})
final class StandbyCommand extends CommandBase {
    @Parameters(index = "0", paramLabel = "DIR", description = "The primary's folder.")
    Path dir;

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "1s", converter = DurationConverter.class,
            description = "How often to print the sequence and lag (default: ${DEFAULT-VALUE}; 500ms, 2s, 1m...).")
    Duration interval;

    @Option(names = "--for", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Stop after this long (default: run until Ctrl-C).")
    Duration duration;

    @Option(names = "--journal-format", paramLabel = "CODEC", defaultValue = "json",
            description = "The codec the primary's journal is written with (default: ${DEFAULT-VALUE}).")
    String journalFormat;

    @Override
    int run() throws Exception {
        Support.requireFolder(dir);
        PrintWriter out = out();
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        // Ctrl-C: the hook ends the loop and waits for the last line, so the run ends with where it stopped.
        Thread hook = new Thread(() -> {
            stop.countDown();
            try {
                stopped.await(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "dictdb-standby-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try (Standby standby = Standby.builder(dir).journalFormat(journalFormat).follow()) {
            out.printf("following %s from sequence %d%n", dir, standby.sequence());
            out.flush();
            long deadline = duration == null ? Long.MAX_VALUE : System.nanoTime() + duration.toNanos();
            while (true) {
                long left = deadline - System.nanoTime();
                long wait = Math.min(interval.toNanos(), Math.max(0, left));
                boolean ended = stop.await(wait, TimeUnit.NANOSECONDS) || deadline - System.nanoTime() <= 0;
                out.printf("%s%n", line(standby));
                out.flush();
                if (ended) {
                    break;
                }
            }
            out.printf("stopped at sequence %d%n", standby.sequence());
        } finally {
            stopped.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // shutting down (Ctrl-C): the hook is running
            }
        }
        return 0;
    }

    /** One status line: sequence, lag, tables and records. */
    private static String line(Standby standby) {
        Database db = standby.database();
        long records = 0;
        int tables = 0;
        for (String name : db.tableNames()) {
            var t = db.findTable(name);
            if (t.isPresent()) {
                records += t.get().count();
                tables++;
            }
        }
        return "sequence " + standby.sequence() + "  lag " + Support.millis(standby.lag().toNanos()) + "  "
                + tables + (tables == 1 ? " table, " : " tables, ") + Support.count(records) + " records";
    }
}
