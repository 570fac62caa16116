package io.dictdb.spi;

import java.io.InputStream;
import java.io.OutputStream;

/**
 * A file format for database images (full saves and deltas). Implementations are found by {@link Codecs} with
 * {@link java.util.ServiceLoader}: a codec module declares {@code provides io.dictdb.spi.Codec with ...} in its
 * {@code module-info.java} and lists the class in {@code META-INF/services/io.dictdb.spi.Codec}.
 *
 * <p>A codec only turns an image into bytes and back. Framing, checksums, atomic writes and file names are done
 * once for every codec by {@link io.dictdb.file.ImageFiles}: a codec never sees a file. Implementations must be thread-safe
 * (one instance serves every save and load) and have a public no-argument constructor.
 */
public interface Codec {

    /**
     * The codec's name, as used by {@code Database.save(path, format)}: lower case, stable, for example
     * {@code "json"}, {@code "cbor"}, {@code "kryo"}.
     *
     * @return the name
     */
    String name();

    /**
     * The file name extension of this codec's files, without the dot, for example {@code "json"}.
     *
     * @return the extension
     */
    String fileExtension();

    /**
     * A streaming writer of one image to {@code out}. It holds at most one record or change at a time. The
     * caller owns the stream: the writer flushes it in {@link ImageWriter#finish()} and need not close it.
     *
     * @param out where the image's bytes go
     * @return a new writer
     */
    ImageWriter newWriter(OutputStream out);

    /**
     * A streaming reader of one image from {@code in}. It holds at most one record or change at a time and bounds
     * every length, count and depth it reads ({@link ImageLimits}).
     *
     * @param in the image's bytes
     * @return a new reader; its methods throw {@link io.dictdb.CodecException} on corrupt, truncated or hostile
     *     input
     */
    ImageReader newReader(InputStream in);
}
