package io.dictdb.examples;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The module descriptors are real: the Quick look runs as a named module on the module path, with dictdb-api,
 * dictdb-core and slf4j-api as named modules (the unit tests themselves run on the class path).
 */
class ModulePathTest {

    @Test
    void quickLookRunsOnTheModulePath() throws Exception {
        List<String> modulePath = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String name = Path.of(entry).toString();
            boolean ours = name.contains("dictdb-") && !name.contains("test-classes");
            if (ours || Path.of(entry).getFileName().toString().startsWith("slf4j-api")) {
                modulePath.add(entry);
            }
        }
        assertThat(modulePath).anyMatch(e -> e.contains("dictdb-core")).anyMatch(e -> e.contains("dictdb-api"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "--module-path", String.join(File.pathSeparator, modulePath),
                "-m", "io.dictdb.examples/io.dictdb.examples.QuickLook")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("finished").isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("avg_age=27.5").doesNotContain("Exception");
    }
}
