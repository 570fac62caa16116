/**
 * Backup benchmarks: a delta after a small share of changes against a full backup of a million records, per codec,
 * and the pause a writer sees while a backup runs.
 */
package io.dictdb.bench.backup;
