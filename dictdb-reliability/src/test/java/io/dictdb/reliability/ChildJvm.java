package io.dictdb.reliability;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM that runs a class of this suite with the test class path and the flags the crash trials use (small
 * heap, C1 only, so it starts fast), whose standard output is collected line by line, and which is killed with
 * SIGKILL ({@code destroyForcibly}): the pipe keeps every line printed before the kill. The child prints
 * {@code READY} once it is set up.
 */
public final class ChildJvm implements AutoCloseable {
    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final CountDownLatch ready = new CountDownLatch(1);
    private final Thread reader;

    private ChildJvm(Process process) {
        this.process = process;
        this.reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(line);
                    if (line.equals("READY")) {
                        ready.countDown();
                    }
                }
            } catch (IOException e) {
                // the process was killed
            }
        }, "child-jvm-output");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts {@code main} of a class in a child JVM.
     *
     * @param main the class
     * @param stderr where the child's standard error goes
     * @param args its arguments
     * @return the child, running
     * @throws IOException if it cannot be started
     */
    public static ChildJvm start(Class<?> main, Path stderr, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
                "-cp", System.getProperty("java.class.path"), main.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.redirectError(stderr.toFile());
        return new ChildJvm(pb.start());
    }

    /**
     * Waits for the child's {@code READY}.
     *
     * @param seconds how long at most
     * @throws AssertionError if it did not print it in time (with what it printed)
     * @throws InterruptedException if interrupted
     */
    public void awaitReady(long seconds) throws InterruptedException {
        if (!ready.await(seconds, TimeUnit.SECONDS)) {
            throw new AssertionError("the child JVM did not print READY within " + seconds + " s: " + lines);
        }
    }

    /**
     * Kills the child with SIGKILL and waits for it to end and for its output to be read.
     *
     * @throws InterruptedException if interrupted
     */
    public void kill() throws InterruptedException {
        process.toHandle().destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
        reader.join(10_000);
    }

    /**
     * Whether the child is still running.
     *
     * @return true while alive
     */
    public boolean alive() {
        return process.isAlive();
    }

    /**
     * The lines the child printed so far.
     *
     * @return the lines
     */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
