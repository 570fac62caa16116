package io.dictdb.core.journal;

import java.nio.ByteBuffer;

/**
 * What lies at one offset of a segment's bytes: a whole entry (its frame is complete and its checksum holds), or the
 * problem that stops a reader there. Shared by recovery, which cuts a damaged tail, and {@link JournalTail}, which
 * only reads (a standby stops at a tail the primary is still writing and comes back later).
 *
 * @param length the payload's length when legible, else -1
 * @param problem what is wrong, or null for a whole entry
 * @param reachesEnd whether the problem runs to the end of the bytes (a cut-short or still-growing tail)
 */
record EntryScan(int length, String problem, boolean reachesEnd) {

    /**
     * Examines the entry at {@code pos}.
     *
     * @param bytes the segment's bytes
     * @param pos an offset inside them
     * @return what is there
     */
    static EntryScan at(byte[] bytes, int pos) {
        int rest = bytes.length - pos;
        if (rest < EntryFrame.HEADER) {
            return new EntryScan(-1, "an incomplete entry header", true);
        }
        byte magic = bytes[pos];
        if (!EntryFrame.isMagic(magic)) {
            return new EntryScan(-1, "no entry marker", false);
        }
        ByteBuffer b = ByteBuffer.wrap(bytes, pos + 1, 8);
        int length = b.getInt();
        int crc = b.getInt();
        if (length < 0 || length > EntryFrame.MAX_PAYLOAD) {
            return new EntryScan(length, "an impossible entry length " + length, false);
        }
        if (length > rest - EntryFrame.HEADER) {
            return new EntryScan(length, "an entry of " + length + " bytes past the segment's end", true);
        }
        if (EntryFrame.checksum(magic, bytes, pos + EntryFrame.HEADER, length) != crc) {
            return new EntryScan(length, "a checksum mismatch", pos + EntryFrame.HEADER + length == bytes.length);
        }
        return new EntryScan(length, null, false);
    }

    /**
     * Whether the bytes from {@code pos} on are all zero (a tail the file system extended but never filled).
     *
     * @param bytes the bytes
     * @param pos the offset
     * @return true when nothing but zeros follows
     */
    static boolean zeroFrom(byte[] bytes, int pos) {
        for (int i = pos; i < bytes.length; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether this problem is what a writer cut short leaves at {@code pos}: an entry running to the end of the
     * bytes, or one whose frame ends in (or before) nothing but zeros (a memory-mapped segment is filled with zeros
     * ahead of its entries, so an entry being copied in, or cut by a kill mid-copy, is followed by zeros).
     *
     * @param bytes the bytes
     * @param pos where the entry with this problem starts
     * @return true for a cut-short entry; false for damage with something other than zeros after it
     */
    boolean tornAt(byte[] bytes, int pos) {
        if (reachesEnd || zeroFrom(bytes, pos)) {
            return true;
        }
        long end = (long) pos + EntryFrame.HEADER + length;
        return length >= 0 && end <= bytes.length && zeroFrom(bytes, (int) end)
                && end < bytes.length; // damage ending exactly at the end reaches it: reachesEnd says so already
    }

    /**
     * The offset of the first whole, checksummed entry starting after {@code pos}, or -1. A crash tears only the last
     * entry it was writing, so a tail with a whole entry after its start was damaged otherwise (a flipped length bit
     * that makes one entry reach past the end over the next ones): cutting it would drop acknowledged commits. A
     * false match needs a payload that holds a framed entry with its checksum; then recovery stops, still never cuts.
     */
    static int wholeEntryAfter(byte[] bytes, int pos) {
        for (int q = pos + 1; q + EntryFrame.HEADER < bytes.length; q++) {
            if (!EntryFrame.isMagic(bytes[q])) {
                continue;
            }
            ByteBuffer b = ByteBuffer.wrap(bytes, q + 1, 8);
            int length = b.getInt();
            int crc = b.getInt();
            // An entry's payload is never empty (it names the database at least): an empty one is no entry.
            if (length > 0 && length <= bytes.length - q - EntryFrame.HEADER
                    && EntryFrame.checksum(bytes[q], bytes, q + EntryFrame.HEADER, length) == crc) {
                return q;
            }
        }
        return -1;
    }
}
