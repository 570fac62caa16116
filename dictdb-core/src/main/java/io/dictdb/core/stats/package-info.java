/**
 * The counters the engine keeps for its metrics: per table and operation kind a count, a latency sum and a latency
 * maximum, kept in {@link java.util.concurrent.atomic.LongAdder}s so that counting takes no lock on the hot path.
 * The public, read-only view of them is {@link io.dictdb.core.DatabaseMetrics}.
 */
package io.dictdb.core.stats;
