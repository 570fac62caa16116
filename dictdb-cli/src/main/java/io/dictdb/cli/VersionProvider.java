package io.dictdb.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The version for {@code --version}: the Maven project version, from a resource filtered at build time. */
public final class VersionProvider implements IVersionProvider {

    /** Creates the provider (picocli instantiates it). */
    public VersionProvider() {
    }

    /**
     * The project version.
     *
     * @return the version, such as {@code 0.1.0-SNAPSHOT}
     */
    public static String version() {
        Properties p = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p.getProperty("version", "unknown");
    }

    @Override
    public String[] getVersion() {
        return new String[] {"dictdb " + version(), "Java " + Runtime.version() + " (" + System.getProperty(
                "java.vendor", "?") + ")"};
    }
}
