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
import java.util.Objects;

/**
 * The table of issue #15 ("core speed"): one row per workload of the issue, DictDB's figure beside the hand-made
 * baseline's, CQEngine's and H2's from the same forked JMH run, DictDB's speed against the hand-made baseline and
 * against CQEngine, and the goal with whether it holds. Written into {@code RESULTS.md} as the section
 * {@code table-LABEL} (e.g. {@code table-before}), replacing only that section, followed by the per-benchmark
 * scores with their errors.
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.dictdb.bench.GoalTable LABEL results.json[,more.json...] memory.tsv
 * RESULTS.md "command" "what was measured"}; {@code memory.tsv} is the one {@code MemoryPerRecord ... table} writes;
 * a result in a later JSON file replaces the same benchmark's and parameters' result of an earlier one.
 * {@code GoalTable --regex} prints the JMH include pattern of the table's benchmarks (every system's method of
 * each row's class, nothing else), so that {@code run.sh} runs exactly what the table reads.
 */
public final class GoalTable {
    private GoalTable() {
    }

    /** What a row's figures are, which decides which way is better. */
    enum Kind {
        /** Operations per second: higher is better; the goal is a minimum speed against the hand-made baseline. */
        THROUGHPUT,
        /** Nanoseconds per record: lower is better; the goal is a maximum. */
        NANOS_PER_RECORD,
        /** Retained heap bytes per record: lower is better; the goal is a maximum. */
        BYTES_PER_RECORD
    }

    /**
     * One row of the table.
     *
     * @param workload what the row measures, as the issue words it
     * @param benchmark the JMH benchmark class (simple name), or "memory" for the memory TSV
     * @param params the JMH parameters the results must have (a subset of theirs)
     * @param kind what the figures are
     * @param goal the goal for DictDB (a speed ratio to the hand-made baseline for throughput rows, an
     *             upper bound otherwise), or NaN when the issue sets none
     */
    record Row(String workload, String benchmark, Map<String, String> params, Kind kind, double goal) {
        Row {
            Objects.requireNonNull(workload);
            params = Map.copyOf(params);
        }
    }

    /** The systems of a row, as the benchmark methods (and memory store ids) name them, in column order. */
    static final List<String> SYSTEMS = List.of("baseline", "cqengine", "h2", "dictdb");

    /** The rows of issue #15, in its order, and the workloads the issue asked the bench to add. */
    static final List<Row> ROWS = List.of(
            new Row("equality on a hash index, ~2% of rows (~20,000) returned and iterated",
                    "EqualityManyRowsBench", Map.of(), Kind.THROUGHPUT, 0.6),
            new Row("AND: hash equality + a range on a sorted field, ~0.3% returned", "AndEqualityRangeBench",
                    Map.of(), Kind.THROUGHPUT, 0.4),
            new Row("range, 1% of rows, sorted index (`between`)", "RangeBench", Map.of(), Kind.THROUGHPUT, 0.9),
            new Row("the same range half-open as an AND (`gte` and `lt`), iterated", "HalfOpenRangeBench", Map.of(),
                    Kind.THROUGHPUT, 0.9),
            new Row("full scan with a non-indexed predicate", "ScanBench", Map.of(), Kind.THROUGHPUT, 0.9),
            new Row("top-10 by a field with a sorted index", "Top10IndexedBench", Map.of(), Kind.THROUGHPUT, 0.5),
            new Row("top-10 by a field without an index", "Top10UnindexedBench", Map.of(), Kind.THROUGHPUT, 0.7),
            new Row("group-by count over all rows (field has a hash index)", "GroupByBench", Map.of(),
                    Kind.THROUGHPUT, 1.0),
            new Row("group-by count over all rows (field without an index)", "GroupByUnindexedBench", Map.of(),
                    Kind.THROUGHPUT, Double.NaN),
            new Row("two reader threads, one-row lookup on a unique hash index (ops/s of both)", "TwoReadersBench",
                    Map.of(), Kind.THROUGHPUT, Double.NaN),
            new Row("insert one by one, primary key only, ns/record", "InsertPerRecordBench",
                    Map.of("indexes", "NONE", "way", "ONE_BY_ONE"), Kind.NANOS_PER_RECORD, 120),
            new Row("insert one by one, + hash and sorted index, ns/record", "InsertPerRecordBench",
                    Map.of("indexes", "TWO", "way", "ONE_BY_ONE"), Kind.NANOS_PER_RECORD, 250),
            new Row("`insertAll` 100,000, primary key only, ns/record", "InsertPerRecordBench",
                    Map.of("indexes", "NONE", "way", "INSERT_ALL"), Kind.NANOS_PER_RECORD, 80),
            new Row("`insertAll` 100,000, + 2 indexes, ns/record", "InsertPerRecordBench",
                    Map.of("indexes", "TWO", "way", "INSERT_ALL"), Kind.NANOS_PER_RECORD, 200),
            new Row("retained heap per record, 3 indexes, bytes", "memory", Map.of(), Kind.BYTES_PER_RECORD, 400));

    /**
     * Writes the section.
     *
     * @param args label, JMH JSON, memory TSV, RESULTS.md, command, what was measured
     * @throws IOException on failure
     */
    public static void main(String[] args) throws IOException {
        if (args.length == 1 && args[0].equals("--regex")) {
            System.out.println(regex());
            return;
        }
        if (args.length != 6) {
            throw new IllegalArgumentException(
                    "usage: GoalTable LABEL results.json memory.tsv RESULTS.md \"command\" \"what was measured\"");
        }
        String label = args[0];
        List<Object> results = jmhResults(args[1]);
        Map<String, Double> memory = memory(Path.of(args[2]));
        String group = "table-" + label;
        StringBuilder sb = new StringBuilder();
        sb.append("<!-- begin:").append(group).append(" -->\n");
        sb.append("## Issue #15 table: ").append(label).append("\n\n");
        sb.append(Report.machine());
        sb.append("Measured: ").append(args[5]).append("\n\n");
        sb.append("Command: `").append(args[4]).append("`\n\n");
        sb.append(table(results, memory));
        sb.append("\n#### Scores behind the table (mean of the measured iterations of one fork, JMH's 99.9% error)\n\n");
        sb.append(Report.tables(results).replace("### ", "##### "));
        sb.append("<!-- end:").append(group).append(" -->");
        Path out = Path.of(args[3]);
        String old = Files.exists(out) ? Files.readString(out) : "# DictDB benchmark results\n";
        Files.writeString(out, Report.replaceSection(old, group, sb.toString()), StandardCharsets.UTF_8);
    }

    /**
     * The results of one or more JMH JSON files, comma-separated: a result of a later file replaces the earlier one
     * of the same benchmark and parameters (to redo some rows of a run, with every system of a row redone together).
     */
    @SuppressWarnings("unchecked")
    static List<Object> jmhResults(String jsonFiles) throws IOException {
        Map<String, Object> byKey = new LinkedHashMap<>();
        for (String file : jsonFiles.split(",")) {
            for (Object o : (List<Object>) new Report.Json(Files.readString(Path.of(file))).value()) {
                Map<String, Object> r = (Map<String, Object>) o;
                byKey.put(r.get("benchmark") + " " + r.get("params"), r);
            }
        }
        return new ArrayList<>(byKey.values());
    }

    /** The memory TSV: store id to bytes per record; empty when the file is missing. */
    static Map<String, Double> memory(Path tsv) throws IOException {
        Map<String, Double> out = new LinkedHashMap<>();
        if (Files.exists(tsv)) {
            for (String line : Files.readAllLines(tsv)) {
                String[] f = line.split("\t");
                if (f.length == 2) {
                    out.put(f[0], Double.parseDouble(f[1]));
                }
            }
        }
        return out;
    }

    /**
     * The markdown table of every row.
     *
     * @param results the JMH results (parsed JSON)
     * @param memory bytes per record per store id
     * @return the table, with its legend
     */
    @SuppressWarnings("unchecked")
    static String table(List<Object> results, Map<String, Double> memory) {
        StringBuilder sb = new StringBuilder();
        sb.append("Figures: ops/s (higher is better) unless the workload says ns/record or bytes (lower is better). ")
                .append("\"DictDB vs\" columns are DictDB's speed (or compactness) over the other's: above 1 means ")
                .append("DictDB is ahead. The issue's goals are against the hand-made baseline (a speed ratio) or ")
                .append("absolute; the issue also asks DictDB to be ahead of CQEngine on every row.\n\n");
        sb.append("| workload (").append(records(results)).append(" records) | hand-made | CQEngine 3.6 | H2 2.4 | DictDB | DictDB vs hand-made "
                + "| DictDB vs CQEngine | goal for DictDB | held? |\n");
        sb.append("|---|---:|---:|---:|---:|---:|---:|---|---|\n");
        for (Row row : ROWS) {
            Map<String, Double> scores = new LinkedHashMap<>();
            for (String system : SYSTEMS) {
                Double s = row.benchmark().equals("memory") ? memory.get(system) : score(results, row, system);
                if (s != null) {
                    scores.put(system, s);
                }
            }
            Double ours = scores.get("dictdb");
            Double base = scores.get("baseline");
            Double cq = scores.get("cqengine");
            sb.append("| ").append(row.workload());
            for (String system : SYSTEMS) {
                sb.append(" | ").append(scores.containsKey(system) ? figure(scores.get(system)) : "n/a");
            }
            sb.append(" | ").append(ours != null && base != null ? ratio(speed(row.kind(), ours, base)) : "n/a");
            sb.append(" | ").append(ours != null && cq != null ? ratio(speed(row.kind(), ours, cq)) : "n/a");
            sb.append(" | ").append(goal(row));
            sb.append(" | ").append(held(row, ours, base)).append(" |\n");
        }
        return sb.toString();
    }

    /** The record count of the run's query benchmarks (their {@code records} parameter), "1M" for a million. */
    @SuppressWarnings("unchecked")
    static String records(List<Object> results) {
        for (Object o : results) {
            Object params = ((Map<String, Object>) o).get("params");
            if (params instanceof Map<?, ?> p && p.get("records") instanceof String n) {
                return n.equals("1000000") ? "1M" : String.format(Locale.ROOT, "%,d", Long.parseLong(n));
            }
        }
        return "1M";
    }

    /**
     * DictDB's speed (or compactness) over another system's: above 1 when DictDB is ahead.
     *
     * @param kind what the figures are
     * @param ours DictDB's figure
     * @param theirs the other's figure
     * @return the ratio
     */
    static double speed(Kind kind, double ours, double theirs) {
        return kind == Kind.THROUGHPUT ? ours / theirs : theirs / ours;
    }

    /**
     * Whether DictDB meets the row's goal: "yes", "**no**", "n/a" (a figure is missing) or "(no goal)".
     *
     * @param row the row
     * @param ours DictDB's figure, or null
     * @param base the hand-made baseline's figure, or null
     * @return the verdict
     */
    static String held(Row row, Double ours, Double base) {
        if (Double.isNaN(row.goal())) {
            return "(no goal)";
        }
        if (ours == null || (row.kind() == Kind.THROUGHPUT && base == null)) {
            return "n/a";
        }
        boolean held = row.kind() == Kind.THROUGHPUT ? speed(row.kind(), ours, base) >= row.goal()
                : ours <= row.goal();
        return held ? "yes" : "**no**";
    }

    private static String goal(Row row) {
        if (Double.isNaN(row.goal())) {
            return "-";
        }
        return switch (row.kind()) {
            case THROUGHPUT -> String.format(Locale.ROOT, ">= %sx hand-made", trim(row.goal()));
            case NANOS_PER_RECORD -> String.format(Locale.ROOT, "<= %s ns", trim(row.goal()));
            case BYTES_PER_RECORD -> String.format(Locale.ROOT, "<= %s B", trim(row.goal()));
        };
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }

    /** The mean score of one system on a row's benchmark and parameters, or null when the run lacks it. */
    @SuppressWarnings("unchecked")
    static Double score(List<Object> results, Row row, String system) {
        for (Object o : results) {
            Map<String, Object> r = (Map<String, Object>) o;
            String bench = (String) r.get("benchmark");
            if (!bench.endsWith("." + row.benchmark() + "." + system)) {
                continue;
            }
            Map<String, Object> params = r.get("params") == null ? Map.of() : (Map<String, Object>) r.get("params");
            boolean matches = true;
            for (Map.Entry<String, String> p : row.params().entrySet()) {
                matches &= p.getValue().equals(params.get(p.getKey()));
            }
            if (matches) {
                Map<String, Object> metric = (Map<String, Object>) r.get("primaryMetric");
                return ((Number) metric.get("score")).doubleValue();
            }
        }
        return null;
    }

    private static String figure(double d) {
        if (d >= 100) {
            return String.format(Locale.ROOT, "%,.0f", d);
        }
        return String.format(Locale.ROOT, "%.3g", d);
    }

    private static String ratio(double r) {
        return String.format(Locale.ROOT, r < 0.1 ? "%.3fx" : "%.2fx", r);
    }

    /**
     * The JMH include pattern of the rows' benchmarks: each row's class, each system's method.
     *
     * @return the regular expression
     */
    static String regex() {
        List<String> classes = new ArrayList<>();
        for (Row row : ROWS) {
            if (!row.benchmark().equals("memory") && !classes.contains(row.benchmark())) {
                classes.add(row.benchmark());
            }
        }
        return "^io\\.dictdb\\.bench\\.query\\.(" + String.join("|", classes) + ")\\.("
                + String.join("|", SYSTEMS) + ")$";
    }
}
