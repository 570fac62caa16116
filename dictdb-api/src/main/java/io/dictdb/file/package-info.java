/**
 * Files, for every codec alike: {@link io.dictdb.file.ImageFiles} frames a codec's payload with a header line
 * ({@link io.dictdb.file.FrameHeaderLine}) and a CRC32C trailer, reads framed and frameless files, inspects and
 * verifies them ({@link io.dictdb.file.ImageInfo}); {@link io.dictdb.file.AtomicFile} is the one atomic write
 * (image files and CSV exports); both go through {@link io.dictdb.file.FileOps}, which tests and harnesses wrap
 * ({@link io.dictdb.file.ForwardingFileOps}) to inject failures. A codec never sees a file and needs nothing from
 * this package.
 */
package io.dictdb.file;
