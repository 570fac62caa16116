package io.dictdb.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * Progress on a terminal: a bar redrawn in place with {@code \r} (percent, count and rate), or a spinner for work
 * that gives no callbacks (a load, a save, a restore). Disabled, it draws nothing: never on a pipe, so scripts and
 * tests see clean output.
 */
final class Progress implements AutoCloseable {
    private static final long REDRAW_NANOS = 100_000_000L;
    private static final int WIDTH = 30;

    private final PrintWriter out;
    private final boolean enabled;
    private final String label;
    private final long total;
    private final long started = System.nanoTime();
    private long lastDraw;
    private boolean drawn;

    private Progress(PrintWriter out, boolean enabled, String label, long total) {
        this.out = out;
        this.enabled = enabled;
        this.label = TerminalText.visible(label); // it names a file or table
        this.total = total;
    }

    /**
     * A bar for {@code total} steps.
     *
     * @param out where to draw (standard error)
     * @param enabled whether to draw at all
     * @param label what is being done
     * @param total the number of steps
     * @return the bar; close it to clear the line
     */
    static Progress bar(PrintWriter out, boolean enabled, String label, long total) {
        return new Progress(out, enabled, label, total);
    }

    /**
     * Sets the steps done, redrawing at most ten times a second.
     *
     * @param done the steps done so far
     */
    void update(long done) {
        if (!enabled) {
            return;
        }
        long now = System.nanoTime();
        if (drawn && now - lastDraw < REDRAW_NANOS && done < total) {
            return;
        }
        lastDraw = now;
        drawn = true;
        double fraction = total <= 0 ? 1 : Math.min(1, (double) done / total);
        int filled = (int) Math.round(fraction * WIDTH);
        double seconds = Math.max(1e-9, (now - started) / 1e9);
        out.print(String.format(Locale.ROOT, "\r%s [%s%s] %3d%% %,d/%,d %,.0f/s ", label, "#".repeat(filled),
                " ".repeat(WIDTH - filled), Math.round(fraction * 100), done, total, done / seconds));
        out.flush();
    }

    /** Clears the line. */
    @Override
    public void close() {
        if (enabled && drawn) {
            out.print("\r" + " ".repeat(label.length() + WIDTH + 50) + "\r");
            out.flush();
        }
    }

    /**
     * Runs work that reports no progress, with a spinner and the elapsed time on the terminal meanwhile.
     *
     * @param out where to draw (standard error)
     * @param enabled whether to draw at all
     * @param label what is being done
     * @param work the work
     * @param <T> its result
     * @return the work's result
     * @throws Exception what the work throws
     */
    static <T> T spin(PrintWriter out, boolean enabled, String label, Callable<T> work) throws Exception {
        if (!enabled) {
            return work.call();
        }
        String shown = TerminalText.visible(label); // it names a file
        long started = System.nanoTime();
        Thread spinner = new Thread(() -> {
            String frames = "|/-\\";
            int i = 0;
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    synchronized (out) {
                        out.print(String.format(Locale.ROOT, "\r%s %c %.1f s ", shown, frames.charAt(i++ % 4),
                                (System.nanoTime() - started) / 1e9));
                        out.flush();
                    }
                    Thread.sleep(120);
                }
            } catch (InterruptedException e) {
                // done
            }
        }, "dictdb-progress");
        spinner.setDaemon(true);
        spinner.start();
        try {
            return work.call();
        } finally {
            spinner.interrupt();
            spinner.join();
            synchronized (out) {
                out.print("\r" + " ".repeat(shown.length() + 16) + "\r");
                out.flush();
            }
        }
    }
}
