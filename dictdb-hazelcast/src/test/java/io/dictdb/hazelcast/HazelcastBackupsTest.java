package io.dictdb.hazelcast;

import io.dictdb.BackupException;
import io.dictdb.Database;
import io.dictdb.FieldType;
import io.dictdb.IndexSpec;
import io.dictdb.Schema;
import io.dictdb.Table;
import io.dictdb.TableSpec;
import io.dictdb.backup.BackupFile;
import io.dictdb.backup.BackupManager;
import io.dictdb.backup.Backups;
import io.dictdb.core.DictDB;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Full backups of a Hazelcast database into a backup folder, restored into Hazelcast and into the engine. */
class HazelcastBackupsTest {
    private final List<HazelcastDatabase> dbs = new ArrayList<>();

    @TempDir
    Path dir;

    private HazelcastDatabase newDatabase() {
        HazelcastDatabase db = HazelcastDatabase.on(TestCluster.member(), TestCluster.databaseName());
        dbs.add(db);
        return db;
    }

    @BeforeEach
    void clean() {
        dbs.clear();
    }

    @AfterEach
    void destroy() {
        dbs.forEach(HazelcastDatabase::destroy);
    }

    private static void fill(Database db) {
        Table people = db.createTable(TableSpec.named("people")
                .schema(Schema.builder().field("name", FieldType.STRING).optional("born", FieldType.DATE).build())
                .index(IndexSpec.hash("name")).index(IndexSpec.sorted("born")));
        people.insert(Map.of("name", "Ada", "born", LocalDate.of(1815, 12, 10)));
        people.insert(Map.of("name", "Bob"));
        Table misc = db.createTable("misc", "code");
        List<Object> values = Arrays.asList(1L, -0.0, Double.NaN, new BigDecimal("5.00"), "x", true,
                UUID.fromString("00000000-0000-0000-0000-000000000002"), List.of(1L, "y"), null);
        for (int i = 0; i < values.size(); i++) {
            Map<String, Object> m = new HashMap<>();
            m.put("code", "c" + i);
            m.put("v", values.get(i));
            misc.insert(m);
        }
    }

    /** Same tables in the same order, same records, same index specs. */
    private static void assertSame(Database actual, Database expected) {
        assertThat(actual.tableNames()).isEqualTo(expected.tableNames());
        for (String t : expected.tableNames()) {
            assertThat(actual.table(t).all()).as(t).isEqualTo(expected.table(t).all());
            assertThat(actual.table(t).indexedFields()).as(t).isEqualTo(expected.table(t).indexedFields());
        }
    }

    @Test
    void backupRestoresIntoHazelcastAndIntoTheEngine() {
        HazelcastDatabase db = newDatabase();
        fill(db);
        Path file = HazelcastBackups.backup(db, dir);
        assertThat(file.getFileName().toString()).matches("dictdb_backup_\\d+_\\d{6}\\.json");
        List<BackupFile> files = Backups.list(dir);
        assertThat(files).hasSize(1);
        assertThat(files.get(0).kind()).isEqualTo(BackupFile.Kind.FULL);
        assertThat(files.get(0).databaseId()).isEqualTo(db.databaseId());
        assertThat(files.get(0).lastSequence()).isEqualTo(1);
        assertThat(Backups.verify(dir).ok()).isTrue();

        try (DictDB memory = Backups.restoreLatest(dir)) {
            assertSame(memory, db);
            assertThat(memory.databaseId()).isEqualTo(db.databaseId());
            assertThat(memory.sequence()).isEqualTo(1); // the backup counter's number
            assertThat(memory.table("people").insert(Map.of("name", "Cy"))).isEqualTo(3L);
        }

        HazelcastDatabase restored = HazelcastBackups.restoreLatest(TestCluster.members().get(1),
                TestCluster.databaseName(), dir);
        dbs.add(restored);
        assertSame(restored, db);
        assertThat(restored.databaseId()).isEqualTo(db.databaseId());
        assertThat(restored.table("people").insert(Map.of("name", "Cy"))).isEqualTo(3L);
        // the counter is the cluster's count of this database's backups, shared by the restored copy
        Path second = HazelcastBackups.backup(restored, dir, "cbor");
        assertThat(second.getFileName().toString()).endsWith(".cbor");
        assertThat(Backups.list(dir)).extracting(BackupFile::lastSequence).containsExactly(1L, 2L);
        try (DictDB memory = Backups.restoreLatest(dir)) {
            assertSame(memory, restored);
        }
    }

    @Test
    void aFolderHoldsOneDatabase() {
        HazelcastDatabase a = newDatabase();
        HazelcastDatabase b = newDatabase();
        a.createTable("t").insert(Map.of("x", 1));
        b.createTable("t").insert(Map.of("x", 2));
        assertThat(a.databaseId()).isNotEqualTo(b.databaseId());
        assertThat(HazelcastDatabase.on(TestCluster.members().get(1), a.name()).databaseId())
                .isEqualTo(a.databaseId());
        HazelcastBackups.backup(a, dir);
        assertThatThrownBy(() -> HazelcastBackups.backup(b, dir))
                .isInstanceOf(BackupException.class).hasMessageContaining(a.databaseId())
                .hasMessageContaining(b.databaseId()).hasMessageContaining(dir.toString());
        assertThat(Backups.list(dir)).hasSize(1);
        // the backup module's manager refuses the folder for an in-memory database too
        try (DictDB memory = DictDB.create(); BackupManager m = BackupManager.builder(memory, dir).build()) {
            memory.createTable("t");
            assertThatThrownBy(m::backupFull).isInstanceOf(BackupException.class)
                    .hasMessageContaining(a.databaseId());
        }
        assertThat(Backups.list(dir)).hasSize(1);
        // and restoring into a database that has tables is refused, naming it
        assertThatThrownBy(() -> HazelcastBackups.restoreLatest(TestCluster.member(), b.name(), dir))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(b.name());
    }

    @Test
    void aCorruptNewestFullFallsBackToThePreviousOne() throws IOException {
        HazelcastDatabase db = newDatabase();
        fill(db);
        Path first = HazelcastBackups.backup(db, dir);
        try (DictDB before = Backups.restoreLatest(dir)) {
            db.table("people").insert(Map.of("name", "Later"));
            Path newest = HazelcastBackups.backup(db, dir);
            corrupt(newest);
            assertThat(Backups.verify(dir).ok()).isFalse();
            HazelcastDatabase restored = HazelcastBackups.restoreLatest(TestCluster.member(),
                    TestCluster.databaseName(), dir);
            dbs.add(restored);
            assertSame(restored, before);
            assertThat(restored.table("people").count()).isEqualTo(2);
            corrupt(first);
            assertThatThrownBy(() -> HazelcastBackups.restoreLatest(TestCluster.member(),
                    TestCluster.databaseName(), dir)).isInstanceOf(BackupException.class)
                    .hasMessageContaining(dir.toString()).hasMessageContaining(first.getFileName().toString())
                    .hasMessageContaining(newest.getFileName().toString());
        }
    }

    private static void corrupt(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int at = bytes.length - 20;
        bytes[at] = (byte) (bytes[at] ^ 0x55);
        Files.write(file, bytes);
    }
}
