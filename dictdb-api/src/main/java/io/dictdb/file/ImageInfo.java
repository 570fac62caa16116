package io.dictdb.file;

import io.dictdb.spi.ImageHeader;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What {@link ImageFiles} learned about an image file.
 *
 * @param file the file
 * @param codec the name of the codec that reads it
 * @param framed whether the file has the shared frame (header line, checksum trailer); plain exports and foreign
 *     files do not, and so have no checksum
 * @param header the image header
 * @param size the file's size in bytes
 */
public record ImageInfo(Path file, String codec, boolean framed, ImageHeader header, long size) {
    /**
     * Checks the parts.
     *
     * @param file the file
     * @param codec the codec's name
     * @param framed whether framed
     * @param header the header
     * @param size the size in bytes
     */
    public ImageInfo {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(header, "header");
    }
}
