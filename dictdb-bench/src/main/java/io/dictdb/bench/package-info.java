/**
 * JMH benchmarks: DictDB against CQEngine, H2 in memory and hand-made baselines, measured in the same run.
 * Run them with {@code dictdb-bench/run.sh}; the figures go to {@code dictdb-bench/RESULTS.md}.
 */
package io.dictdb.bench;
