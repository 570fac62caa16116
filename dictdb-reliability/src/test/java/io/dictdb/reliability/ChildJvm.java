package io.dictdb.reliability;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * The child JVM of a crash trial: runs a main class on this JVM's class path, reads what it prints line by line, and
 * kills it with SIGKILL, either when a line asks for it (the child announced that it paused inside a chosen phase) or
 * a given time after the child printed {@code READY} (a random moment). The kill goes through the child's
 * {@link ProcessHandle#destroyForcibly()}, which sends the same SIGKILL as {@link Process#destroyForcibly()} but leaves
 * the pipe open: every line printed before the kill is still read (the process's own destroy closes its streams, and
 * lines not yet read would be lost, so acknowledged writes would go unchecked).
 */
public final class ChildJvm {
    /** The child's JVM options: small and quick to start, as trials start hundreds of them. */
    private static final List<String> OPTIONS = List.of("-Xmx128m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
            "-Xshare:auto");
    /** How long a child may take to print {@code READY}. */
    private static final long START_SECONDS = 60;

    private ChildJvm() {
    }

    /**
     * How a run ended.
     *
     * @param ready whether the child printed {@code READY}
     * @param killedBy {@code "line"} when a line asked for the kill, {@code "timer"} when the time ran out,
     *     {@code "start"} when the child was not ready in time, null when the child was not killed
     * @param exitedAlone whether the child ended by itself before any kill (a crash of its own: the trial is void)
     * @param errorTail the end of the child's standard error, for a report
     */
    public record Outcome(boolean ready, String killedBy, boolean exitedAlone, String errorTail) {
        /**
         * What went wrong with the run itself, or null: ended by itself, or not ready and not killed on a line.
         *
         * @return the problem, or null
         */
        public String problem() {
            if (exitedAlone) {
                return "the child exited by itself: " + errorTail;
            }
            if (!ready && !"line".equals(killedBy)) {
                // a kill asked for by a line before READY is a kill like any other: a phase reached while the child
                // was starting (its first commit, say); only a child that died or hung before READY voids the trial
                return "the child was not ready (" + killedBy + "): " + errorTail;
            }
            return null;
        }
    }

    /**
     * Runs a child until it is killed (or ends).
     *
     * @param main the child's main class, on this JVM's class path
     * @param args its arguments
     * @param errorFile where its standard error goes (deleted after the run, its tail kept in the outcome)
     * @param killAfterReadyMs the kill's delay after {@code READY}
     * @param onLine every other line, in order, on the calling thread; returns true to kill the child now
     * @return how the run ended
     * @throws IOException if the child cannot be started
     * @throws InterruptedException if interrupted while waiting for the child's end
     */
    public static Outcome run(Class<?> main, List<String> args, Path errorFile, long killAfterReadyMs,
                              Predicate<String> onLine) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(OPTIONS);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.redirectError(errorFile.toFile());
        Process p = pb.start();
        AtomicReference<String> killedBy = new AtomicReference<>();
        boolean ready = false;
        Thread killer = new Thread(() -> {
            try {
                Thread.sleep(TimeUnit.SECONDS.toMillis(START_SECONDS));
                kill(p, killedBy, "start");
            } catch (InterruptedException e) {
                // ready in time: the timer below takes over
            }
        });
        killer.setDaemon(true);
        killer.start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!ready && line.equals("READY")) {
                    ready = true;
                    killer.interrupt();
                    killer.join();
                    killer = new Thread(() -> {
                        try {
                            Thread.sleep(killAfterReadyMs);
                            kill(p, killedBy, "timer");
                        } catch (InterruptedException e) {
                            // killed by a line already
                        }
                    });
                    killer.setDaemon(true);
                    killer.start();
                } else if (onLine.test(line)) {
                    kill(p, killedBy, "line");
                }
            }
        } finally {
            killer.interrupt();
            boolean exitedAlone = killedBy.get() == null && p.waitFor(200, TimeUnit.MILLISECONDS);
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
            if (exitedAlone) {
                killedBy.compareAndSet(null, "itself");
            }
        }
        boolean exitedAlone = "itself".equals(killedBy.get());
        String tail = tail(errorFile);
        Files.deleteIfExists(errorFile);
        return new Outcome(ready, exitedAlone ? null : killedBy.get(), exitedAlone, tail);
    }

    private static void kill(Process p, AtomicReference<String> killedBy, String why) {
        killedBy.compareAndSet(null, why);
        p.toHandle().destroyForcibly(); // SIGKILL; the pipe keeps what was printed
    }

    private static String tail(Path file) {
        try {
            String s = Files.readString(file);
            return s.substring(Math.max(0, s.length() - 2000));
        } catch (IOException e) {
            return e.toString();
        }
    }
}
