package io.dictdb.spi;

import io.dictdb.file.FileOps;

/**
 * The former home of the file frame, kept so that code compiled against {@code io.dictdb.spi.ImageFiles} keeps
 * working: every method is {@link io.dictdb.file.ImageFiles}', which this class extends, so an instance of it goes
 * wherever the new class is taken ({@code DictDB.save}, {@code BackupManager.Builder.imageFiles}, ...). A codec
 * never needs it: the frame is applied around every codec's payload by the file package.
 *
 * @deprecated the frame and the atomic file moved to {@code io.dictdb.file}: use
 *     {@link io.dictdb.file.ImageFiles}, {@link io.dictdb.file.FileOps}, {@link io.dictdb.file.ImageInfo} and
 *     {@link io.dictdb.file.ForwardingFileOps}. This forwarder goes in a later version.
 */
@Deprecated(since = "0.1.0")
public final class ImageFiles extends io.dictdb.file.ImageFiles {

    private static final ImageFiles STANDARD = new ImageFiles(FileOps.standard());

    private ImageFiles(FileOps ops) {
        super(ops);
    }

    /**
     * Image files on the default file system.
     *
     * @return the standard instance
     * @deprecated use {@link io.dictdb.file.ImageFiles#standard()}
     */
    @Deprecated(since = "0.1.0")
    public static ImageFiles standard() {
        return STANDARD;
    }

    /**
     * Image files whose every file operation goes through {@code ops}.
     *
     * @param ops the file operations
     * @return an instance using them
     * @deprecated use {@link io.dictdb.file.ImageFiles#using(FileOps)}
     */
    @Deprecated(since = "0.1.0")
    public static ImageFiles using(FileOps ops) {
        return new ImageFiles(java.util.Objects.requireNonNull(ops, "ops"));
    }
}
