package io.dictdb.core.journal;

import io.dictdb.ChangeSubscription;
import io.dictdb.DictDbException;
import io.dictdb.IndexType;
import io.dictdb.Record;
import io.dictdb.Table;
import io.dictdb.core.DictDB;
import io.dictdb.core.JournalSync;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.dictdb.query.Conditions.field;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JournalTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void codec() {
        CompactTestCodec.install();
    }

    private static DictDB.Builder options() {
        return DictDB.builder().journalFormat(CompactTestCodec.NAME);
    }

    /** Every table's records sorted by primary key, and the sequence number: what a reopen must give back. */
    private static Map<String, Object> state(DictDB db) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String name : db.tableNames().stream().sorted().toList()) {
            Table t = db.table(name);
            List<Record> rows = new ArrayList<>(t.all());
            rows.sort(Comparator.comparing(r -> String.valueOf(r.get(t.primaryKey()))));
            out.put(name, rows);
            out.put(name + ".indexes", t.indexedFields());
        }
        out.put("sequence", db.sequence());
        return out;
    }

    private static void work(DictDB db) {
        Table a = db.createTable("accounts", "id");
        a.insert(Map.of("id", 1L, "owner", "ann", "balance", 100L));
        a.insertAll(List.of(Map.of("id", 2L, "owner", "bob", "balance", 50L),
                Map.of("id", 3L, "owner", "cy", "balance", 7.5, "vip", true)));
        a.createIndex("owner", IndexType.SORTED);
        db.transaction(List.of("accounts"), () -> {
            a.update(Map.of("balance", 0L), field("owner").eq("bob"));
            a.delete(field("id").eq(3L));
            a.insert(Map.of("id", 4L, "owner", "dee", "balance", 1L));
            return null;
        });
        Table logs = db.createTable("logs");
        logs.insert(Map.of("line", "first"));
        logs.insert(Map.of("line", "second"));
        db.createTable("scratch").insert(Map.of("x", 1L));
        db.dropTable("scratch");
    }

    @Test
    void reopenGivesBackEveryCommit() {
        Map<String, Object> before;
        try (DictDB db = options().open(dir)) {
            work(db);
            before = state(db);
        }
        try (DictDB db = options().open(dir)) {
            assertThat(state(db)).isEqualTo(before);
            db.table("logs").insert(Map.of("line", "third")); // the sequence goes on after the replayed entries
            before = state(db);
        }
        try (DictDB db = options().open(dir)) {
            assertThat(state(db)).isEqualTo(before);
            assertThat(db.table("logs").count()).isEqualTo(3);
        }
    }

    @Test
    void aKeyDeletedFromTheTopOfATableIsNotGivenOutAgainAfterAReopen() {
        try (DictDB db = options().open(dir)) {
            Table t = db.createTable("t");
            t.insert(Map.of("n", 1L));
            Object top = t.insert(Map.of("n", 2L));
            t.delete(field("id").eq(top));
        }
        try (DictDB db = options().open(dir)) {
            assertThat(db.table("t").insert(Map.of("n", 3L))).as("the counter replays with the inserts").isEqualTo(3L);
        }
    }

    @Test
    void asyncModeAndSmallSegmentsReopenEqual() throws IOException {
        Map<String, Object> before;
        try (DictDB db = options().journalSync(JournalSync.ASYNC).journalSegmentSize(200).open(dir)) {
            work(db);
            before = state(db);
        }
        assertThat(JournalRecovery.segments(dir.resolve("journal"))).hasSizeGreaterThan(3);
        try (DictDB db = options().open(dir)) {
            assertThat(state(db)).isEqualTo(before);
        }
    }

    @Test
    void concurrentSyncWritersAreAllJournalled() throws Exception {
        int threads = 8;
        int each = 100;
        try (DictDB db = options().open(dir)) {
            Table t = db.createTable("t", "id");
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < threads; w++) {
                int writer = w;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        t.insert(Map.of("id", (long) writer * each + i, "w", (long) writer));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            pool.shutdown();
        }
        try (DictDB db = options().open(dir)) {
            assertThat(db.table("t").count()).isEqualTo(threads * each);
            assertThat(db.sequence()).isEqualTo(1 + threads * each);
        }
    }

    @Test
    void anInterruptedWriterIsJournalledAndKeepsItsInterrupt() {
        try (DictDB db = options().open(dir)) {
            Table t = db.createTable("t", "id");
            Thread.currentThread().interrupt();
            try {
                t.insert(Map.of("id", 1L));
            } finally {
                assertThat(Thread.interrupted()).as("the interrupt is kept").isTrue();
            }
            t.insert(Map.of("id", 2L)); // the journal still works: the interrupt did not close its segment
        }
        try (DictDB db = options().open(dir)) {
            assertThat(db.table("t").count()).isEqualTo(2);
        }
    }

    @Test
    void aCommitTheCodecCannotEncodeFailsItsWriterAndEveryLaterOneAndNobodyHangs() throws Exception {
        int threads = 6;
        int each = 50;
        List<Long> acknowledged = java.util.Collections.synchronizedList(new ArrayList<>());
        try (DictDB db = options().open(dir)) {
            Table t = db.createTable("t", "id");
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<Integer>> failures = new ArrayList<>();
            for (int w = 0; w < threads; w++) {
                int writer = w;
                failures.add(pool.submit(() -> {
                    int failed = 0;
                    for (int i = 0; i < each; i++) {
                        long id = (long) writer * each + i;
                        try {
                            if (writer == 0 && i == each / 2) {
                                // Table changes go through the codec, and the test codec writes a name with
                                // writeUTF (at most 65,535 bytes of modified UTF-8, which takes 6 per character
                                // outside the BMP): this commit's entry cannot be encoded.
                                db.createTable("\uD834\uDD1E".repeat(16_384), "id");
                                continue;
                            }
                            t.insert(Map.of("id", id, "v", id));
                            acknowledged.add(id);
                        } catch (DictDbException e) {
                            assertThat(e).hasMessageContaining(dir.resolve("journal").toString());
                            failed++;
                        }
                    }
                    return failed;
                }));
            }
            int failed = 0;
            for (Future<Integer> f : failures) {
                failed += f.get(60, java.util.concurrent.TimeUnit.SECONDS); // a hung waiter fails here
            }
            pool.shutdown();
            assertThat(failed).as("the unencodable commit's writer fails, at least").isPositive();
            assertThatThrownBy(() -> t.insert(Map.of("id", -1L))).isInstanceOf(DictDbException.class)
                    .hasMessageContaining("failed");
        }
        try (DictDB db = options().open(dir)) {
            Table t = db.table("t");
            for (long id : acknowledged) {
                assertThat(t.get(id)).as("acknowledged key %s", id).isPresent();
            }
        }
    }

    /** Writes more entries than the replay decodes in one chunk, mixing inserts, updates and deletes. */
    private Map<String, Object> writeALongJournal() {
        try (DictDB db = options().journalSync(JournalSync.ASYNC).open(dir)) {
            Table t = db.createTable("t", "id");
            for (long i = 0; i < 5L * DecodeAhead.CHUNK; i++) {
                t.insert(Map.of("id", i, "v", "v" + i));
                if (i % 7 == 3) {
                    t.update(Map.of("v", "updated"), field("id").eq(i - 2));
                }
                if (i % 11 == 5) {
                    t.delete(field("id").eq(i - 4));
                }
            }
            return state(db);
        }
    }

    @Test
    void aLongJournalReplaysInOrderAcrossDecodeChunks() {
        Map<String, Object> expected = writeALongJournal();
        try (DictDB db = options().open(dir)) {
            assertThat(state(db)).isEqualTo(expected);
        }
    }

    @Test
    void anEntryThatCannotBeDecodedDeepInALongSegmentStopsRecoveryNamingFileAndOffset() throws IOException {
        writeALongJournal();
        Path segment = lastSegment();
        byte[] bytes = Files.readAllBytes(segment);
        int offset = 0;
        for (int entry = 0; entry < 3 * DecodeAhead.CHUNK + 17; entry++) { // inside a later chunk
            offset += EntryFrame.HEADER + java.nio.ByteBuffer.wrap(bytes, offset + 1, 4).getInt();
        }
        int length = java.nio.ByteBuffer.wrap(bytes, offset + 1, 4).getInt();
        // A data entry, in the compact encoding: its change count (after the version and the first sequence) made
        // 2^28, far past the payload's end. The checksum is made to match, so the frame is whole and only the
        // decoder can tell.
        assertThat(bytes[offset]).isEqualTo(EntryFrame.MAGIC_COMPACT);
        bytes[offset + EntryFrame.HEADER + 9] = (byte) 0x80;
        bytes[offset + EntryFrame.HEADER + 10] = (byte) 0x80;
        bytes[offset + EntryFrame.HEADER + 11] = (byte) 0x80;
        bytes[offset + EntryFrame.HEADER + 12] = (byte) 0x80;
        bytes[offset + EntryFrame.HEADER + 13] = (byte) 0x01;
        java.nio.ByteBuffer.wrap(bytes, offset + 5, 4).putInt(
                EntryFrame.checksum(EntryFrame.MAGIC_COMPACT, bytes, offset + EntryFrame.HEADER, length));
        Files.write(segment, bytes);
        int at = offset;
        assertThatThrownBy(() -> options().open(dir)).isInstanceOf(DictDbException.class)
                .hasMessageContaining(segment.toString()).hasMessageContaining("offset " + at)
                .hasMessageContaining("cannot be decoded");
    }

    /** Opens, writes twice, and returns the last segment's size before the third (last) commit. */
    private long writeThreeCommits() throws IOException {
        try (DictDB db = options().open(dir)) {
            Table t = db.createTable("t", "id");
            t.insert(Map.of("id", 1L, "v", "one"));
            long before = Files.size(lastSegment());
            t.insertAll(List.of(Map.of("id", 2L, "v", "two"), Map.of("id", 3L, "v", "three")));
            return before;
        }
    }

    private Path lastSegment() throws IOException {
        List<Path> s = JournalRecovery.segments(dir.resolve("journal"));
        return s.get(s.size() - 1);
    }

    @Test
    void aTornTailAtEveryOffsetIsCutAndTheRestRecovers() throws IOException {
        long lastEntry = writeThreeCommits();
        Path segment = lastSegment();
        byte[] whole = Files.readAllBytes(segment);
        assertThat(lastEntry).isLessThan(whole.length);
        for (int cut = (int) lastEntry; cut < whole.length; cut++) {
            Files.write(segment, java.util.Arrays.copyOf(whole, cut));
            try (DictDB db = options().open(dir)) {
                assertThat(db.table("t").count()).as("cut at %d", cut).isEqualTo(1);
                assertThat(db.sequence()).isEqualTo(2);
            }
            assertThat(Files.size(segment)).as("cut at %d", cut).isEqualTo(lastEntry);
        }
        // The whole file again: the last commit is back.
        Files.write(segment, whole);
        try (DictDB db = options().open(dir)) {
            assertThat(db.table("t").count()).isEqualTo(3);
        }
    }

    @Test
    void aBadChecksumOrZeroedTailIsCut() throws IOException {
        long lastEntry = writeThreeCommits();
        Path segment = lastSegment();
        byte[] whole = Files.readAllBytes(segment);
        byte[] flipped = whole.clone();
        flipped[whole.length - 1] ^= 0x10;
        Files.write(segment, flipped);
        try (DictDB db = options().open(dir)) {
            assertThat(db.table("t").count()).isEqualTo(1);
        }
        assertThat(Files.size(segment)).isEqualTo(lastEntry);
        byte[] zeroed = java.util.Arrays.copyOf(Files.readAllBytes(segment), (int) lastEntry + 40);
        Files.write(segment, zeroed); // a file extended by a crash whose data never reached the disk
        try (DictDB db = options().open(dir)) {
            assertThat(db.table("t").count()).isEqualTo(1);
        }
        assertThat(Files.size(segment)).isEqualTo(lastEntry);
    }

    @Test
    void aFlippedBitBeforeTheTailStopsRecoveryNamingFileAndOffset() throws IOException {
        long secondEntry;
        try (DictDB db = options().open(dir)) {
            db.createTable("t", "id");
            secondEntry = Files.size(lastSegment());
            db.table("t").insert(Map.of("id", 1L, "v", "one"));
            db.table("t").insert(Map.of("id", 2L, "v", "two"));
        }
        Path segment = lastSegment();
        byte[] bytes = Files.readAllBytes(segment);
        bytes[(int) secondEntry + EntryFrame.HEADER + 3] ^= 0x01; // inside the payload of the second of three
        Files.write(segment, bytes);
        assertThatThrownBy(() -> options().open(dir)).isInstanceOf(DictDbException.class)
                .hasMessageContaining(segment.toString())
                .hasMessageContaining("offset " + secondEntry)
                .hasMessageContaining("checksum");
        assertThat(Files.size(segment)).isEqualTo(bytes.length); // nothing cut
        // The failed open released the folder.
        bytes[(int) secondEntry + EntryFrame.HEADER + 3] ^= 0x01;
        Files.write(segment, bytes);
        try (DictDB db = options().open(dir)) {
            assertThat(db.table("t").count()).isEqualTo(2);
        }
    }

    @Test
    void aSecondOpenOfAnOpenFolderFailsNamingIt() {
        try (DictDB db = options().open(dir)) {
            db.createTable("t");
            assertThatThrownBy(() -> options().open(dir)).isInstanceOf(DictDbException.class)
                    .hasMessageContaining(dir.toString()).hasMessageContaining("already open");
            assertThat(db.tableNames()).containsExactly("t"); // untouched
        }
        try (DictDB db = options().open(dir)) {
            assertThat(db.tableNames()).containsExactly("t");
        }
    }

    @Test
    void closeThenUseThrowsNamingTheTable() {
        DictDB db = DictDB.create();
        Table t = db.createTable("people");
        t.insert(Map.of("name", "ann"));
        ChangeSubscription s = db.subscribe(changes -> { });
        assertThat(s.isActive()).isTrue();
        db.close();
        db.close(); // idempotent
        assertThat(s.isActive()).isFalse();
        assertThatThrownBy(() -> t.insert(Map.of("name", "bob"))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("people").hasMessageContaining("closed");
        assertThatThrownBy(t::count).isInstanceOf(IllegalStateException.class).hasMessageContaining("people");
        assertThatThrownBy(() -> db.table("people")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(db.databaseId()).hasMessageContaining("closed");
        assertThatThrownBy(() -> db.createTable("x")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(db::tableNames).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void closeOfADurableDatabaseNamesItsFolder() {
        DictDB db = options().open(dir);
        Table t = db.createTable("t");
        db.close();
        assertThatThrownBy(() -> t.insert(Map.of("a", 1L))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(dir.toString());
    }

    @Test
    void aFolderWithBackupsButNoRestorerOnTheClassPathIsRefused() throws IOException {
        Files.writeString(dir.resolve("dictdb_backup_1700000000_000000.json"), "{}");
        assertThatThrownBy(() -> options().open(dir)).isInstanceOf(DictDbException.class)
                .hasMessageContaining(dir.toString()).hasMessageContaining("dictdb-backup");
        Files.delete(dir.resolve("dictdb_backup_1700000000_000000.json"));
        try (DictDB db = options().open(dir)) { // the refused open released the folder
            assertThat(db.tableNames()).isEmpty();
        }
    }
}
