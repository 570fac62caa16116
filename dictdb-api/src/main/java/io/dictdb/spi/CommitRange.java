package io.dictdb.spi;

/**
 * Changes {@code first..last} (inclusive) of a delta were committed together: one transaction, one
 * {@code insertAll}, one update of many records. A restore at a sequence number inside such a range stops before
 * it, so that it never holds half a commit. Only commits of two changes or more are listed: a change outside every
 * range is its own commit.
 *
 * <p>A delta lists its ranges in increasing order, not overlapping, each inside its header's
 * {@code firstSequence..lastSequence} ({@link ImageWriter#writeCommits(java.util.List)},
 * {@link ImageReader#readCommits()}). In a delta kept in net form (per record its last write) some numbers of a
 * range may have no change left: the range still says where a restore may stop.
 *
 * @param first the sequence number of the commit's first change, at least 1
 * @param last the sequence number of its last change, greater than {@code first}
 */
public record CommitRange(long first, long last) {

    /**
     * Checks the parts.
     *
     * @param first the first sequence number
     * @param last the last sequence number
     * @throws IllegalArgumentException if {@code first < 1} or {@code last <= first}
     */
    public CommitRange {
        if (first < 1) {
            throw new IllegalArgumentException("a commit's first sequence number must be at least 1, got " + first);
        }
        if (last <= first) {
            throw new IllegalArgumentException("a commit range lists two changes or more: its last sequence number "
                    + "must be greater than its first, got " + first + ".." + last);
        }
    }

    /**
     * Whether the range holds a sequence number.
     *
     * @param sequence the sequence number
     * @return whether {@code first <= sequence <= last}
     */
    public boolean contains(long sequence) {
        return first <= sequence && sequence <= last;
    }

    /**
     * Whether {@code sequence} falls inside the commit without being its last change: a state there never existed,
     * so a restore asked to stop there stops before {@link #first()}.
     *
     * @param sequence a sequence number
     * @return true when {@code first <= sequence < last}
     */
    public boolean splits(long sequence) {
        return sequence >= first && sequence < last;
    }

    /**
     * The number of sequence numbers it spans.
     *
     * @return {@code last - first + 1}, at least 2
     */
    public long size() {
        return last - first + 1;
    }

    @Override
    public String toString() {
        return first + ".." + last;
    }
}
