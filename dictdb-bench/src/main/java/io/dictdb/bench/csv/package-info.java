/**
 * JMH benchmarks of {@code dictdb-csv}: importing (with type inference and with an explicit schema) and exporting
 * a table of one million rows, reported in rows per second.
 */
package io.dictdb.bench.csv;
