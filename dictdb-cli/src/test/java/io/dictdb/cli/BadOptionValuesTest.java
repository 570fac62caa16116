package io.dictdb.cli;

import static io.dictdb.cli.TestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An option with a bad value is a usage error, as the README says: exit code 2, one line naming the option, and
 * nothing read or written.
 */
class BadOptionValuesTest {
    @TempDir
    static Path tmp;

    static Stream<Arguments> badValues() throws IOException {
        Path csv = tmp.resolve("in.csv");
        Files.writeString(csv, "id,name\n1,x\n");
        String db = tmp.resolve("new.json").toString();
        String fixture = TestSupport.fixture("sample_full.json").toString();
        String out = tmp.resolve("out.csv").toString();
        List<Arguments> cases = new ArrayList<>();
        cases.add(Arguments.of("--records", List.of("demo", "--records", "abc")));
        cases.add(Arguments.of("--records", List.of("demo", "--records", "-5")));
        cases.add(Arguments.of("nosuch", List.of("demo", "--records", "100", "--format", "nosuch")));
        cases.add(Arguments.of("--log-level", List.of("--log-level", "LOUD", "stats", fixture)));
        cases.add(Arguments.of("nosuch", List.of("convert", fixture, tmp.resolve("c.json").toString(),
                "--format", "nosuch")));
        cases.add(Arguments.of("--delimiter", List.of("import-csv", csv.toString(), db, "-t", "t", "-d", "\"")));
        cases.add(Arguments.of("--delimiter", List.of("import-csv", csv.toString(), db, "-t", "t", "-d", "ab")));
        cases.add(Arguments.of("--delimiter", List.of("import-csv", csv.toString(), db, "-t", "t", "-d", "\n")));
        cases.add(Arguments.of("'money'", List.of("import-csv", csv.toString(), db, "-t", "t", "--schema",
                "id:long,name:money")));
        cases.add(Arguments.of("--schema", List.of("import-csv", csv.toString(), db, "-t", "t", "--schema",
                "id:long,id:string")));
        cases.add(Arguments.of("--primary-key", List.of("import-csv", csv.toString(), db, "-t", "t",
                "--primary-key", " ")));
        cases.add(Arguments.of("--table", List.of("import-csv", csv.toString(), db, "-t", "")));
        cases.add(Arguments.of("nosuch", List.of("import-csv", csv.toString(), fixture, "-t", "t", "--format",
                "nosuch")));
        cases.add(Arguments.of("--delimiter", List.of("export-csv", fixture, out, "-t", "users", "-d", "\"")));
        cases.add(Arguments.of("--columns", List.of("export-csv", fixture, out, "-t", "users", "--columns",
                "id,,name")));
        cases.add(Arguments.of("--columns", List.of("export-csv", fixture, out, "-t", "users", "--columns",
                "id,id")));
        cases.add(Arguments.of("--sequence", List.of("backup", "restore", tmp.toString(), "--to",
                tmp.resolve("restored.json").toString(), "--sequence", "-3")));
        return cases.stream();
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badValues")
    void exitWith2NamingTheOptionAndTouchNothing(String named, List<String> args) throws IOException {
        long before = files();
        TestSupport.Run r = run(args.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).startsWith("dictdb: ").contains(named).doesNotContain("IllegalArgumentException");
        assertThat(r.out()).isEmpty();
        assertThat(files()).as("nothing written").isEqualTo(before);
    }

    private static long files() throws IOException {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.count();
        }
    }
}
