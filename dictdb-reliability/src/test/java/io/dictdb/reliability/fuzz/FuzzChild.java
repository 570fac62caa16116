package io.dictdb.reliability.fuzz;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The fuzzing child JVM (run with {@code -Xmx256m} by {@link FuzzTrialTest}): feeds mutated seeds of one codec to
 * {@link FuzzTarget#direct} and {@link FuzzTarget#framed} until the input count or the wall time is reached. A
 * watchdog thread ends the JVM (exit 3) when one input takes longer than the per-input limit, after writing the
 * input to the output folder; an {@link OutOfMemoryError} is written there too (exit 4); any other crash is written
 * there and counted. The last line is {@code FUZZ codec=... inputs=... crashes=... hangs=0 ...}.
 *
 * <p>Arguments: codec, seed, max inputs, wall seconds, output folder, per-input limit in milliseconds.
 */
public final class FuzzChild {
    private static volatile long startedAt;
    private static volatile byte[] current;
    private static volatile String currentName = "";

    private FuzzChild() {
    }

    /**
     * Runs the fuzzer.
     *
     * @param args codec, seed, max inputs, wall seconds, output folder, per-input limit (ms)
     * @throws Exception if the output folder cannot be written
     */
    public static void main(String[] args) throws Exception {
        String codec = args[0];
        long seed = Long.parseLong(args[1]);
        long max = Long.parseLong(args[2]);
        long deadline = System.nanoTime() + Long.parseLong(args[3]) * 1_000_000_000L;
        Path out = Path.of(args[4]);
        long limitNanos = Long.parseLong(args[5]) * 1_000_000L;
        Files.createDirectories(out);
        Thread watchdog = new Thread(() -> {
            while (true) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
                long s = startedAt;
                if (s != 0 && System.nanoTime() - s > limitNanos) {
                    Path f = out.resolve("hang-" + currentName + ".bin");
                    try {
                        Files.write(f, current);
                    } catch (Exception e) {
                        // reported below anyway
                    }
                    System.out.println("HANG " + currentName + " over " + limitNanos / 1_000_000 + " ms, input in " + f);
                    System.out.flush();
                    Runtime.getRuntime().halt(3);
                }
            }
        }, "fuzz-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();

        List<FuzzTarget.Seed> seeds = FuzzTarget.seeds(codec);
        List<byte[]> payloads = new ArrayList<>();
        for (FuzzTarget.Seed s : seeds) {
            payloads.add(s.payload());
        }
        byte[] fullFile = FuzzTarget.frame(seeds.get(0).headerLine(), seeds.get(0).payload());
        Mutator mutator = new Mutator(codec, payloads);
        Random rnd = new Random(seed);
        long inputs = 0;
        long[] counts = new long[4]; // direct refused, direct decoded, framed refused, framed decoded
        int crashes = 0;
        long slowest = 0;
        while (inputs < max && System.nanoTime() - deadline < 0 && crashes < 20) {
            int which = rnd.nextInt(seeds.size());
            byte[] payload = mutator.mutate(which, rnd);
            String name = codec + "-" + seeds.get(which).name() + "-" + seed + "-" + inputs;
            for (int path = 0; path < 2; path++) {
                byte[] input = path == 0 ? payload : FuzzTarget.frame(seeds.get(which).headerLine(), payload);
                currentName = name + (path == 0 ? "-direct" : "-framed");
                current = input;
                long t0 = System.nanoTime();
                startedAt = t0;
                try {
                    FuzzTarget.Outcome o = path == 0 ? FuzzTarget.direct(codec, input)
                            : FuzzTarget.framed(codec, input, fullFile);
                    counts[path * 2 + (o == FuzzTarget.Outcome.REFUSED ? 0 : 1)]++;
                } catch (OutOfMemoryError e) {
                    startedAt = 0;
                    current = null;
                    Files.write(out.resolve("oom-" + currentName + ".bin"), input);
                    System.out.println("OOM " + currentName);
                    System.out.flush();
                    Runtime.getRuntime().halt(4);
                } catch (Throwable e) {
                    crashes++;
                    Path f = out.resolve("crash-" + currentName + ".bin");
                    Files.write(f, input);
                    StringWriter sw = new StringWriter();
                    e.printStackTrace(new PrintWriter(sw));
                    Files.writeString(out.resolve("crash-" + currentName + ".txt"), sw.toString());
                    System.out.println("CRASH " + currentName + " " + e + " input in " + f);
                } finally {
                    startedAt = 0;
                }
                slowest = Math.max(slowest, System.nanoTime() - t0);
            }
            inputs++;
        }
        System.out.println("FUZZ codec=" + codec + " seed=" + seed + " inputs=" + inputs + " directRefused="
                + counts[0] + " directDecoded=" + counts[1] + " framedRefused=" + counts[2] + " framedDecoded="
                + counts[3] + " crashes=" + crashes + " hangs=0 slowestMs=" + slowest / 1_000_000);
        System.out.flush();
        System.exit(crashes == 0 ? 0 : 2);
    }
}
