package io.dictdb.spi;

/**
 * Changes {@code first..last} of a delta were committed together (a transaction, an {@code insertAll}, an update or
 * delete of many records): a state between them never existed, so a restore at a sequence number inside the range
 * stops before {@code first}. Only commits of two changes or more are listed; a single change is its own commit.
 *
 * @param first the first sequence number of the commit, at least 1
 * @param last the last sequence number of the commit, greater than {@code first}
 */
public record CommitRange(long first, long last) {

    /**
     * Checks the range.
     *
     * @param first the first sequence number, at least 1
     * @param last the last sequence number, greater than {@code first}
     * @throws IllegalArgumentException if {@code first < 1} or {@code last <= first}
     */
    public CommitRange {
        if (first < 1 || last <= first) {
            throw new IllegalArgumentException("A commit range runs from a sequence number of at least 1 to a later "
                    + "one, got " + first + ".." + last);
        }
    }

    /**
     * Whether {@code sequence} falls inside the commit without being its last change: a state there never existed.
     *
     * @param sequence a sequence number
     * @return true when {@code first <= sequence < last}
     */
    public boolean splits(long sequence) {
        return sequence >= first && sequence < last;
    }
}
