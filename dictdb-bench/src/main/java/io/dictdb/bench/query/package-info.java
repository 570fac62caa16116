/**
 * The query race: equality (one row, and ~2% of the rows read row by row), range (with {@code between} and
 * half-open as an AND), AND, scan, top-10, group-by (with and without an index), inserts (batches; one by one and
 * {@code insertAll} in ns/record), two reader threads, snapshot pause and memory per record, DictDB against
 * CQEngine, H2 in memory (JDBC, prepared statements) and hand-made {@code HashMap}/{@code TreeMap} baselines, each
 * loaded with the same {@link io.dictdb.bench.Dataset} and matching indexes. {@code CrossCheck} proves that every
 * system answers each benchmark's query the same; {@link io.dictdb.bench.GoalTable} turns a forked run of the
 * workloads of issue #15 into its table.
 */
package io.dictdb.bench.query;
