package io.dictdb.core.change;

import io.dictdb.spi.Change;
import io.dictdb.spi.CommitRange;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * One consumer's record of the changes committed since its last capture: a backup manager keeps one, and two
 * managers on one database keep two, each at its own position. Created by {@link ChangeLog#follow()}; its changes are
 * appended in the writer's commit, under the log's mutex, so that a capture taken under every table's read lock
 * holds exactly the changes numbered up to the database's sequence, whole commits only.
 *
 * <p>Memory is bounded by the net change since the last capture, never by the number of writes: while the pending
 * list is short it is kept change by change (a capture is then exact), and when it grows past a threshold (at least
 * {@link ChangeLog#DEFAULT_COALESCE_THRESHOLD}, then twice its size after the last rewrite, so each write costs
 * amortised constant time) it is rewritten into {@link NetForm net form}. To know which keys a write created, the
 * table says so when it records the write; to know from which points a delta may be applied, every snapshot taken
 * while following is pinned ({@link ChangeLog#pinSnapshot()}).
 */
public final class ChangeFollower {
    private final ChangeLog log;
    private final int coalesceThreshold;
    /** The sequence number just before the first pending change: the state the pending changes follow. */
    private long capturedThrough;
    private ArrayList<Change> pending = new ArrayList<>();
    /** The pending commits of several changes, in order. */
    private ArrayList<CommitRange> commits = new ArrayList<>();
    /** Bit i set: pending change i is an upsert whose key was absent right before it (and, once coalesced, before
     *  the pending list and after the pin). */
    private BitSet created = new BitSet();
    /** The pending list's length at which it is coalesced next. */
    private int coalesceAt;
    /** The sequence of the latest snapshot taken while following: a full image may start a chain there. */
    private long pin;
    /** The created bits of the last capture, so that giving it back loses nothing coalescing needs. */
    private BitSet lastCaptureCreated;
    private long lastCaptureFirst;
    private int lastCaptureSize;
    private boolean closed;

    ChangeFollower(ChangeLog log, long sequence, int coalesceThreshold) {
        this.log = log;
        this.capturedThrough = sequence;
        this.coalesceThreshold = coalesceThreshold;
        this.coalesceAt = coalesceThreshold;
    }

    /**
     * The sequence number after which this follower keeps changes: the end of its last capture.
     *
     * @return the sequence number
     */
    public long capturedThrough() {
        synchronized (log.mutex()) {
            return capturedThrough;
        }
    }

    /**
     * Takes every pending change as one set and starts a new pending list. Call it only through
     * {@link ChangeChannel#capture(ChangeFollower)}, which holds every table's read lock
     * so that no commit is half recorded.
     *
     * @return the captured set, possibly empty, without key counters
     * @throws IllegalStateException if the follower is closed
     */
    public ChangeSet captureHeld() {
        synchronized (log.mutex()) {
            requireOpen();
            ChangeSet set = new ChangeSet(capturedThrough + 1, log.sequenceHeld(), pending, List.of(), commits);
            lastCaptureCreated = created;
            lastCaptureFirst = set.firstSequence();
            lastCaptureSize = set.size();
            clearPending();
            capturedThrough = set.lastSequence();
            return set;
        }
    }

    /**
     * Puts a captured set back in front of the pending changes, so the next capture includes it first.
     *
     * @param set the set most recently captured
     * @throws IllegalStateException if closed or the set is not the one most recently captured
     */
    public void giveBack(ChangeSet set) {
        synchronized (log.mutex()) {
            requireOpen();
            if (set.lastSequence() != capturedThrough) {
                throw new IllegalStateException("Only the most recent capture can be given back: it ends at "
                        + capturedThrough + ", the set given ends at " + set.lastSequence());
            }
            // Without the bits of this very capture, no key is known to be new: coalescing then keeps every delete.
            boolean known = lastCaptureCreated != null && set.firstSequence() == lastCaptureFirst
                    && set.size() == lastCaptureSize;
            BitSet merged = known ? (BitSet) lastCaptureCreated.clone() : new BitSet();
            for (int i = created.nextSetBit(0); i >= 0; i = created.nextSetBit(i + 1)) {
                merged.set(set.size() + i);
            }
            ArrayList<Change> changes = new ArrayList<>(set.size() + pending.size());
            changes.addAll(set.changes());
            changes.addAll(pending);
            ArrayList<CommitRange> ranges = new ArrayList<>(set.commits());
            ranges.addAll(commits);
            pending = changes;
            commits = ranges;
            created = merged;
            capturedThrough = set.firstSequence() - 1;
            lastCaptureCreated = null;
            if (pending.size() >= coalesceAt) {
                coalesce();
            }
        }
    }

    /**
     * Forgets the pending changes numbered up to {@code through}, which a full image already contains.
     *
     * @param through the last sequence number to forget
     */
    public void discardThrough(long through) {
        synchronized (log.mutex()) {
            if (closed || through <= capturedThrough) {
                return;
            }
            long limit = Math.min(through, log.sequenceHeld());
            int drop = firstAfter(limit);
            pending = new ArrayList<>(pending.subList(drop, pending.size()));
            created = created.get(drop, Math.max(drop, created.length()));
            commits.removeIf(c -> c.first() <= limit);
            if (limit > pin) {
                // A full image at a point no snapshot pinned: what coalescing knew of absent keys is relative to
                // other points, so forget it (deletes are then kept, which is always safe).
                pin = limit;
                created.clear();
            }
            capturedThrough = limit;
        }
    }

    /**
     * Stops following: pending changes are forgotten and writers stop recording for this follower. Idempotent.
     */
    public void close() {
        log.unfollow(this);
    }

    /**
     * The number of changes pending, for tests and status.
     *
     * @return the count
     */
    public int pendingCount() {
        synchronized (log.mutex()) {
            return pending.size();
        }
    }

    // ---------------------------------------------------------------- called by the log, under its mutex

    void closeHeld() {
        closed = true;
        clearPending();
        lastCaptureCreated = null;
    }

    void pinHeld(long sequence) {
        pin = Math.max(pin, sequence);
    }

    /** Appends one commit's changes; {@code createdBits} bit i says whether change i created its key. */
    void appendHeld(List<Change> changes, BitSet createdBits) {
        int base = pending.size();
        pending.ensureCapacity(base + changes.size());
        for (int i = createdBits.nextSetBit(0); i >= 0; i = createdBits.nextSetBit(i + 1)) {
            created.set(base + i);
        }
        pending.addAll(changes);
        if (changes.size() > 1) {
            commits.add(new CommitRange(changes.get(0).sequence(), changes.get(changes.size() - 1).sequence()));
        }
        if (pending.size() >= coalesceAt) {
            coalesce();
        }
    }

    /** The index of the first pending change numbered after {@code limit}; the list is in sequence order. */
    private int firstAfter(long limit) {
        int lo = 0;
        int hi = pending.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (pending.get(mid).sequence() <= limit) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Rewrites the pending list into net form; the next rewrite waits until it has doubled. */
    private void coalesce() {
        NetForm.Result net = NetForm.of(pending, created, pin, log.primaryKeysHeld());
        pending = net.changes();
        created = net.created();
        commits.clear(); // a set in net form is applied whole: no state inside it is a restore point
        coalesceAt = (int) Math.min(Integer.MAX_VALUE - 8, Math.max(coalesceThreshold, 2L * pending.size()));
    }

    private void clearPending() {
        pending = new ArrayList<>();
        commits = new ArrayList<>();
        created = new BitSet();
        coalesceAt = coalesceThreshold;
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("This change follower was closed");
        }
    }
}
