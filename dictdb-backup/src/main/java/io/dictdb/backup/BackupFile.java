package io.dictdb.backup;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * One backup file, as its header describes it.
 *
 * @param path the file
 * @param kind full or delta
 * @param createdAt when the snapshot was taken (full) or the changes captured (delta)
 * @param firstSequence the first sequence number covered (1 for a full)
 * @param lastSequence the last sequence number covered: a full holds every change up to it
 * @param sizeBytes the file's size in bytes
 * @param format the codec's name
 * @param imageId the file's image id (null for the Python DictDB's files)
 * @param baseImageId for a delta, the image id of the full it builds on (null for a full and foreign files)
 * @param databaseId the id of the database the file was taken of ({@code DictDB.databaseId()}); null for files
 *     written before databases had ids and for the Python DictDB's files
 */
public record BackupFile(Path path, Kind kind, Instant createdAt, long firstSequence, long lastSequence,
                         long sizeBytes, String format, String imageId, String baseImageId, String databaseId) {

    /** What a backup file holds. */
    public enum Kind {
        /** Every table with its records, indexes and key counters, at one sequence number. */
        FULL,
        /** The changes of a contiguous range of sequence numbers, applied on top of a full and earlier deltas. */
        DELTA
    }

    /**
     * Checks the parts.
     *
     * @param path the file
     * @param kind full or delta
     * @param createdAt when taken
     * @param firstSequence first sequence number covered
     * @param lastSequence last sequence number covered
     * @param sizeBytes size in bytes
     * @param format codec name
     * @param imageId image id or null
     * @param baseImageId base image id or null
     * @param databaseId the database's id or null
     */
    public BackupFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(format, "format");
    }

    /**
     * A file of no known database (as files written before databases had ids are).
     *
     * @param path the file
     * @param kind full or delta
     * @param createdAt when taken
     * @param firstSequence first sequence number covered
     * @param lastSequence last sequence number covered
     * @param sizeBytes size in bytes
     * @param format codec name
     * @param imageId image id or null
     * @param baseImageId base image id or null
     */
    public BackupFile(Path path, Kind kind, Instant createdAt, long firstSequence, long lastSequence, long sizeBytes,
                      String format, String imageId, String baseImageId) {
        this(path, kind, createdAt, firstSequence, lastSequence, sizeBytes, format, imageId, baseImageId, null);
    }

    /**
     * Whether the file was written by another program (the Python DictDB): it has no image ids, and its sequence
     * numbers count from 1 within the file, so such files are ordered by their creation times.
     *
     * @return true for a foreign file
     */
    public boolean foreign() {
        return imageId == null;
    }
}
