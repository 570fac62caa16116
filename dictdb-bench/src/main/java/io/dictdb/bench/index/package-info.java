/**
 * The composite-index race of issue #18: a composite lookup ({@code a = x AND b = y}, thousands of rows per answer)
 * and an ordered walk on a composite sorted index ({@code a = x ORDER BY t LIMIT 100}, first and keyset pages),
 * DictDB's {@code IndexSpec.hash("a", "b")} and {@code IndexSpec.sorted("a", "t")} against CQEngine's
 * {@code CompoundIndex}, H2's multi-column indexes and hand-made {@code HashMap}s keyed by the pair, all loaded
 * with the same {@link io.dictdb.bench.index.PairData}.
 */
package io.dictdb.bench.index;
