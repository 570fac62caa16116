package io.dictdb.cli;

import io.dictdb.Database;
import io.dictdb.core.DictDB;
import io.dictdb.csv.Csv;
import io.dictdb.csv.CsvExportOptions;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dictdb export-csv DB_FILE --table T OUT.csv}: a table of a database file as CSV. */
@Command(name = "export-csv", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Export a table of a database file as RFC 4180 CSV with a header row.")
final class ExportCsvCommand extends CommandBase {
    @Parameters(index = "0", paramLabel = "DB_FILE", description = "The database file.")
    Path dbFile;

    @Parameters(index = "1", paramLabel = "OUT.csv", description = "The CSV file to write (replaced).")
    Path csv;

    @Option(names = {"-t", "--table"}, required = true, paramLabel = "T", description = "The table to export.")
    String table;

    @Option(names = {"-c", "--columns"}, paramLabel = "a,b,...", split = ",", description = "The columns, in "
            + "order (default: every column).")
    List<String> columns;

    @Option(names = {"-d", "--delimiter"}, paramLabel = "C", converter = DelimiterConverter.class,
            description = "Field delimiter (default ','; '\\t' for tab).")
    Character delimiter;

    @Option(names = "--neutralize-formulas", description = "For a file people will open in a spreadsheet: cells "
            + "starting with =, +, -, @, tab, CR or LF get a leading ' so that the spreadsheet shows them as text "
            + "instead of running them (OWASP's rule against CSV injection), and text cells are quoted. Numbers stay "
            + "numbers. Not for files to import again: the added ' stays in the values.")
    boolean neutralizeFormulas;

    @Override
    int run() throws Exception {
        CsvExportOptions options = CsvExportOptions.defaults().neutralizeFormulas(neutralizeFormulas);
        if (columns != null) {
            CsvExportOptions chosen = options;
            options = Support.optionValue("--columns", () -> chosen.columns(columns.toArray(String[]::new)));
        }
        if (delimiter != null) {
            options = options.delimiter(delimiter);
        }
        Support.requireFile(dbFile);
        Database db = Progress.spin(err(), progress(), "loading " + dbFile.getFileName(), () -> DictDB.load(dbFile));
        if (!db.hasTable(table)) {
            throw new CliException("no table '" + table + "' in " + dbFile + " (tables: " + db.tableNames() + ")");
        }
        long n = Csv.exportTable(db.table(table), csv, options);
        out().printf("exported %s records of table '%s' from %s to %s%n", Support.count(n), table, dbFile, csv);
        return 0;
    }
}
