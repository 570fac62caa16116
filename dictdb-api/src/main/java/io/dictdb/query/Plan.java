package io.dictdb.query;

import java.util.List;

/**
 * How a query ran: which indexes served it, how many candidate records they yielded, how many records were
 * examined, and whether the order came from an index. {@link #toString()} is a readable summary, one step a line.
 *
 * @param table the table queried
 * @param indexes the fields whose index served the query, in the order they were used
 * @param steps one readable line per step, naming each index with its field and type, or "scan"
 * @param fullScan true when every record of the table was examined
 * @param candidates the number of records the indexes yielded (the table's size for a scan)
 * @param examined the number of records tested against the condition
 * @param orderedByIndex true when the order came from a sorted index rather than a sort
 * @param returned the number of records (or groups) the query returned
 */
public record Plan(String table, List<String> indexes, List<String> steps, boolean fullScan, long candidates,
                   long examined, boolean orderedByIndex, long returned) {

    /**
     * Copies the lists.
     *
     * @param table the table queried
     * @param indexes the fields whose index served the query
     * @param steps readable lines
     * @param fullScan true for a scan
     * @param candidates records the indexes yielded
     * @param examined records tested
     * @param orderedByIndex true when ordered by an index
     * @param returned records returned
     */
    public Plan {
        indexes = List.copyOf(indexes);
        steps = List.copyOf(steps);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Plan for table '").append(table).append("':");
        for (String s : steps) {
            sb.append("\n  ").append(s);
        }
        sb.append("\n  ").append(fullScan ? "full scan" : "index").append(": candidates=").append(candidates)
                .append(", examined=").append(examined).append(", returned=").append(returned)
                .append(orderedByIndex ? ", ordered by index" : "");
        return sb.toString();
    }
}
