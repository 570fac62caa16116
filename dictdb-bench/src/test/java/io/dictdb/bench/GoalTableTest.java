package io.dictdb.bench;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;

/** The issue table reads the right score for each row and system, orients each ratio, and judges each goal. */
class GoalTableTest {

    @Test
    void aRatioAboveOneMeansDictDbIsAhead() {
        qt().forAll(doubles().between(1e-6, 1e9), doubles().between(1e-6, 1e9)).checkAssert((ours, theirs) -> {
            assertThat(GoalTable.speed(GoalTable.Kind.THROUGHPUT, ours, theirs) > 1).isEqualTo(ours > theirs);
            assertThat(GoalTable.speed(GoalTable.Kind.NANOS_PER_RECORD, ours, theirs) > 1).isEqualTo(ours < theirs);
            assertThat(GoalTable.speed(GoalTable.Kind.BYTES_PER_RECORD, ours, theirs) > 1).isEqualTo(ours < theirs);
        });
    }

    @Test
    void aGoalHoldsExactlyWhenDictDbsFigureMeetsIt() {
        qt().forAll(doubles().between(1e-3, 1e6), doubles().between(1e-3, 1e6), doubles().between(0.01, 2))
                .checkAssert((ours, base, goal) -> {
                    var speed = new GoalTable.Row("w", "B", Map.of(), GoalTable.Kind.THROUGHPUT, goal);
                    assertThat(GoalTable.held(speed, ours, base)).isEqualTo(ours / base >= goal ? "yes" : "**no**");
                    var time = new GoalTable.Row("w", "B", Map.of(), GoalTable.Kind.NANOS_PER_RECORD, goal * 100);
                    assertThat(GoalTable.held(time, ours, base)).isEqualTo(ours <= goal * 100 ? "yes" : "**no**");
                });
        var noGoal = new GoalTable.Row("w", "B", Map.of(), GoalTable.Kind.THROUGHPUT, Double.NaN);
        assertThat(GoalTable.held(noGoal, 1.0, 2.0)).isEqualTo("(no goal)");
        var goal = new GoalTable.Row("w", "B", Map.of(), GoalTable.Kind.THROUGHPUT, 0.5);
        assertThat(GoalTable.held(goal, null, 2.0)).isEqualTo("n/a");
    }

    @Test
    void everyRowNamesABenchmarkWithOneMethodPerSystem() throws Exception {
        for (GoalTable.Row row : GoalTable.ROWS) {
            if (row.benchmark().equals("memory")) {
                continue;
            }
            Class<?> c = Class.forName("io.dictdb.bench.query." + row.benchmark());
            for (String system : GoalTable.SYSTEMS) {
                assertThat(List.of(c.getMethods())).as(row.benchmark() + "." + system)
                        .anyMatch(m -> m.getName().equals(system) && m.isAnnotationPresent(Benchmark.class));
            }
        }
    }

    @Test
    void theIncludePatternSelectsTheRowsSystemsAndNothingElse() {
        Pattern p = Pattern.compile(GoalTable.regex());
        assertThat(p.matcher("io.dictdb.bench.query.EqualityManyRowsBench.dictdb").find()).isTrue();
        assertThat(p.matcher("io.dictdb.bench.query.InsertPerRecordBench.h2").find()).isTrue();
        assertThat(p.matcher("io.dictdb.bench.query.Top10IndexedBench.fullSort").find()).isFalse();
        assertThat(p.matcher("io.dictdb.bench.query.EqualityBench.dictdb").find()).isFalse();
        assertThat(p.matcher("io.dictdb.bench.query.InsertBench.dictdb").find()).isFalse();
    }

    @Test
    void eachRowReadsItsOwnBenchmarkAndParameters() {
        // a fake run: each result's score encodes its row and system, so a misread shows as a wrong figure
        List<Object> results = new ArrayList<>();
        Map<String, Double> memory = new LinkedHashMap<>();
        for (int r = 0; r < GoalTable.ROWS.size(); r++) {
            GoalTable.Row row = GoalTable.ROWS.get(r);
            for (int s = 0; s < GoalTable.SYSTEMS.size(); s++) {
                double score = 1000 * (r + 1) + s + 1;
                if (row.benchmark().equals("memory")) {
                    memory.put(GoalTable.SYSTEMS.get(s), score);
                } else {
                    Map<String, Object> params = new LinkedHashMap<>(row.params());
                    params.put("records", "1000000");
                    results.add(Map.of("benchmark", "io.dictdb.bench.query." + row.benchmark() + "."
                                    + GoalTable.SYSTEMS.get(s), "params", params,
                            "primaryMetric", Map.of("score", score)));
                }
            }
        }
        for (GoalTable.Row row : GoalTable.ROWS) {
            if (!row.benchmark().equals("memory")) {
                int r = GoalTable.ROWS.indexOf(row);
                for (int s = 0; s < GoalTable.SYSTEMS.size(); s++) {
                    assertThat(GoalTable.score(results, row, GoalTable.SYSTEMS.get(s)))
                            .as(row.workload()).isEqualTo(1000.0 * (r + 1) + s + 1);
                }
            }
        }
        String table = GoalTable.table(results, memory);
        assertThat(table).doesNotContain("n/a");
        assertThat(table.lines().filter(l -> l.startsWith("| ") && !l.startsWith("| workload")))
                .hasSize(GoalTable.ROWS.size());
        // the memory row: bytes from the TSV, DictDB's compactness over the baseline's (15001 / 15004)
        assertThat(table).contains("| retained heap per record, 3 indexes, bytes | 15,001 | 15,002 | 15,003 | 15,004 "
                + "| 1.00x | 1.00x | <= 400 B | **no** |");
        results.remove(0);
        assertThat(GoalTable.table(results, memory)).contains("| n/a |");
    }

    @Test
    void aLaterRunReplacesTheSameBenchmarksAndParametersOnly(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        String one = "{\"benchmark\": \"io.dictdb.bench.query.InsertPerRecordBench.dictdb\", "
                + "\"params\": {\"indexes\": \"%s\", \"way\": \"ONE_BY_ONE\"}, \"primaryMetric\": {\"score\": %s}}";
        Path first = dir.resolve("first.json");
        Path second = dir.resolve("second.json");
        Files.writeString(first, "[" + one.formatted("NONE", "1.0") + ", " + one.formatted("TWO", "2.0") + "]");
        Files.writeString(second, "[" + one.formatted("TWO", "3.0") + "]");
        List<Object> merged = GoalTable.jmhResults(first + "," + second);
        GoalTable.Row none = new GoalTable.Row("w", "InsertPerRecordBench", Map.of("indexes", "NONE"),
                GoalTable.Kind.NANOS_PER_RECORD, 1);
        GoalTable.Row two = new GoalTable.Row("w", "InsertPerRecordBench", Map.of("indexes", "TWO"),
                GoalTable.Kind.NANOS_PER_RECORD, 1);
        assertThat(merged).hasSize(2);
        assertThat(GoalTable.score(merged, none, "dictdb")).isEqualTo(1.0);
        assertThat(GoalTable.score(merged, two, "dictdb")).isEqualTo(3.0);
    }

    @Test
    void theSectionReplacesOnlyItsOwn(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path md = dir.resolve("RESULTS.md");
        Files.writeString(md, "# R\n\n<!-- begin:query -->\nq\n<!-- end:query -->\n\nhand-written\n");
        String once = Report.replaceSection(Files.readString(md), "table-before", "<!-- begin:table-before -->\nA\n"
                + "<!-- end:table-before -->");
        String twice = Report.replaceSection(once, "table-before", "<!-- begin:table-before -->\nB\n"
                + "<!-- end:table-before -->");
        assertThat(twice).contains("q\n", "hand-written", "\nB\n").doesNotContain("\nA\n");
        assertThat(Report.replaceSection(twice, "table-after", "<!-- begin:table-after -->\nC\n"
                + "<!-- end:table-after -->")).contains("\nB\n", "\nC\n");
    }
}
