package io.dictdb.cli;

import io.dictdb.core.DictDB;
import picocli.CommandLine.IVersionProvider;

/** The version for {@code --version}: the library's ({@link DictDB#version()}) and the Java that runs it. */
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
        return DictDB.version();
    }

    @Override
    public String[] getVersion() {
        return new String[] {"dictdb " + version(), "Java " + Runtime.version() + " (" + System.getProperty(
                "java.vendor", "?") + ")"};
    }
}
