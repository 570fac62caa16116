package io.dictdb.hazelcast.cluster;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A member in a child JVM ({@link ChildMember}), started with this JVM's {@code java} binary. Every child is
 * destroyed forcibly by {@link #close()}, and by a shutdown hook if the test JVM exits first; a child also halts when
 * its standard input ends, so none survives its test.
 */
final class Child implements AutoCloseable {
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly),
                "dictdb-child-members-reaper"));
    }

    /** Entries of the test class path that hold DictDB's main classes: {@code dictdb-x/target/classes} or a jar. */
    private static final Pattern DICTDB_CLASSES =
            Pattern.compile(".*[/\\\\]dictdb-[a-z-]+[/\\\\]target[/\\\\]classes[/\\\\]?|.*[/\\\\]dictdb-[a-z-]+-[^/\\\\]*\\.jar");

    private final Process process;
    private final UUID uuid;
    private final int port;
    private final Deque<String> lastLines;

    private Child(Process process, UUID uuid, int port, Deque<String> lastLines) {
        this.process = process;
        this.uuid = uuid;
        this.port = port;
        this.lastLines = lastLines;
    }

    /**
     * Starts a member in a child JVM with this JVM's class path and waits for its READY line.
     *
     * @param cluster the cluster's name
     * @param port its port
     * @param ports the join list
     * @return the running child
     */
    static Child start(String cluster, int port, int[] ports) {
        return start(cluster, port, ports, System.getProperty("java.class.path"));
    }

    /**
     * Starts a member in a child JVM whose class path is this JVM's without DictDB's main classes (every module's
     * {@code target/classes} and {@code dictdb-*.jar}): a member with Hazelcast only, as a production cluster
     * would run. Anything the backend sends to members as code (an entry processor, a custom predicate or
     * aggregator) fails there.
     *
     * @param cluster the cluster's name
     * @param port its port
     * @param ports the join list
     * @return the running child
     */
    static Child startBare(String cluster, int port, int[] ports) {
        return start(cluster, port, ports, bareClassPath());
    }

    /**
     * This JVM's class path without DictDB's main classes.
     *
     * @return the class path
     */
    static String bareClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(Pattern.quote(File.pathSeparator)))
                .filter(e -> !DICTDB_CLASSES.matcher(e).matches())
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static Child start(String cluster, int port, int[] ports, String classPath) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                // the access Hazelcast asks for on JDK 9+ (without it, a warning and slower paths)
                "--add-modules", "java.se", "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED",
                "--add-opens", "java.base/java.lang=ALL-UNNAMED", "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
                "-cp", classPath, ChildMember.class.getName(), cluster, Integer.toString(port)));
        for (int p : ports) {
            command.add(Integer.toString(p));
        }
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a child member on port " + port, e);
        }
        LIVE.add(process);
        Deque<String> last = new ArrayDeque<>();
        CompletableFuture<UUID> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    if (line.startsWith("READY ")) {
                        ready.complete(UUID.fromString(line.substring(6).trim()));
                    }
                    synchronized (last) {
                        last.addLast(line);
                        if (last.size() > 40) {
                            last.removeFirst();
                        }
                    }
                }
            } catch (IOException ignored) {
                // the child is gone
            }
            ready.completeExceptionally(new IllegalStateException("the child member ended before READY"));
        }, "child-member-" + port);
        reader.setDaemon(true);
        reader.start();
        try {
            UUID uuid = ready.get(60, TimeUnit.SECONDS);
            return new Child(process, uuid, port, last);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            LIVE.remove(process);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            String output;
            synchronized (last) {
                output = String.join("\n", last);
            }
            throw new AssertionError("the child member on port " + port + " did not print READY within 60 s ("
                    + e + "); its last output:\n" + output, e);
        }
    }

    /** @return the member's UUID */
    UUID uuid() {
        return uuid;
    }

    /** @return the member's port */
    int port() {
        return port;
    }

    /** @return the child's process id */
    long pid() {
        return process.pid();
    }

    /**
     * Kills the child with SIGKILL ({@link Process#destroyForcibly()}) and waits up to 10 s for it to be gone.
     *
     * @return the time the kill took
     */
    Duration kill() {
        long start = System.nanoTime();
        process.destroyForcibly();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                throw new AssertionError("the child member " + process.pid() + " survived SIGKILL for 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while killing the child member", e);
        } finally {
            LIVE.remove(process);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** @return the child's last lines of output, for a failure message */
    String lastOutput() {
        synchronized (lastLines) {
            return String.join("\n", lastLines);
        }
    }

    /** Kills the child if it still runs. */
    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
        LIVE.remove(process);
    }
}
