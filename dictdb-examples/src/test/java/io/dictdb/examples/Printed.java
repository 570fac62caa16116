package io.dictdb.examples;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** What an example printed, line by line, with lookups that fail with the whole output. */
final class Printed {

    /** An example run that prints to the given stream. */
    @FunctionalInterface
    interface Example {
        void run(PrintStream out) throws Exception;
    }

    final List<String> lines;

    private Printed(List<String> lines) {
        this.lines = lines;
    }

    static Printed by(Example example) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            example.run(out);
        }
        return new Printed(bytes.toString(StandardCharsets.UTF_8).lines().toList());
    }

    /** The first line starting with {@code prefix}. */
    String line(String prefix) {
        return lines.stream().filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no line starting with '" + prefix + "' in\n"
                        + String.join("\n", lines)));
    }

    /** Every line starting with {@code prefix}. */
    List<String> all(String prefix) {
        return lines.stream().filter(l -> l.startsWith(prefix)).toList();
    }

    @Override
    public String toString() {
        return String.join("\n", lines);
    }
}
