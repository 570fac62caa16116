package io.dictdb.core.journal;

import io.dictdb.DictDbException;
import io.dictdb.Table;
import io.dictdb.core.DictDB;
import io.dictdb.spi.Change;
import io.dictdb.spi.Codecs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link JournalTail}: reading a segment another process appends to, from an offset, stops at a tail that is not
 * whole yet without touching the file, and refuses damage before the end.
 */
class JournalTailTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void codec() {
        CompactTestCodec.install();
    }

    @Test
    void readsWholeEntriesFromAnOffsetAndStopsAtAPartialTailWithoutCuttingIt() throws Exception {
        try (DictDB db = DictDB.builder().journalFormat(CompactTestCodec.NAME).open(dir)) {
            Table t = db.createTable("t", "id");
            t.insert(Map.of("id", 1L));
            db.transaction(List.of("t"), () -> {
                t.insert(Map.of("id", 2L));
                t.insert(Map.of("id", 3L));
                return null;
            });
        }
        Path journal = dir.resolve("journal");
        List<Path> segments = JournalTail.segments(journal);
        assertThat(segments).hasSize(1);
        Path segment = segments.get(0);
        assertThat(JournalTail.firstSequence(segment)).isEqualTo(1);
        var codec = Codecs.named(CompactTestCodec.NAME);

        JournalTail.Read all = JournalTail.read(segment, 0, codec);
        assertThat(all.pending()).isNull();
        assertThat(all.entries()).extracting(JournalTail.Entry::first, JournalTail.Entry::last)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, 1L), org.assertj.core.groups.Tuple.tuple(2L, 2L),
                        org.assertj.core.groups.Tuple.tuple(3L, 4L));
        assertThat(all.entries().get(2).changes()).allMatch(c -> c instanceof Change.Upsert);
        long size = Files.size(segment);
        assertThat(all.end()).isEqualTo(size);

        long second = all.entries().get(1).offset();
        JournalTail.Read rest = JournalTail.read(segment, second, codec);
        assertThat(rest.entries()).extracting(JournalTail.Entry::first).containsExactly(2L, 3L);

        // Half of an entry's bytes at the end: the primary is writing it. Reading stops before it, file untouched.
        byte[] bytes = Files.readAllBytes(segment);
        int last = (int) all.entries().get(2).offset();
        byte[] half = java.util.Arrays.copyOfRange(bytes, last, last + (bytes.length - last) / 2);
        try (FileChannel c = FileChannel.open(segment, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            c.write(java.nio.ByteBuffer.wrap(half));
        }
        JournalTail.Read partial = JournalTail.read(segment, all.end(), codec);
        assertThat(partial.entries()).isEmpty();
        assertThat(partial.end()).isEqualTo(size);
        assertThat(partial.pending()).contains("offset " + size);
        assertThat(Files.size(segment)).isEqualTo(size + half.length);

        // Damage before the end is an error naming the file and offset.
        byte[] damaged = Files.readAllBytes(segment);
        damaged[(int) second + EntryFrame.HEADER + 1] ^= 0x40;
        Files.write(segment, damaged);
        assertThatThrownBy(() -> JournalTail.read(segment, second, codec)).isInstanceOf(DictDbException.class)
                .hasMessageContaining(segment.toString()).hasMessageContaining("offset " + second);

        // A deleted segment (released by a backup meanwhile) reads as nothing.
        Files.delete(segment);
        assertThat(JournalTail.read(segment, 0, codec).entries()).isEmpty();
    }
}
