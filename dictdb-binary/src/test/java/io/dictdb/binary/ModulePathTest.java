package io.dictdb.binary;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Discovery on the module path: dictdb-api, dictdb-binary, Jackson, Kryo and lz4-java run as (named or automatic)
 * modules in a child JVM, where both codecs are found through {@code provides} in module-info (the unit tests
 * themselves run on the class path).
 */
class ModulePathTest {
    private static final List<String> MODULE_JARS = List.of("jackson-core", "jackson-databind", "jackson-annotations",
            "jackson-dataformat-cbor", "kryo", "minlog", "objenesis", "reflectasm", "lz4-java");

    @Test
    void bothCodecsAreFoundAsProvidersOfANamedModule() throws Exception {
        List<String> modulePath = new ArrayList<>();
        String testClasses = null;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String path = Path.of(entry).toString().replace('\\', '/');
            String file = Path.of(entry).getFileName().toString();
            if (path.endsWith("test-classes")) {
                testClasses = entry;
            } else if (path.contains("dictdb-api") || path.contains("dictdb-binary")
                    || MODULE_JARS.stream().anyMatch(j -> file.startsWith(j + "-"))) {
                modulePath.add(entry);
            }
        }
        assertThat(modulePath).hasSize(2 + MODULE_JARS.size());
        assertThat(testClasses).isNotNull();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "--module-path", String.join(File.pathSeparator, modulePath),
                "--add-modules", "io.dictdb.binary", "-cp", testClasses, "io.dictdb.binaryprobe.ModulePathProbe")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("finished").isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("api-module=io.dictdb.api").contains("available=[cbor, kryo]")
                .contains("problems=[]").contains("cbor-module=io.dictdb.binary").contains("kryo-module=io.dictdb.binary")
                .contains("cbor-record={id=1, name=Zo\u00eb}").contains("kryo-record={id=1, name=Zo\u00eb}");
    }
}
