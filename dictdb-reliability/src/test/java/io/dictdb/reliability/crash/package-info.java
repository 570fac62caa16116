/**
 * Crash trials: a child JVM ({@link io.dictdb.reliability.crash.CrashWorkload}) writes and backs up until it is
 * killed with SIGKILL; {@link io.dictdb.reliability.crash.CrashTrialTest} checks what the backups hold.
 */
package io.dictdb.reliability.crash;
