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
 * The module descriptors are real: examples run as a named module on the module path, with the DictDB modules and
 * their dependencies as named (or automatic) modules, the codecs found through their {@code provides} clauses (the
 * unit tests themselves run on the class path).
 */
class ModulePathTest {

    /** The runtime jars: DictDB's and their dependencies, without the test-only ones. */
    private static final List<String> RUNTIME = List.of("dictdb-", "slf4j-api", "logback-", "jackson-core",
            "jackson-databind", "jackson-annotations", "jackson-dataformat-cbor", "kryo", "reflectasm", "minlog",
            "objenesis", "lz4-java", "fastcsv", "micrometer-", "HdrHistogram", "LatencyUtils", "jspecify");

    private static String modulePath() {
        List<String> modulePath = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String file = Path.of(entry).getFileName().toString();
            boolean ours = Path.of(entry).toString().contains("dictdb-") && entry.endsWith("classes")
                    && !entry.endsWith("test-classes");
            if (ours || (file.endsWith(".jar") && RUNTIME.stream().anyMatch(file::startsWith)
                    && !file.startsWith("dictdb-codec-tck"))) {
                modulePath.add(entry);
            }
        }
        assertThat(modulePath).anyMatch(e -> e.contains("dictdb-core")).anyMatch(e -> e.contains("dictdb-api"));
        return String.join(File.pathSeparator, modulePath);
    }

    private static String run(String mainClass) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "--module-path", modulePath(), "-m", "io.dictdb.examples/" + mainClass)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("finished").isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    @Test
    void quickLookRunsOnTheModulePath() throws Exception {
        assertThat(run("io.dictdb.examples.QuickLook")).contains("avg_age=27.5").doesNotContain("Exception");
    }

    @Test
    void theMicrometerBindersRunOnTheModulePath() throws Exception {
        assertThat(run("io.dictdb.examples.Monitoring"))
                .contains("dictdb.records(GAUGE)[table='users']; value=2.0").doesNotContain("Exception");
    }

    @Test
    void backupsFindTheJsonCodecThroughTheModuleSystem() throws Exception {
        assertThat(run("io.dictdb.examples.IncrementalBackups"))
                .contains("Verify: ok, 6 files checked", "Restored by hand equals latest: true");
    }
}
