package io.dictdb.spi;

import io.dictdb.CodecException;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The commits of one delta ({@link CommitRange}s), checked one by one as a codec reads them: each is a valid range,
 * after the one before it without overlap, and inside the header's {@code firstSequence..lastSequence}; there are
 * never more than {@link #maxCount(ImageHeader)} of them, so a hostile count fails before anything is allocated for
 * it. Every codec's reader feeds its ranges through one of these, so all of them refuse the same things with the same
 * messages; {@link AbstractImageWriter} and {@link AbstractImageReader} check whole lists with the same rules
 * ({@link #check(ImageHeader, List)}).
 *
 * <p>Not thread-safe: one reader uses it.
 */
public final class DeltaCommits {
    private final ImageHeader header;
    private final int maxCount;
    private final List<CommitRange> ranges = new ArrayList<>();

    /**
     * Starts the commits of a delta.
     *
     * @param header the delta's header
     * @throws IllegalArgumentException if the header is not a delta's
     */
    public DeltaCommits(ImageHeader header) {
        this.header = Objects.requireNonNull(header, "header");
        if (header.kind() != ImageKind.DELTA) {
            throw new IllegalArgumentException("only a delta lists commits, not a " + header.kind() + " image");
        }
        this.maxCount = maxCount(header);
    }

    /**
     * The most commits a delta can list: its ranges hold two sequence numbers or more each and do not overlap, so
     * at most half of the numbers its header covers (and never more than {@code Integer.MAX_VALUE - 8}, a list's
     * bound).
     *
     * @param header the delta's header
     * @return the bound
     */
    public static int maxCount(ImageHeader header) {
        long covered = header.lastSequence() - header.firstSequence() + 1; // 0 for an empty delta
        return (int) Math.min(covered / 2, Integer.MAX_VALUE - 8);
    }

    /**
     * Checks a count of commits read from input, before anything is allocated for it.
     *
     * @param claimed the count read
     * @return the count as an int
     * @throws CodecException if negative or more than {@link #maxCount(ImageHeader)}
     */
    public int checkCount(long claimed) {
        if (claimed < 0 || claimed > maxCount) {
            throw new CodecException("the delta claims " + claimed + " commits, but its sequence range "
                    + range(header) + " holds at most " + maxCount + ": corrupt or hostile input");
        }
        return (int) claimed;
    }

    /**
     * Adds the next commit read.
     *
     * @param first its first sequence number
     * @param last its last sequence number
     * @throws CodecException naming the commit and what is wrong with it: not a valid range, not after the one
     *     before, outside the header's range, or one more than {@link #maxCount(ImageHeader)}
     */
    public void add(long first, long last) {
        int index = ranges.size();
        if (index >= maxCount) {
            throw new CodecException("commit #" + (index + 1) + " (" + first + ".." + last + ") is one too many: the "
                    + "delta's sequence range " + range(header) + " holds at most " + maxCount + " commits");
        }
        String problem = problem(header, index, index == 0 ? null : ranges.get(index - 1), first, last);
        if (problem != null) {
            throw new CodecException(problem);
        }
        ranges.add(new CommitRange(first, last));
    }

    /**
     * The commits added so far.
     *
     * @return an unmodifiable copy, in order
     */
    public List<CommitRange> toList() {
        return List.copyOf(ranges);
    }

    /**
     * Checks a whole list of commits against a delta's header: what {@link AbstractImageWriter} does with the list
     * it is given and {@link AbstractImageReader} with the list a codec read.
     *
     * @param header the delta's header
     * @param commits the commits
     * @return null when they are valid, else what is wrong, naming the commit
     */
    public static String check(ImageHeader header, List<CommitRange> commits) {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(commits, "commits");
        if (commits.isEmpty()) {
            return null;
        }
        if (header.kind() != ImageKind.DELTA) {
            return "only a delta lists commits, not a " + header.kind() + " image";
        }
        int max = maxCount(header);
        if (commits.size() > max) {
            return commits.size() + " commits, but the delta's sequence range " + range(header) + " holds at most "
                    + max;
        }
        CommitRange previous = null;
        for (int i = 0; i < commits.size(); i++) {
            CommitRange c = Objects.requireNonNull(commits.get(i), "commit");
            String problem = problem(header, i, previous, c.first(), c.last());
            if (problem != null) {
                return problem;
            }
            previous = c;
        }
        return null;
    }

    /** What is wrong with commit {@code index} (from 0), or null. */
    private static String problem(ImageHeader header, int index, CommitRange previous, long first, long last) {
        String which = "commit #" + (index + 1) + " (" + first + ".." + last + ")";
        if (first < 1 || last <= first) {
            return which + " is not a commit range: it must list two changes or more, numbered from 1";
        }
        if (first < header.firstSequence() || last > header.lastSequence()) {
            return which + " lies outside the delta's sequence range " + range(header);
        }
        if (previous != null && first <= previous.last()) {
            return which + " does not follow commit #" + index + " (" + previous + "): commits come in increasing "
                    + "order and do not overlap";
        }
        return null;
    }

    private static String range(ImageHeader header) {
        return header.firstSequence() + ".." + header.lastSequence();
    }
}
