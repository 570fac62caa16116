package io.dictdb.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes the section {@code hazelcast} of {@code RESULTS.md} from a JMH JSON file of
 * {@link io.dictdb.bench.hazelcast.HazelcastBench}: one row per workload, the throughput of each system
 * ({@code MEMORY}, {@code HZ1}, {@code HZ3}, {@code BASELINE}) with JMH's error, and how many times slower each
 * Hazelcast set-up is than the in-memory engine and than the baseline.
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.dictdb.bench.HazelcastTable results.json RESULTS.md "command"
 * "measured" [extra.md ...]}.
 */
public final class HazelcastTable {
    private static final String[] SYSTEMS = {"MEMORY", "HZ1", "HZ3", "BASELINE"};

    private HazelcastTable() {
    }

    /**
     * Writes the section.
     *
     * @param args JSON file, RESULTS.md, command, what was measured (load, commit), extra markdown files
     * @throws IOException on failure
     */
    @SuppressWarnings("unchecked")
    public static void main(String[] args) throws IOException {
        if (args.length < 4) {
            throw new IllegalArgumentException(
                    "usage: HazelcastTable results.json RESULTS.md \"command\" \"measured\" [extra.md...]");
        }
        List<Object> results = (List<Object>) new Report.Json(Files.readString(Path.of(args[0]))).value();
        Map<String, Map<String, double[]>> byWorkload = new TreeMap<>();
        String records = "?";
        for (Object o : results) {
            Map<String, Object> r = (Map<String, Object>) o;
            String bench = (String) r.get("benchmark");
            String workload = bench.substring(bench.lastIndexOf('.') + 1);
            Map<String, Object> params = (Map<String, Object>) r.get("params");
            records = String.valueOf(params.get("records"));
            Map<String, Object> metric = (Map<String, Object>) r.get("primaryMetric");
            double score = ((Number) metric.get("score")).doubleValue();
            Object err = metric.get("scoreError");
            double error = err instanceof Number n ? n.doubleValue() : Double.NaN;
            byWorkload.computeIfAbsent(workload, k -> new TreeMap<>())
                    .put((String) params.get("system"), new double[] {score, error});
        }
        StringBuilder sb = new StringBuilder();
        sb.append("<!-- begin:hazelcast -->\n## Hazelcast backend\n\n");
        sb.append(Report.machine());
        sb.append("Command: `").append(args[2]).append("`\n\n");
        sb.append("Measured: ").append(args[3]).append("\n\n");
        sb.append("Throughput in operations per second (`HazelcastBench`, ").append(records)
                .append(" records, one fork per system and workload, JMH's 99.9% error). MEMORY: the in-memory "
                        + "engine; HZ1: the Hazelcast backend on one member in the benchmark's JVM; HZ3: on three "
                        + "members in the benchmark's JVM (one synchronous backup, two thirds of the partitions on "
                        + "the other members over loopback TCP); BASELINE: the hand-made HashMap/TreeMap store. "
                        + "The last four columns: how many times slower the Hazelcast backend is (MEMORY's or "
                        + "BASELINE's throughput over HZ's).\n\n");
        sb.append("| workload | MEMORY | HZ1 | HZ3 | BASELINE | HZ1 vs MEMORY | HZ3 vs MEMORY | HZ1 vs BASELINE "
                + "| HZ3 vs BASELINE |\n");
        sb.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Map.Entry<String, Map<String, double[]>> e : byWorkload.entrySet()) {
            Map<String, double[]> s = e.getValue();
            sb.append("| ").append(e.getKey());
            for (String system : SYSTEMS) {
                double[] v = s.get(system);
                sb.append(" | ").append(v == null ? "-" : fmt(v[0]) + " ± " + fmt(v[1]));
            }
            sb.append(" | ").append(slower(s, "MEMORY", "HZ1")).append(" | ").append(slower(s, "MEMORY", "HZ3"))
                    .append(" | ").append(slower(s, "BASELINE", "HZ1")).append(" | ")
                    .append(slower(s, "BASELINE", "HZ3")).append(" |\n");
        }
        sb.append('\n');
        for (int i = 4; i < args.length; i++) {
            Path extra = Path.of(args[i]);
            if (Files.exists(extra)) {
                sb.append(Files.readString(extra).strip()).append("\n\n");
            }
        }
        sb.append("<!-- end:hazelcast -->");
        Path out = Path.of(args[1]);
        String old = Files.exists(out) ? Files.readString(out) : "# DictDB benchmark results\n";
        Files.writeString(out, Report.replaceSection(old, "hazelcast", sb.toString()), StandardCharsets.UTF_8);
    }

    private static String slower(Map<String, double[]> s, String fast, String slow) {
        double[] f = s.get(fast);
        double[] w = s.get(slow);
        if (f == null || w == null || w[0] == 0) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.1fx", f[0] / w[0]);
    }

    private static String fmt(double d) {
        if (Double.isNaN(d)) {
            return "?";
        }
        if (d >= 100) {
            return String.format(Locale.ROOT, "%,.0f", d);
        }
        return String.format(Locale.ROOT, "%.3g", d);
    }
}
