package io.dictdb.json;

import io.dictdb.Database;
import io.dictdb.FieldType;
import io.dictdb.Record;
import io.dictdb.Schema;
import io.dictdb.Table;
import io.dictdb.core.DictDB;
import io.dictdb.spi.Change;
import io.dictdb.file.ImageFiles;
import io.dictdb.spi.ImageHeader;
import io.dictdb.spi.ImageKind;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JsonParser;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Files written by the Python DictDB 1.11 (copied from shared/fixtures/python-dictdb). */
class PythonFilesTest {

    static Path fixture(String name) {
        try {
            return Path.of(PythonFilesTest.class.getResource("/python-dictdb/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aPythonSaveLoadsWithItsTablesKeysSchemaAndValues() {
        Database db = DictDB.load(fixture("sample_full.json"));
        assertThat(db.tableNames()).containsExactly("users", "products");

        Table users = db.table("users");
        assertThat(users.primaryKey()).isEqualTo("id");
        assertThat(users.schema()).isEmpty();
        assertThat(users.count()).isEqualTo(3);
        Record alice = users.get(1L).orElseThrow();
        assertThat(alice).containsExactly(Map.entry("name", "Alice"), Map.entry("age", 30L),
                Map.entry("dept", "IT"), Map.entry("active", true), Map.entry("id", 1L));
        Record bob = users.get(2L).orElseThrow();
        assertThat(bob.get("score")).isEqualTo(7.5);
        assertThat(bob.get("active")).isEqualTo(false);
        Record zoe = users.get(3L).orElseThrow();
        assertThat(zoe.getString("name")).isEqualTo("Zoë");
        assertThat(zoe.containsKey("age")).isTrue();
        assertThat(zoe.get("age")).isNull();
        assertThat(zoe.getList("tags")).containsExactly("a", "b");
        assertThat(zoe.getRecord("meta")).isEqualTo(Map.of("k", 1L));
        assertThat(zoe.getRecord("meta").get("k")).isInstanceOf(Long.class);
        // Python's key counter is the largest int key + 1
        assertThat(users.insert(Map.of("name", "Eve"))).isEqualTo(4L);

        Table products = db.table("products");
        assertThat(products.primaryKey()).isEqualTo("sku");
        assertThat(products.schema()).contains(Schema.builder().field("sku", FieldType.STRING)
                .field("name", FieldType.STRING).field("price", FieldType.DOUBLE).field("stock", FieldType.LONG)
                .build());
        assertThat(products.get("ABC123").orElseThrow()).containsExactly(Map.entry("sku", "ABC123"),
                Map.entry("name", "Widget"), Map.entry("price", 29.99), Map.entry("stock", 3L));
        Record xyz = products.get("XYZ").orElseThrow();
        assertThat(xyz.get("name")).isEqualTo("Gadget \"quoted\"");
        assertThat(xyz.get("price")).isEqualTo(5.0).isInstanceOf(Double.class);
        assertThat(xyz.get("stock")).isEqualTo(0L).isInstanceOf(Long.class);
    }

    @Test
    void aPythonDeltaGivesItsChangesInPythonsApplyOrder() {
        Path delta = fixture("backups/dictdb_delta_1795357317_550222.json");
        List<Change> changes = new ArrayList<>();
        ImageHeader header = ImageFiles.standard().read(delta, (h, r) -> {
            Change c;
            while ((c = r.nextChange()) != null) {
                changes.add(c);
            }
            assertThat(r.readTableStates()).isEmpty();
            return h;
        });
        assertThat(header.kind()).isEqualTo(ImageKind.DELTA);
        assertThat(header.formatVersion()).isEqualTo(ImageHeader.FOREIGN_FORMAT_VERSION);
        assertThat(header.createdAt()).isEqualTo(Instant.ofEpochSecond(1795357317L, 550377400L));
        assertThat(header.firstSequence()).isEqualTo(1);
        assertThat(header.lastSequence()).isEqualTo(6);
        assertThat(changes).extracting(c -> c.getClass().getSimpleName() + " " + c.table() + " " + c.sequence())
                .containsExactly("Upsert users 1", "Upsert users 2", "Upsert users 3", "Delete users 4",
                        "Upsert products 5", "Upsert products 6");
        assertThat(((Change.Delete) changes.get(3)).key()).isEqualTo(2L);
        assertThat(((Change.Upsert) changes.get(0)).record().get("age")).isEqualTo(31L);
    }

    @Test
    void theFullBackupPlusBothDeltasEqualsTheExpectedState() throws Exception {
        DictDB db = (DictDB) DictDB.load(fixture("backups/dictdb_backup_1795357317_539715.json"));
        for (String delta : List.of("dictdb_delta_1795357317_550222.json", "dictdb_delta_1795357317_560840.json")) {
            List<Change> changes = ImageFiles.standard().read(fixture("backups/" + delta), (h, r) -> {
                List<Change> list = new ArrayList<>();
                Change c;
                while ((c = r.nextChange()) != null) {
                    list.add(c);
                }
                r.readTableStates();
                return list;
            });
            io.dictdb.core.change.ChangeChannel.of(db).apply(changes);
        }
        Map<String, Object> expected;
        JsonFactory f = new JsonFactory();
        try (JsonParser p = f.createParser(ObjectReadContext.empty(),
                Files.newInputStream(fixture("expected_after_deltas.json")))) {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) JsonValues.readValue(p, p.nextToken(), 1, false);
            expected = m;
        }
        assertThat(db.tableNames()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        for (String t : db.tableNames()) {
            String pk = db.table(t).primaryKey();
            List<Record> actual = new ArrayList<>(db.table(t).all());
            actual.sort(Comparator.comparing(r -> String.valueOf(r.get(pk))));
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> rows = (List<Map<String, Object>>) expected.get(t);
            assertThat(actual).as(t).hasSameSizeAs(rows);
            for (int i = 0; i < rows.size(); i++) {
                assertThat(actual.get(i)).as(t + " " + i).isEqualTo(Record.of(rows.get(i)));
                Record want = Record.of(rows.get(i));
                for (String field : want.keySet()) {
                    assertThat(io.dictdb.codec.tck.Strict.difference(want.get(field), actual.get(i).get(field),
                            t + "." + field)).isNull(); // same types too: Long stays Long, Double stays Double
                }
            }
        }
    }
}
