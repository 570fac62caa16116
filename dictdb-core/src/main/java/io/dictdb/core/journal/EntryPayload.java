package io.dictdb.core.journal;

import io.dictdb.spi.Change;
import io.dictdb.spi.Codec;
import io.dictdb.spi.CommitRange;
import io.dictdb.spi.ImageHeader;
import io.dictdb.spi.ImageKind;
import io.dictdb.spi.ImageReader;
import io.dictdb.spi.ImageWriter;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The payload of a journal entry: one commit written as a tiny DELTA image by a codec, so that any installed codec
 * can carry the journal and an entry reads back as a backup delta does.
 *
 * <p>Key counters are not written: the change log hands the journal the changes only, and recovery moves each
 * table's counter past every key it replays (as applying a delta does), so only keys deleted at the top of a table
 * can be given out again after a reopen.
 */
final class EntryPayload {
    private EntryPayload() {
    }

    /**
     * Encodes one commit and frames it ({@link EntryFrame}) in the same array: the payload is written after room for
     * the frame's header, which is filled in last, so the entry is built without a second copy.
     *
     * @param codec the codec
     * @param databaseId the database's id
     * @param commit the changes, consecutively numbered, at least one
     * @return the framed entry, ready to write
     * @throws IllegalArgumentException if the payload exceeds {@link EntryFrame#MAX_PAYLOAD}
     */
    static ByteBuffer encodeFramed(Codec codec, String databaseId, List<Change> commit) {
        FramedOutput out = new FramedOutput(EntryFrame.HEADER + 128 + 64 * commit.size(), EntryFrame.HEADER);
        long first = commit.get(0).sequence();
        long last = commit.get(commit.size() - 1).sequence();
        // A fixed image id: a random UUID per entry would cost a SecureRandom draw on every write.
        ImageHeader header = new ImageHeader(ImageHeader.FORMAT_VERSION, ImageKind.DELTA, first, last,
                "journal-" + first, null, Instant.now(), databaseId);
        try (ImageWriter w = codec.newWriter(out)) {
            w.writeHeader(header);
            for (Change c : commit) {
                w.writeChange(c);
            }
            w.writeTableStates(List.of());
            w.writeCommits(last > first ? List.of(new CommitRange(first, last)) : List.of());
            w.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return EntryFrame.frameInPlace(out.array(), out.size());
    }

    /** A byte stream that starts with {@code reserved} zero bytes and exposes its array, to frame it in place. */
    private static final class FramedOutput extends ByteArrayOutputStream {
        FramedOutput(int capacity, int reserved) {
            super(capacity);
            count = reserved; // the frame's header, filled in once the payload's length and checksum are known
        }

        byte[] array() {
            return buf;
        }
    }

    /**
     * Decodes one commit.
     *
     * @param codec the codec
     * @param payload the bytes
     * @param length how many of them
     * @return the header's range and the changes
     * @throws IOException if the codec cannot read them
     * @throws RuntimeException as the codec throws on malformed input
     */
    static Commit decode(Codec codec, byte[] payload, int offset, int length) throws IOException {
        try (ImageReader r = codec.newReader(new ByteArrayInputStream(payload, offset, length))) {
            ImageHeader header = r.readHeader();
            if (header.kind() != ImageKind.DELTA) {
                throw new IOException("the entry is a " + header.kind() + " image, not a delta");
            }
            List<Change> changes = new ArrayList<>();
            Change c;
            while ((c = r.nextChange()) != null) {
                changes.add(c);
            }
            r.readTableStates();
            r.readCommits();
            r.finish();
            return new Commit(header.firstSequence(), header.lastSequence(), header.databaseId(), changes);
        }
    }

    /**
     * Decodes the entry whose frame starts at {@code frame}: through {@link CompactEntry} or the codec, as its magic
     * says.
     *
     * @param codec the codec of entries written by one
     * @param bytes the segment's bytes
     * @param frame where the entry's frame starts (its checksum already checked)
     * @param length the payload's length
     * @return the commit
     * @throws IOException if the codec cannot read it
     * @throws RuntimeException as the decoders throw on malformed input ({@link io.dictdb.CodecException})
     */
    static Commit decodeEntry(Codec codec, byte[] bytes, int frame, int length) throws IOException {
        if (bytes[frame] == EntryFrame.MAGIC_COMPACT) {
            return CompactEntry.decode(bytes, frame + EntryFrame.HEADER, length);
        }
        return decode(codec, bytes, frame + EntryFrame.HEADER, length);
    }

    /** One decoded entry. */
    record Commit(long first, long last, String databaseId, List<Change> changes) {
    }
}
