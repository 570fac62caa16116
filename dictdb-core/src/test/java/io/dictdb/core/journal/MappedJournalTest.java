package io.dictdb.core.journal;

import io.dictdb.DictDbException;
import io.dictdb.Table;
import io.dictdb.core.DictDB;
import io.dictdb.core.JournalSync;
import io.dictdb.core.logging.CapturingProvider;
import io.dictdb.spi.Codecs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.event.Level;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An {@code ASYNC} journal writes into memory-mapped segments created at the segment size: while it runs, the last
 * segment ends in zeros; a clean close or a roll cuts them; after a kill (here: a copy of the folder taken while
 * the database is open, which is what the page cache holds) every acknowledged commit is there, and recovery cuts
 * the zeros without a warning, while a torn entry before them is cut with one, as any torn tail.
 */
class MappedJournalTest {
    private static final long SEGMENT = 64 * 1024;

    @TempDir
    Path dir;
    @TempDir
    Path copy;

    @BeforeAll
    static void codec() {
        CompactTestCodec.install();
    }

    private static DictDB.Builder async() {
        return DictDB.builder().journalFormat(CompactTestCodec.NAME).journalSync(JournalSync.ASYNC)
                .journalSegmentSize(SEGMENT);
    }

    private static List<Path> segments(Path folder) throws IOException {
        return JournalRecovery.segments(folder.resolve("journal"));
    }

    /** Copies a database folder, as a kill would leave it: the segments' bytes as the page cache holds them. */
    private void copyFolder() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.toList()) {
                Path target = copy.resolve(dir.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else if (!p.getFileName().toString().endsWith(".lock")) {
                    Files.copy(p, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** Five inserts into an {@code ASYNC} database, its folder copied while open (a kill): the copy's segment. */
    private Path fiveInsertsKilled() throws IOException {
        try (DictDB db = async().open(dir)) {
            Table t = db.createTable("t", "id");
            for (long i = 0; i < 5; i++) {
                t.insert(Map.of("id", i, "v", "value " + i));
            }
            copyFolder();
        }
        return segments(copy).get(0);
    }

    /** The end of the last whole entry of a segment's bytes. */
    private static int entriesEnd(byte[] bytes) {
        int pos = 0;
        while (pos < bytes.length && EntryScan.at(bytes, pos).problem() == null) {
            pos += EntryFrame.HEADER + ByteBuffer.wrap(bytes, pos + 1, 4).getInt();
        }
        return pos;
    }

    @Test
    void whileOpenTheSegmentEndsInZerosAndTheSizesCountOnlyItsEntries() throws IOException {
        try (DictDB db = async().open(dir)) {
            Table t = db.createTable("t", "id");
            for (long i = 0; i < 100; i++) {
                t.insert(Map.of("id", i, "v", "value " + i));
            }
            Path segment = segments(dir).get(0);
            assertThat(Files.size(segment)).as("pre-sized").isEqualTo(SEGMENT);
            byte[] bytes = Files.readAllBytes(segment);
            int end = entriesEnd(bytes);
            assertThat(end).isGreaterThan(100 * 10);
            assertThat(EntryScan.zeroFrom(bytes, end)).isTrue();
            assertThat(db.metrics().journalBytes()).as("the valid bytes, not the mapped size").isEqualTo(end);

            // the standby's reader: every entry, then the zeros are an end not yet written, not damage
            JournalTail.Read read = JournalTail.read(segment, 0, Codecs.named(CompactTestCodec.NAME));
            assertThat(read.entries()).hasSize(101);
            assertThat(read.end()).isEqualTo(end);
            assertThat(read.pending()).isNotNull();
        }
        Path segment = segments(dir).get(0);
        byte[] closed = Files.readAllBytes(segment);
        assertThat(closed.length).as("cut to its entries on close").isEqualTo(entriesEnd(closed));
        try (DictDB db = async().open(dir)) {
            assertThat(db.table("t").count()).isEqualTo(100);
            db.table("t").insert(Map.of("id", 100L)); // appended to the reopened (mapped again) segment
        }
        assertThat(segments(dir)).hasSize(1);
        try (DictDB db = DictDB.builder().journalFormat(CompactTestCodec.NAME).open(dir)) { // and read in SYNC
            assertThat(db.table("t").count()).isEqualTo(101);
        }
    }

    @Test
    void theStandbysReaderReadsEntriesAcrossItsChunksOfALargeMappedSegment() throws IOException {
        String kilobyte = "k".repeat(1_000);
        String big = "b".repeat(1_500_000); // one entry larger than a read chunk (1 MiB)
        try (DictDB db = async().journalSegmentSize(8L << 20).open(dir)) {
            Table t = db.createTable("t", "id");
            for (long i = 0; i < 1_500; i++) {
                t.insert(Map.of("id", i, "v", kilobyte));
            }
            t.insert(Map.of("id", -1L, "v", big));
            t.insert(Map.of("id", -2L, "v", "after"));
            Path segment = segments(dir).get(0);
            assertThat(Files.size(segment)).isEqualTo(8L << 20);
            JournalTail.Read read = JournalTail.read(segment, 0, Codecs.named(CompactTestCodec.NAME));
            assertThat(read.entries()).hasSize(1 + 1_500 + 2);
            assertThat(read.end()).isEqualTo(db.metrics().journalBytes());
            JournalTail.Read rest = JournalTail.read(segment, read.entries().get(1_000).offset(),
                    Codecs.named(CompactTestCodec.NAME));
            assertThat(rest.entries()).hasSize(503);
            assertThat(rest.end()).isEqualTo(read.end());
        }
    }

    @Test
    void rolledSegmentsAreCutToTheirEntries() throws IOException {
        try (DictDB db = async().journalSegmentSize(1_000).open(dir)) {
            Table t = db.createTable("t", "id");
            for (long i = 0; i < 300; i++) {
                t.insert(Map.of("id", i, "v", "value " + i));
            }
            List<Path> all = segments(dir);
            assertThat(all).hasSizeGreaterThan(5);
            for (Path s : all.subList(0, all.size() - 1)) {
                byte[] bytes = Files.readAllBytes(s);
                assertThat(bytes.length).as("%s", s).isEqualTo(entriesEnd(bytes)).isLessThanOrEqualTo(1_000);
            }
            long valid = 0;
            for (Path s : all) {
                valid += entriesEnd(Files.readAllBytes(s));
            }
            assertThat(db.metrics().journalBytes()).isEqualTo(valid);
        }
        try (DictDB db = async().open(dir)) {
            assertThat(db.table("t").count()).isEqualTo(300);
        }
    }

    @Test
    void concurrentWritersRollingSegmentsWhileTheFlusherForcesLoseNothing() throws Exception {
        int threads = 8;
        int each = 300;
        try (DictDB db = async().journalSegmentSize(2_000).journalSyncInterval(java.time.Duration.ofMillis(1))
                .open(dir)) {
            Table t = db.createTable("t", "id");
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
            List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
            for (int w = 0; w < threads; w++) {
                long base = w * 10_000L;
                done.add(pool.submit(() -> {
                    for (long i = 0; i < each; i++) {
                        t.insert(Map.of("id", base + i, "v", "w" + base + "-" + i));
                    }
                }));
            }
            for (java.util.concurrent.Future<?> f : done) {
                f.get(60, java.util.concurrent.TimeUnit.SECONDS);
            }
            pool.shutdown();
            copyFolder(); // as a kill would leave it, flusher and all
        }
        assertThat(segments(dir)).hasSizeGreaterThan(20);
        for (Path folder : List.of(dir, copy)) {
            try (DictDB db = async().open(folder)) {
                assertThat(db.table("t").count()).as("%s", folder).isEqualTo((long) threads * each);
                assertThat(db.sequence()).isEqualTo(1L + threads * each);
            }
        }
    }

    @Test
    void anEntryLargerThanTheSegmentSizeGetsASegmentOfItsOwn() throws IOException {
        String big = "x".repeat(5_000);
        try (DictDB db = async().journalSegmentSize(1_000).open(dir)) {
            Table t = db.createTable("t", "id");
            t.insert(Map.of("id", 1L, "v", big));
            t.insert(Map.of("id", 2L, "v", "small"));
        }
        try (DictDB db = async().open(dir)) {
            assertThat(db.table("t").get(1L).orElseThrow().get("v")).isEqualTo(big);
            assertThat(db.table("t").count()).isEqualTo(2);
        }
    }

    @Test
    void afterAKillEveryAcknowledgedCommitIsThereAndTheZerosAreCutWithoutAWarning() throws IOException {
        try (DictDB db = async().journalSyncInterval(java.time.Duration.ofHours(1)).open(dir)) {
            Table t = db.createTable("t", "id");
            for (long i = 0; i < 50; i++) {
                t.insert(Map.of("id", i, "v", "value " + i)); // acknowledged: in the page cache, never forced
            }
            copyFolder();
        }
        Path segment = segments(copy).get(0);
        byte[] bytes = Files.readAllBytes(segment);
        assertThat(bytes.length).isEqualTo(SEGMENT);
        int end = entriesEnd(bytes);
        CapturingProvider.start();
        try (DictDB db = async().open(copy)) {
            assertThat(db.table("t").count()).isEqualTo(50);
        } finally {
            assertThat(CapturingProvider.stop()).noneMatch(e -> e.level() == Level.WARN);
        }
        assertThat(Files.size(segment)).as("cut at the last entry").isEqualTo(end);
    }

    @Test
    void aTornEntryFollowedByZerosIsCutWithAWarning() throws IOException {
        Path segment = fiveInsertsKilled();
        byte[] bytes = Files.readAllBytes(segment);
        int end = entriesEnd(bytes);
        int lastStart = 0;
        for (int pos = 0; pos < end; pos += EntryFrame.HEADER + ByteBuffer.wrap(bytes, pos + 1, 4).getInt()) {
            lastStart = pos;
        }
        int last = lastStart;
        // a kill in the middle of the copy of the last entry: its second half never written
        Arrays.fill(bytes, last + (end - last) / 2, end, (byte) 0);
        Files.write(segment, bytes);

        // the standby's reader waits there (the primary may be copying it right now)
        JournalTail.Read read = JournalTail.read(segment, 0, Codecs.named(CompactTestCodec.NAME));
        assertThat(read.end()).isEqualTo(last);
        assertThat(read.pending()).contains("offset " + last);

        CapturingProvider.start();
        try (DictDB db = async().open(copy)) {
            assertThat(db.table("t").count()).isEqualTo(4);
        } finally {
            assertThat(CapturingProvider.stop()).filteredOn(e -> e.level() == Level.WARN).singleElement()
                    .satisfies(w -> assertThat(w.keyValues()).containsEntry("offset", last));
        }
        assertThat(Files.size(segment)).isEqualTo(last);
    }

    @Test
    void damageBeforeTheZerosIsStillRefused() throws IOException {
        Path segment = fiveInsertsKilled();
        byte[] bytes = Files.readAllBytes(segment);
        int second = EntryFrame.HEADER + ByteBuffer.wrap(bytes, 1, 4).getInt();
        bytes[second + EntryFrame.HEADER + 2] ^= 0x04; // inside the second entry: whole entries follow it
        Files.write(segment, bytes);
        assertThatThrownBy(() -> async().open(copy)).isInstanceOf(DictDbException.class)
                .hasMessageContaining("offset " + second);
        assertThatThrownBy(() -> JournalTail.read(segment, 0, Codecs.named(CompactTestCodec.NAME)))
                .isInstanceOf(DictDbException.class).hasMessageContaining("offset " + second);
    }
}
