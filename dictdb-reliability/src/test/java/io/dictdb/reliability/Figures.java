package io.dictdb.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The figures a trial measured: printed to standard output and appended to
 * {@code target/reliability-figures.txt}, one line per trial, so that RELIABILITY.md quotes measured numbers.
 */
public final class Figures {
    private final String trial;
    private final Map<String, Object> values = new LinkedHashMap<>();

    private Figures(String trial) {
        this.trial = trial;
    }

    /**
     * Starts the figures of a trial.
     *
     * @param trial the trial's name
     * @return the figures
     */
    public static Figures of(String trial) {
        Figures f = new Figures(trial);
        f.put("mode", Bounds.LONG ? "long" : "normal");
        return f;
    }

    /**
     * Sets a figure.
     *
     * @param key the figure's name
     * @param value its value
     * @return this
     */
    public Figures put(String key, Object value) {
        values.put(key, value);
        return this;
    }

    /** Prints the figures and appends them to the figures file. */
    public void report() {
        StringBuilder sb = new StringBuilder("RELIABILITY ").append(Instant.now()).append(' ').append(trial);
        values.forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
        String line = sb.toString();
        System.out.println(line);
        try {
            Path file = Path.of("target", "reliability-figures.txt");
            Files.createDirectories(file.getParent());
            Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.out.println("cannot append figures: " + e);
        }
    }
}
