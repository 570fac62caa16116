package io.dictdb.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The three Logback configurations of src/main/resources, each selected the way a user does, with
 * {@code -Dlogback.configurationFile=...}, in a child JVM running the Quick look (which creates a table: DictDB logs
 * it at INFO with the key-values {@code op=create_table}, {@code table=users}, {@code field=id}).
 */
class LogbackConfigurationsTest {

    @TempDir
    Path dir;

    /** Runs the Quick look on the main class path (not test-classes: no logback-test.xml there). */
    private static String runQuickLook(String... jvmOptions) throws Exception {
        String classPath = Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> !e.endsWith("test-classes"))
                .collect(Collectors.joining(File.pathSeparator));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", classPath, QuickLook.class.getName()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("finished").isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    @Test
    void theDefaultLogsInfoToTheConsoleWithKeyValues() throws Exception {
        String out = runQuickLook();
        assertThat(out.lines().filter(l -> l.contains(" INFO ") && l.contains("Created table 'users'")))
                .isNotEmpty() // created, then created again by the load
                .allSatisfy(l -> assertThat(l).contains("op=\"create_table\"", "table=\"users\""));
        assertThat(out).doesNotContain(" DEBUG ");
    }

    @Test
    void theJsonConfigurationWritesOneParseableObjectPerLineWithTheKeyValues() throws Exception {
        String out = runQuickLook("-Dlogback.configurationFile=logback-json.xml");
        JsonMapper mapper = JsonMapper.builder().build();
        List<JsonNode> events = new ArrayList<>();
        for (String line : out.lines().filter(l -> l.startsWith("{")).toList()) {
            events.add(mapper.readTree(line)); // every JSON line parses
        }
        JsonNode created = events.stream()
                .filter(e -> "create_table".equals(keyValues(e).get("op")) && "users".equals(keyValues(e).get("table")))
                .findFirst().orElseThrow(() -> new AssertionError("no create_table event for users in\n" + out));
        assertThat(created.get("level").asString()).isEqualTo("INFO");
        assertThat(created.get("loggerName").asString()).isEqualTo("io.dictdb.core.DictDB");
        assertThat(created.get("formattedMessage").asString()).contains("users");
        assertThat(keyValues(created)).containsEntry("field", "id");
        // The example's own output (not JSON) is still there, the log lines are all JSON.
        assertThat(out).contains("avg_age=27.5");
        assertThat(out.lines().filter(l -> l.contains("INFO") && !l.startsWith("{"))).isEmpty();
    }

    /** JsonEncoder writes key-values as "kvpList": [{"op": "..."}, {"table": "..."}, ...]. */
    private static Map<String, String> keyValues(JsonNode event) {
        Map<String, String> kv = new HashMap<>();
        JsonNode list = event.get("kvpList");
        if (list != null) {
            for (JsonNode pair : list) {
                pair.properties().forEach(e -> kv.put(e.getKey(), e.getValue().asString()));
            }
        }
        return kv;
    }

    @Test
    void theFileConfigurationWritesEverythingToTheFileAndOnlyWarningsToTheConsole() throws Exception {
        String out = runQuickLook("-Dlogback.configurationFile=logback-file.xml", "-Ddictdb.log.dir=" + dir);
        Path log = dir.resolve("dictdb.log");
        assertThat(log).exists();
        String written = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(written.lines().filter(l -> l.contains("Created table 'users'"))).isNotEmpty()
                .allSatisfy(l -> assertThat(l).contains(" INFO ", "op=\"create_table\"", "table=\"users\""));
        assertThat(written).contains("op=\"create_index\"");
        assertThat(out).doesNotContain("Created table 'users'", " INFO ").contains("avg_age=27.5");
    }
}
