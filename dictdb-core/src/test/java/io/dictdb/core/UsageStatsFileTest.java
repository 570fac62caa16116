package io.dictdb.core;

import io.dictdb.DictDbException;
import io.dictdb.IndexSpec;
import io.dictdb.IndexStats;
import io.dictdb.Table;
import io.dictdb.TableSpec;
import io.dictdb.TableStats;
import io.dictdb.core.journal.CompactTestCodec;
import io.dictdb.core.logging.CapturingProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.event.Level;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.dictdb.query.Conditions.and;
import static io.dictdb.query.Conditions.field;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A durable database keeps its usage statistics in {@code usage-stats.json}: written on close (and by a timer),
 * restored and added to on the next open, cleared by {@link UsageStatsFile#reset(Path)}; an unreadable file is
 * reported and ignored.
 */
class UsageStatsFileTest {
    @TempDir
    Path dir;

    private final long interval = DictDB.usageIntervalMillis;

    @AfterEach
    void restoreInterval() {
        DictDB.usageIntervalMillis = interval;
    }

    private DictDB open() {
        CompactTestCodec.install();
        return DictDB.builder().journalFormat(CompactTestCodec.NAME).open(dir);
    }

    private static Table fill(DictDB db) {
        Table t = db.createTable(TableSpec.named("people").index(IndexSpec.hash("city", "dept")).index("age"));
        for (int i = 0; i < 30; i++) {
            t.insert(Map.of("city", "c" + i % 3, "dept", "d" + i % 2, "age", i));
        }
        return t;
    }

    private static void use(Table t) {
        assertThat(t.select(and(field("city").eq("c1"), field("dept").eq("d0")))).hasSize(5);
        assertThat(t.select(field("age").eq(7))).hasSize(1);
        assertThat(t.select(field("missing").eq(1))).isEmpty(); // a scan of 30 rows
    }

    @Test
    void closeWritesTheCountsAndTheNextOpenAddsToThem() {
        Instant before = Instant.now();
        try (DictDB db = open()) {
            use(fill(db));
        }
        UsageStatsFile.Usage u = UsageStatsFile.read(dir).orElseThrow();
        assertThat(u.takenAt()).isAfterOrEqualTo(before.minusSeconds(1));
        TableStats s = u.tables().get("people");
        assertThat(s.scans()).isEqualTo(1);
        assertThat(s.rowsScanned()).isEqualTo(30);
        assertThat(s.indexes().get("city+dept").lookups()).isEqualTo(1);
        assertThat(s.indexes().get("city+dept").rowsReturned()).isEqualTo(5);
        assertThat(s.indexes().get("city+dept").lastUsed()).isPresent();
        assertThat(s.indexes().get("age").rowsReturned()).isEqualTo(1);

        // reopened: the counts continue from the file's (checked on the one-field index: the core tests' journal
        // codec, CompactTestCodec, keeps an index's first field only, so the composite comes back as "city")
        try (DictDB db = open()) {
            Table t = db.table("people");
            assertThat(t.stats().scans()).isEqualTo(1);
            assertThat(t.stats().rowsScanned()).isEqualTo(30);
            assertThat(t.stats().indexes().get("age")).isEqualTo(s.indexes().get("age"));
            use(t);
            assertThat(t.stats().indexes().get("age").lookups()).isEqualTo(2);
            assertThat(t.stats().scans()).isEqualTo(2);
        }
        assertThat(UsageStatsFile.read(dir).orElseThrow().tables().get("people").indexes().get("age").lookups())
                .isEqualTo(2);

        // reset: refused while open, naming the folder; then the next open starts from zero
        try (DictDB db = open()) {
            assertThatThrownBy(() -> UsageStatsFile.reset(dir)).isInstanceOf(DictDbException.class)
                    .hasMessageContaining(dir.toString());
        }
        assertThat(UsageStatsFile.reset(dir)).isTrue();
        assertThat(Files.exists(UsageStatsFile.of(dir))).isFalse();
        try (DictDB db = open()) {
            assertThat(db.table("people").stats().scans()).isZero();
            assertThat(db.table("people").stats().indexes().get("age").lookups()).isZero();
        }
    }

    @Test
    void theTimerWritesWhileTheDatabaseIsUsed() throws Exception {
        DictDB.usageIntervalMillis = 50;
        try (DictDB db = open()) {
            Table t = fill(db);
            use(t);
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (UsageStatsFile.read(dir).map(u -> u.tables().get("people"))
                    .filter(p -> p.scans() == 1).isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(UsageStatsFile.read(dir).orElseThrow().tables().get("people").scans()).isEqualTo(1);
        }
    }

    @Test
    void anUnreadableFileIsReportedAndIgnored() throws Exception {
        for (String bad : List.of("{\"takenAt\":\"2026-01-01T00:00:00Z\",\"tables\":{\"people\":{\"scans\":-1}}}",
                "not json", "{\"takenAt\":\"yesterday\",\"tables\":{}}", "{\"takenAt\":\"2026-01-01T00:00:00Z\"",
                "{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":{\"f\":1}}}}}}", "{\"takenAt\":\"2026-01-01T00:00:00Z\","
                        + "\"tables\":{\"people\":{\"scans\":99999999999999999999}}}")) {
            Files.writeString(UsageStatsFile.of(dir), bad, StandardCharsets.UTF_8);
            CapturingProvider.start();
            List<CapturingProvider.Event> events;
            try (DictDB db = open()) {
                Table t = db.tableNames().contains("people") ? db.table("people") : fill(db);
                assertThat(t.stats().scans()).as(bad).isLessThan(99);
            } finally {
                events = CapturingProvider.stop();
            }
            assertThat(events).as(bad).anySatisfy(e -> {
                assertThat(e.level()).isEqualTo(Level.WARN);
                assertThat(e.keyValues().get("file")).hasToString(UsageStatsFile.of(dir).toString());
            });
        }
    }

    @Test
    void theFileRoundTripsNamesThatNeedEscaping() {
        Map<String, TableStats> tables = new java.util.LinkedHashMap<>();
        tables.put("a \"quoted\"\\ name\n", new TableStats(3, 40, Map.of("x+y", new IndexStats(5, 6,
                Instant.parse("2026-12-07T15:00:00.123Z")), "z", new IndexStats(0, 0, null))));
        tables.put("empty", new TableStats(0, 0, Map.of()));
        UsageStatsFile.Usage u = new UsageStatsFile.Usage(Instant.parse("2026-12-07T15:01:00Z"), tables);
        assertThat(UsageStatsFile.parse(UsageStatsFile.format(u))).isEqualTo(u);
    }
}
