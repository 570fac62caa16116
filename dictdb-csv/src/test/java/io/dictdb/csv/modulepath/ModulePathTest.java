package io.dictdb.csv.modulepath;

import io.dictdb.Database;
import io.dictdb.FieldType;
import io.dictdb.Record;
import io.dictdb.Schema;
import io.dictdb.TableSpec;
import io.dictdb.core.DictDB;
import io.dictdb.csv.Csv;
import io.dictdb.csv.CsvExportOptions;
import io.dictdb.csv.CsvImportOptions;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The module descriptor is real: with dictdb-csv, dictdb-api, dictdb-core, dictdb-json, SLF4J, Jackson and FastCSV as
 * named modules on the module path (the unit tests themselves run on the class path), an import and an export work, a
 * list cell's tagged JSON included. dictdb-core goes on the module path with dictdb-api: the API exports its
 * internal package to the engine's module only, not to the class path. This class is in a package
 * of its own: on the class path, a class of {@code io.dictdb.csv} would be hidden by the named module.
 */
class ModulePathTest {

    /** Run in a child JVM from the class path, against {@code io.dictdb.csv} as a named module. */
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Path in = dir.resolve("in.csv");
        Files.writeString(in, "id,name,score\n1,\"Smith, J\",2.5\n2,Ann,3\n");
        Database db = DictDB.create();
        long imported = Csv.importTable(db, in, "t", CsvImportOptions.defaults());
        long exported = Csv.exportTable(db.table("t"), dir.resolve("out.csv"), CsvExportOptions.defaults());
        db.createTable(TableSpec.named("nested")).insert(Record.of("id", 1L, "l", List.of(Instant.EPOCH)));
        Csv.exportTable(db.table("nested"), dir.resolve("nested.csv"));
        Csv.importTable(db, dir.resolve("nested.csv"), "back", CsvImportOptions.defaults()
                .schema(Schema.builder().field("id", FieldType.LONG).field("l", FieldType.LIST).build()));
        System.out.println("module " + Csv.class.getModule().getName() + " reads FastCSV as "
                + de.siegmar.fastcsv.reader.CsvReader.class.getModule().getName() + "; imported " + imported
                + ", exported " + exported + ": " + Files.readString(dir.resolve("out.csv")).replace("\r\n", "|")
                + " nested: " + Files.readString(dir.resolve("nested.csv")).replace("\r\n", "|") + " back: "
                + db.table("back").get(1L).orElseThrow().getList("l").get(0).getClass().getSimpleName());
    }

    @Test
    void importAndExportRunWithTheModuleOnTheModulePath() throws Exception {
        List<String> modulePath = new ArrayList<>();
        List<String> classPath = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String file = Path.of(entry).getFileName().toString();
            boolean module = entry.contains("dictdb-csv") && !entry.contains("test-classes")
                    || file.startsWith("dictdb-api") || entry.contains("dictdb-api" + File.separator)
                    || file.startsWith("dictdb-core") || entry.contains("dictdb-core" + File.separator)
                    || file.startsWith("dictdb-json") || entry.contains("dictdb-json" + File.separator)
                    || file.startsWith("slf4j-api")
                    || file.startsWith("jackson-core") || file.startsWith("fastcsv");
            (module ? modulePath : classPath).add(entry);
        }
        assertThat(modulePath).hasSize(7);
        Path dir = Files.createTempDirectory("csv-module-path");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "--module-path", String.join(File.pathSeparator, modulePath),
                "--add-modules", "io.dictdb.csv,io.dictdb.core", "-cp", String.join(File.pathSeparator, classPath),
                ModulePathTest.class.getName(), dir.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("finished").isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("module io.dictdb.csv reads FastCSV as de.siegmar.fastcsv; imported 2, exported 2: "
                + "id,name,score|1,\"Smith, J\",2.5|2,Ann,3.0| nested: id,l|1,\"[{\"\"$instant\"\":\"\"1970-01-01T00:00:00Z"
                + "\"\"}]\"| back: Instant");
    }
}
