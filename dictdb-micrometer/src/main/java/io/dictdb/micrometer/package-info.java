/**
 * Micrometer meter binders: {@link io.dictdb.micrometer.DictDbMetrics} for a database,
 * {@link io.dictdb.micrometer.BackupMetrics} for a {@code BackupManager}, {@link io.dictdb.micrometer.StandbyMetrics}
 * for a warm {@code Standby}. Bind them to any
 * {@link io.micrometer.core.instrument.MeterRegistry}; the meters read the engine's counters when the registry polls.
 */
package io.dictdb.micrometer;
