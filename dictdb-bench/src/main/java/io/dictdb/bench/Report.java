package io.dictdb.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Formats a JMH JSON result file ({@code -rf json}) into one section of {@code RESULTS.md}, between
 * {@code <!-- begin:GROUP -->} and {@code <!-- end:GROUP -->}, replacing only that section. Each benchmark class is a
 * table: one line per system (method) and parameter set, its score, and the ratio of DictDB (the method
 * {@code dictdb}) to it, oriented so that above 1 means DictDB is faster. Also states the machine, the JDK and
 * the command.
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.dictdb.bench.Report GROUP results.json RESULTS.md "command"
 * [extra.md ...]}; each extra markdown file is appended to the section.
 */
public final class Report {
    private Report() {
    }

    /**
     * Writes the section.
     *
     * @param args group, JSON file, RESULTS.md, command, extra markdown files
     * @throws IOException on failure
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 4) {
            throw new IllegalArgumentException("usage: Report GROUP results.json RESULTS.md \"command\" [extra.md...]");
        }
        String group = args[0];
        List<Object> results = asList(new Json(Files.readString(Path.of(args[1]))).value());
        StringBuilder sb = new StringBuilder();
        sb.append("<!-- begin:").append(group).append(" -->\n");
        sb.append("## ").append(group).append("\n\n");
        sb.append(machine());
        sb.append("Command: `").append(args[3]).append("`\n\n");
        sb.append("Ratio columns: DictDB against each system, above 1 means DictDB is faster "
                + "(throughput: ours / theirs; time: theirs / ours).\n\n");
        sb.append(tables(results));
        for (int i = 4; i < args.length; i++) {
            Path extra = Path.of(args[i]);
            if (Files.exists(extra)) {
                sb.append(Files.readString(extra).strip()).append("\n\n");
            }
        }
        sb.append("<!-- end:").append(group).append(" -->");
        Path out = Path.of(args[2]);
        String old = Files.exists(out) ? Files.readString(out) : "# DictDB benchmark results\n";
        Files.writeString(out, replaceSection(old, group, sb.toString()), StandardCharsets.UTF_8);
    }

    /** Replaces the group's section, or appends it. */
    static String replaceSection(String text, String group, String section) {
        String begin = "<!-- begin:" + group + " -->";
        String end = "<!-- end:" + group + " -->";
        int b = text.indexOf(begin);
        int e = text.indexOf(end);
        if (b >= 0 && e > b) {
            return text.substring(0, b) + section + text.substring(e + end.length());
        }
        return text.stripTrailing() + "\n\n" + section + "\n";
    }

    static String machine() {
        String cpu = "unknown";
        String ram = "unknown";
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    cpu = line.substring(line.indexOf(':') + 1).trim();
                    break;
                }
            }
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal")) {
                    long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    ram = String.format(Locale.ROOT, "%.1f GiB", kb / 1024.0 / 1024.0);
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: leave unknown
        }
        return "Machine: " + Runtime.getRuntime().availableProcessors() + " CPUs (nproc), " + cpu + ", RAM " + ram
                + "; JDK: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + "; date: " + java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + "\n\n";
    }

    /** One table per benchmark class and parameter set. */
    static String tables(List<Object> results) {
        // class -> params text -> method -> result
        Map<String, Map<String, Map<String, Map<String, Object>>>> byClass = new LinkedHashMap<>();
        for (Object o : results) {
            Map<String, Object> r = asMap(o);
            String bench = (String) r.get("benchmark");
            int dot = bench.lastIndexOf('.');
            String cls = bench.substring(bench.lastIndexOf('.', dot - 1) + 1, dot);
            String method = bench.substring(dot + 1);
            String params = r.get("params") == null ? "" : asMap(r.get("params")).toString();
            byClass.computeIfAbsent(cls, k -> new LinkedHashMap<>()).computeIfAbsent(params, k -> new LinkedHashMap<>())
                    .put(method, r);
        }
        StringBuilder sb = new StringBuilder();
        for (var c : byClass.entrySet()) {
            for (var p : c.getValue().entrySet()) {
                sb.append("### ").append(c.getKey()).append(p.getKey().isEmpty() ? "" : " " + p.getKey())
                        .append("\n\n| system | score | error (99.9%) | unit | DictDB vs it |\n|---|---:|---:|---|---:|\n");
                Map<String, Object> ours = p.getValue().get("dictdb");
                for (var m : p.getValue().entrySet()) {
                    Map<String, Object> metric = asMap(m.getValue().get("primaryMetric"));
                    double score = ((Number) metric.get("score")).doubleValue();
                    Object err = metric.get("scoreError");
                    String ratio = "";
                    if (ours != null && !m.getKey().equals("dictdb")) {
                        double o = ((Number) asMap(ours.get("primaryMetric")).get("score")).doubleValue();
                        boolean throughput = "thrpt".equals(m.getValue().get("mode"));
                        ratio = String.format(Locale.ROOT, "%.2fx", throughput ? o / score : score / o);
                    }
                    sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s |%n", m.getKey(), number(score),
                            err instanceof Number e && !Double.isNaN(e.doubleValue()) ? number(e.doubleValue()) : "",
                            metric.get("scoreUnit"), ratio));
                }
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    private static String number(double d) {
        if (d >= 100) {
            return String.format(Locale.ROOT, "%,.0f", d);
        }
        return String.format(Locale.ROOT, "%.3g", d);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> asList(Object o) {
        return (List<Object>) o;
    }

    /** A minimal JSON reader for JMH's result file: objects, arrays, strings, numbers, literals. */
    static final class Json {
        private final String s;
        private int i;

        Json(String s) {
            this.s = s;
        }

        Object value() {
            skip();
            char c = s.charAt(i);
            switch (c) {
                case '{': {
                    i++;
                    Map<String, Object> m = new LinkedHashMap<>();
                    skip();
                    if (s.charAt(i) == '}') {
                        i++;
                        return m;
                    }
                    while (true) {
                        skip();
                        String k = string();
                        skip();
                        expect(':');
                        m.put(k, value());
                        skip();
                        if (s.charAt(i++) == '}') {
                            return m;
                        }
                    }
                }
                case '[': {
                    i++;
                    List<Object> l = new ArrayList<>();
                    skip();
                    if (s.charAt(i) == ']') {
                        i++;
                        return l;
                    }
                    while (true) {
                        l.add(value());
                        skip();
                        if (s.charAt(i++) == ']') {
                            return l;
                        }
                    }
                }
                case '"':
                    return string();
                default:
                    int start = i;
                    while (i < s.length() && ",}] \n\r\t".indexOf(s.charAt(i)) < 0) {
                        i++;
                    }
                    String lit = s.substring(start, i);
                    return switch (lit) {
                        case "true" -> Boolean.TRUE;
                        case "false" -> Boolean.FALSE;
                        case "null" -> null;
                        case "NaN", "\"NaN\"" -> Double.NaN;
                        default -> Double.parseDouble(lit);
                    };
            }
        }

        private String string() {
            expect('"');
            StringBuilder sb = new StringBuilder();
            while (true) {
                char c = s.charAt(i++);
                if (c == '"') {
                    return sb.toString();
                }
                if (c == '\\') {
                    char e = s.charAt(i++);
                    switch (e) {
                        case 'n' -> sb.append('\n');
                        case 't' -> sb.append('\t');
                        case 'r' -> sb.append('\r');
                        case 'b' -> sb.append('\b');
                        case 'f' -> sb.append('\f');
                        case 'u' -> {
                            sb.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                            i += 4;
                        }
                        default -> sb.append(e);
                    }
                } else {
                    sb.append(c);
                }
            }
        }

        private void expect(char c) {
            if (s.charAt(i) != c) {
                throw new IllegalArgumentException("JSON: expected '" + c + "' at " + i);
            }
            i++;
        }

        private void skip() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }
    }
}
