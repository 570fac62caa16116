package io.dictdb.core.journal;

import io.dictdb.DictDbException;
import io.dictdb.spi.Change;
import io.dictdb.spi.Codec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Replays a journal when a durable database opens: reads the segments in order and hands every whole entry on.
 *
 * <p>A damaged TAIL (the last entry of the last segment cut short by a crash mid-write, or whose checksum fails and
 * which ends exactly at the file's end or where only zeros follow) is what a crash leaves: it is cut off (the file
 * truncated) and logged at WARN with file, offset and size; its commit was never acknowledged. Zeros alone after
 * the last whole entry are the clean end of a memory-mapped ({@code ASYNC}) segment whose journal was killed: they
 * are cut without a warning. Any other damage
 * (an entry before the tail, or in an earlier segment) stops recovery with a {@link DictDbException} naming the file
 * and offset: skipping it would silently lose acknowledged commits.
 */
public final class JournalRecovery {
    private static final Logger LOG = LoggerFactory.getLogger(JournalRecovery.class);

    private JournalRecovery() {
    }

    /**
     * What recovery found.
     *
     * @param lastSegment the last segment (to append to), or null when there is none
     * @param lastSequence the sequence number of the last entry replayed (or {@code afterSequence})
     * @param entries the entries replayed
     * @param changes the changes replayed
     */
    public record Result(Path lastSegment, long lastSequence, long entries, long changes) {
    }

    /**
     * The segments of a journal folder, in sequence order.
     *
     * @param dir the journal folder
     * @return the segment files, empty if the folder is missing
     * @throws IOException if the folder cannot be listed
     */
    public static List<Path> segments(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "*.log")) {
            for (Path p : s) {
                if (p.getFileName().toString().matches("\\d{20}\\.log")) {
                    out.add(p);
                }
            }
        }
        out.sort(null); // zero-padded names sort in sequence order
        return out;
    }

    /**
     * Replays every entry after {@code afterSequence}, in order.
     *
     * @param dir the journal folder
     * @param codec the codec entries were written with
     * @param afterSequence the database's sequence number before replay (entries at or below it are skipped: a
     *     restored backup holds them)
     * @param apply applies one commit's changes
     * @return what was replayed
     * @throws DictDbException if a segment is corrupt before its tail, an entry does not follow the previous one, or
     *     a segment cannot be read, naming the file and offset
     */
    public static Result replay(Path dir, Codec codec, long afterSequence, Consumer<List<Change>> apply) {
        List<Path> segments;
        try {
            segments = segments(dir);
        } catch (IOException e) {
            throw new DictDbException("Cannot list journal folder " + dir + ": " + e, e);
        }
        Progress progress = new Progress(afterSequence);
        try (DecodeAhead decoder = new DecodeAhead(codec, Runtime.getRuntime().availableProcessors())) {
            for (int i = 0; i < segments.size(); i++) {
                Path file = segments.get(i);
                boolean last = i == segments.size() - 1;
                byte[] bytes;
                try {
                    bytes = Files.readAllBytes(file);
                } catch (IOException e) {
                    throw new DictDbException("Cannot read journal segment " + file + ": " + e, e);
                }
                Frames frames = frames(file, bytes, last);
                decoder.decode(bytes, frames.offsets, frames.lengths, frames.count,
                        (offset, commit) -> progress.apply(file, offset, commit, apply),
                        (offset, e) -> new DictDbException("Journal segment " + file + ": the entry at offset "
                                + offset + " cannot be decoded" + decodedBy(bytes[offset], codec) + ": "
                                + e.getMessage(), e));
            }
        }
        Path lastSegment = segments.isEmpty() ? null : segments.get(segments.size() - 1);
        return new Result(lastSegment, progress.sequence, progress.entries, progress.changes);
    }

    /** How an entry with this magic is decoded, for messages. */
    static String decodedBy(byte magic, Codec codec) {
        return magic == EntryFrame.MAGIC_COMPACT ? " (compact encoding)" : " with codec '" + codec.name() + "'";
    }

    /** Where the whole entries of a segment are: their frames' offsets and payload lengths. */
    private static final class Frames {
        int[] offsets = new int[1024];
        int[] lengths = new int[1024];
        int count;

        void add(int offset, int length) {
            if (count == offsets.length) {
                offsets = Arrays.copyOf(offsets, count * 2);
                lengths = Arrays.copyOf(lengths, count * 2);
            }
            offsets[count] = offset;
            lengths[count] = length;
            count++;
        }
    }

    /**
     * Checks the frames of a segment (markers, lengths, checksums) and lists its whole entries; cuts a torn tail of
     * the last segment, and refuses damage anywhere else, naming the file and offset.
     */
    private static Frames frames(Path file, byte[] bytes, boolean last) {
        Frames frames = new Frames();
        int pos = 0;
        while (pos < bytes.length) {
            int rest = bytes.length - pos;
            EntryScan scan = EntryScan.at(bytes, pos);
            String problem = scan.problem();
            int length = scan.length();
            if (problem != null) {
                if (EntryScan.zeroFrom(bytes, pos)) {
                    // Zeros from an entry's start to the end: the room a memory-mapped segment had left when its
                    // journal was killed (or a file extended whose data never reached the disk). The clean end.
                    cutZeros(file, pos, rest);
                    break;
                }
                if (last && scan.tornAt(bytes, pos)) {
                    int next = EntryScan.wholeEntryAfter(bytes, pos);
                    if (next >= 0) {
                        // A damaged length can reach past the end over whole entries: those were acknowledged.
                        throw new DictDbException("Journal segment " + file + " is corrupt at offset " + pos
                                + " (" + problem + "), and a whole entry follows at offset " + next
                                + ": recovery stops rather than cut committed changes");
                    }
                    cutTail(file, pos, rest, problem);
                    break;
                }
                throw new DictDbException("Journal segment " + file + " is corrupt at offset " + pos + " ("
                        + problem + ") before its end: recovery stops rather than skip committed changes");
            }
            frames.add(pos, length);
            pos += EntryFrame.HEADER + length;
        }
        return frames;
    }

    /** The replay's position: the last sequence number applied, and what was applied. */
    private static final class Progress {
        long sequence;
        long entries;
        long changes;

        Progress(long sequence) {
            this.sequence = sequence;
        }

        /** Applies one decoded entry unless a restored backup already holds it; refuses a gap. */
        void apply(Path file, int offset, EntryPayload.Commit commit, Consumer<List<Change>> apply) {
            if (commit.last() <= sequence) {
                return;
            }
            if (commit.first() != sequence + 1) {
                throw new DictDbException("Journal segment " + file + ": the entry at offset " + offset
                        + " starts at sequence " + commit.first() + " but the database is at " + sequence
                        + ": changes " + (sequence + 1) + ".." + (commit.first() - 1) + " are missing");
            }
            apply.accept(commit.changes());
            sequence = commit.last();
            entries++;
            changes += commit.changes().size();
        }
    }

    /** Truncates a segment at {@code offset}, where only zeros follow: no entry is lost, nothing to warn about. */
    private static void cutZeros(Path file, int offset, int size) {
        LOG.atDebug().addKeyValue("op", "journal_recover").addKeyValue("file", file).addKeyValue("offset", offset)
                .addKeyValue("bytes", size).log("Cut the unwritten (zero) end of {} at offset {}", file, offset);
        truncate(file, offset);
    }

    private static void truncate(Path file, int offset) {
        try (FileChannel c = FileChannel.open(file, StandardOpenOption.WRITE)) {
            c.truncate(offset);
            c.force(true);
        } catch (IOException e) {
            throw new DictDbException("Cannot cut the end of journal segment " + file + " at offset " + offset
                    + ": " + e, e);
        }
    }

    /** Truncates the last segment at {@code offset}: the entry there was never acknowledged. */
    private static void cutTail(Path file, int offset, int size, String problem) {
        LOG.atWarn().addKeyValue("op", "journal_recover").addKeyValue("file", file).addKeyValue("offset", offset)
                .addKeyValue("bytes", size)
                .log("Cut a torn journal tail ({}) at offset {} of {}: {} bytes", problem, offset, file, size);
        truncate(file, offset);
    }
}
