package io.dictdb.reliability.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.dictdb.reliability.Bounds;
import io.dictdb.reliability.Figures;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Fuzzing: one child JVM per codec ({@link FuzzChild}, {@code -Xmx256m}, a per-input watchdog of 10 s), all three
 * at once. Each must end with every input refused by a {@link io.dictdb.CodecException} (or a documented
 * exception when decoded changes are applied) or decoded into a database that saves and loads back the same: no
 * other exception, no OutOfMemoryError, no hang. Failing inputs are written to {@code target/fuzz-failures/}.
 *
 * <p>Bounds per codec: 3,000 inputs / 40 s (normal), 100,000 inputs / 360 s (long); {@code -Ddictdb.fuzzInputs},
 * {@code -Ddictdb.fuzzInputs.seconds}. Every input is fed twice: directly to the codec and framed.
 */
class FuzzTrialTest {
    private static final String[] FORMATS = {"json", "cbor", "kryo"};

    @Test
    void mutatedImagesEndInACodecExceptionOrACorrectDatabase() throws Exception {
        Bounds bounds = Bounds.of("dictdb.fuzzInputs", 3_000, 100_000, 40, 360);
        long seed = Bounds.seed("FuzzTrialTest");
        Random rnd = new Random(seed);
        Path out = Path.of("target", "fuzz-failures").toAbsolutePath();
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Map<String, Process> children = new LinkedHashMap<>();
        Map<String, List<String>> output = new LinkedHashMap<>();
        List<Thread> readers = new ArrayList<>();
        for (String format : FORMATS) {
            ProcessBuilder pb = new ProcessBuilder(javaBin, "-Xmx256m", "-XX:+UseSerialGC", "-cp",
                    System.getProperty("java.class.path"), FuzzChild.class.getName(), format,
                    Long.toString(rnd.nextLong()), Integer.toString(bounds.count()),
                    Long.toString(bounds.wall().getSeconds()), out.toString(), "10000");
            pb.redirectErrorStream(true);
            Process p = pb.start();
            children.put(format, p);
            List<String> lines = Collections.synchronizedList(new ArrayList<>());
            output.put(format, lines);
            Thread t = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        lines.add(line);
                    }
                } catch (IOException e) {
                    lines.add("reader: " + e);
                }
            });
            t.start();
            readers.add(t);
        }
        List<String> problems = new ArrayList<>();
        long total = 0;
        for (String format : FORMATS) {
            Process p = children.get(format);
            if (!p.waitFor(bounds.wall().getSeconds() + 180, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                problems.add(format + ": the fuzzing JVM did not end");
            }
        }
        for (Thread t : readers) {
            t.join(10_000);
        }
        for (String format : FORMATS) {
            Process p = children.get(format);
            List<String> lines = output.get(format);
            String last = lines.stream().filter(l -> l.startsWith("FUZZ ")).findFirst().orElse(null);
            if (p.exitValue() != 0 || last == null) {
                problems.add(format + ": exit " + p.exitValue() + ": " + String.join("\n", lines.subList(Math.max(0,
                        lines.size() - 30), lines.size())));
                continue;
            }
            Map<String, String> kv = new LinkedHashMap<>();
            for (String part : last.split(" ")) {
                int eq = part.indexOf('=');
                if (eq > 0) {
                    kv.put(part.substring(0, eq), part.substring(eq + 1));
                }
            }
            long inputs = Long.parseLong(kv.get("inputs"));
            total += inputs;
            Figures f = Figures.of("fuzz-" + format);
            kv.forEach(f::put);
            f.put("heap", "256m").put("perInputLimitMs", 10000).report();
            if (inputs < (Bounds.LONG ? bounds.count() : Math.min(bounds.count(), 1000))) { // long: the figure
                problems.add(format + ": only " + inputs + " inputs within " + bounds.wall());
            }
            if (Long.parseLong(kv.get("framedDecoded")) + Long.parseLong(kv.get("directDecoded")) == 0) {
                problems.add(format + ": no mutated input decoded at all: the mutations never reached valid data");
            }
            if (Long.parseLong(kv.get("framedRefused")) == 0) {
                problems.add(format + ": no framed input refused: the decoder was not exercised");
            }
        }
        System.out.println("FuzzTrialTest inputs " + total);
        assertThat(problems).as("decoder crashes, hangs or out-of-memory (inputs in %s)", out).isEmpty();
    }
}
