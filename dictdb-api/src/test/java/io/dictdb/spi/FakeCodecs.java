package io.dictdb.spi;

import java.io.InputStream;
import java.io.OutputStream;

/** Codec providers for discovery tests: they only have a name and an extension, and cannot encode. */
public final class FakeCodecs {
    private FakeCodecs() {
    }

    /** A codec with a name that cannot write or read images. */
    public abstract static class Named implements Codec {
        private final String name;

        Named(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String fileExtension() {
            return name.toLowerCase(java.util.Locale.ROOT) + "x";
        }

        @Override
        public ImageWriter newWriter(OutputStream out) {
            throw new UnsupportedOperationException("a discovery fixture");
        }

        @Override
        public ImageReader newReader(InputStream in) {
            throw new UnsupportedOperationException("a discovery fixture");
        }
    }

    /** "alpha". */
    public static final class Alpha extends Named {
        /** Creates it. */
        public Alpha() {
            super("alpha");
        }
    }

    /** A second "alpha": a duplicate. */
    public static final class AlphaAgain extends Named {
        /** Creates it. */
        public AlphaAgain() {
            super("alpha");
        }
    }

    /** "beta", listed after the broken providers. */
    public static final class Beta extends Named {
        /** Creates it. */
        public Beta() {
            super("beta");
        }
    }

    /** A name that is not lower case. */
    public static final class Upper extends Named {
        /** Creates it. */
        public Upper() {
            super("Upper");
        }
    }

    /** A provider whose constructor fails. */
    public static final class Broken extends Named {
        /** Fails. */
        public Broken() {
            super(fail());
        }

        private static String fail() {
            throw new IllegalStateException("broken on purpose");
        }
    }

    /** "gamma", whose extension is missing. */
    public static final class NoExtension extends Named {
        /** Creates it. */
        public NoExtension() {
            super("gamma");
        }

        @Override
        public String fileExtension() {
            return null;
        }
    }
}
