package io.dictdb.core.journal;

import io.dictdb.DictDbException;
import io.dictdb.core.JournalSync;
import io.dictdb.core.OperationMetrics;
import io.dictdb.core.change.CommitSink;
import io.dictdb.core.stats.OperationStats;
import io.dictdb.file.FileOps;
import io.dictdb.spi.Change;
import io.dictdb.spi.Codec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Appends every commit of a durable database to the current segment, and makes it durable.
 *
 * <p>Two steps, so that no file operation runs under a lock writers queue on. {@link #append} runs under the change
 * log's mutex (and the writer's table locks): it only encodes the commit and queues the framed entry in memory, in
 * sequence order. The writer then waits, with no table lock held ({@link #awaitDurable()}): whoever takes the I/O
 * lock first writes every queued entry to the segment and forces it (one {@code FileChannel.force} for all of them);
 * the writers queued behind it find their entries covered and return without forcing (group commit). Writing under
 * the mutex instead would stall every writer behind a page the disk is still flushing.
 *
 * <p>{@link JournalSync#SYNC}: a write returns once a force covers its entry. {@link JournalSync#ASYNC}: it returns once
 * its entry is written to the operating system (so a process kill loses nothing); a daemon thread forces at most
 * every interval (a power loss loses up to that much).
 *
 * <p>Positions count bytes over the whole journal (across segments), not per file.
 *
 * <p>Every file operation on the segments (open, append, force, create, delete, and the force of the folder) goes
 * through a {@link FileOps}: {@link FileOps#standard()} in production, a wrapper in the crash trials, which pause
 * the process inside a chosen step for the kill to land there.
 */
public final class Journal implements CommitSink, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Journal.class);

    private final Path dir;
    private final Codec codec;
    private final String databaseId;
    private final JournalSync mode;
    private final long segmentSize;
    private final FileOps files;
    /** Every force of a segment: count and time ({@link #syncs()}). */
    private final OperationStats syncs = new OperationStats();
    /** Held while entries are written to the segment, forced, or the segment rolls: the I/O lock. */
    private final ReentrantLock io = new ReentrantLock();
    /** Per thread: the journal position its last commit ends at, to wait for; -1 when none is owed. */
    private final ThreadLocal<long[]> owed = ThreadLocal.withInitial(() -> new long[] {-1});
    private final Thread flusher;
    /** The waiters' monitor: who leads the next write-and-force, and the wake-up of the others when it is done. */
    private final Object turn = new Object();
    /** Under {@link #turn}: whether a waiter is writing and forcing for the others. */
    private boolean leading;

    // Under this object's monitor: the entries appended and not yet written, and the position after them.
    private List<Entry> queued = new ArrayList<>();
    private long appended;
    // Under io.
    private FileOps.WritableFile channel;
    private Path segment;
    private long segmentBytes;
    /** The position up to which entries are written to the operating system. */
    private volatile long written;
    /** The position up to which entries are forced to disk. */
    private volatile long synced;
    private volatile Exception failure;
    private volatile boolean closed;

    /** One framed entry and the first sequence number of its commit (a new segment is named by it). */
    private record Entry(long firstSequence, ByteBuffer bytes) {
    }

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
     * @param files the file operations the segments are written, forced and deleted through
     * @throws DictDbException if the segment cannot be opened, naming it
     */
    public Journal(Path dir, Path lastSegment, Codec codec, String databaseId, JournalSync mode,
                   Duration syncInterval, long segmentSize, FileOps files) {
        this.dir = dir;
        this.files = files;
        this.codec = codec;
        this.databaseId = databaseId;
        this.mode = mode;
        this.segmentSize = segmentSize;
        if (lastSegment != null) {
            try {
                segmentBytes = Files.size(lastSegment);
                channel = files.openAppend(lastSegment);
                segment = lastSegment;
            } catch (IOException e) {
                throw new DictDbException("Cannot open journal segment " + lastSegment + ": " + e, e);
            }
        }
        if (mode == JournalSync.ASYNC) {
            long nanos = Math.max(1, syncInterval.toMillis()) * 1_000_000L;
            flusher = new Thread(() -> flushEvery(nanos), "dictdb-journal-sync");
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
    public void append(List<Change> commit) {
        ByteBuffer entry;
        try {
            entry = EntryFrame.frame(EntryPayload.encode(codec, databaseId, commit));
        } catch (RuntimeException e) {
            fail(e);
            owed.get()[0] = Long.MAX_VALUE; // the writer's wait reports it
            return;
        }
        synchronized (this) {
            if (failure != null || closed) {
                owed.get()[0] = Long.MAX_VALUE;
                return;
            }
            queued.add(new Entry(commit.get(0).sequence(), entry));
            appended += entry.remaining();
            owed.get()[0] = appended;
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
        boolean force = mode == JournalSync.SYNC;
        boolean interrupted = false;
        try {
            while (true) {
                synchronized (turn) {
                    // Followers wait here, all woken at once when a leader finishes, rather than queueing on the I/O
                    // lock, whose hand-over wakes one thread at a time: a chain of wake-ups per fsync.
                    while ((force ? synced : written) < target && leading && failure == null) {
                        try {
                            turn.wait();
                        } catch (InterruptedException e) {
                            interrupted = true;
                        }
                    }
                    if (failure != null) {
                        throw failed();
                    }
                    if ((force ? synced : written) >= target) {
                        return;
                    }
                    leading = true;
                }
                io.lock();
                try {
                    if ((force ? synced : written) < target) {
                        writeQueuedHeld(force);
                    }
                } finally {
                    io.unlock();
                    synchronized (turn) {
                        leading = false;
                        turn.notifyAll();
                    }
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Writes every queued entry to the segment, rolling as needed, and forces it when asked; under {@link #io}. */
    private void writeQueuedHeld(boolean force) {
        if (failure != null) {
            throw failed();
        }
        List<Entry> batch;
        long upTo;
        synchronized (this) {
            batch = queued;
            upTo = appended;
            queued = new ArrayList<>();
        }
        try {
            for (Entry e : batch) {
                int length = e.bytes().remaining();
                if (channel == null || (segmentBytes > 0 && segmentBytes + length > segmentSize)) {
                    roll(e.firstSequence());
                }
                while (e.bytes().hasRemaining()) {
                    channel.write(e.bytes());
                }
                segmentBytes += length;
            }
            written = upTo;
            if (force && channel != null) {
                force();
                synced = upTo;
            }
        } catch (IOException | RuntimeException e) {
            fail(e);
            throw failed();
        }
    }

    /** Closes the current segment, forced, and starts a new one named by {@code firstSequence}; under {@link #io}. */
    private void roll(long firstSequence) throws IOException {
        if (channel != null) {
            // The old segment's tail must be on disk before a later segment can be: recovery refuses a gap.
            force();
            channel.close();
        }
        Path next = segmentPath(dir, firstSequence);
        channel = files.create(next);
        segment = next;
        segmentBytes = 0;
        forceFolder(); // the new file's name must be durable too, or its entries are lost with it
        LOG.atDebug().addKeyValue("op", "journal_segment").addKeyValue("file", next).log("Started journal segment");
    }

    /**
     * Deletes the segments whose every entry is numbered at or before {@code sequence}: a backup chain that was read
     * back whole holds them. Oldest first, so a crash in the middle leaves the journal starting later, never with a
     * gap; the segment being appended to is never deleted.
     *
     * @param sequence the last sequence number a verified backup holds
     * @return the number of segments deleted
     */
    public int releaseThrough(long sequence) {
        io.lock();
        try {
            if (closed) {
                return 0;
            }
            List<Path> all = JournalRecovery.segments(dir);
            int deleted = 0;
            for (int i = 0; i + 1 < all.size(); i++) {
                Path s = all.get(i);
                long lastOfSegment = firstSequenceOf(all.get(i + 1)) - 1;
                if (lastOfSegment > sequence || s.equals(segment)) {
                    break;
                }
                files.deleteIfExists(s);
                deleted++;
                LOG.atInfo().addKeyValue("op", "journal_release").addKeyValue("file", s)
                        .addKeyValue("sequence", sequence)
                        .log("Deleted journal segment {}: a verified backup holds its changes", s.getFileName());
            }
            if (deleted > 0) {
                forceFolder();
            }
            return deleted;
        } catch (IOException e) {
            LOG.atWarn().addKeyValue("op", "journal_release").addKeyValue("folder", dir).setCause(e)
                    .log("Cannot delete journal segments in {}: {}; they are kept", dir, e.toString());
            return 0;
        } finally {
            io.unlock();
        }
    }

    /**
     * The bytes of the segment files on disk now.
     *
     * @return the total size; what cannot be listed (a segment deleted meanwhile) counts 0
     */
    public long sizeOnDisk() {
        long total = 0;
        try {
            for (Path p : JournalRecovery.segments(dir)) {
                try {
                    total += Files.size(p);
                } catch (IOException e) {
                    // released by a backup between the listing and the size: nothing to count
                }
            }
        } catch (IOException e) {
            return total;
        }
        return total;
    }

    /** The first sequence number of a segment, from its name ({@link #segmentPath}). */
    static long firstSequenceOf(Path segment) {
        String name = segment.getFileName().toString();
        return Long.parseLong(name.substring(0, name.length() - ".log".length()));
    }

    private void forceFolder() throws IOException {
        files.forceDirectory(dir); // a platform that cannot force a folder (Windows): the file system orders it
    }

    /** Forces the current segment's bytes (not its times: fdatasync), timed for {@link #syncs()}; under {@link #io}. */
    private void force() throws IOException {
        long start = OperationStats.startTimed();
        channel.forceData();
        syncs.record(start);
    }

    /**
     * The forces of the journal's segments so far: every one is counted and timed (a force costs far more than the
     * two clock reads), whether a commit, a roll or {@link #close()} asked for it. One force covers every commit
     * written before it (group commit), so there is at most one per commit, plus one per segment rolled.
     *
     * @return count, total and longest time
     */
    public OperationMetrics syncs() {
        return syncs.read();
    }

    private void fail(Exception e) {
        if (failure == null) {
            failure = e;
            LOG.atError().addKeyValue("op", "journal_write").addKeyValue("file", segment)
                    .addKeyValue("folder", dir).setCause(e)
                    .log("Journal write failed: the commits not yet on disk, and every later one, are in memory only");
        }
    }

    private DictDbException failed() {
        Exception e = failure;
        if (e == null) {
            return new DictDbException("The journal in " + dir + " is closed: the change is in memory only");
        }
        return new DictDbException("The journal in " + dir + " failed (" + e + "): the change is in memory but "
                + "not durable, and no later change will be", e);
    }

    private void flushEvery(long nanos) {
        // Parked, never interrupted: an interrupt during a write or force would close the channel under everyone.
        while (!closed) {
            LockSupport.parkNanos(nanos);
            if (closed || failure != null) {
                continue;
            }
            io.lock();
            try {
                if (!closed && (synced < written || written < appendedNow())) {
                    writeQueuedHeld(true);
                }
            } catch (DictDbException e) {
                // fail() logged it; the writers get it
            } finally {
                io.unlock();
                synchronized (turn) {
                    turn.notifyAll();
                }
            }
        }
    }

    private synchronized long appendedNow() {
        return appended;
    }

    /**
     * The bytes appended since the journal was opened.
     *
     * @return the count
     */
    public synchronized long bytesAppended() {
        return appended;
    }

    /** Writes and forces what is queued and closes the segment; later appends are refused. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        if (flusher != null) {
            LockSupport.unpark(flusher);
            try {
                flusher.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        io.lock();
        try {
            if (failure == null) {
                writeQueuedHeld(true);
            }
        } finally {
            try {
                if (channel != null) {
                    channel.close();
                }
            } catch (IOException e) {
                fail(e);
            }
            io.unlock();
        }
    }
}
