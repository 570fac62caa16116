package io.dictdb.cli;

import static io.dictdb.cli.TestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Names and values read from files reach the terminal with their control characters escaped, never raw. */
class TerminalTextTest {
    private static final char ESC = '\u001b';

    @TempDir
    Path tmp;

    @Test
    void controlCharactersAreShownEscapedAndEverythingElseAsItIs() {
        assertThat(TerminalText.visible("a\nb\rc\td")).isEqualTo("a\\nb\\rc\\td");
        assertThat(TerminalText.visible(ESC + "[2J" + '\u0000' + '\u007f' + '\u009b' + '\u0085'))
                .isEqualTo("\\u001b[2J\\u0000\\u007f\\u009b\\u0085");
        assertThat(TerminalText.visible("\u202eevil\u2066\u2028")).isEqualTo("\\u202eevil\\u2066\\u2028");
        String plain = "Zo\u00eb \uD83D\uDE00 C:\\data\\db.json 'quoted' \"double\"";
        assertThat(TerminalText.visible(plain)).isSameAs(plain);
        assertThat(TerminalText.visible(null)).isEqualTo("null");
        assertThat(TerminalText.visibleKeepingLines("line\n\tat x" + ESC + "\r\n")).isEqualTo("line\n\tat x\\u001b\r\n");
    }

    @Test
    void printfShowsItsArgumentsEscapedAndLeavesNumbersAndItsOwnFormatAlone() {
        StringWriter sink = new StringWriter();
        PrintWriter out = TerminalText.escapingArguments(new PrintWriter(sink));
        out.printf("%-6s|%d|%c|%s|%s%n", "a\nb", 42L, 'x', Path.of("dir", "f" + ESC + "g"), Instant.EPOCH);
        out.print("\rprogress");
        assertThat(sink.toString()).isEqualTo("a\\nb  |42|x|dir/f\\u001bg|1970-01-01T00:00:00Z"
                + System.lineSeparator() + "\rprogress");
    }

    @Test
    void statsPrintsAFileNameWithANewlineAndEscOnOneEscapedLine() throws IOException {
        Path file = tmp.resolve("evil\n" + ESC + "[31mname.json");
        Files.copy(TestSupport.fixture("sample_full.json"), file);
        TestSupport.Run r = run("stats", file.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).doesNotContain(String.valueOf(ESC));
        assertThat(r.out().lines().findFirst().orElseThrow())
                .isEqualTo("file:     " + tmp + "/evil\\n\\u001b[31mname.json");
    }

    @Test
    void tableAndFieldNamesWithControlCharactersNeverReachTheTerminalRaw() throws IOException {
        // A Python DictDB save, written as text: it does not depend on the API accepting such names. Once the
        // name rule refuses them at load, the command fails instead, and its one-line error shows them escaped.
        Path file = tmp.resolve("names.json");
        Files.writeString(file, """
                {"tables": {
                  "evil\\n\\u001b[2Jtable": {"primary_key": "id", "schema": {"id": "int", "na\\u001bme": "str"},
                    "records": [{"id": 1, "na\\u001bme": "x\\u001by"}]},
                  "plain": {"primary_key": "id", "schema": null, "records": []}
                }}
                """, StandardCharsets.UTF_8);
        for (List<String> command : List.of(List.of("stats"), List.of("backup", "inspect"))) {
            String[] args = java.util.stream.Stream.concat(command.stream(), java.util.stream.Stream.of(
                    file.toString())).toArray(String[]::new);
            TestSupport.Run r = run(args);
            assertThat(r.out() + r.err()).as(command.toString()).doesNotContain(String.valueOf(ESC));
            if (r.exitCode() == 0) {
                assertThat(r.out()).contains("  evil\\n\\u001b[2Jtable: 1 records");
                if (command.get(0).equals("stats")) {
                    // one line per table: the name's newline did not start a line of its own
                    assertThat(r.out().lines()).as(r.out()).hasSize(12);
                    assertThat(r.out()).contains("schema:  id:long, na\\u001bme:string");
                }
            } else {
                assertThat(r.errLines()).hasSize(1);
                assertThat(r.err()).startsWith("dictdb: ");
            }
        }
    }

    @Test
    void errorMessagesQuotingInputAreEscapedWithAndWithoutVerbose() {
        String name = "gone\n" + ESC + "]0;pwned" + '\u0007';
        Path missing = tmp.resolve(name);
        TestSupport.Run r = run("stats", missing.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("dictdb: no such file: " + tmp + "/gone\\n\\u001b]0;pwned\\u0007"
                + System.lineSeparator());
        TestSupport.Run verbose = run("stats", missing.toString(), "--verbose");
        assertThat(verbose.err()).doesNotContain(String.valueOf(ESC)).contains("\tat io.dictdb.cli.");
        TestSupport.Run usage = run("stats", "--bogus" + ESC + "[31m", "x");
        assertThat(usage.exitCode()).isEqualTo(2);
        assertThat(usage.err()).doesNotContain(String.valueOf(ESC)).contains("--bogus\\u001b[31m");
    }
}
