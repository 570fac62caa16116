package io.dictdb.cli;

import static io.dictdb.cli.TestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.dictdb.Database;
import io.dictdb.Record;
import io.dictdb.core.DictDB;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code import-csv} into an existing database file, and {@code export-csv} for spreadsheets. */
class CsvCommandsTest {
    @TempDir
    Path tmp;

    /** A json database file holding a table {@code keep}, saved through the library. */
    private Path existingJsonDatabase() {
        Path file = tmp.resolve("shop.json");
        Database db = DictDB.create();
        db.createTable("keep").insert(Map.of("name", "kept", "qty", 1));
        db.save(file, "json");
        return file;
    }

    private Path typedOrders() throws IOException {
        Path csv = tmp.resolve("orders.csv");
        Files.writeString(csv, "$type,id,qty\norder,1,2\nrefund,2,-1\n");
        return csv;
    }

    @Test
    void importingADollarColumnIntoAnExistingJsonFileKeepsEveryTable() throws IOException {
        Path db = existingJsonDatabase();
        TestSupport.Run r = run("import-csv", typedOrders().toString(), db.toString(), "--table", "orders");
        assertThat(r.exitCode()).as(r.err()).isZero();
        Database loaded = DictDB.load(db);
        assertThat(loaded.tableNames()).containsExactlyInAnyOrder("keep", "orders");
        assertThat(loaded.table("keep").all()).hasSize(1);
        assertThat(loaded.table("orders").get(1L).orElseThrow().getString("$type")).isEqualTo("order");
        assertThat(loaded.table("orders").get(2L).orElseThrow().getString("$type")).isEqualTo("refund");
    }

    @Test
    void anImportIntoAnExistingFileNeverLeavesAFileThatDoesNotLoad() throws IOException {
        // Whatever the codec can carry: either the import succeeds and the file loads with every table, or it
        // fails and the file is byte for byte what it was. (Before the json fix for '$' names the second happens:
        // the written image would not load, so it does not replace the file.)
        Path db = existingJsonDatabase();
        byte[] before = Files.readAllBytes(db);
        TestSupport.Run r = run("import-csv", typedOrders().toString(), db.toString(), "--table", "orders");
        if (r.exitCode() == 0) {
            assertThat(DictDB.load(db).tableNames()).containsExactlyInAnyOrder("keep", "orders");
        } else {
            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.errLines()).hasSize(1);
            assertThat(r.err()).contains(db.toString(), "would not read back", "unchanged");
            assertThat(Files.readAllBytes(db)).isEqualTo(before);
            assertThat(DictDB.load(db).tableNames()).containsExactly("keep");
        }
        try (Stream<Path> files = Files.list(tmp)) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no temporary file left")
                    .containsExactlyInAnyOrder("shop.json", "orders.csv");
        }
    }

    @Test
    void aFailedImportLeavesTheExistingFileAsItWas() throws IOException {
        Path db = existingJsonDatabase();
        byte[] before = Files.readAllBytes(db);
        Path bad = tmp.resolve("bad.csv");
        Files.writeString(bad, "id,qty\n1,2\n2,\"3\"x\n");
        TestSupport.Run r = run("import-csv", bad.toString(), db.toString(), "--table", "bad");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains(bad.toString(), "line 3", "column 'qty'", "Unexpected character after "
                + "closing quote: 'x'");
        assertThat(Files.readAllBytes(db)).isEqualTo(before);
    }

    @Test
    void exportCsvNeutralizesFormulasOnlyWhenAsked() throws IOException {
        Path db = tmp.resolve("notes.kryo");
        Database d = DictDB.create();
        d.createTable("notes").insertAll(List.of(Record.of("id", 1L, "text", "=HYPERLINK(\"http://x.example\")",
                "amount", -5L), Record.of("id", 2L, "text", "@SUM(A1)", "amount", 3L)));
        d.save(db, "kryo");
        Path plain = tmp.resolve("plain.csv");
        assertThat(run("export-csv", db.toString(), plain.toString(), "-t", "notes").exitCode()).isZero();
        assertThat(Files.readAllLines(plain)).containsExactly("id,text,amount",
                "1,\"=HYPERLINK(\"\"http://x.example\"\")\",-5", "2,@SUM(A1),3");
        Path safe = tmp.resolve("safe.csv");
        TestSupport.Run r = run("export-csv", db.toString(), safe.toString(), "-t", "notes", "--neutralize-formulas");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(Files.readAllLines(safe)).containsExactly("\"id\",\"text\",\"amount\"",
                "1,\"'=HYPERLINK(\"\"http://x.example\"\")\",-5", "2,\"'@SUM(A1)\",3");
        assertThat(run("export-csv", "--help").out()).contains("--neutralize-formulas", "spreadsheet");
    }
}
