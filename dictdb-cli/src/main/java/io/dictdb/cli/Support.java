package io.dictdb.cli;

import io.dictdb.CodecException;
import io.dictdb.Database;
import io.dictdb.core.DictDB;
import io.dictdb.core.Snapshot;
import io.dictdb.spi.Codec;
import io.dictdb.spi.Codecs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Supplier;

/** Small helpers the commands share: argument checks, codec choice, number formats. */
final class Support {
    private Support() {
    }

    /**
     * Checks that a file exists and is a regular file.
     *
     * @param file the file
     * @return the file
     * @throws CliException naming the file if it is missing or a folder
     */
    static Path requireFile(Path file) {
        if (!Files.exists(file)) {
            throw new CliException("no such file: " + file);
        }
        if (Files.isDirectory(file)) {
            throw new CliException("is a folder, not a file: " + file);
        }
        return file;
    }

    /**
     * Checks that a folder exists.
     *
     * @param dir the folder
     * @return the folder
     * @throws CliException naming the folder if it is missing or a file
     */
    static Path requireFolder(Path dir) {
        if (!Files.exists(dir)) {
            throw new CliException("no such folder: " + dir);
        }
        if (!Files.isDirectory(dir)) {
            throw new CliException("not a folder: " + dir);
        }
        return dir;
    }

    /**
     * Checks an option's value with the library's own rule: a value the library refuses with an
     * {@link IllegalArgumentException} is a usage error.
     *
     * @param option the option, as typed ({@code --columns})
     * @param check builds what the value is for, throwing IllegalArgumentException for a bad value
     * @param <T> what is built
     * @return what {@code check} built
     * @throws CliException with exit code 2, naming the option and the library's reason
     */
    static <T> T optionValue(String option, Supplier<T> check) {
        try {
            return check.get();
        } catch (IllegalArgumentException e) {
            throw new CliException(option + ": " + e.getMessage(), 2);
        }
    }

    /**
     * The codec to write a file with: the one named, else the one whose extension the file has, else json.
     *
     * @param file the file to write
     * @param format the codec named on the command line, or null
     * @return the codec's name
     * @throws CliException if the named codec is not installed
     */
    static String formatFor(Path file, String format) {
        if (format != null) {
            return codec(format).name();
        }
        return DictDB.formatFor(file);
    }

    /**
     * An installed codec by name.
     *
     * @param name the codec's name
     * @return the codec
     * @throws CliException listing the installed codecs if there is none by that name
     */
    static Codec codec(String name) {
        try {
            return Codecs.named(name.toLowerCase(Locale.ROOT));
        } catch (CodecException e) {
            throw new CliException("unknown format '" + name + "': " + e.getMessage(), 2);
        }
    }

    /**
     * A consistent snapshot of a database loaded or restored by the library (always a {@link DictDB}).
     *
     * @param db the database
     * @return its snapshot
     */
    static Snapshot snapshot(Database db) {
        return ((DictDB) db).snapshot();
    }

    /**
     * A byte count for people: {@code 1.2 MB}.
     *
     * @param bytes the count
     * @return the text
     */
    static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KB", "MB", "GB", "TB"};
        double v = bytes;
        int u = -1;
        do {
            v /= 1024;
            u++;
        } while (v >= 1024 && u < units.length - 1);
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    /**
     * A duration for people: {@code 340 ms} or {@code 2.4 s}.
     *
     * @param nanos the duration in nanoseconds
     * @return the text
     */
    static String millis(long nanos) {
        long ms = nanos / 1_000_000;
        return ms < 10_000 ? ms + " ms" : String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }

    /**
     * A count with thousands separators.
     *
     * @param n the count
     * @return the text
     */
    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
