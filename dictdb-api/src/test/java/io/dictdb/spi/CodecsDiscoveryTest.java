package io.dictdb.spi;

import io.dictdb.CodecException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Discovery through META-INF/services on the class path (this module's test resources list two good providers, a
 * duplicate name, a provider whose constructor throws, a missing class and an upper-case name).
 */
class CodecsDiscoveryTest {

    @AfterEach
    void unregister() {
        Codecs.unregister("alpha");
        Codecs.unregister("gamma");
    }

    @Test
    void goodProvidersAreFoundSortedByName() {
        assertThat(Codecs.available()).extracting(Codec::name).containsExactly("alpha", "beta");
        assertThat(Codecs.named("alpha")).isInstanceOf(FakeCodecs.Alpha.class);
        assertThat(Codecs.named("BETA")).isInstanceOf(FakeCodecs.Beta.class);
    }

    @Test
    void theFirstOfTwoProvidersWithOneNameWinsAndTheDuplicateIsReported() {
        assertThat(Codecs.named("alpha")).isInstanceOf(FakeCodecs.Alpha.class);
        assertThat(Codecs.problems()).anySatisfy(p -> assertThat(p).contains("duplicate codec name 'alpha'")
                .contains(FakeCodecs.AlphaAgain.class.getName()).contains(FakeCodecs.Alpha.class.getName()));
    }

    @Test
    void brokenProvidersAreSkippedAndReported() {
        assertThat(Codecs.problems()).anySatisfy(p -> assertThat(p).contains(FakeCodecs.Broken.class.getName())
                .contains("broken on purpose"));
        assertThat(Codecs.problems()).anySatisfy(p -> assertThat(p).contains("io.dictdb.spi.NoSuchCodecClass"));
        assertThat(Codecs.problems()).anySatisfy(p -> assertThat(p).contains("invalid name 'Upper'"));
        assertThat(Codecs.problems()).hasSize(4);
    }

    @Test
    void anUnknownNameListsTheInstalledCodecsTheArtifactAndTheProblems() {
        assertThatThrownBy(() -> Codecs.named("kryo")).isInstanceOf(CodecException.class)
                .hasMessageContaining("No codec named 'kryo'")
                .hasMessageContaining("alpha (.alphax), beta (.betax)")
                .hasMessageContaining("io.dictdb:dictdb-binary")
                .hasMessageContaining("broken on purpose");
        assertThatThrownBy(() -> Codecs.named("json")).hasMessageContaining("io.dictdb:dictdb-json");
        assertThatThrownBy(() -> Codecs.named("nope")).hasMessageContaining("No codec named 'nope'")
                .hasMessageContaining("json (io.dictdb:dictdb-json)");
    }

    @Test
    void anExplicitRegistrationWinsOverDiscoveryUntilRemoved() {
        Codec mine = new FakeCodecs.AlphaAgain();
        Codecs.register(mine);
        assertThat(Codecs.named("alpha")).isSameAs(mine);
        assertThat(Codecs.available()).extracting(Codec::name).containsExactly("alpha", "beta");
        assertThat(Codecs.unregister("alpha")).isTrue();
        assertThat(Codecs.named("alpha")).isInstanceOf(FakeCodecs.Alpha.class);
        assertThatThrownBy(() -> Codecs.register(new FakeCodecs.Upper()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void forFileChoosesByExtension() {
        assertThat(Codecs.forFile(Path.of("x/data.betax"))).isInstanceOf(FakeCodecs.Beta.class);
        assertThatThrownBy(() -> Codecs.forFile(Path.of("data.zzz"))).isInstanceOf(CodecException.class)
                .hasMessageContaining(".zzz").hasMessageContaining("alpha");
        assertThatThrownBy(() -> Codecs.forFile(Path.of("noextension"))).isInstanceOf(CodecException.class)
                .hasMessageContaining("no file extension");
        assertThat(List.of(Codecs.forFile(Path.of("A.ALPHAX")).name())).containsExactly("alpha");
    }

    @Test
    void aCodecWithoutAFileExtensionCannotBreakTheChoiceByExtension(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        try {
            Codecs.register(new FakeCodecs.NoExtension());
        } catch (IllegalArgumentException refused) {
            assertThat(refused).hasMessageContaining("extension");
        }
        assertThat(Codecs.forFile(Path.of("x/data.betax"))).isInstanceOf(FakeCodecs.Beta.class);
        assertThatThrownBy(() -> Codecs.forFile(Path.of("data.zzz"))).isInstanceOf(CodecException.class)
                .hasMessageContaining(".zzz");

        // discovered: skipped and reported, as a provider with a bad name is
        Path services = dir.resolve("META-INF/services");
        java.nio.file.Files.createDirectories(services);
        java.nio.file.Files.writeString(services.resolve(Codec.class.getName()),
                FakeCodecs.NoExtension.class.getName() + "\n" + FakeCodecs.Beta.class.getName() + "\n");
        try (java.net.URLClassLoader loader = new java.net.URLClassLoader(new java.net.URL[] {dir.toUri().toURL()},
                null) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                return Class.forName(name, resolve, CodecsDiscoveryTest.class.getClassLoader());
            }
        }) {
            Codecs.Discovery d = Codecs.discover(java.util.ServiceLoader.load(Codec.class, loader));
            assertThat(d.codecs()).containsOnlyKeys("beta");
            assertThat(d.problems()).singleElement().satisfies(p -> assertThat(p)
                    .contains(FakeCodecs.NoExtension.class.getName()).contains("extension"));
        }
    }
}
