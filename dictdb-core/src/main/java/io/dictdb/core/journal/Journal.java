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
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Appends every commit of a durable database to the current segment, and makes it durable.
 *
 * <p>{@link JournalSync#SYNC} takes two steps, so that neither encoding nor any file operation runs under a lock
 * writers queue on. {@link #append} runs under the change log's mutex (and the writer's table locks): it only queues
 * the commit, in sequence order. The writer then, with no lock held ({@link #awaitDurable()}), encodes its own entry
 * (so writers encode in parallel, and the mutex is held for a list append, not for a codec's image) and waits: one
 * waiter at a time leads, writing every queued entry to the segment (encoding any whose writer has not yet) and forcing
 * it once for all of them; the others are parked, and when the leader is done it wakes exactly the waiters its force
 * covered, and hands the lead to the first one it did not (group commit). Waking every waiter instead (a {@code
 * notifyAll}) made each force cost a herd of wake-ups that mostly went back to sleep, on two cores the CPU the next
 * batch needed. Writing under the mutex would stall every writer behind a page the disk is still flushing.
 *
 * <p>{@link JournalSync#SYNC}: a write returns once a force covers its entry; segments are written with {@link
 * FileOps.WritableFile#write} and forced with {@code fdatasync}. {@link JournalSync#ASYNC}: segments are memory-mapped
 * ({@link FileOps#map}), created at the segment size and filled with zeros; {@link #append} itself encodes the entry
 * and copies it into the mapping (under the change log's mutex, which orders the entries: no queue, no leader, nothing
 * to wait for after it), and a write returns once its entry is in the mapping, which puts it in the operating system's
 * page cache with no system call (so a process kill loses nothing); a daemon thread forces the mapping at most every
 * interval (a power loss or an operating-system crash loses up to that much). A segment is cut to its valid end when
 * the journal rolls past it or closes ({@link FileOps#truncate}); after a kill, the zeros after the last entry are the
 * clean end, which recovery cuts silently, and {@link JournalTail} reads as an end not yet written.
 *
 * <p>Positions count entries since the journal was opened: an entry's position is known when it is queued, before it
 * is encoded.
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
    /** Writes the entries of data-only commits ({@link CompactEntry}); the others go through {@link #codec}. */
    private final CompactEntry.Encoder compact;
    private final JournalSync mode;
    private final long segmentSize;
    /** Whether segments are memory-mapped ({@link JournalSync#ASYNC}) rather than written through a channel. */
    private final boolean mapped;
    private final FileOps files;
    /** Every force of a segment: count and time ({@link #syncs()}). */
    private final OperationStats syncs = new OperationStats();
    /** Held while entries are written to the segment, forced, or the segment rolls: the I/O lock. */
    private final ReentrantLock io = new ReentrantLock();
    /** Per thread: its last commit not yet waited for, or {@link #REFUSED}; null when none is owed. */
    private final ThreadLocal<Entry[]> owed = ThreadLocal.withInitial(() -> new Entry[1]);
    private final Thread flusher;
    /** The waiters' monitor: who leads the next write-and-force, and who waits for it. */
    private final Object turn = new Object();
    /** Under {@link #turn}: whether a waiter is writing and forcing for the others. */
    private boolean leading;
    /** Under {@link #turn}: the parked waiters, in arrival order. */
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();

    // Under this object's monitor: the entries appended and not yet written, and the position after them (mapped:
    // nothing is queued, and the position moves under io only).
    private List<Entry> queued = new ArrayList<>();
    /** Under {@link #io}: the list of the last batch written, emptied, to queue the next batch in. */
    private ArrayList<Entry> spare;
    private long appended;
    /** The bytes written to segments since the journal was opened. */
    private volatile long bytesWritten;
    // Under io (volatile for sizeOnDisk, which reads them without it).
    private FileOps.WritableFile channel;
    /** {@link #mapped}: the current segment's mapping, positioned after its last entry; null when none is open. */
    private MappedByteBuffer map;
    private volatile Path segment;
    private volatile long segmentBytes;
    /** The position up to which entries are written to the operating system. */
    private volatile long written;
    /** The position up to which entries are forced to disk. */
    private volatile long synced;
    private volatile Exception failure;
    private volatile boolean closed;

    /** The largest mapping of a segment (a {@link MappedByteBuffer} is indexed by int). */
    private static final long MAX_MAP = Integer.MAX_VALUE - 8;

    /** What a writer is owed when its commit was refused (the journal failed or closed): an error from its wait. */
    private static final Entry REFUSED = new Entry(List.of(), -1);

    /**
     * One commit queued by the change log, and its framed entry once encoded: by its writer after the mutex, or by
     * the leader that reaches it first (whoever claims it).
     */
    private static final class Entry {
        private static final VarHandle STATE;

        static {
            try {
                STATE = MethodHandles.lookup().findVarHandle(Entry.class, "state", int.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private static final int QUEUED = 0;
        private static final int ENCODING = 1;
        private static final int ENCODED = 2;

        final List<Change> commit;
        /** The journal position this entry ends at. */
        final long position;
        /** {@link #QUEUED}, {@link #ENCODING}, {@link #ENCODED}; through {@link #STATE}. */
        volatile int state = QUEUED;
        /** Set before the state becomes {@link #ENCODED}: the framed entry, or null when encoding failed. */
        ByteBuffer bytes;
        RuntimeException error;

        Entry(List<Change> commit, long position) {
            this.commit = commit;
            this.position = position;
        }

        long firstSequence() {
            return commit.get(0).sequence();
        }

        /** Encodes the entry unless another thread has claimed it. */
        void encode(Journal journal) {
            if (!STATE.compareAndSet(this, QUEUED, ENCODING)) {
                return;
            }
            try {
                bytes = journal.encodeFramed(commit);
            } catch (RuntimeException e) {
                error = e;
            } finally {
                if (bytes == null && error == null) { // an Error went through: the leader must not wait for ever
                    error = new IllegalStateException("Encoding the journal entry of sequence " + firstSequence()
                            + " was abandoned");
                }
                state = ENCODED; // publishes bytes and error
            }
        }

        /**
         * The framed entry: encoded now unless another thread has claimed it; if that thread is still encoding it,
         * a copy is encoded here instead of waiting (a few microseconds, against a time slice when that writer is
         * descheduled on a busy machine). A compact copy is the same bytes; a codec's copy differs only in its
         * header's creation time.
         */
        ByteBuffer encoded(Journal journal) {
            encode(journal);
            if (state != ENCODED) {
                return journal.encodeFramed(commit);
            }
            if (error != null) {
                throw error;
            }
            return bytes;
        }
    }

    /** A parked writer: the position it waits for, and how the leader woke it. */
    private static final class Waiter {
        final Thread thread = Thread.currentThread();
        final long target;
        /** Set under {@link #turn} before the unpark: covered (or failed), or handed the lead. */
        volatile boolean woken;
        volatile boolean lead;

        Waiter(long target) {
            this.target = target;
        }
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
        this.compact = new CompactEntry.Encoder(databaseId);
        this.mode = mode;
        this.segmentSize = segmentSize;
        this.mapped = mode == JournalSync.ASYNC;
        if (lastSegment != null) {
            try {
                segmentBytes = Files.size(lastSegment);
                segment = lastSegment;
                if (!mapped) {
                    channel = files.openAppend(lastSegment);
                } else if (segmentBytes < Math.min(segmentSize, MAX_MAP)) {
                    map = files.map(lastSegment, mapSize(0));
                    map.position((int) segmentBytes);
                } // else full: the next commit starts a segment
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
     * One commit's framed entry: compact ({@link CompactEntry}) when it holds only upserts and deletes, else a
     * codec's delta image ({@link EntryPayload}).
     */
    private ByteBuffer encodeFramed(List<Change> commit) {
        return CompactEntry.fits(commit) ? compact.encodeFramed(commit)
                : EntryPayload.encodeFramed(codec, databaseId, commit);
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
        Entry[] slot = owed.get();
        if (mapped) {
            appendMapped(commit, slot);
            return;
        }
        synchronized (this) {
            if (failure != null || closed) {
                slot[0] = REFUSED;
                return;
            }
            Entry e = new Entry(commit, ++appended);
            queued.add(e);
            slot[0] = e;
        }
    }

    /**
     * {@link JournalSync#ASYNC}: encodes the commit and copies it into the mapping at once, under the change log's
     * mutex (which gives the sequence order) and {@link #io}. A copy into a mapping is no system call, and an entry of
     * a data-only commit is encoded in a fraction of a microsecond, so the mutex is held about as long as the queue
     * of the {@code SYNC} path would hold it, without that path's hand-off to a leader (a queue entry, the waiters'
     * monitor, a batch): an {@code ASYNC} writer owes nothing after this call. A failure (encoding, rolling a segment,
     * a full disk) fails the journal; the writer learns it from {@link #awaitDurable()}.
     */
    private void appendMapped(List<Change> commit, Entry[] slot) {
        if (failure != null || closed) {
            slot[0] = REFUSED;
            return;
        }
        io.lock();
        try {
            if (failure != null || closed) {
                slot[0] = REFUSED;
                return;
            }
            ByteBuffer bytes = encodeShared(commit);
            int length = bytes.remaining();
            if (map == null || (segmentBytes > 0 && segmentBytes + length > segmentSize) || length > map.remaining()) {
                roll(commit.get(0).sequence(), length);
            }
            put(bytes);
            segmentBytes += length;
            bytesWritten += length;
            // Under io, which every other reader of appended in this mode holds too (close, the flusher): no monitor.
            written = ++appended;
        } catch (IOException | RuntimeException e) {
            fail(e);
            slot[0] = REFUSED;
        } finally {
            io.unlock();
        }
    }

    /**
     * The framed entry of a commit, for a copy before the calling thread encodes again: a data-only commit's entry is
     * a view of the thread's encoding buffer (no array per commit).
     */
    private ByteBuffer encodeShared(List<Change> commit) {
        return CompactEntry.fits(commit) ? compact.encodeFramedShared(commit)
                : EntryPayload.encodeFramed(codec, databaseId, commit);
    }

    @Override
    public void awaitDurable() {
        Entry[] slot = owed.get();
        Entry entry = slot[0];
        if (entry == null) {
            return;
        }
        slot[0] = null;
        if (entry == REFUSED) {
            throw failed();
        }
        // Encode here, with no lock held, unless a leader already has: writers encode in parallel with each other
        // and with the leader's force.
        entry.encode(this);
        long target = entry.position;
        boolean force = mode == JournalSync.SYNC;
        // Cleared for the wait and set again after it: a FileChannel closes itself when a thread with the flag set
        // writes or forces it, which would fail the journal for every writer because one was interrupted.
        boolean interrupted = Thread.interrupted();
        try {
            while (true) {
                Waiter w = null;
                synchronized (turn) {
                    if (failure != null) {
                        throw failed();
                    }
                    if (covered(target, force)) {
                        return;
                    }
                    if (leading) {
                        w = new Waiter(target);
                        waiters.add(w);
                    } else {
                        leading = true;
                    }
                }
                if (w != null) {
                    while (!w.woken) {
                        LockSupport.park(this);
                        interrupted |= Thread.interrupted(); // the wait is not interruptible: the entry is queued
                    }
                    if (!w.lead) {
                        continue; // covered, or failed: the loop's check says which
                    }
                }
                lead(target, force);
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private boolean covered(long target, boolean force) {
        return (force ? synced : written) >= target;
    }

    /**
     * How many forces a leader makes in a row for waiters its first force did not cover, before it hands the lead to
     * one of them: each extra force saves the wake-up of a parked thread before the next force can start (on a busy
     * machine longer than the force itself), and costs the leader's own writer a wait of one force.
     */
    private static final int LEAD_ROUNDS = 8;

    /**
     * Writes (and forces) for every waiter as the leader, then wakes whom it covered; goes on writing and forcing
     * while waiters remain (their entries are queued: a writer parks only after appending), up to
     * {@link #LEAD_ROUNDS} forces; then hands the lead to the first waiter left. A failure after the first round does
     * not leave this call: the leader's own commit is durable, and every waiter learns the failure.
     */
    private void lead(long target, boolean force) {
        for (int round = 1; ; round++) {
            try {
                io.lock();
                try {
                    if (round > 1 || !covered(target, force)) {
                        writeQueuedHeld(force);
                    }
                } finally {
                    io.unlock();
                }
            } catch (RuntimeException | Error e) {
                handOnLead(force); // on failure every waiter is woken to learn it
                if (round == 1 || e instanceof Error) {
                    throw e;
                }
                return;
            }
            List<Thread> woken;
            boolean more;
            synchronized (turn) {
                woken = wakeCoveredHeld(force);
                more = failure == null && round < LEAD_ROUNDS && !waiters.isEmpty();
            }
            unparkAll(woken);
            if (!more) {
                handOnLead(force);
                return;
            } // else still leading: the parked waiters' entries are queued
        }
    }

    /** Ends this thread's lead: wakes whom the last force covered and hands the lead to the first waiter left. */
    private void handOnLead(boolean force) {
        List<Thread> woken;
        Waiter next;
        synchronized (turn) {
            leading = false;
            woken = wakeCoveredHeld(force);
            next = failure == null ? waiters.pollFirst() : null; // on failure all were woken
            if (next != null) {
                // Handed the lead at once, so no fresh writer and no woken waiter races it to the I/O lock; its
                // force covers everything queued meanwhile.
                leading = true;
                next.lead = true;
                next.woken = true;
            }
        }
        if (next != null) {
            LockSupport.unpark(next.thread); // first: the next force waits for it
        }
        unparkAll(woken);
    }

    /** Wakes the waiters whose entries are covered (all of them when the journal failed); under {@link #turn}. */
    private List<Thread> wakeCoveredHeld(boolean force) {
        boolean failed = failure != null;
        List<Thread> woken = List.of();
        for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
            Waiter w = it.next();
            if (failed || covered(w.target, force)) {
                it.remove();
                w.woken = true;
                if (woken.isEmpty()) {
                    woken = new ArrayList<>();
                }
                woken.add(w.thread);
            }
        }
        return woken;
    }

    /**
     * Unparks the threads {@link #wakeCoveredHeld} marked woken, after {@link #turn} is released: an unpark is a
     * system call (on a virtual machine, often a wake-up of an idle processor), and a dozen of them under the monitor
     * kept every writer arriving meanwhile waiting to enter it. A waiter reads its flag, not the unpark, so an unpark
     * that lands late (after it went on to another commit) only costs it one spurious return from {@code park}.
     */
    private static void unparkAll(List<Thread> threads) {
        for (int i = 0, n = threads.size(); i < n; i++) {
            LockSupport.unpark(threads.get(i));
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
            queued = spare != null ? spare : new ArrayList<>();
            spare = null;
        }
        try {
            for (Entry e : batch) {
                ByteBuffer bytes = e.encoded(this);
                int length = bytes.remaining();
                if (mapped) {
                    if (map == null || (segmentBytes > 0 && segmentBytes + length > segmentSize)
                            || length > map.remaining()) {
                        roll(e.firstSequence(), length);
                    }
                    put(bytes);
                } else {
                    if (channel == null || (segmentBytes > 0 && segmentBytes + length > segmentSize)) {
                        roll(e.firstSequence(), length);
                    }
                    while (bytes.hasRemaining()) {
                        channel.write(bytes);
                    }
                }
                segmentBytes += length;
                bytesWritten += length;
            }
            written = upTo;
            if (batch instanceof ArrayList<Entry> list && list.size() <= 1024) {
                list.clear();
                spare = list; // reused: a list per batch was an allocation (and a growth) per ASYNC commit
            }
            if (force && (channel != null || map != null)) {
                force();
                synced = upTo;
            }
        } catch (IOException | RuntimeException e) {
            fail(e);
            throw failed();
        }
    }

    /** Copies an entry into the mapping; under {@link #io}. */
    private void put(ByteBuffer bytes) throws IOException {
        try {
            map.put(bytes);
        } catch (InternalError e) {
            // How the JVM reports a fault on a mapped page: the file system could not back it (a full disk).
            throw new IOException("Cannot write to the mapped journal segment " + segment
                    + " (no space left on the device?): " + e.getMessage(), e);
        }
    }

    /** The bytes to map for a new segment whose first entry has {@code length} bytes. */
    private long mapSize(int length) {
        return Math.min(Math.max(segmentSize, length), MAX_MAP);
    }

    /**
     * Closes the current segment, forced (and, mapped, cut to its valid end), and starts a new one named by
     * {@code firstSequence}, with room for an entry of {@code length} bytes; under {@link #io}.
     */
    private void roll(long firstSequence, int length) throws IOException {
        // The old segment's tail must be on disk before a later segment can be: recovery refuses a gap.
        closeSegment();
        Path next = segmentPath(dir, firstSequence);
        if (mapped) {
            map = files.map(next, mapSize(length));
        } else {
            channel = files.create(next);
        }
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
        Path current = segment;
        long currentBytes = segmentBytes;
        try {
            for (Path p : JournalRecovery.segments(dir)) {
                try {
                    // the current segment, mapped, is as large as a whole segment: its valid bytes are what counts
                    total += mapped && p.equals(current) ? currentBytes : Files.size(p);
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

    /**
     * Forces the current segment's bytes (not its times: fdatasync, or msync of a mapping), timed for
     * {@link #syncs()}; under {@link #io}.
     */
    private void force() throws IOException {
        long start = OperationStats.startTimed();
        if (map != null) {
            try {
                map.force();
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        } else {
            channel.forceData();
        }
        syncs.record(start);
    }

    /**
     * Forces and closes the current segment; a mapped one is cut to its valid end first (the zeros after it go), so
     * that only a killed journal leaves zeros behind. Under {@link #io}.
     */
    private void closeSegment() throws IOException {
        if (channel != null) {
            force();
            FileOps.WritableFile c = channel;
            channel = null;
            c.close();
        }
        if (map != null) {
            force();
            map = null; // unmapped when collected; nothing touches it any more
            files.truncate(segment, segmentBytes);
        }
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
            if (mapped) {
                forceMapped();
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
                List<Thread> woken;
                synchronized (turn) {
                    woken = wakeCoveredHeld(false); // ASYNC writers wait for written entries only
                }
                unparkAll(woken);
            }
        }
    }

    /**
     * The flusher's force of a mapped segment, without holding {@link #io} while the pages go to disk: writers go on
     * copying into the mapping meanwhile (an {@code msync} and stores to other pages of the same mapping do not
     * exclude each other). The mapping and the position it holds are read together under {@link #io}; every entry
     * up to that position is in that mapping or in a segment before it, which {@link #roll} forced before moving on.
     * A mapping the journal rolled past (and cut) meanwhile is forced harmlessly: its pages past the cut are gone.
     */
    private void forceMapped() {
        MappedByteBuffer m;
        long upTo;
        io.lock();
        try {
            m = map;
            upTo = written;
            if (closed || failure != null || m == null || synced >= upTo) {
                return;
            }
        } finally {
            io.unlock();
        }
        long start = OperationStats.startTimed();
        try {
            m.force();
        } catch (UncheckedIOException e) {
            io.lock();
            try {
                fail(e.getCause());
            } finally {
                io.unlock();
            }
            return;
        }
        syncs.record(start);
        io.lock();
        try {
            if (synced < upTo) {
                synced = upTo;
            }
        } finally {
            io.unlock();
        }
    }

    private synchronized long appendedNow() {
        return appended;
    }

    /**
     * The bytes written to the journal's segments since it was opened (entries queued and not yet encoded or written
     * are not counted).
     *
     * @return the count
     */
    public long bytesAppended() {
        return bytesWritten;
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
                if (failure == null) {
                    closeSegment();
                } else if (channel != null) {
                    channel.close();
                }
            } catch (IOException | RuntimeException e) {
                fail(e);
            } finally {
                channel = null;
                map = null;
                io.unlock();
            }
        }
    }
}
