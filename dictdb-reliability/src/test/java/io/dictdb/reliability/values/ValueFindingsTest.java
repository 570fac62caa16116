package io.dictdb.reliability.values;

import io.dictdb.Database;
import io.dictdb.Record;
import io.dictdb.Table;
import io.dictdb.backup.BackupManager;
import io.dictdb.backup.Backups;
import io.dictdb.codec.tck.Strict;
import io.dictdb.core.DictDB;
import io.dictdb.spi.ImageLimits;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Findings 1 and 4 of issue 21, for every codec: a record whose first field starts with {@code $} survives a save
 * and a backup chain (it used to make the JSON image unreadable, so that {@code restoreLatest} found no readable
 * full backup), and each value at a limit is either refused at insert naming its field or carried exactly.
 */
class ValueFindingsTest {

    @TempDir
    Path dir;

    private static Map<String, Object> ordered(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static void assertSameRecords(Database expected, Database actual, String table) {
        Table e = expected.table(table);
        Table a = actual.table(table);
        assertThat(a.count()).isEqualTo(e.count());
        for (Record r : e.all()) {
            assertThat(Strict.difference(r, a.get(r.get(e.primaryKey())).orElseThrow())).isNull();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"json", "cbor", "kryo"})
    void recordsStartingWithDollarNamesSurviveASaveAndABackupChain(String format) {
        DictDB db = DictDB.create();
        db.createTable("customers").insert(ordered("name", "Ada"));
        Table orders = db.createTable("orders");
        orders.insert(ordered("$type", "order", "qty", 2L));
        Path file = dir.resolve("db." + format);
        db.save(file);
        assertSameRecords(db, DictDB.load(file), "orders");

        Path backups = dir.resolve("backups");
        try (BackupManager manager = BackupManager.builder(db, backups).format(format).incremental(true).build()) {
            manager.backupFull();
            orders.insert(ordered("$oid", "64b7f0c2", "$date", "2024-01-31"));
            orders.upsert(ordered("$map", Map.of("$type", "nested"), "id", 1L));
            manager.backupDelta().orElseThrow();
        }
        assertThat(Backups.verify(backups).ok()).isTrue();
        Database restored = Backups.restoreLatest(backups);
        assertThat(restored.tableNames()).containsExactly("customers", "orders");
        assertSameRecords(db, restored, "orders");
        assertSameRecords(db, restored, "customers");
    }

    @ParameterizedTest
    @ValueSource(strings = {"json", "cbor", "kryo"})
    void valuesBeyondALimitAreRefusedAtInsertNamingTheirField(String format) {
        DictDB db = DictDB.create();
        Table t = db.createTable("t");
        Map<String, Supplier<Map<String, Object>>> beyond = new LinkedHashMap<>();
        beyond.put("scale", () -> ordered("price", new BigDecimal("1e100001")));
        beyond.put("digits", () -> ordered("price",
                new BigDecimal(BigInteger.TEN.pow(ImageLimits.MAX_DECIMAL_DIGITS))));
        beyond.put("long name", () -> ordered("n".repeat(ImageLimits.MAX_NAME_LENGTH + 1), 1L));
        beyond.put("lone high surrogate", () -> ordered("a\uD800b", 1L));
        beyond.put("lone low surrogate", () -> ordered("nested", Map.of("\uDC00", 1L)));
        beyond.forEach((what, record) -> assertThatThrownBy(() -> t.insert(record.get())).as(what)
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("Field '"));
        assertThatThrownBy(() -> db.createTable("orders\uD800")).hasMessageContaining("unpaired surrogate");
        assertThatThrownBy(() -> db.createTable("n".repeat(ImageLimits.MAX_NAME_LENGTH + 1)))
                .hasMessageContaining("(ImageLimits.MAX_NAME_LENGTH)");
        assertThat(t.count()).isZero();

        // and what the database holds still saves, in every format
        t.insert(ordered("price", BigDecimal.ONE));
        Path file = dir.resolve("db." + format);
        db.save(file);
        assertSameRecords(db, DictDB.load(file), "t");
    }

    @ParameterizedTest
    @ValueSource(strings = {"json", "cbor", "kryo"})
    void valuesAtEachLimitAreSavedAndLoadedBackExactly(String format) {
        BigInteger nines = BigInteger.TEN.pow(ImageLimits.MAX_DECIMAL_DIGITS).subtract(BigInteger.ONE);
        String longName = "$" + "n".repeat(ImageLimits.MAX_NAME_LENGTH - 1);
        String emojiTable = "\uD83D\uDE00".repeat(ImageLimits.MAX_NAME_LENGTH / 4);
        DictDB db = DictDB.create();
        Table t = db.createTable(emojiTable);
        for (Map<String, Object> r : List.of(
                ordered("price", new BigDecimal("1e100000"), "tiny", new BigDecimal("1e-100000")),
                ordered("digits", new BigDecimal(nines.negate(), ImageLimits.MAX_DECIMAL_SCALE)),
                ordered("digits", new BigDecimal(nines, -ImageLimits.MAX_DECIMAL_SCALE)),
                ordered(longName, "the longest name, first", "x", 1L),
                ordered("nested", List.of(Map.of(emojiTable, "a name of 16,384 emoji"))))) {
            t.insert(r);
        }
        Path file = dir.resolve("db." + format);
        db.save(file);
        assertSameRecords(db, DictDB.load(file), emojiTable);
    }
}
