package io.dictdb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dictdb.CodecException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;

/** The small parts: progress drawing, error lines, codec choice. */
class PartsTest {

    @Test
    void aDisabledProgressBarDrawsNothing() throws Exception {
        StringWriter sw = new StringWriter();
        PrintWriter w = new PrintWriter(sw);
        try (Progress p = Progress.bar(w, false, "inserting", 100)) {
            p.update(50);
            p.update(100);
        }
        assertThat(Progress.spin(w, false, "loading", () -> 42)).isEqualTo(42);
        w.flush();
        assertThat(sw.toString()).isEmpty();
    }

    @Test
    void anEnabledProgressBarRedrawsOneLineAndClearsIt() throws Exception {
        StringWriter sw = new StringWriter();
        PrintWriter w = new PrintWriter(sw);
        try (Progress p = Progress.bar(w, true, "inserting", 200)) {
            p.update(50);
            p.update(200); // the last step is always drawn
        }
        w.flush();
        String drawn = sw.toString();
        assertThat(drawn).startsWith("\rinserting [").contains(" 25% 50/200 ", "100% 200/200 ")
                .doesNotContain("\n").endsWith("\r");
        StringWriter spun = new StringWriter();
        PrintWriter sp = new PrintWriter(spun);
        assertThat(Progress.spin(sp, true, "loading", () -> {
            Thread.sleep(300);
            return "done";
        })).isEqualTo("done");
        assertThat(spun.toString()).contains("\rloading ").doesNotContain("\n");
    }

    @Test
    void errorsAreOneLineNamingTheFile() {
        assertThat(Errors.message(new UncheckedIOException(new NoSuchFileException("/x/y.json"))))
                .isEqualTo("no such file: /x/y.json");
        // a line break may be part of a quoted name: shown escaped, it can neither hide nor fake a line
        assertThat(Errors.message(new CodecException("Cannot read image file /a.kryo: checksum mismatch\nat 12")))
                .isEqualTo("Cannot read image file /a.kryo: checksum mismatch\\nat 12");
        assertThat(Errors.message(new IllegalStateException())).isEqualTo("IllegalStateException");
        assertThat(Errors.oneLine("  a\r\n  b\nc ")).isEqualTo("a; b; c");
    }

    @Test
    void theOutputCodecIsTheNamedOneElseTheExtensionsElseJsonWithoutAnExtension() {
        assertThat(Support.formatFor(java.nio.file.Path.of("a.kryo"), null)).isEqualTo("kryo");
        assertThat(Support.formatFor(java.nio.file.Path.of("a.CBOR"), null)).isEqualTo("cbor");
        assertThat(Support.formatFor(java.nio.file.Path.of("a"), null)).isEqualTo("json");
        assertThat(Support.formatFor(java.nio.file.Path.of("a.bin"), "json")).isEqualTo("json");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Support.formatFor(java.nio.file.Path.of("a.bin"), null))
                .isInstanceOf(io.dictdb.CodecException.class)
                .hasMessageContaining("'.bin' of a.bin").hasMessageContaining("Installed codecs: ");
        assertThat(Support.formatFor(java.nio.file.Path.of("a.json"), "KRYO")).isEqualTo("kryo");
        assertThat(Support.bytes(1536)).isEqualTo("1.5 KB");
        assertThat(Support.bytes(512)).isEqualTo("512 B");
    }
}
