package io.dictdb.core.journal;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The frame around one journal entry: {@code [magic][length int][CRC32C int][payload]}, big-endian. The magic
 * says how the payload is written: {@link #MAGIC}, a codec's one-commit delta image ({@link EntryPayload}: table and
 * index changes, and every entry of segments written before the compact encoding); {@link #MAGIC_COMPACT}, the
 * journal's own encoding of data changes ({@link CompactEntry}). The checksum covers the payload, and for
 * {@link #MAGIC_COMPACT} the magic byte too, so a damaged magic never passes for the other kind of entry; the length
 * is bounded by {@link #MAX_PAYLOAD}, so a damaged length is never trusted to size a read.
 */
final class EntryFrame {
    /** The first byte of every entry; a zeroed or overwritten area of a segment does not start with it. */
    static final byte MAGIC = (byte) 0xD7;
    /** The first byte of an entry in the compact encoding ({@link CompactEntry}). */
    static final byte MAGIC_COMPACT = (byte) 0xD8;
    /** Magic, length and checksum. */
    static final int HEADER = 1 + 4 + 4;
    /** The largest payload an entry may have (a transaction of that many encoded bytes is refused). */
    static final int MAX_PAYLOAD = 256 * 1024 * 1024;

    private EntryFrame() {
    }

    /**
     * Frames a payload.
     *
     * @param payload the encoded commit
     * @return the header followed by the payload
     * @throws IllegalArgumentException if the payload exceeds {@link #MAX_PAYLOAD}
     */
    static ByteBuffer frame(byte[] payload) {
        if (payload.length > MAX_PAYLOAD) {
            throw new IllegalArgumentException("A journal entry of " + payload.length + " bytes exceeds the maximum of "
                    + MAX_PAYLOAD);
        }
        ByteBuffer b = ByteBuffer.allocate(HEADER + payload.length);
        b.put(MAGIC).putInt(payload.length).putInt(checksum(payload, 0, payload.length)).put(payload);
        return b.flip();
    }

    /**
     * Frames a payload already written at {@code entry[HEADER..end)}: fills in the header before it.
     *
     * @param entry the array, its first {@link #HEADER} bytes free
     * @param end where the payload ends
     * @return the framed entry, a view of {@code entry}
     * @throws IllegalArgumentException if the payload exceeds {@link #MAX_PAYLOAD}
     */
    static ByteBuffer frameInPlace(byte[] entry, int end) {
        int length = end - HEADER;
        if (length > MAX_PAYLOAD) {
            throw new IllegalArgumentException("A journal entry of " + length + " bytes exceeds the maximum of "
                    + MAX_PAYLOAD);
        }
        ByteBuffer.wrap(entry, 0, HEADER).put(MAGIC).putInt(length).putInt(checksum(entry, HEADER, length));
        return ByteBuffer.wrap(entry, 0, end);
    }

    static int checksum(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }

    /**
     * The checksum of an entry with this magic: the payload's, preceded by the magic for {@link #MAGIC_COMPACT}.
     *
     * @param magic the entry's first byte
     * @param bytes the bytes
     * @param offset where the payload starts
     * @param length its length
     * @return the CRC32C
     */
    static int checksum(byte magic, byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        if (magic == MAGIC_COMPACT) {
            crc.update(magic);
        }
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }

    /**
     * Whether a byte starts an entry.
     *
     * @param b the byte
     * @return true for either magic
     */
    static boolean isMagic(byte b) {
        return b == MAGIC || b == MAGIC_COMPACT;
    }
}
