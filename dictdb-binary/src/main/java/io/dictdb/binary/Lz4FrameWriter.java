package io.dictdb.binary;

import java.io.IOException;
import java.io.OutputStream;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.xxhash.XXHash32;
import net.jpountz.xxhash.XXHashFactory;

/**
 * Writes one standard LZ4 frame (readable by the {@code lz4} tool) of independent blocks, each with its xxHash32
 * checksum and no content checksum, compressed by lz4-java's safe pure-Java compressor.
 *
 * <p>It exists instead of lz4-java's {@code LZ4FrameOutputStream} because that class asks
 * {@code XXHashFactory.fastestInstance()} for its content checksum whatever instances it is given, and that call
 * loads lz4-java's JNI library ({@code System.loadLibrary}, a warning on JDK 24+). Only the
 * {@linkplain LZ4Factory#safeInstance() safe} instances are used here, so nothing native is loaded. It also
 * compresses each caller's block in place: no copy into a frame buffer. A user may opt in to the JNI compressor
 * with the system property {@value #NATIVE_PROPERTY}.
 */
final class Lz4FrameWriter {
    static final int MAGIC = 0x184D2204;
    /** FLG: version 01, independent blocks, block checksums. */
    static final int FLG = 0x40 | Lz4FrameReader.BLOCK_INDEPENDENCE | Lz4FrameReader.BLOCK_CHECKSUM;
    /** BD code 5: blocks of at most 256 KiB. */
    static final int BD_256K = 5 << 4;
    /** The largest block the writer takes, matching {@link #BD_256K}. */
    static final int BLOCK_SIZE = 256 * 1024;

    /**
     * The system property that opts in to lz4-java's JNI compressor for writing ({@code -Ddictdb.kryo.nativeLz4=true}):
     * about twice as fast, but it loads a native library (a warning on JDK 24+ unless the JVM runs with
     * {@code --enable-native-access}). Reading always uses the safe pure-Java decompressor.
     */
    static final String NATIVE_PROPERTY = "dictdb.kryo.nativeLz4";

    private static final LZ4Compressor COMPRESSOR = compressor();
    private static final XXHash32 HASH = XXHashFactory.safeInstance().hash32();

    private final OutputStream out;
    private final byte[] compressed = new byte[4 + COMPRESSOR.maxCompressedLength(BLOCK_SIZE) + 4];

    /**
     * Writes the frame header.
     *
     * @param out where the frame goes; not closed
     * @throws IOException if it cannot be written
     */
    Lz4FrameWriter(OutputStream out) throws IOException {
        this.out = out;
        byte[] header = new byte[7];
        writeIntLE(header, 0, MAGIC);
        header[4] = (byte) FLG;
        header[5] = (byte) BD_256K;
        header[6] = (byte) ((HASH.hash(header, 4, 2, 0) >> 8) & 0xFF);
        out.write(header);
    }

    /**
     * Compresses and writes one block (stored as it is when it does not shrink).
     *
     * @param b the bytes
     * @param off where they start
     * @param len how many, 1 to {@link #BLOCK_SIZE}
     * @throws IOException if the block cannot be written
     */
    void writeBlock(byte[] b, int off, int len) throws IOException {
        if (len <= 0 || len > BLOCK_SIZE) {
            throw new IllegalArgumentException("block of " + len + " bytes");
        }
        int n = COMPRESSOR.compress(b, off, len, compressed, 4, compressed.length - 8);
        if (n < len) {
            writeIntLE(compressed, 0, n);
        } else {
            // incompressible: the block is stored raw, flagged by the size's high bit
            n = len;
            System.arraycopy(b, off, compressed, 4, len);
            writeIntLE(compressed, 0, len | 0x80000000);
        }
        writeIntLE(compressed, 4 + n, HASH.hash(compressed, 4, n, 0));
        out.write(compressed, 0, n + 8);
    }

    /**
     * Writes the end mark and flushes.
     *
     * @throws IOException if it cannot be written
     */
    void finish() throws IOException {
        out.write(new byte[4]);
        out.flush();
    }

    /** The safe pure-Java compressor, or the JNI one when the user opted in and it loads. */
    private static LZ4Compressor compressor() {
        if (Boolean.getBoolean(NATIVE_PROPERTY)) {
            try {
                return LZ4Factory.nativeInstance().fastCompressor();
            } catch (Throwable e) { // no native build for this platform: the safe one does the same job
                return LZ4Factory.safeInstance().fastCompressor();
            }
        }
        return LZ4Factory.safeInstance().fastCompressor();
    }

    static void writeIntLE(byte[] b, int at, int v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >>> 8);
        b[at + 2] = (byte) (v >>> 16);
        b[at + 3] = (byte) (v >>> 24);
    }
}
