package io.dictdb.backup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The name of a backup file, {@code dictdb_backup_<epoch seconds>_<micros, 6 digits>.<ext>} for a full and
 * {@code dictdb_delta_...} for a delta: the one place that builds and parses it. {@link BackupManager} names its
 * files so that they never collide and sort in creation order, and the Python DictDB names its files the same way;
 * but the numbers in a name never decide anything for this library's files (their headers do). Only the Python
 * DictDB's fulls, which carry no time inside, are ordered by the instant in their names ({@link #instant()}).
 *
 * @param kind full ({@code dictdb_backup_}) or delta ({@code dictdb_delta_})
 * @param epochSecond the seconds in the name ({@link Long#MAX_VALUE} for a number too large to be a long)
 * @param microOfSecond the six-digit micros in the name, 0 to 999,999
 * @param extension the codec's file extension, without the dot
 */
record BackupFileName(BackupFile.Kind kind, long epochSecond, int microOfSecond, String extension) {
    private static final Pattern NAME =
            Pattern.compile("dictdb_(backup|delta)_(\\d{1,19})_(\\d{6})\\.([A-Za-z0-9]{1,16})");
    /** A temporary file left by the atomic write ({@code io.dictdb.file.AtomicFile}) when it was interrupted. */
    private static final Pattern TEMPORARY = Pattern.compile("\\.dictdb_(backup|delta)_.*\\.tmp");
    private static final String FULL_PREFIX = "dictdb_backup_";
    private static final String DELTA_PREFIX = "dictdb_delta_";

    /**
     * Checks the parts.
     *
     * @param kind full or delta
     * @param epochSecond the seconds, not negative
     * @param microOfSecond the micros, 0 to 999,999
     * @param extension the extension
     */
    BackupFileName {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(extension, "extension");
        if (epochSecond < 0 || microOfSecond < 0 || microOfSecond > 999_999) {
            throw new IllegalArgumentException("not a backup file time: " + epochSecond + "_" + microOfSecond);
        }
    }

    /**
     * The name of a file taken at {@code micros} microseconds after the epoch.
     *
     * @param kind full or delta
     * @param micros microseconds since the epoch, not negative
     * @param extension the codec's file extension
     * @return the name
     */
    static BackupFileName at(BackupFile.Kind kind, long micros, String extension) {
        return new BackupFileName(kind, micros / 1_000_000L, (int) (micros % 1_000_000L), extension);
    }

    /**
     * The first name at or after {@code notBeforeMicros} whose time is taken in {@code dir} by neither a full nor a
     * delta, so that a new file never replaces one and a delta never shares its full's time.
     *
     * @param dir the backup folder
     * @param kind full or delta
     * @param notBeforeMicros the earliest time, microseconds since the epoch
     * @param extension the codec's file extension
     * @return the free name
     */
    static BackupFileName free(Path dir, BackupFile.Kind kind, long notBeforeMicros, String extension) {
        long micros = notBeforeMicros;
        while (true) {
            BackupFileName name = at(kind, micros, extension);
            if (!Files.exists(dir.resolve(name.as(BackupFile.Kind.FULL).toString()))
                    && !Files.exists(dir.resolve(name.as(BackupFile.Kind.DELTA).toString()))) {
                return name;
            }
            micros++;
        }
    }

    /**
     * Parses a file name.
     *
     * @param fileName the file's name (not a path)
     * @return the parts, or empty when it is not a backup file's name
     */
    static Optional<BackupFileName> parse(String fileName) {
        Matcher m = NAME.matcher(fileName);
        if (!m.matches()) {
            return Optional.empty();
        }
        BackupFile.Kind kind = m.group(1).equals("backup") ? BackupFile.Kind.FULL : BackupFile.Kind.DELTA;
        long seconds;
        try {
            seconds = Long.parseLong(m.group(2));
        } catch (NumberFormatException e) {
            seconds = Long.MAX_VALUE; // 19 digits past a long: after any real time
        }
        return Optional.of(new BackupFileName(kind, seconds, Integer.parseInt(m.group(3)), m.group(4)));
    }

    /**
     * Whether a file name is a backup file's.
     *
     * @param fileName the file's name
     * @return true for {@code dictdb_backup_...} and {@code dictdb_delta_...} names
     */
    static boolean matches(String fileName) {
        return NAME.matcher(fileName).matches();
    }

    /**
     * Whether a file name is that of a temporary file an interrupted write of a backup file left.
     *
     * @param fileName the file's name
     * @return true for {@code .dictdb_backup_...tmp} and {@code .dictdb_delta_...tmp}
     */
    static boolean isTemporary(String fileName) {
        return TEMPORARY.matcher(fileName).matches();
    }

    /**
     * The instant in the name; seconds past what an {@link Instant} holds give {@link Instant#MAX}.
     *
     * @return the instant
     */
    Instant instant() {
        if (epochSecond > Instant.MAX.getEpochSecond()) {
            return Instant.MAX;
        }
        return Instant.ofEpochSecond(epochSecond, microOfSecond * 1000L);
    }

    /**
     * The same time and extension for the other kind of file.
     *
     * @param other full or delta
     * @return the name
     */
    BackupFileName as(BackupFile.Kind other) {
        return new BackupFileName(other, epochSecond, microOfSecond, extension);
    }

    /**
     * The microseconds since the epoch of a name this library built (its seconds fit).
     *
     * @return the microseconds
     */
    long micros() {
        return Math.multiplyExact(epochSecond, 1_000_000L) + microOfSecond;
    }

    /** The file name, for example {@code dictdb_backup_1700000000_000042.json}. */
    @Override
    public String toString() {
        return (kind == BackupFile.Kind.FULL ? FULL_PREFIX : DELTA_PREFIX) + epochSecond + "_"
                + String.format("%06d", microOfSecond) + "." + extension;
    }
}
