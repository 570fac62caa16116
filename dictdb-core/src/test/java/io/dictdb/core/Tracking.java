package io.dictdb.core;

import io.dictdb.core.change.ChangeChannel;
import io.dictdb.core.change.ChangeFollower;
import io.dictdb.core.change.ChangeSet;

import java.util.Map;
import java.util.WeakHashMap;

/**
 * One change follower per database, for the tests of change tracking: what the database's public face offered
 * before the backup protocol moved behind {@link ChangeChannel}.
 */
public final class Tracking {
    private static final Map<DictDB, ChangeFollower> FOLLOWERS = new WeakHashMap<>();

    private Tracking() {
    }

    /** Starts following (once) and returns the sequence after which changes are kept. */
    public static synchronized long start(DictDB db) {
        return FOLLOWERS.computeIfAbsent(db, d -> ChangeChannel.of(d).follow()).capturedThrough();
    }

    /** Stops following and forgets pending changes. */
    public static synchronized void stop(DictDB db) {
        ChangeFollower f = FOLLOWERS.remove(db);
        if (f != null) {
            f.close();
        }
    }

    /** Captures the changes since the last capture. */
    public static ChangeSet capture(DictDB db) {
        return ChangeChannel.of(db).capture(follower(db));
    }

    /** Gives the last capture back. */
    public static void giveBack(DictDB db, ChangeSet set) {
        follower(db).giveBack(set);
    }

    /** Forgets changes a full image holds. */
    public static void discardThrough(DictDB db, long sequence) {
        ChangeFollower f;
        synchronized (Tracking.class) {
            f = FOLLOWERS.get(db);
        }
        if (f != null) {
            f.discardThrough(sequence);
        }
    }

    /** Applies a change set. */
    public static int apply(DictDB db, ChangeSet set) {
        return ChangeChannel.of(db).apply(set);
    }

    /** A database holding a snapshot's state. */
    public static DictDB fromSnapshot(Snapshot snapshot) {
        return DictDB.builder().buildFrom(snapshot);
    }

    private static synchronized ChangeFollower follower(DictDB db) {
        ChangeFollower f = FOLLOWERS.get(db);
        if (f == null) {
            throw new IllegalStateException("Change tracking is off: call startChangeTracking() first");
        }
        return f;
    }
}
