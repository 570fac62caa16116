/**
 * I/O-fault trials: {@link io.dictdb.reliability.faults.StepFaultOps} fails one chosen file operation of a backup
 * (write error, torn write, disk full, short write, fsync, close, rename, directory force, delete) and
 * {@link io.dictdb.reliability.faults.IoFaultTrialTest} does so at every step of a full and of a delta.
 */
package io.dictdb.reliability.faults;
