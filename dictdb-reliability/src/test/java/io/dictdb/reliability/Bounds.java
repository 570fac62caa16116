package io.dictdb.reliability;

import java.time.Duration;

/**
 * The bounds of a trial: a count and a wall time, each with a normal value (every build) and a long value
 * ({@code -Ddictdb.longTests=true}); both overridable by system properties. A trial stops at whichever comes first.
 *
 * @param count the number of trials (or inputs) to run at most
 * @param wall the wall time to run at most
 */
public record Bounds(int count, Duration wall) {
    /** Whether the long mode is on. */
    public static final boolean LONG = Boolean.getBoolean("dictdb.longTests");

    /**
     * Reads the bounds of a trial.
     *
     * @param countProperty the system property that overrides the count, e.g. {@code dictdb.crashTrials}
     * @param normalCount the count in a normal run
     * @param longCount the count in long mode
     * @param normalSeconds the wall time in a normal run
     * @param longSeconds the wall time in long mode
     * @return the bounds; the wall time is overridden by {@code <countProperty>.seconds}
     */
    public static Bounds of(String countProperty, int normalCount, int longCount, int normalSeconds,
                            int longSeconds) {
        int count = Integer.getInteger(countProperty, LONG ? longCount : normalCount);
        int seconds = Integer.getInteger(countProperty + ".seconds", LONG ? longSeconds : normalSeconds);
        return new Bounds(count, Duration.ofSeconds(seconds));
    }

    /**
     * A deadline for this run, {@link #wall()} from now.
     *
     * @return the deadline in {@link System#nanoTime()} terms
     */
    public long deadline() {
        return System.nanoTime() + wall.toNanos();
    }

    /**
     * Whether a deadline passed.
     *
     * @param deadline from {@link #deadline()}
     * @return true when past it
     */
    public static boolean past(long deadline) {
        return System.nanoTime() - deadline > 0;
    }

    /**
     * A seed: {@code -Ddictdb.seed} when given, else a random one.
     *
     * @return the seed
     */
    public static long seed() {
        Long s = Long.getLong("dictdb.seed");
        return s != null ? s : new java.util.Random().nextLong();
    }

    /**
     * A seed ({@link #seed()}), printed with the trial's name and how to run it again with the same seed.
     *
     * @param trial the trial's name, as the output shows it
     * @return the seed
     */
    public static long seed(String trial) {
        long seed = seed();
        System.out.println(trial + " seed " + seed + " (-Ddictdb.seed=" + seed + " to repeat)");
        return seed;
    }
}
