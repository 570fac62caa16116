package io.dictdb.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.dictdb.Database;
import io.dictdb.Record;
import io.dictdb.backup.BackupFile;
import io.dictdb.backup.RestoreResult;
import io.dictdb.backup.VerifyReport;
import io.dictdb.core.DictDB;

/** Runs each Java block of the README (in {@link Readme}) and checks what it did. */
class ReadmeTest {

    @TempDir
    Path dir;

    @SuppressWarnings("unchecked")
    private static List<Record> records(Object o) {
        return (List<Record>) o;
    }

    @Test
    void quickStart() {
        Map<String, Object> r = Readme.quickStart();
        assertThat(records(r.get("it"))).extracting(x -> x.getString("name")).containsExactly("Alice");
        assertThat(records(r.get("top"))).extracting(x -> x.getString("name")).containsExactly("Alice");
        Record stats = (Record) r.get("stats");
        assertThat(stats.getLong("n")).isEqualTo(2);
        assertThat(stats.getDouble("avg_age")).isEqualTo((30 + 25) / 2.0);
        assertThat(records(r.get("byDept"))).hasSize(2).allMatch(g -> g.getLong("n") == 1);
        assertThat(records(r.get("users"))).extracting(x -> x.getString("name") + "/" + x.getLong("age") + "/"
                + x.getString("dept")).containsExactly("Alice/31/IT", "Bob/25/Ops");
    }

    @Test
    void schema() {
        Map<String, Object> r = Readme.schema();
        assertThat(records(r.get("products"))).extracting(x -> x.getString("sku") + "=" + x.getDecimal("price"))
                .containsExactly("A1=19.99", "B2=5");
        assertThat(r.get("refused")).isEqualTo("Table 'products': field 'price' expects DECIMAL, got STRING 'cheap'");
    }

    @Test
    void updateThrowsWhenNothingMatchesWhileDeleteAllReturnsZero() {
        Map<String, Object> r = Readme.writes();
        assertThat(r.get("update")).isEqualTo("No record in table 'users' matches name == 'Nobody'");
        assertThat(r.get("deleted")).isEqualTo(1);
        assertThat(r.get("none")).isEqualTo(0);
    }

    @Test
    void codecs() {
        Map<String, Object> r = Readme.codecs(dir);
        for (String name : List.of("copy", "kryo", "cbor")) {
            Database db = (Database) r.get(name);
            assertThat(db.table("users").all()).as(name).extracting(x -> x.getString("name"))
                    .containsExactly("Alice", "Bob");
        }
        Database python = (Database) r.get("python");
        assertThat(python.tableNames()).containsExactlyInAnyOrder("users", "products");
        assertThat(python.table("users").count()).isEqualTo(3);
        assertThat(python.table("products").primaryKey()).isEqualTo("sku");
        assertThat(dir.resolve("data.kryo")).exists();
    }

    @Test
    @SuppressWarnings("unchecked")
    void backups() {
        Map<String, Object> r = Readme.backups(dir.resolve("backups"));
        List<BackupFile> files = (List<BackupFile>) r.get("files");
        assertThat(files).extracting(BackupFile::kind).containsExactly(BackupFile.Kind.FULL, BackupFile.Kind.DELTA);
        assertThat(files).allMatch(f -> f.format().equals("kryo"));
        assertThat(((VerifyReport) r.get("report")).ok()).isTrue();
        assertThat(((Database) r.get("latest")).table("users").all()).extracting(x -> x.getString("name"))
                .containsExactly("Alice", "Bob");
        assertThat(((Database) r.get("then")).table("users").all()).extracting(x -> x.getString("name"))
                .containsExactly("Alice");
        RestoreResult result = (RestoreResult) r.get("result");
        assertThat(result.stoppedEarly()).isFalse();
        assertThat(result.sequence()).isEqualTo(3); // table, Alice, Bob
    }

    @Test
    @SuppressWarnings("unchecked")
    void backupFolders() {
        Path folder = dir.resolve("backups");
        Database latest = (Database) Readme.backups(folder).get("latest");
        Map<String, Object> r = Readme.backupFolders(folder);
        assertThat((List<String>) r.get("ids")).containsExactly(((io.dictdb.core.DictDB) latest).databaseId());
        assertThat(((Database) r.get("one")).table("users").all()).extracting(x -> x.getString("name"))
                .containsExactly("Alice", "Bob");
        assertThat(((RestoreResult) r.get("at")).sequence()).isEqualTo(2);
    }

    @Test
    void csv() throws Exception {
        Map<String, Object> r = Readme.csv(dir);
        assertThat(r.get("imported")).isEqualTo(4L);
        assertThat(r.get("exported")).isEqualTo(3L); // Alice 30, Carol 45, Dan 18; Bob is 17
        assertThat(Files.readAllLines(dir.resolve("adults.csv"), StandardCharsets.UTF_8))
                .containsExactly("id,name,age", "3,Carol,45", "1,Alice,30", "4,Dan,18");
        Database db = (Database) r.get("db");
        Record a1 = db.table("products").get("A1").orElseThrow();
        assertThat(a1.getDecimal("price")).isEqualByComparingTo("19.99");
        assertThat(a1.getList("tags")).containsExactly("tools");
        assertThat(db.table("products").get("B2").orElseThrow().get("tags")).isNull();
    }

    @Test
    void loggingSamplesOneDebugEventInAHundred() {
        DictDB db = Readme.logging();
        assertThat(LoggingConfiguration.debugInsertEvents(db, 1000)).isEqualTo(10);
        assertThat(LoggingConfiguration.debugInsertEvents(DictDB.create(), 30)).isEqualTo(30);
    }
}
