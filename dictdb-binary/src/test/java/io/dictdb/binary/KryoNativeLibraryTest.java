package io.dictdb.binary;

import static org.assertj.core.api.Assertions.assertThat;

import io.dictdb.codec.tck.Image;
import io.dictdb.codec.tck.RandomImages;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import net.jpountz.util.Native;
import org.junit.jupiter.api.Test;

/**
 * The kryo codec never loads lz4-java's JNI library (on JDK 24+ that load prints "WARNING:
 * java.lang.System::loadLibrary has been called by net.jpountz.util.Native"): neither in this JVM after writing and
 * reading images of both formats, nor in a fresh child JVM, which runs on JDK 25 when it is installed (the JDK that
 * prints the warning; {@code -Ddictdb.test.jdk25=<java.home>} points elsewhere).
 */
class KryoNativeLibraryTest {

    @Test
    void writingAndReadingLeavesTheNativeLibraryUnloaded() {
        Image image = new RandomImages(15).fullImage();
        Image.decode(new KryoCodec(), image.encode(new KryoCodec()));
        Image.decode(new KryoCodec(), new RandomImages(16).delta().encode(new KryoCodec()));
        Image.decode(new KryoCodec(), KryoFormatOneTest.full().encode(new KryoCodec()));
        assertThat(Native.isLoaded()).as("lz4-java's JNI library loaded").isFalse();
    }

    @Test
    void aFreshJvmPrintsNoNativeAccessWarning() throws Exception {
        Path jdk25 = Path.of(System.getProperty("dictdb.test.jdk25", "/usr/lib/jvm/temurin-25-jdk-amd64"));
        Path home = Files.isExecutable(jdk25.resolve("bin").resolve("java")) ? jdk25
                : Path.of(System.getProperty("java.home"));
        Process p = new ProcessBuilder(home.resolve("bin").resolve("java").toString(), "-cp",
                System.getProperty("java.class.path"), "io.dictdb.binaryprobe.KryoNativeProbe", formatOneFile())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("finished").isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("native-loaded=false").doesNotContain("loadLibrary").doesNotContain("WARNING");
    }

    private static String formatOneFile() throws URISyntaxException {
        return new File(KryoNativeLibraryTest.class.getResource("kryo-format-1-full.kryo").toURI()).getPath();
    }
}
