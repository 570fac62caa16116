package io.dictdb.core.change;

import io.dictdb.spi.Change;
import io.dictdb.spi.CommitRange;
import io.dictdb.spi.TableState;

import java.util.List;

/**
 * The changes committed over a contiguous range of sequence numbers, captured by
 * a {@link ChangeFollower} through {@link ChangeChannel#capture(ChangeFollower)}. Captures chain without gap or overlap: each starts right after the previous one's
 * {@link #lastSequence()}. Applied in order to the state at {@code firstSequence() - 1}, the changes give the state
 * at {@link #lastSequence()}.
 *
 * <p>While the changes are few, the set is exact: every sequence number of the range belongs to exactly one change,
 * in order, so applying the changes up to any sequence number of the range gives the state there. When many
 * changes pile up between captures, the database keeps them in net form instead (see
 * {@link ChangeFollower}): per record only its last write, a record created and deleted again within the
 * range not at all. The changes are then still in strictly increasing sequence order within the range, with gaps,
 * and only the whole set gives a state of the database (the one at {@link #lastSequence()}); {@link #isExact()}
 * tells which. A set may even hold no change while covering a range (everything written was deleted again): it is
 * not {@link #isEmpty()}, and a backup must still record that its range is covered.
 *
 * <p>An empty set covers no sequence number: {@code lastSequence() == firstSequence() - 1}.
 *
 * @param firstSequence the first sequence number covered
 * @param lastSequence the last sequence number covered
 * @param changes the changes, in strictly increasing sequence order, each numbered within the range
 * @param keyCounters every table's key counter right after {@link #lastSequence()}, as
 *     {@link ChangeChannel#capture(ChangeFollower)} reads them together with the changes (empty when not read)
 * @param commits the commits of two changes or more among them (a transaction, an {@code insertAll}, an update of
 *     many records), in order: a restore at a sequence number inside one stops before it. Only meaningful in an
 *     exact set; empty when none or not known (a file written before commits were recorded)
 */
public record ChangeSet(long firstSequence, long lastSequence, List<Change> changes, List<TableState> keyCounters,
                        List<CommitRange> commits) {

    /**
     * A set without key counters.
     *
     * @param firstSequence the first sequence number covered
     * @param lastSequence the last sequence number covered
     * @param changes the changes, in strictly increasing sequence order within the range
     * @throws IllegalArgumentException if the range is negative or a change is out of order or outside the range
     */
    public ChangeSet(long firstSequence, long lastSequence, List<Change> changes) {
        this(firstSequence, lastSequence, changes, List.of(), List.of());
    }

    /**
     * A set with key counters and no commit of several changes.
     *
     * @param firstSequence the first sequence number covered
     * @param lastSequence the last sequence number covered
     * @param changes the changes, in strictly increasing sequence order within the range
     * @param keyCounters the key counters right after {@code lastSequence}
     * @throws IllegalArgumentException if the range is negative or a change is out of order or outside the range
     */
    public ChangeSet(long firstSequence, long lastSequence, List<Change> changes, List<TableState> keyCounters) {
        this(firstSequence, lastSequence, changes, keyCounters, List.of());
    }

    /**
     * Checks that the changes are numbered in strictly increasing order within the range.
     *
     * @param firstSequence the first sequence number covered
     * @param lastSequence the last sequence number covered
     * @param changes the changes, in strictly increasing sequence order within the range
     * @param keyCounters the key counters right after {@code lastSequence}
     * @param commits the commits of several changes, in order, inside the range
     * @throws IllegalArgumentException if the range is negative, a change is out of order or outside the range, or a
     *     commit is out of order or outside the range
     */
    public ChangeSet {
        changes = List.copyOf(changes);
        keyCounters = List.copyOf(keyCounters);
        commits = List.copyOf(commits);
        long end = firstSequence - 1;
        for (CommitRange c : commits) {
            if (c.first() <= end || c.last() > lastSequence) {
                throw new IllegalArgumentException("Change set [" + firstSequence + ", " + lastSequence + "]: commit "
                        + c.first() + ".." + c.last() + " is out of order or outside the range");
            }
            end = c.last();
        }
        if (lastSequence < firstSequence - 1 || lastSequence - firstSequence + 1 < changes.size()) {
            throw new IllegalArgumentException("Change set [" + firstSequence + ", " + lastSequence + "] cannot hold "
                    + changes.size() + " changes");
        }
        long previous = firstSequence - 1;
        for (Change c : changes) {
            if (c.sequence() <= previous || c.sequence() > lastSequence) {
                throw new IllegalArgumentException("Change set [" + firstSequence + ", " + lastSequence + "]: change "
                        + c.sequence() + " (" + c.getClass().getSimpleName() + " on table '" + c.table()
                        + "') is out of order or outside the range, after " + previous);
            }
            previous = c.sequence();
        }
    }

    /**
     * Whether the set covers no sequence number. A set covering a range may still hold no change, when everything
     * written in it was undone (see the class comment).
     *
     * @return true when the range is empty
     */
    public boolean isEmpty() {
        return lastSequence < firstSequence;
    }

    /**
     * Whether every sequence number of the range belongs to one change: the set was not coalesced, so any prefix of
     * it is a state of the database.
     *
     * @return true when the changes fill the range
     */
    public boolean isExact() {
        return lastSequence - firstSequence + 1 == changes.size();
    }

    /**
     * The number of changes, which is less than the range's length when the set is in net form.
     *
     * @return the count
     */
    public int size() {
        return changes.size();
    }

    /**
     * The last sequence number at or before {@code sequence} that ends a commit: where a restore asked to stop at
     * {@code sequence} really stops, so that it never holds part of a commit.
     *
     * @param sequence a sequence number in the range
     * @return {@code sequence}, or the one before the commit that it falls inside
     */
    public long commitBoundaryAtOrBefore(long sequence) {
        for (CommitRange c : commits) {
            if (c.splits(sequence)) {
                return c.first() - 1;
            }
        }
        return sequence;
    }
}
