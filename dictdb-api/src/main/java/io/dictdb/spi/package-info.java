/**
 * Types for implementors: the definitions and changes that make up a database image, which codecs write and read
 * and which the core's change tracking produces. A third-party codec needs nothing but this module.
 *
 * <p>A codec ({@link io.dictdb.spi.Codec}) turns an image into bytes and back with a streaming
 * {@link io.dictdb.spi.ImageWriter} and a pull-style {@link io.dictdb.spi.ImageReader}: an
 * {@link io.dictdb.spi.ImageHeader}, then tables with their records (a {@link io.dictdb.spi.ImageKind#FULL full}
 * image) or {@link io.dictdb.spi.Change changes} (a {@link io.dictdb.spi.ImageKind#DELTA delta}), then the
 * tables' key counters ({@link io.dictdb.spi.TableState}) and, for a delta, the ranges of its changes committed
 * together ({@link io.dictdb.spi.CommitRange}, checked as they are read by {@link io.dictdb.spi.DeltaCommits}). A codec's reader and writer may extend
 * {@link io.dictdb.spi.AbstractImageReader} and {@link io.dictdb.spi.AbstractImageWriter}, which check this call
 * order once for every codec. Readers bound what they read with
 * {@link io.dictdb.spi.ImageLimits}. {@link io.dictdb.spi.Codecs} discovers codecs with
 * {@link java.util.ServiceLoader}. Files are not a codec's business: the frame around every codec's payload and the
 * atomic write live in {@code io.dictdb.file} ({@code io.dictdb.spi.ImageFiles} is a deprecated forwarder to it).
 */
package io.dictdb.spi;
