/**
 * CSV import and export for DictDB tables: {@code io.dictdb.csv.Csv} reads a file into a new table, inferring
 * column types or following an explicit schema, and writes a table or a query's records as RFC 4180 CSV. Parsing
 * and writing are FastCSV's; this module adds types, atomicity and error reporting.
 */
module io.dictdb.csv {
    requires transitive io.dictdb.api;
    requires de.siegmar.fastcsv;
    requires io.dictdb.json;

    exports io.dictdb.csv;
}
