package io.dictdb.cli;

import io.dictdb.Database;
import io.dictdb.TableSpec;
import io.dictdb.core.DictDB;
import io.dictdb.csv.Csv;
import io.dictdb.csv.CsvImportOptions;
import io.dictdb.spi.Codecs;
import io.dictdb.file.ImageFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dictdb import-csv CSV DB_FILE --table T}: a CSV file into a new table of a database file. */
@Command(name = "import-csv", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Import a CSV file into a new table of a database file, creating the file if it does not "
                + "exist. Column types are inferred (integers, decimals, booleans, empty as null) unless --schema "
                + "gives them. The import is atomic: on a bad row nothing is written, and the error names the "
                + "line, column and value. The database file is replaced only once the new one reads back."})
final class ImportCsvCommand extends CommandBase {
    @Parameters(index = "0", paramLabel = "CSV", description = "The CSV file.")
    Path csv;

    @Parameters(index = "1", paramLabel = "DB_FILE", description = "The database file to create or update.")
    Path dbFile;

    @Option(names = {"-t", "--table"}, required = true, paramLabel = "T", description = "The new table's name.")
    String table;

    @Option(names = {"-d", "--delimiter"}, paramLabel = "C", converter = DelimiterConverter.class,
            description = "Field delimiter (default ','; '\\t' for tab).")
    Character delimiter;

    @Option(names = "--no-header", description = "The first row is data: columns are named by --schema, else "
            + "col_0, col_1, ...")
    boolean noHeader;

    @Option(names = "--schema", paramLabel = "name:type,...", split = ",", description = "Column types: long, "
            + "double, decimal, string, boolean, instant, date, uuid, bytes, list, map (or Python's int, float, str,"
            + " bool).")
    List<String> schema;

    @Option(names = {"-k", "--primary-key"}, paramLabel = "FIELD", description = "Primary-key column (default id;"
            + " generated when the file has none).")
    String primaryKey;

    @Option(names = {"-f", "--format"}, paramLabel = "F", description = "Codec for a new database file (default: "
            + "by extension, else json). An existing file keeps its codec.")
    String format;

    @Override
    int run() throws Exception {
        // every option value first: a bad one is a usage error before any file is read or written
        TableSpec tableSpec = Support.optionValue("--table", () -> TableSpec.named(table));
        if (primaryKey != null) {
            Support.optionValue("--primary-key", () -> tableSpec.primaryKey(primaryKey));
        }
        if (format != null) {
            Support.codec(format);
        }
        CsvImportOptions options = CsvImportOptions.defaults().header(!noHeader);
        if (delimiter != null) {
            options = options.delimiter(delimiter);
        }
        if (primaryKey != null) {
            options = options.primaryKey(primaryKey);
        }
        if (schema != null) {
            Map<String, String> types = schemaTypes();
            options = options.schema(types);
            if (noHeader) {
                CsvImportOptions named = options;
                options = Support.optionValue("--schema", () -> named.columns(types.keySet().toArray(String[]::new)));
            }
        }
        Support.requireFile(csv);
        Database db;
        String codec;
        boolean exists = Files.exists(dbFile);
        if (exists) {
            Support.requireFile(dbFile);
            codec = Codecs.forFile(dbFile).name();
            db = Progress.spin(err(), progress(), "loading " + dbFile.getFileName(), () -> DictDB.load(dbFile));
        } else {
            codec = Support.formatFor(dbFile, format);
            db = DictDB.create();
        }
        if (db.hasTable(table)) {
            throw new CliException("table '" + table + "' already exists in " + dbFile + ": import into a new table");
        }
        long started = System.nanoTime();
        CsvImportOptions chosen = options;
        long n = Progress.spin(err(), progress(), "importing " + csv.getFileName(),
                () -> Csv.importTable(db, csv, table, chosen));
        long imported = System.nanoTime();
        // an existing file is replaced only by one that reads back: a codec failure must not lose its tables
        Progress.spin(err(), progress(), "saving " + dbFile.getFileName(),
                () -> CheckedWrite.replace(dbFile, codec, file -> ((DictDB) db).save(file, codec, ImageFiles.standard())));
        out().printf("imported %s records from %s into table '%s' of %s (%s, %s); import %s, save %s%n",
                Support.count(n), csv, table, dbFile, codec, exists ? "updated" : "created",
                Support.millis(imported - started), Support.millis(System.nanoTime() - imported));
        return 0;
    }

    /** The {@code --schema} column types, each type name checked: a name or type that is not one is a usage error. */
    private Map<String, String> schemaTypes() {
        Map<String, String> types = new LinkedHashMap<>();
        for (String item : schema) {
            int colon = item.indexOf(':');
            if (colon <= 0 || colon == item.length() - 1) {
                throw new CliException("--schema: expected name:type, got '" + item + "'", 2);
            }
            String type = item.substring(colon + 1).strip();
            Support.optionValue("--schema", () -> CsvImportOptions.fieldType(type));
            if (types.put(item.substring(0, colon).strip(), type) != null) {
                throw new CliException("--schema: column '" + item.substring(0, colon).strip() + "' given twice", 2);
            }
        }
        return types;
    }
}
