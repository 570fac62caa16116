package io.dictdb.core.journal;

import io.dictdb.DictDbException;
import io.dictdb.core.JournalSync;
import io.dictdb.core.change.CommitSink;
import io.dictdb.spi.Change;
import io.dictdb.spi.Codec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Appends every commit of a durable database to the current segment, and makes it durable.
 *
 * <p>Appends run under the change log's mutex, so entries are in sequence order. Forcing is separate: a writer waits
 * for durability after releasing its table locks ({@link #awaitDurable()}), and writers waiting together share one
 * force (group commit, leader and followers): the first to take the sync lock forces everything written so far;
 * those queued behind it find their entries already covered and return without forcing. In {@link JournalSync#ASYNC}
 * mode a daemon thread forces at most every interval and writers do not wait.
 *
 * <p>Positions are counted in bytes over the whole journal (across segments), not per file.
 */
public final class Journal implements CommitSink, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Journal.class);

    private final Path dir;
    private final Codec codec;
    private final String databaseId;
    private final JournalSync mode;
    private final long segmentSize;
    private final ReentrantLock syncLock = new ReentrantLock();
    /** Per thread: the journal position its last commit ends at, to wait for; -1 when none is owed. */
    private final ThreadLocal<long[]> owed = ThreadLocal.withInitial(() -> new long[] {-1});
    private final Thread flusher;

    // Written under this object's monitor (taken inside the change log's mutex); channel also under syncLock.
    private volatile FileChannel channel;
    private Path segment;
    private long segmentBytes;
    private volatile long written;
    private volatile long synced;
    private volatile Exception failure;
    private volatile boolean closed;

    /**
     * Opens the journal for appending.
     *
     * @param dir the journal folder (created if missing)
     * @param lastSegment the segment to go on appending to (its valid end is its size), or null to start one at the
     *     next commit
     * @param codec the codec entries are written with
     * @param databaseId the database's id, written into every entry
     * @param mode when to force
     * @param syncInterval how often the ASYNC flusher forces
     * @param segmentSize the size past which the next commit starts a new segment
     * @throws DictDbException if the segment cannot be opened, naming it
     */
    public Journal(Path dir, Path lastSegment, Codec codec, String databaseId, JournalSync mode,
                   Duration syncInterval, long segmentSize) {
        this.dir = dir;
        this.codec = codec;
        this.databaseId = databaseId;
        this.mode = mode;
        this.segmentSize = segmentSize;
        if (lastSegment != null) {
            try {
                channel = FileChannel.open(lastSegment, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
                segment = lastSegment;
                segmentBytes = channel.size();
            } catch (IOException e) {
                throw new DictDbException("Cannot open journal segment " + lastSegment + ": " + e, e);
            }
        }
        if (mode == JournalSync.ASYNC) {
            long millis = Math.max(1, syncInterval.toMillis());
            flusher = new Thread(() -> flushEvery(millis), "dictdb-journal-sync");
            flusher.setDaemon(true);
            flusher.start();
        } else {
            flusher = null;
        }
    }

    /**
     * The segment file of a commit starting at this sequence number.
     *
     * @param dir the journal folder
     * @param firstSequence the first sequence number of the segment's first entry
     * @return the path, named by the zero-padded number so that names sort in sequence order
     */
    public static Path segmentPath(Path dir, long firstSequence) {
        return dir.resolve(String.format("%020d.log", firstSequence));
    }

    @Override
    public synchronized void append(List<Change> commit) {
        if (failure != null || closed) {
            owed.get()[0] = Long.MAX_VALUE; // the writer's wait reports the failure
            return;
        }
        try {
            ByteBuffer entry = EntryFrame.frame(EntryPayload.encode(codec, databaseId, commit));
            int length = entry.remaining();
            if (channel == null || (segmentBytes > 0 && segmentBytes + length > segmentSize)) {
                roll(commit.get(0).sequence());
            }
            while (entry.hasRemaining()) {
                channel.write(entry);
            }
            segmentBytes += length;
            written += length;
            owed.get()[0] = written;
        } catch (IOException | RuntimeException e) {
            failure = e;
            owed.get()[0] = Long.MAX_VALUE;
            LOG.atError().addKeyValue("op", "journal_append").addKeyValue("file", segment).setCause(e)
                    .log("Journal append failed: this commit and every later one are not durable");
        }
    }

    /** Closes the current segment, forced, and starts a new one named by {@code firstSequence}. */
    private void roll(long firstSequence) throws IOException {
        syncLock.lock();
        try {
            if (channel != null) {
                channel.force(false);
                synced = written;
                channel.close();
            }
            Path next = segmentPath(dir, firstSequence);
            channel = FileChannel.open(next, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
            segment = next;
            segmentBytes = 0;
            forceFolder(); // the new file's name must be durable too, or its entries are lost with it
            LOG.atDebug().addKeyValue("op", "journal_segment").addKeyValue("file", next).log("Started journal segment");
        } finally {
            syncLock.unlock();
        }
    }

    private void forceFolder() throws IOException {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (UnsupportedOperationException e) {
            // a platform that cannot force a folder (Windows): the file system orders it
        }
    }

    @Override
    public void awaitDurable() {
        long[] slot = owed.get();
        long target = slot[0];
        if (target < 0) {
            return;
        }
        slot[0] = -1;
        if (target == Long.MAX_VALUE) {
            throw failed();
        }
        if (mode == JournalSync.ASYNC) {
            return;
        }
        while (synced < target) {
            syncLock.lock();
            try {
                if (synced < target) {
                    forceHeld();
                }
            } finally {
                syncLock.unlock();
            }
        }
    }

    /** Forces everything written so far; under the sync lock. */
    private void forceHeld() {
        if (failure != null) {
            throw failed();
        }
        long upTo = written; // read before forcing: the force covers at least this much
        FileChannel c = channel;
        try {
            if (c != null) {
                c.force(false);
            }
            synced = upTo;
        } catch (IOException | RuntimeException e) {
            failure = e;
            throw failed();
        }
    }

    private DictDbException failed() {
        Exception e = failure;
        if (closed && e == null) {
            return new DictDbException("The journal in " + dir + " is closed: the change is in memory only");
        }
        return new DictDbException("The journal in " + dir + " failed (" + e + "): the change is in memory but "
                + "not durable, and no later change will be", e);
    }

    private void flushEvery(long millis) {
        // Parked, never interrupted: an interrupt during force() would close the channel under everyone.
        while (!closed) {
            java.util.concurrent.locks.LockSupport.parkNanos(millis * 1_000_000L);
            if (!closed && written > synced && failure == null) {
                syncLock.lock();
                try {
                    if (!closed) {
                        forceHeld();
                    }
                } catch (DictDbException e) {
                    LOG.atError().addKeyValue("op", "journal_sync").addKeyValue("folder", dir).setCause(e)
                            .log("Journal sync failed");
                } finally {
                    syncLock.unlock();
                }
            }
        }
    }

    /**
     * The bytes appended since the journal was opened.
     *
     * @return the count
     */
    public long bytesWritten() {
        return written;
    }

    /** Forces what is written and closes the segment; later appends are refused. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        if (flusher != null) {
            java.util.concurrent.locks.LockSupport.unpark(flusher);
            try {
                flusher.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        syncLock.lock();
        try {
            FileChannel c = channel;
            if (c != null) {
                if (failure == null) {
                    c.force(false);
                    synced = written;
                }
                c.close();
            }
        } catch (IOException e) {
            throw new DictDbException("Cannot close journal segment " + segment + ": " + e, e);
        } finally {
            syncLock.unlock();
        }
    }
}
