package io.dictdb.hazelcast;

import io.dictdb.Record;
import io.dictdb.Table;
import io.dictdb.codec.tck.EdgeRecords;
import io.dictdb.core.DictDB;
import io.dictdb.core.journal.ValueBytes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

/**
 * Every value the API accepts comes back from Hazelcast exactly as the in-memory engine keeps it: compared through
 * the journal's value encoding, which tells -0.0 from 0.0, NaN payloads apart and field order.
 */
class ValueRoundTripTest {
    private static HazelcastDatabase db;
    private static Table table;
    private static DictDB memory;
    private static Table memoryTable;
    private static final AtomicLong KEYS = new AtomicLong();

    @BeforeAll
    static void open() {
        db = HazelcastDatabase.on(TestCluster.member(), TestCluster.databaseName());
        table = db.createTable("values");
        memory = DictDB.create();
        memoryTable = memory.createTable("values");
    }

    @AfterAll
    static void destroy() {
        db.destroy();
        memory.close();
    }

    private static void roundTrips(Record r) {
        long key = KEYS.incrementAndGet();
        Record withKey = r.with("id", key);
        table.insert(withKey);
        memoryTable.insert(withKey);
        Record expected = memoryTable.get(key).orElseThrow();
        Record actual = table.get(key).orElseThrow();
        assertThat(ValueBytes.encode(actual)).as("record %s", expected).isEqualTo(ValueBytes.encode(expected));
        assertThat(actual.fields()).isEqualTo(expected.fields());
    }

    @Test
    void generatedRecordsRoundTripExactly() {
        // Shrinking bounded: every candidate is inserted into the cluster and kept, so an unbounded shrink of a
        // failure ran for minutes and filled the heap instead of reporting it.
        qt().withExamples(150).withShrinkCycles(20).forAll(EdgeRecords.records())
                .checkAssert(ValueRoundTripTest::roundTrips);
    }

    @Test
    void recordsAtTheLimitsRoundTripExactly() {
        for (Record r : EdgeRecords.atTheLimits()) {
            roundTrips(r);
        }
    }

    @Test
    void valuesCompactCannotHoldAreKeptWrapped() {
        roundTrips(Record.of(Map.of("nan", Double.NaN, "negZero", -0.0, "uuid", UUID.randomUUID(),
                "list", List.of(1L, "a", List.of()), "surrogate", "a\uD800b", "instant", java.time.Instant.MIN)));
        roundTrips(Record.of("nullValue", null, "bytes", new byte[] {1, 2, 3}, "nested", Map.of("a", Map.of())));
    }

    @Test
    void keysOfEveryTypeFindTheirRecord() {
        Table keyed = db.createTable("keyed", "k");
        List<Object> keys = List.of(5L, "five", 5.5, new java.math.BigDecimal("6.50"), UUID.randomUUID(),
                java.time.LocalDate.of(2020, 1, 2), new byte[] {9, 8}, List.of(1L, 2L));
        for (Object k : keys) {
            keyed.insert(Map.of("k", k, "v", 1));
        }
        for (Object k : keys) {
            assertThat(keyed.get(k)).as("key %s", k).isPresent();
        }
        // keys equal by DictDB's rules are one key
        assertThat(keyed.get(5.0)).isPresent();
        assertThat(keyed.get(new java.math.BigDecimal("6.5"))).isPresent();
        assertThat(keyed.count()).isEqualTo(keys.size());
    }
}
