package io.dictdb.core.journal;

import io.dictdb.DictDbException;
import io.dictdb.spi.Change;
import io.dictdb.spi.Codec;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the entries of a journal segment that another process is appending to, from an offset, without changing
 * anything: no cut, no lock, no write (a warm standby follows its primary's journal this way). An entry at the end
 * that is not whole yet (the primary is writing it, or crashed while writing it) is where reading stops: it is not
 * an error here, the reader comes back later (recovery, when the folder is opened, cuts such a tail). Damage before
 * the end is an error naming the file and offset, as in recovery.
 */
public final class JournalTail {
    private JournalTail() {
    }

    /**
     * One whole entry.
     *
     * @param offset where it starts in its segment
     * @param first the sequence number of its first change
     * @param last that of its last change
     * @param changes its changes (one commit), in order
     */
    public record Entry(long offset, long first, long last, List<Change> changes) {
    }

    /**
     * What one read found.
     *
     * @param entries the whole entries from the offset on, in order
     * @param end the offset right after the last whole entry: where the next read starts
     * @param pending what stops reading before the segment's end (an entry not whole yet), or null when every byte
     *     was read
     */
    public record Read(List<Entry> entries, long end, String pending) {
    }

    /**
     * The segments of a journal folder, in sequence order (see {@link JournalRecovery#segments(Path)}).
     *
     * @param dir the journal folder
     * @return the segments, none when the folder is missing
     * @throws IOException if the folder cannot be listed
     */
    public static List<Path> segments(Path dir) throws IOException {
        return JournalRecovery.segments(dir);
    }

    /**
     * The sequence number of a segment's first entry, from its name.
     *
     * @param segment a segment file ({@code <20 digits>.log})
     * @return the number
     */
    public static long firstSequence(Path segment) {
        return Journal.firstSequenceOf(segment);
    }

    /** How much of a segment is read at a time. */
    private static final int CHUNK = 1 << 20;

    /**
     * The bytes of a segment from {@code offset}, in growing chunks, as far as its frames go: up to the end of the
     * file, or a little past the first place where no frame starts (the zeros of a memory-mapped segment, created at
     * the segment size, or damage), so a standby polling a 64 MiB segment with a few entries reads those entries and
     * a chunk, not the whole file. Frames are only walked here (marker and length); {@link EntryScan} checks them.
     */
    private static byte[] readFrames(FileChannel c, long offset) throws IOException {
        long available = Math.max(0, Math.min(c.size() - offset, Integer.MAX_VALUE - 16)); // the rest next time
        byte[] buf = new byte[(int) Math.min(available, CHUNK)];
        int filled = 0;
        int walk = 0;
        while (true) {
            ByteBuffer b = ByteBuffer.wrap(buf, filled, buf.length - filled);
            boolean eof = false;
            while (b.hasRemaining()) {
                if (c.read(b, offset + b.position()) < 0) {
                    eof = true; // shorter than it was a moment ago: read what is there
                    break;
                }
            }
            filled = b.position();
            boolean stop = false;
            long need = walk + (long) EntryFrame.HEADER;
            while (walk + EntryFrame.HEADER <= filled) {
                int length = ByteBuffer.wrap(buf, walk + 1, 4).getInt();
                if (!EntryFrame.isMagic(buf[walk]) || length < 0 || length > EntryFrame.MAX_PAYLOAD) {
                    stop = true;
                    break;
                }
                long end = walk + (long) EntryFrame.HEADER + length;
                if (end > filled) {
                    need = end;
                    break;
                }
                walk = (int) end;
                need = walk + (long) EntryFrame.HEADER;
            }
            // doubling: a whole 64 MiB segment costs a few copies of the array, not one per chunk
            long target = Math.min(available, Math.max(need, (long) filled + Math.max(CHUNK, filled)));
            if (stop || eof || target <= filled) {
                return filled == buf.length ? buf : java.util.Arrays.copyOf(buf, filled);
            }
            buf = java.util.Arrays.copyOf(buf, (int) target);
        }
    }

    /**
     * Reads the whole entries of a segment from {@code offset} to its current end.
     *
     * @param segment the segment file
     * @param offset where to start: 0, or the {@link Read#end()} of an earlier read
     * @param codec the codec the journal's entries are written with
     * @return the entries and where to go on; an empty read when the segment was deleted meanwhile
     * @throws DictDbException if an entry before the end is damaged or cannot be decoded, or the file cannot be
     *     read, naming the file and offset
     */
    public static Read read(Path segment, long offset, Codec codec) {
        byte[] bytes;
        try (FileChannel c = FileChannel.open(segment, StandardOpenOption.READ)) {
            bytes = readFrames(c, offset);
        } catch (NoSuchFileException e) {
            return new Read(List.of(), offset, null);
        } catch (IOException e) {
            throw new DictDbException("Cannot read journal segment " + segment + ": " + e, e);
        }
        List<Entry> entries = new ArrayList<>();
        int pos = 0;
        while (pos < bytes.length) {
            EntryScan scan = EntryScan.at(bytes, pos);
            if (scan.problem() != null) {
                if (scan.tornAt(bytes, pos)) {
                    return new Read(entries, offset + pos, scan.problem() + " at offset " + (offset + pos));
                }
                throw new DictDbException("Journal segment " + segment + " is corrupt at offset " + (offset + pos)
                        + " (" + scan.problem() + ") before its end");
            }
            EntryPayload.Commit commit;
            try {
                commit = EntryPayload.decodeEntry(codec, bytes, pos, scan.length());
            } catch (IOException | RuntimeException e) {
                throw new DictDbException("Journal segment " + segment + ": the entry at offset " + (offset + pos)
                        + " cannot be decoded" + JournalRecovery.decodedBy(bytes[pos], codec) + ": " + e.getMessage(), e);
            }
            entries.add(new Entry(offset + pos, commit.first(), commit.last(), commit.changes()));
            pos += EntryFrame.HEADER + scan.length();
        }
        return new Read(entries, offset + pos, null);
    }
}
