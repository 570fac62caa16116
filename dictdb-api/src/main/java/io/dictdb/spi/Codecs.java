package io.dictdb.spi;

import io.dictdb.CodecException;
import io.dictdb.file.FrameHeaderLine;

import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds codecs, as SLF4J's {@code LoggerFactory} finds its provider: with {@link ServiceLoader} and the API's
 * class loader (on the module path, the providers of every module in the layer). Providers that fail to load are
 * skipped and reported ({@link #problems()}, a {@link System.Logger} warning and the message of a failed lookup);
 * of two providers with the same name the first found wins and the duplicate is reported. A codec registered with
 * {@link #register(Codec)} wins over a discovered one of the same name.
 *
 * <p>Discovery runs once, on first use; {@link #reload()} runs it again.
 */
public final class Codecs {

    private static final System.Logger LOG = System.getLogger(Codecs.class.getName());

    /** Where our own codecs live, for the message of an unknown name. */
    private static final Map<String, String> ARTIFACTS = Map.of(
            "json", "io.dictdb:dictdb-json",
            "cbor", "io.dictdb:dictdb-binary",
            "kryo", "io.dictdb:dictdb-binary");

    private static final Map<String, Codec> REGISTERED = new ConcurrentHashMap<>();
    private static volatile Discovery discovery;

    private Codecs() {
    }

    /** The outcome of one discovery run. */
    record Discovery(Map<String, Codec> codecs, List<String> problems) {
    }

    /**
     * The codec of that name.
     *
     * @param name the codec's name, case-insensitive
     * @return the codec
     * @throws CodecException if none is installed under that name; the message lists the installed codecs, the
     *     artifact that provides the codec and any provider that failed to load
     */
    public static Codec named(String name) {
        Objects.requireNonNull(name, "name");
        String key = name.toLowerCase(Locale.ROOT);
        Codec c = REGISTERED.get(key);
        if (c == null) {
            c = discovery().codecs().get(key);
        }
        if (c == null) {
            throw new CodecException(unknown("No codec named '" + name + "'", key));
        }
        return c;
    }

    /**
     * The codec for a file: the one named in its frame if it is an existing framed image file, else the one whose
     * {@link Codec#fileExtension()} is the file's extension.
     *
     * @param file the file
     * @return the codec
     * @throws CodecException if no installed codec fits, listing the installed codecs
     */
    public static Codec forFile(Path file) {
        Objects.requireNonNull(file, "file");
        if (java.nio.file.Files.isRegularFile(file)) {
            // what the frame's header line claims, read by the frame's one parser; the checksum is the reader's job
            String framed = FrameHeaderLine.claimed(file).get("codec");
            if (framed != null) {
                return named(framed);
            }
        }
        return forExtension(file);
    }

    /**
     * The codec whose file extension is the file's, by {@link #nameForExtension(Path)}: what reads a frameless file
     * when no format is given.
     *
     * @param file the file
     * @return the codec
     * @throws CodecException if the file has no extension or no installed codec uses it, listing the installed
     *     codecs
     */
    public static Codec forExtension(Path file) {
        return named(nameForExtension(file).orElseThrow(() -> new CodecException(unknown(
                "Cannot choose a codec for " + file + ": it has no file extension; give the format", null))));
    }

    /**
     * The one rule from a file's extension to a codec name, which saving and reading share: the installed codec
     * whose {@link Codec#fileExtension()} the file has (ignoring case); for {@code .cbor} and {@code .kryo} that
     * codec's name even when it is not installed, so that {@link #named(String)} then says which artifact to add.
     *
     * @param file the file
     * @return the codec's name, or empty if the file name has no extension (nothing after a last dot)
     * @throws CodecException if the file has an extension no codec uses, naming the file and listing the
     *     installed codecs
     * @throws NullPointerException if the file is null
     */
    public static Optional<String> nameForExtension(Path file) {
        Objects.requireNonNull(file, "file");
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        if (dot < 0 || dot == name.length() - 1) {
            return Optional.empty();
        }
        String ext = name.substring(dot + 1).toLowerCase(Locale.ROOT);
        for (Codec c : available()) {
            if (c.fileExtension().equalsIgnoreCase(ext)) {
                return Optional.of(c.name());
            }
        }
        if (ARTIFACTS.containsKey(ext)) {
            return Optional.of(ext); // one of ours, not installed: named() says which artifact to add
        }
        throw new CodecException(unknown("No codec for the extension '." + ext + "' of " + file
                + "; give the format, or a file name with a codec's extension", ext));
    }

    /**
     * Every installed codec (registered ones included), sorted by name.
     *
     * @return the codecs
     */
    public static List<Codec> available() {
        Map<String, Codec> all = new LinkedHashMap<>(discovery().codecs());
        all.putAll(REGISTERED);
        List<Codec> list = new ArrayList<>(all.values());
        list.sort(Comparator.comparing(Codec::name));
        return List.copyOf(list);
    }

    /**
     * The problems of the last discovery: providers that failed to load, duplicate names, invalid names or file
     * extensions.
     *
     * @return the problem descriptions, empty when there were none
     */
    public static List<String> problems() {
        return discovery().problems();
    }

    /**
     * Installs a codec explicitly; it wins over a discovered codec of the same name.
     *
     * @param codec the codec
     * @throws IllegalArgumentException if its name is not lower case or is empty, or its file extension is missing,
     *     empty or holds a dot
     */
    public static void register(Codec codec) {
        Objects.requireNonNull(codec, "codec");
        String name = codec.name();
        if (!validName(name)) {
            throw new IllegalArgumentException("codec names are non-empty and lower case, got '" + name + "'");
        }
        String extension = codec.fileExtension();
        if (!validExtension(extension)) {
            throw new IllegalArgumentException("codec '" + name + "' has an invalid file extension '" + extension
                    + "' (non-empty, without a dot)");
        }
        REGISTERED.put(name, codec);
    }

    /**
     * Removes an explicitly registered codec; a discovered codec of that name is found again.
     *
     * @param name the codec's name
     * @return whether one was registered
     */
    public static boolean unregister(String name) {
        return REGISTERED.remove(name.toLowerCase(Locale.ROOT)) != null;
    }

    /**
     * Runs discovery again (after the class path changed, for example).
     */
    public static synchronized void reload() {
        discovery = discover(ServiceLoader.load(Codec.class, Codecs.class.getClassLoader()));
    }

    private static Discovery discovery() {
        Discovery d = discovery;
        if (d == null) {
            synchronized (Codecs.class) {
                d = discovery;
                if (d == null) {
                    d = discover(ServiceLoader.load(Codec.class, Codecs.class.getClassLoader()));
                    discovery = d;
                }
            }
        }
        return d;
    }

    /**
     * Loads every provider of a service loader, skipping and reporting broken, duplicate and badly named ones.
     * Package-private for tests that pass their own loader.
     */
    static Discovery discover(ServiceLoader<Codec> loader) {
        Map<String, Codec> found = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        Iterator<Codec> it = loader.iterator();
        while (true) {
            Codec c;
            try {
                if (!it.hasNext()) {
                    break;
                }
                c = it.next();
            } catch (ServiceConfigurationError e) {
                problems.add("a codec provider failed to load: " + e.getMessage()
                        + (e.getCause() != null ? " (" + e.getCause() + ")" : ""));
                continue;
            }
            String name;
            try {
                name = c.name();
            } catch (RuntimeException e) {
                problems.add("codec provider " + c.getClass().getName() + " failed to give its name: " + e);
                continue;
            }
            if (!validName(name)) {
                problems.add("codec provider " + c.getClass().getName() + " has an invalid name '" + name
                        + "' (names are non-empty and lower case); ignored");
                continue;
            }
            String extension;
            try {
                extension = c.fileExtension();
            } catch (RuntimeException e) {
                problems.add("codec provider " + c.getClass().getName() + " failed to give its file extension: " + e);
                continue;
            }
            if (!validExtension(extension)) {
                problems.add("codec provider " + c.getClass().getName() + " has an invalid file extension '"
                        + extension + "' (non-empty, without a dot); ignored");
                continue;
            }
            Codec first = found.get(name);
            if (first != null) {
                problems.add("duplicate codec name '" + name + "': " + c.getClass().getName()
                        + " ignored, using " + first.getClass().getName());
                continue;
            }
            found.put(name, c);
        }
        for (String p : problems) {
            LOG.log(Level.WARNING, "DictDB codec discovery: " + p);
        }
        return new Discovery(Map.copyOf(found), List.copyOf(problems));
    }

    private static boolean validName(String name) {
        return name != null && !name.isEmpty() && name.equals(name.toLowerCase(Locale.ROOT));
    }

    private static boolean validExtension(String extension) {
        return extension != null && !extension.isEmpty() && extension.indexOf('.') < 0;
    }

    private static String unknown(String what, String key) {
        StringBuilder sb = new StringBuilder(what).append(". Installed codecs: ");
        List<Codec> all = available();
        if (all.isEmpty()) {
            sb.append("none");
        } else {
            for (int i = 0; i < all.size(); i++) {
                sb.append(i == 0 ? "" : ", ").append(all.get(i).name()).append(" (.")
                        .append(all.get(i).fileExtension()).append(')');
            }
        }
        String artifact = key == null ? null : ARTIFACTS.get(key);
        if (artifact != null) {
            sb.append(". Add the artifact ").append(artifact).append(" to the class path or module path");
        } else {
            sb.append(". Codecs of this project: json (io.dictdb:dictdb-json), cbor and kryo "
                    + "(io.dictdb:dictdb-binary)");
        }
        List<String> problems = discovery().problems();
        if (!problems.isEmpty()) {
            sb.append(". Problems during discovery: ").append(String.join("; ", problems));
        }
        return sb.toString();
    }
}
