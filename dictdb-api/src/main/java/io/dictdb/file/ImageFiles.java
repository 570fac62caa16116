package io.dictdb.file;

import io.dictdb.CodecException;
import io.dictdb.spi.Codec;
import io.dictdb.spi.Codecs;
import io.dictdb.spi.ImageHeader;
import io.dictdb.spi.ImageKind;
import io.dictdb.spi.ImageReader;
import io.dictdb.spi.ImageWriter;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.zip.CRC32C;

/**
 * Image files, for every codec alike: the shared frame that makes a truncated or damaged file fail, and writes that
 * never leave a half-written file.
 *
 * <h2>The frame</h2>
 * A framed file is one header line of ASCII text ({@link FrameHeaderLine}), the codec's payload, and a fixed-size trailer line:
 * <pre>
 * DICTDB-IMAGE 1 codec=json format=1 kind=FULL first=1 last=42 id=... base=- created=2026-01-01T00:00:00Z db=...\n
 * ...payload written by the codec...
 * \nDICTDB-END length=0000000000000001234 crc32c=1a2b3c4d\n
 * </pre>
 * The trailer gives the payload's length and the CRC32C of the header line and the payload. So a JSON image stays
 * readable in a text editor, and a truncation or a flipped bit anywhere (header, payload, trailer) fails with a
 * {@link CodecException} naming the file. The checksum is verified before the codec decodes anything, so a
 * damaged file is never half applied. Codecs never see the frame. The header line's {@code db=} (the database id)
 * is absent in files written before databases had ids, which read with a null id; a payload whose codec does not
 * carry the database id takes the frame's.
 *
 * <h2>Writes</h2>
 * Files are written by {@link AtomicFile}: to a temporary name in the same directory, forced to the device, renamed
 * atomically over the target, and the directory forced. If anything fails before the rename, the temporary file is
 * deleted and the previous file, if any, is untouched. All file operations go through a {@link FileOps}, so
 * failures can be injected: {@code ImageFiles.using(failingOps)}.
 *
 * <h2>Reads</h2>
 * {@link #read(Path, String, Handler)} reads framed files (the codec named in the frame) and frameless ones (plain
 * exports, the Python DictDB's files), whose codec is the given format or the one for the file's extension
 * ({@link Codecs#forExtension(Path)}).
 *
 * <p>This class moved here from {@code io.dictdb.spi}, where a deprecated {@code io.dictdb.spi.ImageFiles} still
 * extends it so that code compiled against the old name keeps working. It is not otherwise meant to be extended:
 * its methods are final.
 */
public class ImageFiles {

    /** The first word of a framed file ({@link FrameHeaderLine#MAGIC}). */
    public static final String MAGIC = FrameHeaderLine.MAGIC;

    /** The version of the frame layout ({@link FrameHeaderLine#FRAME_VERSION}). */
    public static final int FRAME_VERSION = FrameHeaderLine.FRAME_VERSION;

    private static final String TRAILER_PREFIX = "\nDICTDB-END length=";
    private static final String CRC_PREFIX = " crc32c=";
    /** Trailer: prefix, 19 digits, crc prefix, 8 hex digits, newline. */
    static final int TRAILER_LENGTH = TRAILER_PREFIX.length() + 19 + CRC_PREFIX.length() + 8 + 1;
    private static final int BUFFER = 64 * 1024;

    private static final ImageFiles STANDARD = new ImageFiles(FileOps.standard());

    private final FileOps ops;
    private final AtomicFile atomic;

    /**
     * Image files over {@code ops}; for the deprecated {@code io.dictdb.spi.ImageFiles} only: use
     * {@link #standard()} or {@link #using(FileOps)}.
     *
     * @param ops the file operations
     */
    protected ImageFiles(FileOps ops) {
        this.ops = Objects.requireNonNull(ops, "ops");
        this.atomic = AtomicFile.using(ops);
    }

    /**
     * Image files on the default file system.
     *
     * @return the standard instance
     */
    public static ImageFiles standard() {
        return STANDARD;
    }

    /**
     * Image files whose every file operation goes through {@code ops} (for example to inject failures).
     *
     * @param ops the file operations
     * @return an instance using them
     */
    public static ImageFiles using(FileOps ops) {
        return new ImageFiles(Objects.requireNonNull(ops, "ops"));
    }

    /**
     * The file operations used.
     *
     * @return the file operations
     */
    public final FileOps fileOps() {
        return ops;
    }

    /**
     * Writes the body of an image: everything after {@link ImageWriter#writeHeader(ImageHeader)} and before
     * {@link ImageWriter#finish()}, which {@link ImageFiles} calls.
     */
    @FunctionalInterface
    public interface Body {
        /**
         * Writes the tables and records (full) or changes (delta), then the table states, and a delta's commits.
         *
         * @param writer the codec's writer, header already written
         * @throws IOException if writing fails
         */
        void writeTo(ImageWriter writer) throws IOException;
    }

    /**
     * Consumes an image being read.
     *
     * @param <T> what it makes of the image
     */
    @FunctionalInterface
    public interface Handler<T> {
        /**
         * Reads the image's tables and records or changes, its table states and a delta's commits (a handler that
         * leaves them unread may: {@link ImageReader#finish()} reads past them); {@code finish()} and closing are done
         * by {@link ImageFiles}.
         *
         * @param header the image's header, already read
         * @param reader the codec's reader
         * @return the result
         * @throws IOException if reading fails
         */
        T read(ImageHeader header, ImageReader reader) throws IOException;
    }

    // ------------------------------------------------------------------ writing

    /**
     * Writes a framed image file atomically.
     *
     * @param file the file to write (replaced if it exists)
     * @param codec the codec
     * @param header the image's header
     * @param body writes the image's content
     * @return what was written
     * @throws CodecException naming the file if writing fails; the previous file is then untouched and no
     *     temporary file is left (if only forcing the directory after the rename failed, the message says the new
     *     file is in place)
     */
    public final ImageInfo write(Path file, Codec codec, ImageHeader header, Body body) {
        return writeFile(file, codec, header, body, true);
    }

    /**
     * Writes an image without the frame (for other tools: a plain JSON document, for example), atomically.
     * Such a file has no checksum.
     *
     * @param file the file to write (replaced if it exists)
     * @param codec the codec
     * @param header the image's header
     * @param body writes the image's content
     * @return what was written
     * @throws CodecException naming the file if writing fails; the previous file is then untouched
     */
    public final ImageInfo export(Path file, Codec codec, ImageHeader header, Body body) {
        return writeFile(file, codec, header, body, false);
    }

    private ImageInfo writeFile(Path file, Codec codec, ImageHeader header, Body body, boolean framed) {
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(body, "body");
        Path dir = file.toAbsolutePath().getParent();
        try {
            long size = atomic.write(file, out -> {
                ChecksummedOutput frame = new ChecksummedOutput(out);
                frame.write(framed ? new FrameHeaderLine(codec.name(), header).bytes() : new byte[0]);
                long payloadStart = frame.count;
                ImageWriter writer = codec.newWriter(ImageWriter.shield(frame));
                try {
                    writer.writeHeader(header);
                    body.writeTo(writer);
                    writer.finish();
                } finally {
                    writer.close();
                }
                if (framed) {
                    out.write(trailer(frame.count - payloadStart, frame.crc.getValue()));
                }
            });
            return new ImageInfo(file, codec.name(), framed, header, size);
        } catch (AtomicFile.DirectoryNotForcedException e) {
            throw new CodecException("Wrote image file " + file + " but could not force its directory to disk (the "
                    + "new file is in place): " + e.getCause(), e.getCause());
        } catch (Throwable e) { // also a checked exception a body throws without declaring it
            if (e instanceof Error err) {
                throw err;
            }
            if (e instanceof java.nio.file.NoSuchFileException && !java.nio.file.Files.isDirectory(dir)) {
                // The temporary file's name in the message would hide the cause: the folder is missing.
                throw new CodecException("Cannot write image file " + file + ": its folder " + dir
                        + " does not exist", e);
            }
            throw new CodecException("Cannot write image file " + file + " (codec " + codec.name()
                    + "; the previous file is untouched): " + e, e);
        }
    }

    static byte[] trailer(long payloadLength, long crc) {
        String s = TRAILER_PREFIX + String.format(Locale.ROOT, "%019d", payloadLength) + CRC_PREFIX
                + String.format(Locale.ROOT, "%08x", crc) + "\n";
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** Counts and checksums the header line and the payload on their way to the atomic file's stream. */
    private static final class ChecksummedOutput extends OutputStream {
        private final OutputStream out;
        final CRC32C crc = new CRC32C();
        long count;

        ChecksummedOutput(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            crc.update(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            out.write(b, off, len);
            crc.update(b, off, len);
            count += len;
        }

        @Override
        public void flush() {
            // the atomic file's stream writes when its buffer fills and at the end
        }

        @Override
        public void close() {
            // the atomic write closes the file itself
        }
    }

    // ------------------------------------------------------------------ reading

    /**
     * Reads an image file with the codec named in its frame, or for a frameless file the codec for its extension.
     *
     * @param file the file
     * @param handler consumes the image
     * @param <T> the handler's result
     * @return the handler's result
     * @throws CodecException naming the file if it is missing, truncated, damaged, hostile or of an unknown codec
     */
    public final <T> T read(Path file, Handler<T> handler) {
        return read(file, null, handler);
    }

    /**
     * Reads an image file with a given codec.
     *
     * @param file the file
     * @param format the codec's name, or null for the one in the frame (or for a frameless file's extension); for a
     *     framed file it must be the codec named in the frame
     * @param handler consumes the image
     * @param <T> the handler's result
     * @return the handler's result
     * @throws CodecException naming the file if it is missing, truncated, damaged, hostile or of an unknown codec
     */
    public final <T> T read(Path file, String format, Handler<T> handler) {
        Objects.requireNonNull(handler, "handler");
        return open(file, format, (frame, ch) -> decode(frame, ch, handler));
    }

    /** Decodes an opened file's payload (its checksum already checked) with {@code handler}. */
    private static <T> T decode(Frame frame, SeekableByteChannel ch, Handler<T> handler) throws IOException {
        InputStream in = new BoundedInput(ch, frame.payloadStart, frame.payloadLength);
        try (ImageReader reader = frame.codec.newReader(in)) {
            ImageHeader header = reader.readHeader();
            if (frame.header != null && header.databaseId() == null) {
                header = header.withDatabaseId(frame.header.databaseId()); // a codec that predates database ids
            }
            if (frame.header != null && !frame.header.equals(header)) {
                throw new CodecException("the payload's header " + header + " differs from the frame's "
                        + frame.header);
            }
            T result = handler.read(header, reader);
            reader.finish();
            return result;
        }
    }

    /**
     * Reads an image file's header (and for a framed file checks its checksum) without decoding its records.
     *
     * @param file the file
     * @return what the file holds
     * @throws CodecException naming the file if it is missing, truncated or damaged
     */
    public final ImageInfo inspect(Path file) {
        return open(file, null, (frame, ch) -> {
            if (frame.header != null) {
                return new ImageInfo(file, frame.codec.name(), true, frame.header, frame.size);
            }
            try (ImageReader reader = frame.codec.newReader(new BoundedInput(ch, 0, frame.size))) {
                return new ImageInfo(file, frame.codec.name(), false, reader.readHeader(), frame.size);
            }
        });
    }

    /**
     * Reads an image file completely: checksum, header and every table, record, change, table state and a delta's
     * commits through the codec, keeping none of them.
     *
     * @param file the file
     * @return what the file holds
     * @throws CodecException naming the file if it is missing, truncated, damaged or hostile
     */
    public final ImageInfo verify(Path file) {
        Handler<ImageHeader> drain = (header, reader) -> {
            if (header.kind() == ImageKind.FULL) {
                while (reader.nextTable() != null) {
                    while (reader.nextRecord() != null) {
                        // decoded and dropped
                    }
                }
            } else {
                while (reader.nextChange() != null) {
                    // decoded and dropped
                }
            }
            reader.readTableStates();
            if (header.kind() == ImageKind.DELTA) {
                reader.readCommits(); // checked against the header by the codec
            }
            return header;
        };
        // one pass: the frame already knows the codec, whether there is a frame, and the size
        return open(file, null, (frame, ch) -> new ImageInfo(file, frame.codec.name(), frame.header != null,
                decode(frame, ch, drain), frame.size));
    }

    private interface FrameUser<T> {
        T use(Frame frame, SeekableByteChannel ch) throws IOException;
    }

    /** A file's frame, checked: the codec and where the payload lies. */
    private static final class Frame {
        Codec codec;
        ImageHeader header;
        long payloadStart;
        long payloadLength;
        long size;
    }

    private <T> T open(Path file, String format, FrameUser<T> user) {
        Objects.requireNonNull(file, "file");
        try (SeekableByteChannel ch = ops.openRead(file)) {
            Frame frame = new Frame();
            frame.size = ch.size();
            byte[] start = readAt(ch, 0, (int) Math.min(FrameHeaderLine.MAX_LENGTH, frame.size));
            String text = new String(start, StandardCharsets.ISO_8859_1);
            boolean magic = text.startsWith(MAGIC + " ")
                    || (frame.size <= MAGIC.length() && !text.isEmpty() && (MAGIC + " ").startsWith(text));
            if (magic || endsWithTrailer(ch, frame.size)) {
                if (!magic) {
                    throw new CodecException("damaged: the frame header line does not start with " + MAGIC);
                }
                int nl = text.indexOf('\n');
                if (nl < 0) {
                    throw new CodecException("truncated or damaged: no complete frame header line");
                }
                frame.payloadStart = nl + 1;
                if (frame.size < frame.payloadStart + TRAILER_LENGTH) {
                    throw new CodecException("truncated: " + frame.size + " bytes, too short for the frame trailer");
                }
                long[] trailer = parseTrailer(readAt(ch, frame.size - TRAILER_LENGTH, TRAILER_LENGTH));
                frame.payloadLength = frame.size - TRAILER_LENGTH - frame.payloadStart;
                if (trailer[0] != frame.payloadLength) {
                    throw new CodecException("truncated or damaged: the trailer gives a payload of " + trailer[0]
                            + " bytes, the file holds " + frame.payloadLength);
                }
                long crc = crcOf(ch, frame.size - TRAILER_LENGTH);
                if (crc != trailer[1]) {
                    throw new CodecException(String.format(Locale.ROOT,
                            "damaged: checksum mismatch (CRC32C %08x, the trailer says %08x)", crc, trailer[1]));
                }
                FrameHeaderLine line = FrameHeaderLine.parse(text.substring(0, nl));
                frame.header = line.header();
                if (format != null && !format.equalsIgnoreCase(line.codec())) {
                    throw new CodecException("the file is a '" + line.codec() + "' image, not '" + format + "'");
                }
                frame.codec = Codecs.named(line.codec());
            } else {
                frame.payloadStart = 0;
                frame.payloadLength = frame.size;
                frame.codec = format != null ? Codecs.named(format) : Codecs.forExtension(file);
            }
            return user.use(frame, ch);
        } catch (CodecException e) {
            throw new CodecException("Cannot read image file " + file + ": " + e.getMessage(), e);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new CodecException("Cannot read image file " + file + ": no such file", e);
        } catch (IOException | RuntimeException e) {
            throw new CodecException("Cannot read image file " + file + ": " + e, e);
        } catch (StackOverflowError e) {
            throw new CodecException("Cannot read image file " + file + ": nested too deeply", e);
        }
    }

    private static boolean endsWithTrailer(SeekableByteChannel ch, long size) throws IOException {
        if (size < TRAILER_LENGTH) {
            return false;
        }
        byte[] b = readAt(ch, size - TRAILER_LENGTH, TRAILER_PREFIX.length());
        return new String(b, StandardCharsets.ISO_8859_1).equals(TRAILER_PREFIX);
    }

    private static byte[] readAt(SeekableByteChannel ch, long position, int length) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(length);
        ch.position(position);
        while (buf.hasRemaining()) {
            if (ch.read(buf) < 0) {
                throw new CodecException("truncated: the file ended while it was read");
            }
        }
        return buf.array();
    }

    private static long crcOf(SeekableByteChannel ch, long length) throws IOException {
        CRC32C crc = new CRC32C();
        ByteBuffer buf = ByteBuffer.allocateDirect(BUFFER);
        ch.position(0);
        long left = length;
        while (left > 0) {
            buf.clear();
            if (left < buf.capacity()) {
                buf.limit((int) left);
            }
            int n = ch.read(buf);
            if (n < 0) {
                throw new CodecException("truncated: the file ended while it was read");
            }
            buf.flip();
            crc.update(buf);
            left -= n;
        }
        return crc.getValue();
    }

    private static long[] parseTrailer(byte[] bytes) {
        String s = new String(bytes, StandardCharsets.ISO_8859_1);
        int crcAt = TRAILER_PREFIX.length() + 19;
        if (!s.startsWith(TRAILER_PREFIX) || !s.startsWith(CRC_PREFIX, crcAt) || s.charAt(s.length() - 1) != '\n') {
            throw new CodecException("truncated or damaged: no valid frame trailer at the end");
        }
        try {
            String digits = s.substring(TRAILER_PREFIX.length(), crcAt);
            String hex = s.substring(crcAt + CRC_PREFIX.length(), s.length() - 1);
            if (!digits.chars().allMatch(c -> c >= '0' && c <= '9')
                    || !hex.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                throw new NumberFormatException(s);
            }
            return new long[] {Long.parseLong(digits), Long.parseLong(hex, 16)};
        } catch (NumberFormatException e) {
            throw new CodecException("damaged: the frame trailer's numbers cannot be read");
        }
    }

    /** The payload of a file: an input stream over a range of the channel. */
    private static final class BoundedInput extends InputStream {
        private final InputStream in;
        private long left;

        BoundedInput(SeekableByteChannel ch, long start, long length) throws IOException {
            ch.position(start);
            this.in = new BufferedInputStream(Channels.newInputStream(ch), BUFFER);
            this.left = length;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return len == 0 ? 0 : -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }

        @Override
        public void close() {
            // the channel is closed by the frame
        }
    }
}
