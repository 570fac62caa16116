package io.dictdb.binary;

import io.dictdb.spi.Codec;
import io.dictdb.spi.ImageReader;
import io.dictdb.spi.ImageWriter;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The {@code "kryo"} codec: a compact, fast binary format. Records are encoded with Kryo 5's {@code Output} and
 * {@code Input} (variable-length integers, raw doubles, a type byte per value, a name table so that each field
 * name is written once per image and a shape table so that each record is a shape number and its values) and
 * compressed as one standard LZ4 frame with lz4-java's safe, pure-Java compressor and decompressor. Kryo's
 * object-graph serialization is not used: no class name or type is ever read from a file. lz4-java's JNI library is
 * never loaded, so JDK 24+ prints no native-access warning; a user who wants lz4-java's faster JNI compressor for
 * writing opts in with {@code -Ddictdb.kryo.nativeLz4=true} (reading always stays pure Java).
 *
 * <p>Layout: the 5 bytes {@code DDBK 2}, then an LZ4 frame holding the header (its kind byte's second bit set
 * when a database id ends it), then for a full image each table
 * (its definition and records) or for a delta each change, then the tables' key counters, a delta's commits when
 * some of its changes were committed together (a marker byte, a count, then per commit its first sequence number
 * and the distance to its last), and an end marker. Commits need no new format version: a delta without them is
 * written as before, and a reader that predates them refuses one with them at the marker instead of misreading it.
 * An index is its field and type name when plain (one field, not unique, not partial), as in every version; any
 * other starts with the empty name (never a field), then its fields, type, unique flag and condition (a value,
 * {@link io.dictdb.spi.StoredCondition}), so no new format version either: files of plain indexes read as before.
 * Files of format 1 ({@code DDBK 1}, each record a count and name/value pairs) are still read; other versions are
 * refused with a message naming the version.
 * Every length, count and depth read is bounded ({@link io.dictdb.spi.ImageLimits}); a claimed length costs no
 * more memory than the bytes that actually follow it. Checksums and atomic writes come from the shared frame
 * ({@code io.dictdb.file.ImageFiles}); the LZ4 frame adds its own content checksum.
 *
 * <p>Thread-safe: each writer and reader has its own buffers.
 */
public final class KryoCodec implements Codec {
    /** The magic bytes of the current format, version {@link #FORMAT_2}. */
    static final byte[] MAGIC = {'D', 'D', 'B', 'K', 2};
    /** Format 1: each record is a field count and name/value pairs (still read). */
    static final int FORMAT_1 = 1;
    /** Format 2: each record of a full image is a shape tag and its values. */
    static final int FORMAT_2 = 2;
    /** The bit of the header's kind byte that says a database id follows the creation time. */
    static final int HAS_DATABASE_ID = 2;
    static final int END = 0;
    static final int NEXT = 1;
    static final int EOF = 0x7E;
    /**
     * Before the end marker of a delta whose changes were committed together: the commits follow (a count, then per
     * commit its first sequence number and how many numbers follow it). Older readers meet it where they expect
     * {@link #EOF} and refuse the file; deltas without commits stay as they were.
     */
    static final int COMMITS = 0x43;
    static final int C_UPSERT = 1;
    static final int C_DELETE = 2;
    static final int C_CREATE_TABLE = 3;
    static final int C_DROP_TABLE = 4;
    static final int C_CREATE_INDEX = 5;
    static final int C_DROP_INDEX = 6;

    /** Creates the codec (used by {@link java.util.ServiceLoader}). */
    public KryoCodec() {
    }

    /**
     * The codec's name.
     *
     * @return {@code "kryo"}
     */
    @Override
    public String name() {
        return "kryo";
    }

    /**
     * The extension of its files.
     *
     * @return {@code "kryo"}
     */
    @Override
    public String fileExtension() {
        return "kryo";
    }

    @Override
    public ImageWriter newWriter(OutputStream out) {
        return new KryoImageWriter(out);
    }

    @Override
    public ImageReader newReader(InputStream in) {
        return new KryoImageReader(in);
    }

    @Override
    public String toString() {
        return "KryoCodec[kryo]";
    }
}
