package io.dictdb.core;

/**
 * When a durable database ({@link DictDB#open(java.nio.file.Path)}) forces its journal to disk.
 */
public enum JournalSync {
    /**
     * A write returns only once an fsync ({@code FileChannel.force}) covers it: an acknowledged write survives a
     * process kill and a power loss. Writers committing at the same time share one fsync (group commit), so many
     * threads reach many times the disk's fsync rate; one thread writes at most at that rate.
     */
    SYNC,
    /**
     * A write returns once its journal entry is handed to the operating system; a daemon thread forces the journal
     * at most every sync interval ({@link DictDB.Builder#journalSyncInterval(java.time.Duration)}, 100 ms by
     * default). An acknowledged write survives a kill of the process (the operating system still holds it), but
     * NOT a power loss or an operating-system crash: the writes of the last interval may then be lost.
     */
    ASYNC
}
