package io.dictdb.spi;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The header of an image: what it is, which sequence numbers it covers and which image it builds on.
 *
 * <p>Sequence numbers: the image covers the changes numbered {@code firstSequence..lastSequence} (inclusive).
 * A {@link ImageKind#FULL} image has {@code firstSequence == 1} and {@code lastSequence} the snapshot's sequence
 * number (0 for an empty database): it holds the effect of every change up to it. A {@link ImageKind#DELTA}
 * covers the changes numbered {@code firstSequence..lastSequence} and applies to the state at
 * {@code firstSequence - 1}; an empty delta has {@code firstSequence == lastSequence + 1}. So a delta links to
 * the image before it when its {@code firstSequence} is that image's {@code lastSequence + 1}. Its changes come in
 * increasing order within the range, one per number, or with gaps when the database kept them in net form (per
 * record its last write): then only the whole delta gives a state, the one at {@code lastSequence}, and it may
 * even hold no change.
 *
 * <p>Images read from foreign files (the Python DictDB's saves and deltas) have
 * {@code formatVersion == }{@link #FOREIGN_FORMAT_VERSION}: their sequence numbers are numbered from 1 within the
 * file and carry no order between files; order them by {@link #createdAt()}, and their ids are null.
 *
 * <p>The database id names the database the image was taken of ({@code DictDB.databaseId()}): a backup folder
 * belongs to one database, and its chains say which. It is null in images written before databases had ids, in
 * foreign files, and in images a codec wrote that does not carry it (the file's frame then supplies it).
 *
 * @param formatVersion the image format version, {@link #FORMAT_VERSION} when written by this library
 * @param kind full or delta
 * @param firstSequence the first sequence number covered (see above)
 * @param lastSequence the last sequence number covered (see above)
 * @param imageId this image's id (unique, for deltas to name their full), or null for foreign files
 * @param baseImageId for a delta, the id of the full image it builds on; null for a full (and foreign files)
 * @param createdAt when the image was taken
 * @param databaseId the id of the database the image was taken of, or null when unknown (see above)
 */
public record ImageHeader(int formatVersion, ImageKind kind, long firstSequence, long lastSequence, String imageId,
                          String baseImageId, Instant createdAt, String databaseId) {

    /** The image format version this library writes. */
    public static final int FORMAT_VERSION = 1;

    /** The format version of images read from foreign files such as the Python DictDB's. */
    public static final int FOREIGN_FORMAT_VERSION = 0;

    /** The longest image id accepted. */
    public static final int MAX_ID_LENGTH = 128;

    /**
     * Checks the parts.
     *
     * @param formatVersion the format version
     * @param kind full or delta
     * @param firstSequence the first sequence number covered
     * @param lastSequence the last sequence number covered
     * @param imageId this image's id or null
     * @param baseImageId the full a delta builds on, or null
     * @param createdAt when the image was taken
     * @param databaseId the database's id, or null
     * @throws IllegalArgumentException if the sequence range is invalid, a full names a base or an id is too long,
     *     not printable ASCII or {@code "-"}
     */
    public ImageHeader {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(createdAt, "createdAt");
        if (formatVersion < 0) {
            throw new IllegalArgumentException("format version must not be negative, got " + formatVersion);
        }
        if (firstSequence < 1 || lastSequence < 0 || firstSequence > lastSequence + 1) {
            throw new IllegalArgumentException("invalid sequence range " + firstSequence + ".." + lastSequence);
        }
        if (kind == ImageKind.FULL && firstSequence != 1) {
            throw new IllegalArgumentException("a full image starts at sequence 1, got " + firstSequence);
        }
        if (kind == ImageKind.FULL && baseImageId != null) {
            throw new IllegalArgumentException("a full image builds on no other image, got base " + baseImageId);
        }
        checkId("image id", imageId);
        checkId("base image id", baseImageId);
        checkId("database id", databaseId);
    }

    /**
     * A header without a database id, as codecs written before database ids existed make it.
     *
     * @param formatVersion the format version
     * @param kind full or delta
     * @param firstSequence the first sequence number covered
     * @param lastSequence the last sequence number covered
     * @param imageId this image's id or null
     * @param baseImageId the full a delta builds on, or null
     * @param createdAt when the image was taken
     * @throws IllegalArgumentException as the canonical constructor
     */
    public ImageHeader(int formatVersion, ImageKind kind, long firstSequence, long lastSequence, String imageId,
                       String baseImageId, Instant createdAt) {
        this(formatVersion, kind, firstSequence, lastSequence, imageId, baseImageId, createdAt, null);
    }

    /**
     * This header with another database id.
     *
     * @param id the database id, or null
     * @return the header
     * @throws IllegalArgumentException if the id is too long, not printable ASCII or {@code "-"}
     */
    public ImageHeader withDatabaseId(String id) {
        return new ImageHeader(formatVersion, kind, firstSequence, lastSequence, imageId, baseImageId, createdAt, id);
    }

    private static void checkId(String what, String id) {
        if (id != null && (id.isEmpty() || id.length() > MAX_ID_LENGTH)) {
            throw new IllegalArgumentException(what + " must have 1 to " + MAX_ID_LENGTH + " characters, got "
                    + id.length());
        }
        if ("-".equals(id)) {
            throw new IllegalArgumentException(what + " must not be '-', which a file's frame reads as no id");
        }
        if (id != null) {
            for (int i = 0; i < id.length(); i++) {
                char c = id.charAt(i);
                if (c <= ' ' || c > '~') {
                    throw new IllegalArgumentException(what + " must be printable ASCII without spaces: " + id);
                }
            }
        }
    }

    /**
     * The header of a full image at {@code sequence} with a new random id.
     *
     * @param sequence the snapshot's sequence number
     * @param createdAt when the snapshot was taken
     * @return the header
     */
    public static ImageHeader full(long sequence, Instant createdAt) {
        return full(sequence, createdAt, null);
    }

    /**
     * The header of a full image of the database {@code databaseId} at {@code sequence} with a new random id.
     *
     * @param sequence the snapshot's sequence number
     * @param createdAt when the snapshot was taken
     * @param databaseId the database's id, or null
     * @return the header
     * @throws IllegalArgumentException if the database id is too long, not printable ASCII or {@code "-"}
     */
    public static ImageHeader full(long sequence, Instant createdAt, String databaseId) {
        return new ImageHeader(FORMAT_VERSION, ImageKind.FULL, 1, sequence, newId(), null, createdAt, databaseId);
    }

    /**
     * The header of a delta with a new random id.
     *
     * @param firstSequence the sequence number of its first change
     * @param lastSequence the sequence number of its last change
     * @param baseImageId the id of the full image it builds on
     * @param createdAt when the changes were captured
     * @return the header
     */
    public static ImageHeader delta(long firstSequence, long lastSequence, String baseImageId, Instant createdAt) {
        return delta(firstSequence, lastSequence, baseImageId, createdAt, null);
    }

    /**
     * The header of a delta of the database {@code databaseId} with a new random id.
     *
     * @param firstSequence the sequence number of its first change
     * @param lastSequence the sequence number of its last change
     * @param baseImageId the id of the full image it builds on
     * @param createdAt when the changes were captured
     * @param databaseId the database's id, or null
     * @return the header
     * @throws IllegalArgumentException if the database id is too long, not printable ASCII or {@code "-"}
     */
    public static ImageHeader delta(long firstSequence, long lastSequence, String baseImageId, Instant createdAt,
                                    String databaseId) {
        return new ImageHeader(FORMAT_VERSION, ImageKind.DELTA, firstSequence, lastSequence, newId(), baseImageId,
                createdAt, databaseId);
    }

    /**
     * A new random image id.
     *
     * @return a random UUID as text
     */
    public static String newId() {
        return UUID.randomUUID().toString();
    }
}
