/**
 * The query race: equality, range, AND, scan, top-10, group-by, insert, snapshot pause and memory per record,
 * DictDB against CQEngine, H2 in memory (JDBC, prepared statements) and hand-made {@code HashMap}/{@code TreeMap}
 * baselines, each loaded with the same {@link io.dictdb.bench.Dataset} and matching indexes.
 */
package io.dictdb.bench.query;
