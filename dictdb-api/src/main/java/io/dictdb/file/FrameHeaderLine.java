package io.dictdb.file;

import io.dictdb.CodecException;
import io.dictdb.spi.ImageHeader;
import io.dictdb.spi.ImageKind;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The header line of a framed image file, the one place that writes and parses it:
 * {@code DICTDB-IMAGE 1 codec=json format=1 kind=FULL first=1 last=42 id=... base=- created=... db=...}.
 * {@link ImageFiles} writes it and reads it strictly ({@link #parse(String)}: the frame version checked, every
 * field required); {@link #claimed(Path)} reads it leniently, without trusting the file, for code that only wants
 * to know what a file says it is (the codec of a file, what an unreadable backup claimed to hold).
 *
 * @param codec the name of the codec of the payload
 * @param header the image's header
 */
public record FrameHeaderLine(String codec, ImageHeader header) {

    /** The first word of a framed file. */
    public static final String MAGIC = "DICTDB-IMAGE";

    /** The version of the frame layout. */
    public static final int FRAME_VERSION = 1;

    /** The longest header line, newline included. */
    static final int MAX_LENGTH = 1024;

    /**
     * Checks the parts.
     *
     * @param codec the codec's name
     * @param header the header
     */
    public FrameHeaderLine {
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(header, "header");
    }

    /**
     * The line as written, newline included.
     *
     * @return its ASCII bytes
     * @throws CodecException if it is longer than the frame allows
     */
    byte[] bytes() {
        ImageHeader h = header;
        String line = MAGIC + " " + FRAME_VERSION + " codec=" + codec + " format=" + h.formatVersion() + " kind="
                + h.kind() + " first=" + h.firstSequence() + " last=" + h.lastSequence() + " id="
                + (h.imageId() == null ? "-" : h.imageId()) + " base="
                + (h.baseImageId() == null ? "-" : h.baseImageId()) + " created=" + h.createdAt()
                + (h.databaseId() == null ? "" : " db=" + h.databaseId()) + "\n";
        byte[] bytes = line.getBytes(StandardCharsets.US_ASCII);
        if (bytes.length > MAX_LENGTH) {
            throw new CodecException("image header line too long (" + bytes.length + " bytes)");
        }
        return bytes;
    }

    /**
     * Parses a header line strictly.
     *
     * @param line the line, without its newline
     * @return the codec and header it gives
     * @throws CodecException if it is not a header line of this frame version or a field is missing or illegible
     */
    static FrameHeaderLine parse(String line) {
        Map<String, String> kv = fields(line, true);
        if (kv == null) {
            throw new CodecException("damaged frame header line");
        }
        String version = line.split(" ", 3)[1];
        if (!version.equals(Integer.toString(FRAME_VERSION))) {
            throw new CodecException("frame version " + version + " is not supported (this library reads "
                    + FRAME_VERSION + ")");
        }
        try {
            String id = required(kv, "id");
            String base = required(kv, "base");
            return new FrameHeaderLine(required(kv, "codec"), new ImageHeader(Integer.parseInt(required(kv, "format")),
                    ImageKind.valueOf(required(kv, "kind")), Long.parseLong(required(kv, "first")),
                    Long.parseLong(required(kv, "last")), id.equals("-") ? null : id,
                    base.equals("-") ? null : base, Instant.parse(required(kv, "created")), kv.get("db")));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new CodecException("damaged frame header line: " + e.getMessage(), e);
        }
    }

    /**
     * The {@code key=value} fields a file's header line claims, read without trusting the file: no checksum, no
     * frame version, no field required.
     *
     * @param file the file
     * @return the fields; empty if the file cannot be read, is not framed or its first line is not whole (cut
     *     short, e.g. {@code last=1} of {@code last=12}: nothing is legible then)
     */
    public static Map<String, String> claimed(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = in.readNBytes(MAX_LENGTH);
            int end = 0;
            while (end < buf.length && buf[end] != '\n') {
                end++;
            }
            if (end == buf.length) {
                return Map.of();
            }
            Map<String, String> kv = fields(new String(buf, 0, end, StandardCharsets.US_ASCII), false);
            return kv == null ? Map.of() : Map.copyOf(kv);
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
    }

    /**
     * The one tokenizer of the line: the magic word, the frame version, then {@code key=value} words.
     *
     * @param strict whether a word that is not {@code key=value} makes the line damaged (else it is skipped)
     * @return the fields, or null if the line does not start with the magic word and a version
     */
    private static Map<String, String> fields(String line, boolean strict) {
        String[] parts = line.split(" ");
        if (parts.length < 2 || !parts[0].equals(MAGIC)) {
            return null;
        }
        Map<String, String> kv = new HashMap<>();
        for (int i = 2; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            if (eq > 0) {
                kv.put(parts[i].substring(0, eq), parts[i].substring(eq + 1));
            } else if (strict) {
                throw new CodecException("damaged frame header line: " + parts[i]);
            }
        }
        return kv;
    }

    private static String required(Map<String, String> kv, String key) {
        String v = kv.get(key);
        if (v == null) {
            throw new CodecException("damaged frame header line: no " + key);
        }
        return v;
    }
}
