/**
 * CSV import and export: {@link io.dictdb.csv.Csv} with its immutable options {@link io.dictdb.csv.CsvImportOptions}
 * and {@link io.dictdb.csv.CsvExportOptions}, and {@link io.dictdb.csv.CsvException} for bad input. Depends on the
 * DictDB API and FastCSV only; the package-private classes here convert cells to canonical values and back.
 */
package io.dictdb.csv;
