package io.dictdb.binary;

import io.dictdb.CodecException;
import java.io.IOException;
import java.io.InputStream;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;
import net.jpountz.xxhash.StreamingXXHash32;
import net.jpountz.xxhash.XXHash32;
import net.jpountz.xxhash.XXHashFactory;

/**
 * Reads one standard LZ4 frame of independent blocks, the frame of every kryo image: those written by
 * {@link Lz4FrameWriter} (block checksums) and those of format 1, written by lz4-java's {@code LZ4FrameOutputStream}
 * (content checksum). Blocks are decompressed with lz4-java's safe (pure Java, bounds-checked) decompressor into a
 * buffer of the frame's declared block size, at most 4 MiB; checksums use the safe xxHash. Only the
 * {@linkplain LZ4Factory#safeInstance() safe} instances are touched, so lz4-java's JNI library is never loaded (its
 * {@code LZ4FrameInputStream} asks {@code XXHashFactory.fastestInstance()} for the content checksum, which does).
 *
 * <p>Every failure of the frame (bad magic or descriptor, a block larger than declared, a checksum mismatch, a
 * malformed block, a frame that stops early) is a {@link CodecException}; the caller's own I/O failures pass as
 * they are. The stream ends at the frame's end mark: bytes after it are left for the caller to find.
 */
final class Lz4FrameReader extends InputStream {
    static final int BLOCK_INDEPENDENCE = 0x20;
    static final int BLOCK_CHECKSUM = 0x10;
    static final int CONTENT_SIZE = 0x08;
    static final int CONTENT_CHECKSUM = 0x04;
    static final int DICTIONARY_ID = 0x01;

    private static final LZ4SafeDecompressor DECOMPRESSOR = LZ4Factory.safeInstance().safeDecompressor();
    private static final XXHash32 HASH = XXHashFactory.safeInstance().hash32();

    private final InputStream in;
    private final int maxBlock;
    private final boolean blockChecksum;
    private final StreamingXXHash32 content;
    private final byte[] block;
    private byte[] compressed = new byte[0];
    private int pos;
    private int limit;
    private boolean ended;

    /**
     * Reads and checks the frame header.
     *
     * @param in the stream, positioned at the frame's magic number; not closed
     * @throws IOException if {@code in} fails
     * @throws CodecException if the header is not one of an LZ4 frame this reader supports
     */
    Lz4FrameReader(InputStream in) throws IOException {
        this.in = in;
        byte[] h = new byte[6];
        readFully(h, 0, 6, "the LZ4 frame header");
        if (readIntLE(h, 0) != Lz4FrameWriter.MAGIC) {
            throw corrupt("not an LZ4 frame (bad magic number)");
        }
        int flg = h[4] & 0xFF;
        int bd = h[5] & 0xFF;
        if ((flg >>> 6) != 1 || (flg & 0x02) != 0 || (bd & 0x8F) != 0) {
            throw corrupt("unsupported LZ4 frame descriptor");
        }
        if ((flg & BLOCK_INDEPENDENCE) == 0 || (flg & DICTIONARY_ID) != 0) {
            throw corrupt("LZ4 frame of linked blocks or with a dictionary (never written by this codec)");
        }
        int code = (bd >>> 4) & 7;
        if (code < 4) {
            throw corrupt("unsupported LZ4 block size code " + code);
        }
        maxBlock = 1 << (8 + 2 * code);
        byte[] descriptor = new byte[(flg & CONTENT_SIZE) != 0 ? 10 : 2];
        descriptor[0] = (byte) flg;
        descriptor[1] = (byte) bd;
        if (descriptor.length > 2) {
            readFully(descriptor, 2, 8, "the LZ4 frame header");
        }
        int hc = readByte("the LZ4 frame header");
        if (hc != ((HASH.hash(descriptor, 0, descriptor.length, 0) >> 8) & 0xFF)) {
            throw corrupt("LZ4 frame header checksum mismatch");
        }
        blockChecksum = (flg & BLOCK_CHECKSUM) != 0;
        content = (flg & CONTENT_CHECKSUM) != 0 ? XXHashFactory.safeInstance().newStreamingHash32(0) : null;
        block = new byte[maxBlock];
    }

    @Override
    public int read() throws IOException {
        if (pos == limit && !next()) {
            return -1;
        }
        return block[pos++] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (pos == limit && !next()) {
            return -1;
        }
        int n = Math.min(len, limit - pos);
        System.arraycopy(block, pos, b, off, n);
        pos += n;
        return n;
    }

    @Override
    public int available() {
        return limit - pos;
    }

    /** Reads the next non-empty block; false at the end mark. */
    private boolean next() throws IOException {
        while (!ended) {
            int size = readInt("an LZ4 block size");
            if (size == 0) {
                ended = true;
                if (content != null && readInt("the LZ4 content checksum") != content.getValue()) {
                    throw corrupt("LZ4 content checksum mismatch");
                }
                return false;
            }
            boolean stored = size < 0;
            int n = size & 0x7FFFFFFF;
            if (n > maxBlock) {
                throw corrupt("an LZ4 block claims " + n + " bytes, more than the frame's " + maxBlock);
            }
            if (compressed.length < n) {
                compressed = new byte[Math.max(n, Math.min(maxBlock, compressed.length * 2))];
            }
            readFully(compressed, 0, n, "an LZ4 block");
            if (blockChecksum && readInt("an LZ4 block checksum") != HASH.hash(compressed, 0, n, 0)) {
                throw corrupt("LZ4 block checksum mismatch");
            }
            if (stored) {
                System.arraycopy(compressed, 0, block, 0, n);
                limit = n;
            } else {
                try {
                    limit = DECOMPRESSOR.decompress(compressed, 0, n, block, 0, maxBlock);
                } catch (LZ4Exception e) {
                    throw new CodecException("Corrupt kryo image: LZ4 decompression failed: " + e.getMessage(), e);
                }
            }
            if (content != null) {
                content.update(block, 0, limit);
            }
            pos = 0;
            if (limit > 0) {
                return true;
            }
        }
        return false;
    }

    private int readInt(String what) throws IOException {
        byte[] b = new byte[4];
        readFully(b, 0, 4, what);
        return readIntLE(b, 0);
    }

    private int readByte(String what) throws IOException {
        int b = in.read();
        if (b < 0) {
            throw truncated(what);
        }
        return b;
    }

    private void readFully(byte[] b, int off, int len, String what) throws IOException {
        while (len > 0) {
            int n = in.read(b, off, len);
            if (n < 0) {
                throw truncated(what);
            }
            off += n;
            len -= n;
        }
    }

    static int readIntLE(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | (b[at + 3] & 0xFF) << 24;
    }

    private static CodecException corrupt(String why) {
        return new CodecException("Corrupt kryo image: " + why);
    }

    private static CodecException truncated(String what) {
        return new CodecException("Truncated kryo image: it ends within " + what);
    }
}
