package io.dictdb.core.journal;

import io.dictdb.DictDbException;
import io.dictdb.Table;
import io.dictdb.core.DictDB;
import io.dictdb.core.logging.CapturingProvider;
import io.dictdb.spi.Change;
import io.dictdb.spi.Codecs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.event.Level;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every damage to a small journal (eight entries over two segments) is detected, exhaustively over positions: every
 * truncation length of each segment, every single bit flip of each. What recovery gives is always one of two things,
 * never a silent wrong state:
 * <ul>
 *   <li>a torn tail cut (the damage lies in the last entry of the last segment): a WARN naming the file, the entry's
 *       offset and the bytes cut, the file truncated there, and exactly the commits of the entries before it;</li>
 *   <li>a {@link DictDbException} naming the file and the damaged entry's offset (the damage lies before the tail:
 *       going on would drop acknowledged commits); for a flip in the last entry this is allowed too, since a flip
 *       that leaves a frame ending before the file's end is no crash's work.</li>
 * </ul>
 * Replays through {@link JournalRecovery} (what {@code DictDB.open} runs) to keep some 8,000 cases within seconds;
 * one flip per entry also goes through {@code DictDB.open}.
 */
class JournalCorruptionTest {
    @TempDir
    Path dir;
    @TempDir
    Path tempDir;
    /**
     * Where the damaged copies are written, thousands of times: a RAM file system when the machine has one (Linux's
     * {@code /dev/shm}), since on a disk that other processes force, each small write waited milliseconds.
     */
    private Path scratch;

    /** The intact journal: segment files, their bytes, the offsets of their entries, and every commit in order. */
    private final List<Path> segments = new ArrayList<>();
    private final List<byte[]> bytes = new ArrayList<>();
    private final List<List<Integer>> offsets = new ArrayList<>();
    private final List<List<Change>> commits = new ArrayList<>();
    /** Per segment: whether the scratch journal holds it intact (nothing written there yet: no). */
    private final boolean[] intact = new boolean[2];

    @BeforeEach
    void writeJournal() throws IOException {
        CompactTestCodec.install();
        Path shm = Path.of("/dev/shm");
        scratch = Files.isDirectory(shm) && Files.isWritable(shm) ? Files.createTempDirectory(shm, "dictdb-journal-")
                : tempDir;
        long total = write(scratch.resolve("measure"), Long.MAX_VALUE);
        write(dir, total * 3 / 5); // two segments: a bit more than half of the entries in the first
        segments.addAll(JournalRecovery.segments(dir.resolve("journal")));
        assertThat(segments).as("segments of the small journal").hasSize(2);
        for (Path s : segments) {
            byte[] b = Files.readAllBytes(s);
            bytes.add(b);
            List<Integer> starts = new ArrayList<>();
            for (int pos = 0; pos < b.length; pos += EntryFrame.HEADER + ByteBuffer.wrap(b, pos + 1, 4).getInt()) {
                starts.add(pos);
            }
            offsets.add(starts);
        }
        JournalRecovery.replay(dir.resolve("journal"), Codecs.named(CompactTestCodec.NAME), 0, commits::add);
        assertThat(commits).hasSize(offsets.get(0).size() + offsets.get(1).size()).hasSizeGreaterThanOrEqualTo(4);
        assertThat(offsets.get(1)).as("entries in the last segment").hasSizeGreaterThanOrEqualTo(2);
    }

    @AfterEach
    void deleteScratch() throws IOException {
        if (!scratch.equals(tempDir)) {
            try (java.util.stream.Stream<Path> s = Files.walk(scratch)) {
                for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** Writes the eight commits into a folder's journal; returns the journal's bytes. */
    private static long write(Path folder, long segmentSize) throws IOException {
        try (DictDB db = DictDB.builder().journalFormat(CompactTestCodec.NAME).journalSegmentSize(segmentSize)
                .open(folder)) {
            Table t = db.createTable("t", "id");
            for (long i = 1; i <= 5; i++) {
                t.insert(Map.of("id", i, "v", "v".repeat((int) i))); // entries of different sizes
            }
            db.transaction(List.of("t"), () -> {
                t.insert(Map.of("id", 10L, "v", "pair"));
                t.insert(Map.of("id", 11L, "v", "pair"));
                return null;
            });
            t.insert(Map.of("id", 6L)); // a small last entry: the tail, whose damage is cut (a file force each)
        }
        long total = 0;
        for (Path s : JournalRecovery.segments(folder.resolve("journal"))) {
            total += Files.size(s);
        }
        return total;
    }

    /** What one damaged journal gave: the commits replayed, the error if any, the WARN events. */
    private record Outcome(List<List<Change>> replayed, DictDbException error, List<CapturingProvider.Event> warns) {
    }

    private Outcome replayWith(int segment, byte[] damaged) throws IOException {
        Path journal = scratch.resolve("journal");
        Files.createDirectories(journal);
        for (int i = 0; i < segments.size(); i++) {
            if (i == segment || !intact[i]) { // thousands of cases: write only what the last case changed
                Files.write(journal.resolve(segments.get(i).getFileName()), i == segment ? damaged : bytes.get(i));
                intact[i] = i != segment;
            }
        }
        List<List<Change>> replayed = new ArrayList<>();
        DictDbException error = null;
        CapturingProvider.start();
        try {
            JournalRecovery.replay(journal, Codecs.named(CompactTestCodec.NAME), 0, replayed::add);
        } catch (DictDbException e) {
            error = e;
        }
        List<CapturingProvider.Event> warns = CapturingProvider.stop().stream()
                .filter(e -> e.level() == Level.WARN).toList();
        return new Outcome(replayed, error, warns);
    }

    /** The index of the entry of a segment holding byte {@code at}. */
    private int entryAt(int segment, int at) {
        List<Integer> starts = offsets.get(segment);
        int e = 0;
        while (e + 1 < starts.size() && starts.get(e + 1) <= at) {
            e++;
        }
        return e;
    }

    /** The commits before entry {@code entry} of {@code segment}. */
    private List<List<Change>> commitsBefore(int segment, int entry) {
        int before = entry;
        for (int s = 0; s < segment; s++) {
            before += offsets.get(s).size();
        }
        return commits.subList(0, before);
    }

    private Path scratchFile(int segment) {
        return scratch.resolve("journal").resolve(segments.get(segment).getFileName());
    }

    private void assertCut(String what, Outcome o, int segment, int entry, int size) throws IOException {
        int offset = offsets.get(segment).get(entry);
        assertThat(o.error()).as("%s: an error", what).isNull();
        assertThat(o.replayed()).as("%s: the commits replayed", what).isEqualTo(commitsBefore(segment, entry));
        assertThat(o.warns()).as("%s: the WARN of the cut", what).singleElement().satisfies(w -> {
            assertThat(w.keyValues()).as(what).containsEntry("file", scratchFile(segment))
                    .containsEntry("offset", offset).containsEntry("bytes", size);
        });
        assertThat(Files.size(scratchFile(segment))).as("%s: the file cut at the torn entry", what).isEqualTo(offset);
    }

    private void assertRefused(String what, Outcome o, int segment, int entry) {
        assertThat(o.error()).as("%s: recovery must stop", what).isNotNull();
        assertThat(o.error().getMessage()).as(what).contains(scratchFile(segment).toString())
                .contains("offset " + offsets.get(segment).get(entry));
        assertThat(o.warns()).as("%s: nothing cut", what).isEmpty();
    }

    @Test
    void everyTruncationOfTheLastSegmentCutsOnlyTheTornEntry() throws IOException {
        int last = segments.size() - 1;
        byte[] whole = bytes.get(last);
        int torn = 0;
        for (int length = 0; length < whole.length; length++) {
            Outcome o = replayWith(last, java.util.Arrays.copyOf(whole, length));
            int entry = entryAt(last, length);
            String what = "last segment cut to " + length + " of " + whole.length + " bytes";
            if (offsets.get(last).get(entry) == length) {
                // at an entry's start: nothing torn, every whole entry kept, nothing to say
                assertThat(o.error()).as(what).isNull();
                assertThat(o.warns()).as(what).isEmpty();
                assertThat(o.replayed()).as(what).isEqualTo(commitsBefore(last, entry));
            } else {
                assertCut(what, o, last, entry, length - offsets.get(last).get(entry));
                torn++;
            }
        }
        assertThat(torn).isEqualTo(whole.length - offsets.get(last).size());
    }

    @Test
    void everyTruncationOfAnEarlierSegmentStopsRecovery() throws IOException {
        byte[] whole = bytes.get(0);
        for (int length = 0; length < whole.length; length++) {
            Outcome o = replayWith(0, java.util.Arrays.copyOf(whole, length));
            String what = "first segment cut to " + length + " of " + whole.length + " bytes";
            assertThat(o.error()).as("%s: recovery must stop", what).isNotNull();
            assertThat(o.warns()).as("%s: nothing cut", what).isEmpty();
            int entry = entryAt(0, length);
            if (offsets.get(0).get(entry) == length) {
                // the segment ends early at an entry boundary: the next segment does not follow it
                assertThat(o.error().getMessage()).as(what).contains(scratchFile(1).toString()).contains("missing");
            } else {
                assertRefused(what, o, 0, entry);
            }
        }
    }

    /** The offset of the tail entry: the last entry of the last segment. */
    private int tailOffset() {
        List<Integer> starts = offsets.get(segments.size() - 1);
        return starts.get(starts.size() - 1);
    }

    /** Flips one bit and checks the outcome; true when it was cut as a torn tail, false when recovery stopped. */
    private boolean flip(int s, int at, int bit) throws IOException {
        byte[] whole = bytes.get(s);
        byte[] damaged = whole.clone();
        damaged[at] ^= (byte) (1 << bit);
        Outcome o = replayWith(s, damaged);
        int entry = entryAt(s, at);
        String what = "segment " + s + ", byte " + at + " (entry " + entry + "), bit " + bit;
        boolean tail = s == segments.size() - 1 && entry == offsets.get(s).size() - 1;
        if (tail && o.error() == null) {
            assertCut(what, o, s, entry, whole.length - offsets.get(s).get(entry));
            return true;
        }
        assertRefused(what, o, s, entry);
        return false;
    }

    @Test
    void everySingleBitFlipIsDetected() throws IOException {
        int last = segments.size() - 1;
        int tail = tailOffset();
        int tailEnd = bytes.get(last).length;
        int cut = 0;
        int flips = 0;
        for (int s = 0; s < segments.size(); s++) {
            for (int at = 0; at < bytes.get(s).length; at++) {
                for (int bit = 0; bit < 8; bit++) {
                    flips++;
                    if (flip(s, at, bit)) {
                        cut++;
                    }
                }
            }
        }
        // every flip of the tail's payload and checksum is a torn tail; some of its header's are refused instead
        assertThat(cut).as("flips in the tail entry that were cut").isGreaterThanOrEqualTo((tailEnd - tail - 5) * 8)
                .isLessThanOrEqualTo((tailEnd - tail) * 8);
        System.out.printf("JournalCorruptionTest: %d bytes in 2 segments, tail entry of %d; %d flips: %d in the tail "
                + "cut, %d refused%n", bytes.get(0).length + tailEnd, tailEnd - tail, flips, cut, flips - cut);
    }

    @Test
    void aFlipInEachEntryBeforeTheTailFailsTheOpenNamingFileAndOffset() throws IOException {
        for (int s = 0; s < segments.size(); s++) {
            List<Integer> starts = offsets.get(s);
            for (int entry = 0; entry < starts.size(); entry++) {
                if (s == segments.size() - 1 && entry == starts.size() - 1) {
                    continue; // the tail: cut, covered above
                }
                byte[] damaged = bytes.get(s).clone();
                damaged[starts.get(entry) + EntryFrame.HEADER] ^= 0x04; // the payload's first byte
                Files.write(segments.get(s), damaged);
                int offset = starts.get(entry);
                assertThatThrownBy(() -> DictDB.builder().journalFormat(CompactTestCodec.NAME).open(dir))
                        .isInstanceOf(DictDbException.class).hasMessageContaining(segments.get(s).toString())
                        .hasMessageContaining("offset " + offset);
                Files.write(segments.get(s), bytes.get(s));
            }
        }
        try (DictDB db = DictDB.builder().journalFormat(CompactTestCodec.NAME).open(dir)) {
            assertThat(db.table("t").count()).as("the folder opens again once repaired").isEqualTo(8);
        }
    }
}
