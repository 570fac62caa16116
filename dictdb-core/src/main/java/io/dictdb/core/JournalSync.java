package io.dictdb.core;

/**
 * When a durable database ({@link DictDB#open(java.nio.file.Path)}) forces its journal to disk.
 */
public enum JournalSync {
    /**
     * A write returns only once an fsync ({@code FileChannel.force}) covers it: an acknowledged write survives a
     * process kill, an operating-system crash and a power loss. Segments are written with a {@code write} call per
     * batch of commits and grow as they are written. Writers committing at the same time share one fsync (group commit), so many
     * threads reach many times the disk's fsync rate; one thread writes at most at that rate.
     */
    SYNC,
    /**
     * A write returns once its journal entry is copied into the journal's memory-mapped segment, that is into the
     * operating system's page cache (no system call per write); a daemon thread forces the segment to disk at most
     * every sync interval ({@link DictDB.Builder#journalSyncInterval(java.time.Duration)}, 100 ms by default).
     *
     * <p>What survives what:
     * <ul>
     *   <li>a kill of the process ({@code kill -9}, a JVM crash, an {@code OutOfMemoryError} that ends it): every
     *       acknowledged write survives (the operating system holds the page and writes it out later);</li>
     *   <li>a power loss, an operating-system crash or a disk detached: the writes acknowledged since the last
     *       force (at most one sync interval of them) may be lost; what was forced survives. The journal stays
     *       consistent: recovery keeps every whole entry and cuts a torn one at the end.</li>
     * </ul>
     * A segment is created at the segment size ({@link DictDB.Builder#journalSegmentSize(long)}) and cut to its
     * entries when the journal moves to the next one or closes; a killed journal leaves zeros after its last entry,
     * which the next open cuts. If the file system cannot back a page of the mapping (a full disk), the journal
     * fails as for any write error.
     */
    ASYNC
}
