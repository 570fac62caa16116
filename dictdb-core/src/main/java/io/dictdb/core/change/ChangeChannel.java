package io.dictdb.core.change;

import io.dictdb.core.DictDB;
import io.dictdb.core.Snapshot;
import io.dictdb.spi.Change;

import java.util.List;

/**
 * The one channel between a database and the modules that copy it elsewhere (the backup module): consistent
 * snapshots, followers that record what each copy still lacks, and the application of changes read back. It is not
 * part of the user-facing API: this package is exported only to DictDB's own modules, and {@link DictDB}'s public
 * methods show none of it.
 *
 * <p>Typical use, a backup manager: {@link #follow()} before {@link #snapshot()} (so no change falls between the
 * snapshot and the first delta), write the snapshot as a full image, {@link ChangeFollower#discardThrough(long)} its
 * sequence; then for each delta {@link #capture(ChangeFollower)}, write it, and on failure
 * {@link ChangeFollower#giveBack(ChangeSet)}. Two managers keep two followers, each complete.
 */
public interface ChangeChannel {

    /**
     * The channel of a database.
     *
     * @param db the database
     * @return its channel
     * @throws NullPointerException if {@code db} is null
     */
    static ChangeChannel of(DictDB db) {
        return ChannelAccess.channelOf(db);
    }

    /**
     * The sequence number of the last committed change.
     *
     * @return the sequence number
     */
    long sequence();

    /**
     * The database's id, written into every image of it.
     *
     * @return the id
     */
    String databaseId();

    /**
     * A consistent image of every table at one sequence number, which every follower pins as a point a full image
     * may be written at.
     *
     * @return the snapshot
     */
    Snapshot snapshot();

    /**
     * Starts recording every change committed from now on for one consumer.
     *
     * @return the follower; close it when done
     */
    ChangeFollower follow();

    /**
     * The followers open now: a full-only backup manager keeps none, so writers record nothing for it.
     *
     * @return the count
     */
    int followerCount();

    /**
     * Tells a durable database that a backup in {@code folder}, read back whole, holds every change through
     * {@code sequence}: when the folder is the database's own, the journal segments it covers are deleted. Does
     * nothing for an in-memory database or another folder.
     *
     * @param folder the backup folder
     * @param sequence the last sequence number the backup chain holds
     * @return the number of journal segments deleted
     */
    int backedUp(java.nio.file.Path folder, long sequence);

    /**
     * Captures a follower's changes since its previous capture as one set, with every table's key counter right
     * after its last change, read under every table's read lock so that the set holds whole commits only.
     *
     * @param follower a follower of this database
     * @return the set, possibly empty
     * @throws IllegalStateException if the follower is closed, or the calling thread holds a table lock
     */
    ChangeSet capture(ChangeFollower follower);

    /**
     * Applies a change set, in order: records are replaced whole or deleted by key, tables and indexes created or
     * dropped; then every table's key counter moves up to the one the set carries, and the sequence number to the
     * set's last, so that a set in net form (whose numbering has gaps) leaves the same state as the database it was
     * captured from.
     *
     * @param set the changes
     * @return the number of changes applied
     * @throws io.dictdb.TableNotFoundException if a change or a key counter names a table that does not exist
     */
    int apply(ChangeSet set);

    /**
     * Applies changes in order, as {@link #apply(ChangeSet)} does, each keeping its sequence number when it is ahead
     * of the database's (so gaps stay gaps).
     *
     * @param changes the changes
     * @return the number applied
     * @throws io.dictdb.TableNotFoundException if a change names a table that does not exist
     */
    int apply(List<Change> changes);

    /**
     * Applies one commit read back (a journal entry): its changes, consecutively numbered, become visible together,
     * as the commit did on the database it was read from (a reader of the tables never sees part of it). A commit of
     * record changes is applied as a transaction over its tables; a single change or DDL as
     * {@link #apply(List)} does.
     *
     * @param commit the changes of one commit, consecutively numbered, at least one
     * @return the number applied
     * @throws io.dictdb.TableNotFoundException if a change names a table that does not exist
     */
    int applyCommit(List<Change> commit);

    /**
     * Makes the database read-only, for a warm standby: from now on every public write (insert, upsert, update,
     * delete, index and table creation or removal, a transaction) throws {@link IllegalStateException} with
     * {@code reason} in its message, while the {@code apply} methods of this channel still apply changes. Reads are
     * unchanged and take the same locks.
     *
     * @param reason why, for the error (say, "it is a standby of /data/db: promote() it to write")
     */
    void readOnly(String reason);

    /** Takes public writes again (the opposite of {@link #readOnly(String)}). */
    void writable();

    /**
     * Why the database is read-only.
     *
     * @return the reason given to {@link #readOnly(String)}, or empty while writable
     */
    java.util.Optional<String> readOnlyReason();
}
