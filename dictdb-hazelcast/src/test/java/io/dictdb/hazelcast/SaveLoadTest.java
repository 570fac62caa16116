package io.dictdb.hazelcast;

import io.dictdb.FieldType;
import io.dictdb.IndexSpec;
import io.dictdb.Record;
import io.dictdb.Schema;
import io.dictdb.Table;
import io.dictdb.TableSpec;
import io.dictdb.core.DictDB;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Saves of either backend load into the other, with the JSON codec and a binary one. */
class SaveLoadTest {
    @TempDir
    Path dir;

    private static void fill(io.dictdb.Database db) {
        Table people = db.createTable(TableSpec.named("people").schema(Schema.builder().field("name", FieldType.STRING)
                .optional("born", FieldType.DATE).build()).index(IndexSpec.sorted("name")));
        people.insert(Map.of("name", "Ada", "born", LocalDate.of(1815, 12, 10)));
        people.insert(Map.of("id", 10L, "name", "Bob"));
        Table odd = db.createTable("$odd name", "code");
        odd.insert(Map.of("code", "x", "v", List.of(1L, "two"), "u", UUID.fromString("00000000-0000-0000-0000-00000000000a"),
                "d", new BigDecimal("1.50"), "nan", Double.NaN, "z", -0.0));
    }

    private static void sameContent(io.dictdb.Database a, io.dictdb.Database b) {
        assertThat(b.tableNames()).isEqualTo(a.tableNames());
        for (String t : a.tableNames()) {
            Table x = a.table(t);
            Table y = b.table(t);
            assertThat(y.primaryKey()).isEqualTo(x.primaryKey());
            assertThat(y.schema()).isEqualTo(x.schema());
            assertThat(y.indexedFields()).isEqualTo(x.indexedFields());
            assertThat(y.all()).hasSameSizeAs(x.all());
            List<Record> xs = x.all();
            List<Record> ys = y.all();
            for (int i = 0; i < xs.size(); i++) {
                assertThat(io.dictdb.core.journal.ValueBytes.encode(ys.get(i)))
                        .isEqualTo(io.dictdb.core.journal.ValueBytes.encode(xs.get(i)));
            }
        }
        // the key counters came along
        assertThat(b.table("people").insert(Map.of("name", "Cy"))).isEqualTo(a.table("people").insert(Map.of("name", "Cy")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"json", "kryo"})
    void hazelcastToMemoryAndBack(String format) {
        HazelcastDatabase hz = HazelcastDatabase.on(TestCluster.member(), TestCluster.databaseName());
        HazelcastDatabase loaded = null;
        try (DictDB memory = DictDB.create()) {
            fill(hz);
            Path file = dir.resolve("hz." + format);
            hz.save(file, format);
            try (DictDB fromHz = DictDB.load(file, format)) {
                sameContent(hz, fromHz);
            }
            fill(memory);
            Path file2 = dir.resolve("mem." + format);
            memory.save(file2, format);
            loaded = HazelcastDatabase.load(TestCluster.member(), TestCluster.databaseName(), file2, format);
            sameContent(memory, loaded);
        } finally {
            hz.destroy();
            if (loaded != null) {
                loaded.destroy();
            }
        }
    }

    @Test
    void loadRefusesADatabaseWithTables() throws Exception {
        HazelcastDatabase hz = HazelcastDatabase.on(TestCluster.member(), TestCluster.databaseName());
        try {
            hz.createTable("t");
            Path file = dir.resolve("x.json");
            hz.save(file);
            hz.saveAsync(dir.resolve("y.json"), "json").get();
            assertThat(dir.resolve("y.json")).exists();
            assertThatThrownBy(() -> HazelcastDatabase.load(TestCluster.member(), hz.name(), file))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining(hz.name());
        } finally {
            hz.destroy();
        }
    }
}
