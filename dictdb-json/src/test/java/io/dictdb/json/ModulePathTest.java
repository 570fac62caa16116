package io.dictdb.json;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Discovery on the module path: dictdb-api, dictdb-json and jackson-core run as named modules in a child JVM, where
 * the codec is found through {@code provides} in module-info (the unit tests themselves run on the class path).
 */
class ModulePathTest {

    @Test
    void theJsonCodecIsFoundAsAProviderOfANamedModule() throws Exception {
        List<String> modulePath = new ArrayList<>();
        String testClasses = null;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String name = Path.of(entry).toString().replace('\\', '/');
            if (name.endsWith("test-classes")) {
                testClasses = entry;
            } else if (name.contains("dictdb-api") || name.contains("dictdb-json")
                    || Path.of(entry).getFileName().toString().startsWith("jackson-core")) {
                modulePath.add(entry);
            }
        }
        assertThat(modulePath).hasSize(3);
        assertThat(testClasses).isNotNull();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "--module-path", String.join(File.pathSeparator, modulePath),
                "--add-modules", "io.dictdb.json", "-cp", testClasses, "io.dictdb.jsonprobe.ModulePathProbe")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("finished").isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("api-module=io.dictdb.api").contains("codec-module=io.dictdb.json")
                .contains("available=[json]").contains("problems=[]").contains("record={id=1, name=Zoë}");
    }
}
