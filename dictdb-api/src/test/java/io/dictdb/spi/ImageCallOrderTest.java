package io.dictdb.spi;

import io.dictdb.Record;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The call order that {@link AbstractImageReader} and {@link AbstractImageWriter} enforce for every codec. */
class ImageCallOrderTest {
    private static final Instant AT = Instant.parse("2026-01-02T03:04:05Z");
    private static final TableDefinition USERS = new TableDefinition("users", "id", null, List.of());

    /** Records each hook call with the step and table it saw. */
    private static final class Writer extends AbstractImageWriter {
        final List<String> calls = new ArrayList<>();

        Writer() {
            super("test writer");
        }

        private void log(String call) {
            calls.add(call + "@" + step() + (currentTable() == null ? "" : "/" + currentTable().name()));
        }

        @Override
        protected void doWriteHeader(ImageHeader header) {
            log("header");
        }

        @Override
        protected void doBeginTable(TableDefinition definition) {
            log("begin");
        }

        @Override
        protected void doWriteRecord(Record record) {
            log("record");
        }

        @Override
        protected void doEndTable() {
            log("end");
        }

        @Override
        protected void doWriteChange(Change change) {
            log("change");
        }

        @Override
        protected void doWriteTableStates(List<TableState> states) {
            log("states");
        }

        @Override
        protected void doWriteCommits(List<CommitRange> commits) {
            log("commits" + commits);
        }

        @Override
        protected void doFinish() {
            log("finish");
        }

        @Override
        protected void doClose() {
            log("close");
        }
    }

    /** Gives back what it is told to, and records each hook call with the step and table it saw. */
    private static class Reader extends AbstractImageReader {
        final List<String> calls = new ArrayList<>();
        final ImageHeader header;
        final Deque<Object> items = new ArrayDeque<>();

        Reader(ImageHeader header, Object... items) {
            super("test reader");
            this.header = header;
            this.items.addAll(List.of(items));
        }

        private Object next(String call) {
            calls.add(call + "@" + step() + (currentTable() == null ? "" : "/" + currentTable().name()));
            Object item = items.poll();
            return item == Boolean.FALSE ? null : item;
        }

        @Override
        protected ImageHeader doReadHeader() {
            next("header");
            return header;
        }

        @Override
        protected TableDefinition doNextTable() {
            return (TableDefinition) next("table");
        }

        @Override
        protected Record doNextRecord() {
            return (Record) next("record");
        }

        @Override
        protected Change doNextChange() {
            return (Change) next("change");
        }

        @Override
        protected List<TableState> doReadTableStates() {
            next("states");
            return List.of(new TableState("users", 2));
        }

        @SuppressWarnings("unchecked")
        @Override
        protected List<CommitRange> doReadCommits() {
            return (List<CommitRange>) next("commits");
        }

        @Override
        protected void doFinish() {
            next("finish");
        }

        @Override
        protected void doClose() {
            next("close");
        }
    }

    @Test
    void aWriterPassesTheDocumentedOrderThroughAndTracksTheTable() throws Exception {
        Writer w = new Writer();
        w.writeHeader(ImageHeader.full(1, AT));
        w.beginTable(USERS);
        w.writeRecord(Record.of("id", 1L));
        w.endTable();
        w.writeTableStates(List.of(new TableState("users", 2)));
        w.finish();
        w.close();
        w.close();
        assertThat(w.calls).containsExactly("header@HEADER", "begin@TABLES", "record@RECORDS/users", "end@RECORDS/users",
                "states@TABLES", "finish@FINISH", "close@CLOSED");
    }

    @Test
    void aWriterRefusesCallsOutOfOrderBeforeTheCodecSeesThem() throws Exception {
        Writer w = new Writer();
        assertThatThrownBy(() -> w.beginTable(USERS)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("test writer").hasMessageContaining("beginTable()").hasMessageContaining("HEADER");
        w.writeHeader(ImageHeader.delta(1, 2, null, AT));
        assertThatThrownBy(() -> w.beginTable(USERS)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(w::finish).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> w.writeChange(null)).isInstanceOf(NullPointerException.class);
        w.writeChange(new Change.DropTable(1, "users"));
        w.writeTableStates(List.of());
        assertThatThrownBy(() -> w.writeChange(new Change.DropTable(2, "users")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("COMMITS");
        assertThatThrownBy(() -> w.writeTableStates(List.of())).isInstanceOf(IllegalStateException.class);
        w.close();
        assertThatThrownBy(w::finish).isInstanceOf(IllegalStateException.class);
        assertThat(w.calls).containsExactly("header@HEADER", "change@CHANGES", "states@CHANGES", "close@CLOSED");
    }

    @Test
    void aFullImageIsReadTableByTable() throws Exception {
        Record record = Record.of("id", 1L);
        Reader r = new Reader(ImageHeader.full(1, AT), ImageHeader.full(1, AT), USERS, record, false, false);
        assertThat(r.readHeader().kind()).isEqualTo(ImageKind.FULL);
        assertThatThrownBy(r::nextChange).isInstanceOf(IllegalStateException.class).hasMessageContaining("test reader");
        assertThat(r.nextTable()).isEqualTo(USERS);
        assertThatThrownBy(r::nextTable).isInstanceOf(IllegalStateException.class);
        assertThat(r.nextRecord()).isEqualTo(record);
        assertThat(r.nextRecord()).isNull();
        assertThat(r.nextTable()).isNull();
        assertThatThrownBy(r::finish).isInstanceOf(IllegalStateException.class);
        assertThat(r.readTableStates()).containsExactly(new TableState("users", 2));
        r.finish();
        assertThatThrownBy(r::finish).isInstanceOf(IllegalStateException.class);
        r.close();
        r.close();
        assertThat(r.calls).containsExactly("header@HEADER", "table@TABLES", "record@RECORDS/users",
                "record@RECORDS/users", "table@TABLES", "states@TABLE_STATES", "finish@FINISH", "close@CLOSED");
    }

    @Test
    void aDeltaIsReadChangeByChange() throws Exception {
        Change drop = new Change.DropTable(1, "users");
        Reader r = new Reader(ImageHeader.delta(1, 1, null, AT), "header", drop, false);
        r.readHeader();
        assertThatThrownBy(r::nextTable).isInstanceOf(IllegalStateException.class).hasMessageContaining("CHANGES");
        assertThatThrownBy(r::nextRecord).isInstanceOf(IllegalStateException.class);
        assertThat(r.nextChange()).isEqualTo(drop);
        assertThat(r.nextChange()).isNull();
        assertThatThrownBy(r::nextChange).isInstanceOf(IllegalStateException.class);
        r.readTableStates();
        r.close();
        assertThatThrownBy(r::readHeader).isInstanceOf(IllegalStateException.class).hasMessageContaining("CLOSED");
        assertThat(r.calls).containsExactly("header@HEADER", "change@CHANGES", "change@CHANGES",
                "states@TABLE_STATES", "close@CLOSED");
    }

    @Test
    void moreTablesThanTheLimitAreACodecExceptionWhateverTheCodec() throws Exception {
        Reader r = new Reader(ImageHeader.full(1, AT)) {
            @Override
            protected TableDefinition doNextTable() {
                return USERS; // a hostile stream of table definitions that never ends
            }

            @Override
            protected Record doNextRecord() {
                return null;
            }
        };
        r.readHeader();
        for (int i = 0; i < ImageLimits.MAX_TABLES; i++) {
            assertThat(r.nextTable()).isEqualTo(USERS);
            assertThat(r.nextRecord()).isNull();
        }
        assertThatThrownBy(r::nextTable).isInstanceOf(io.dictdb.CodecException.class)
                .hasMessageContaining("tables").hasMessageContaining(String.valueOf(ImageLimits.MAX_TABLES));

        Writer w = new Writer();
        w.writeHeader(ImageHeader.delta(1, 2, null, AT));
        List<TableState> tooMany = java.util.Collections.nCopies(ImageLimits.MAX_TABLES + 1, new TableState("t", 1));
        assertThatThrownBy(() -> w.writeTableStates(tooMany)).isInstanceOf(io.dictdb.CodecException.class)
                .hasMessageContaining("table states");
        assertThat(w.calls).containsExactly("header@HEADER");
    }

    @Test
    void aDeltaWriterPassesItsCommitsCheckedAfterTheTableStates() throws Exception {
        Writer w = new Writer();
        w.writeHeader(ImageHeader.delta(5, 12, null, AT));
        assertThatThrownBy(() -> w.writeCommits(List.of())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("writeCommits()").hasMessageContaining("CHANGES");
        w.writeTableStates(List.of());
        assertThatThrownBy(() -> w.writeCommits(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> w.writeCommits(List.of(new CommitRange(4, 6))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("commit #1 (4..6)")
                .hasMessageContaining("outside").hasMessageContaining("5..12");
        assertThatThrownBy(() -> w.writeCommits(List.of(new CommitRange(5, 7), new CommitRange(7, 8))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("commit #2 (7..8)")
                .hasMessageContaining("commit #1 (5..7)");
        assertThatThrownBy(() -> w.writeCommits(List.of(new CommitRange(9, 10), new CommitRange(5, 6))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("increasing order");
        w.writeCommits(List.of(new CommitRange(5, 6), new CommitRange(7, 12)));
        assertThatThrownBy(() -> w.writeCommits(List.of())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("FINISH");
        w.finish();
        assertThat(w.calls).containsExactly("header@HEADER", "states@CHANGES", "commits[5..6, 7..12]@COMMITS",
                "finish@FINISH");
    }

    @Test
    void aDeltaWriterMayLeaveOutItsCommitsAndAFullImageHasNone() throws Exception {
        Writer delta = new Writer();
        delta.writeHeader(ImageHeader.delta(1, 2, null, AT));
        delta.writeTableStates(List.of());
        delta.finish();
        assertThat(delta.calls).containsExactly("header@HEADER", "states@CHANGES", "finish@COMMITS");

        Writer full = new Writer();
        full.writeHeader(ImageHeader.full(2, AT));
        full.writeTableStates(List.of());
        assertThatThrownBy(() -> full.writeCommits(List.of())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("FINISH");
        full.finish();
    }

    @Test
    void aDeltaReaderGivesItsCommitsOnceOrReadsPastThemAtFinish() throws Exception {
        List<CommitRange> commits = List.of(new CommitRange(1, 2));
        Reader r = new Reader(ImageHeader.delta(1, 3, null, AT), "header", false, "states", commits, "finish");
        r.readHeader();
        assertThatThrownBy(r::readCommits).isInstanceOf(IllegalStateException.class).hasMessageContaining("CHANGES");
        assertThat(r.nextChange()).isNull();
        r.readTableStates();
        assertThat(r.readCommits()).isEqualTo(commits);
        assertThatThrownBy(r::readCommits).isInstanceOf(IllegalStateException.class).hasMessageContaining("FINISH");
        r.finish();
        assertThat(r.calls).containsExactly("header@HEADER", "change@CHANGES", "states@TABLE_STATES",
                "commits@COMMITS", "finish@FINISH");

        Reader skipping = new Reader(ImageHeader.delta(1, 3, null, AT), "header", false, "states", commits, "end");
        skipping.readHeader();
        skipping.nextChange();
        skipping.readTableStates();
        skipping.finish(); // a caller that predates commits: the codec still reads (and checks) them
        assertThat(skipping.calls).containsExactly("header@HEADER", "change@CHANGES", "states@TABLE_STATES",
                "commits@COMMITS", "finish@COMMITS");

        Reader full = new Reader(ImageHeader.full(1, AT), "header", false, "states", "end");
        full.readHeader();
        full.nextTable();
        full.readTableStates();
        assertThatThrownBy(full::readCommits).isInstanceOf(IllegalStateException.class);
        full.finish();
    }

    @Test
    void commitsACodecReadsAreCheckedAgainstTheHeaderWhateverTheCodec() throws Exception {
        List<List<CommitRange>> bad = List.of(
                List.of(new CommitRange(3, 5)),                              // past the delta's last sequence
                List.of(new CommitRange(1, 2), new CommitRange(2, 3)),       // overlapping
                List.of(new CommitRange(3, 4), new CommitRange(1, 2)));      // out of order
        for (List<CommitRange> commits : bad) {
            for (boolean read : new boolean[] {true, false}) {
                Reader r = new Reader(ImageHeader.delta(1, 4, null, AT), "header", false, "states", commits);
                r.readHeader();
                r.nextChange();
                r.readTableStates();
                assertThatThrownBy(read ? r::readCommits : r::finish).isInstanceOf(io.dictdb.CodecException.class)
                        .hasMessageContaining("commit #");
            }
        }
    }
}
