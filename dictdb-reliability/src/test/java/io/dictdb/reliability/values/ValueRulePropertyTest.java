package io.dictdb.reliability.values;

import io.dictdb.Database;
import io.dictdb.Record;
import io.dictdb.SchemaValidationException;
import io.dictdb.Table;
import io.dictdb.TableSpec;
import io.dictdb.backup.BackupManager;
import io.dictdb.backup.Backups;
import io.dictdb.codec.tck.EdgeRecords;
import io.dictdb.codec.tck.Strict;
import io.dictdb.core.DictDB;
import io.dictdb.reliability.Bounds;
import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.dictdb.query.Conditions.field;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

/**
 * The acceptance property of issue 21 ("integrity first"): random records drawn from every canonical type with edge
 * values ({@link EdgeRecords}: {@code $}-names first in records and nested maps, lists of such maps, huge and tiny
 * decimals, long names and strings, surrogates, control characters, extreme keys), mixed with deliberately bad ones
 * (control characters, unpaired surrogates, empty and too long names, decimals past the limits, cyclic maps), are
 * either refused by {@code insert}, {@code update} or {@code upsert} with an {@link IllegalArgumentException} whose
 * message names the field, changing nothing, or saved and loaded back equal by every codec (json, cbor, kryo) and
 * restored equal from a backup chain (a full, more writes, a delta, {@link Backups#restoreLatest(Path)}).
 *
 * <p>Bounds: 30 examples (normal), 400 ({@code -Ddictdb.longTests=true}); {@code -Ddictdb.valueRuleExamples=N}
 * overrides.
 */
class ValueRulePropertyTest {
    private static final String PK = "__key";
    private static final List<String> FORMATS = List.of("json", "cbor", "kryo");

    /** A candidate record and whether the API must accept it. */
    private record Candidate(boolean valid, Map<String, Object> fields) {
    }

    private static Gen<Candidate> candidates() {
        return Generate.frequency(List.of(
                Pair.of(3, EdgeRecords.records().map(r -> new Candidate(true, r))),
                Pair.of(1, EdgeRecords.refused().map(m -> new Candidate(false, m)))))
                .describedAs(c -> (c.valid() ? "valid " : "refused ") + (c.valid() ? c.fields().toString()
                        : EdgeRecords.describe(c.fields())));
    }

    @Test
    void everyRecordIsRefusedNamingItsFieldOrSavedLoadedAndRestoredEqualByEveryCodec() {
        int examples = Integer.getInteger("dictdb.valueRuleExamples", Bounds.LONG ? 400 : 30);
        // a table name may not be blank either (TableSpec's older rule)
        Gen<String> tables = EdgeRecords.names().map(n -> n.isBlank() ? n + "t" : n);
        qt().withExamples(examples).forAll(tables, lists().of(candidates()).ofSizeBetween(1, 6),
                lists().of(candidates()).ofSizeBetween(1, 6), integers().between(0, FORMATS.size() - 1))
                .checkAssert((table, first, second, format) -> {
                    Path dir = tempDir();
                    try {
                        trial(dir, table, first, second, FORMATS.get(format));
                    } finally {
                        delete(dir);
                    }
                });
    }

    private static void trial(Path dir, String tableName, List<Candidate> first, List<Candidate> second,
            String backupFormat) {
        DictDB db = DictDB.create();
        Table table = db.createTable(TableSpec.named(tableName).primaryKey(PK));
        long[] keys = {0};
        for (Candidate c : first) {
            insert(table, c, nextKey(keys));
        }
        for (String format : FORMATS) {
            Path file = dir.resolve("db." + format);
            db.save(file);
            assertSameContent(db, DictDB.load(file), "saved and loaded as " + format);
        }

        try (BackupManager manager = BackupManager.builder(db, dir.resolve("backups")).format(backupFormat)
                .incremental(true).build()) {
            manager.backupFull();
            for (int i = 0; i < second.size(); i++) {
                Candidate c = second.get(i);
                switch (i % 3) {
                    case 0 -> insert(table, c, nextKey(keys));
                    case 1 -> update(table, c, keys[0] - 1);
                    default -> upsert(table, c, keys[0] - i % 2);
                }
            }
            if (table.get(2L).isPresent()) {
                table.delete(field(PK).eq(2L));
            }
            manager.backupDelta();
        }
        assertSameContent(db, Backups.restoreLatest(dir.resolve("backups")), "restored from " + backupFormat
                + " backups");
    }

    /** Small keys, and now and then one at the top of the range, {@code Long.MAX_VALUE} first. */
    private static long nextKey(long[] keys) {
        keys[0]++;
        return keys[0] % 5 == 0 ? Long.MAX_VALUE - keys[0] / 5 + 1 : keys[0];
    }

    private static Map<String, Object> withKey(Candidate c, long key) {
        Map<String, Object> m = new LinkedHashMap<>(c.fields());
        m.remove(PK);
        m.put(PK, key);
        return m;
    }

    private static void insert(Table table, Candidate c, long key) {
        Map<String, Object> m = withKey(c, key);
        long before = table.count();
        if (refused(c, () -> table.insert(m))) {
            assertThat(table.count()).as("a refused insert changes nothing").isEqualTo(before);
        }
    }

    private static void update(Table table, Candidate c, long key) {
        Map<String, Object> changes = new LinkedHashMap<>(c.fields());
        changes.remove(PK);
        List<Record> before = table.all();
        if (changes.isEmpty() || table.get(key).isEmpty()) {
            return;
        }
        if (refused(c, () -> table.update(changes, field(PK).eq(key)))) {
            assertThat(table.all()).as("a refused update changes nothing").isEqualTo(before);
        }
    }

    private static void upsert(Table table, Candidate c, long key) {
        Map<String, Object> m = withKey(c, key);
        List<Record> before = table.all();
        if (refused(c, () -> table.upsert(m))) {
            assertThat(table.all()).as("a refused upsert changes nothing").isEqualTo(before);
        }
    }

    /** Runs a write; true when it was refused, as it must be exactly for the invalid candidates. */
    private static boolean refused(Candidate c, Runnable write) {
        try {
            write.run();
        } catch (IllegalArgumentException | SchemaValidationException e) {
            if (c.valid()) {
                fail("a record the value rule accepts was refused: " + e.getMessage(), e);
            }
            assertThat(e.getMessage()).as("the refusal names the field").satisfiesAnyOf(
                    m -> assertThat(m).startsWith("Field '"),
                    m -> assertThat(m).startsWith("A field name is empty"));
            return true;
        }
        if (!c.valid()) {
            fail("a record that breaks the value rule was accepted: " + EdgeRecords.describe(c.fields()));
        }
        return false;
    }

    private static void assertSameContent(Database expected, Database actual, String how) {
        assertThat(actual.tableNames()).as(how).isEqualTo(expected.tableNames());
        for (String name : expected.tableNames()) {
            Table e = expected.table(name);
            Table a = actual.table(name);
            assertThat(a.count()).as(how + ": records of table '%s'", name).isEqualTo(e.count());
            for (Record r : e.all()) {
                Record other = a.get(r.get(PK)).orElse(null);
                assertThat(other).as(how + ": record %s", r.get(PK)).isNotNull();
                String d = Strict.difference(r, other);
                assertThat(d).as(how).isNull();
            }
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("dictdb-value-rule-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
