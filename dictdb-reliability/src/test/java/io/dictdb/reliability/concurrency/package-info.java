/**
 * Concurrency trials: many threads over several tables with a recorded history checked per key, and cross-table
 * transfers under {@code DictDB.atomically} checked for consistency and deadlocks.
 */
package io.dictdb.reliability.concurrency;
