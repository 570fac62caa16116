/**
 * The journal of a durable database ({@code DictDB.open(dir)}): crash trials
 * ({@link io.dictdb.reliability.journal.JournalCrashTrialTest}: a child JVM killed with SIGKILL at random moments
 * and inside chosen phases of the journal's and the backups' file operations; every write that returned survives)
 * and the journal together with a backup manager on the same folder
 * ({@link io.dictdb.reliability.journal.JournalWithBackupsTest}).
 */
package io.dictdb.reliability.journal;
