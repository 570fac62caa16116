package io.dictdb.core;

import io.dictdb.spi.Change;
import io.dictdb.spi.TableState;

import java.util.List;

/**
 * The changes committed over a contiguous range of sequence numbers, captured by
 * {@link DictDB#captureChanges()}. The range is exact: every sequence number from {@link #firstSequence()} to
 * {@link #lastSequence()} belongs to exactly one change of the list, in order. An empty set has
 * {@code lastSequence() == firstSequence() - 1}.
 *
 * @param firstSequence the first sequence number covered
 * @param lastSequence the last sequence number covered
 * @param changes the changes, in sequence order
 * @param keyCounters every table's key counter right after {@link #lastSequence()}, as
 *     {@link DictDB#captureChanges()} reads them together with the changes (empty when not read)
 */
public record ChangeSet(long firstSequence, long lastSequence, List<Change> changes, List<TableState> keyCounters) {

    /**
     * A set without key counters.
     *
     * @param firstSequence the first sequence number covered
     * @param lastSequence the last sequence number covered
     * @param changes the changes, in sequence order
     * @throws IllegalArgumentException if the count of changes does not match the range
     */
    public ChangeSet(long firstSequence, long lastSequence, List<Change> changes) {
        this(firstSequence, lastSequence, changes, List.of());
    }

    /**
     * Checks that the range matches the changes.
     *
     * @param firstSequence the first sequence number covered
     * @param lastSequence the last sequence number covered
     * @param changes the changes, in sequence order
     * @param keyCounters the key counters right after {@code lastSequence}
     * @throws IllegalArgumentException if the count of changes does not match the range
     */
    public ChangeSet {
        changes = List.copyOf(changes);
        keyCounters = List.copyOf(keyCounters);
        if (lastSequence - firstSequence + 1 != changes.size()) {
            throw new IllegalArgumentException("Change set [" + firstSequence + ", " + lastSequence + "] holds "
                    + changes.size() + " changes");
        }
    }

    /**
     * Whether the set holds no change.
     *
     * @return true when empty
     */
    public boolean isEmpty() {
        return changes.isEmpty();
    }

    /**
     * The number of changes.
     *
     * @return the count
     */
    public int size() {
        return changes.size();
    }
}
