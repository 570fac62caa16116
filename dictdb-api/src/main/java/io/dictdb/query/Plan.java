package io.dictdb.query;

import io.dictdb.IndexType;
import io.dictdb.Record;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How a query ran, as {@code EXPLAIN ANALYZE} would say it: a tree of {@link Node steps} (which index served which
 * condition and how many candidates it yielded, how they were combined, filtered, ordered), with the totals: the
 * candidate records, the records examined, whether the order came from an index. {@link #toString()} draws the tree,
 * one step a line, readable on one screen.
 *
 * <p>The plan and its nodes are public API, for tools that read plans (a test that asserts an index was used, a
 * dashboard of slow queries): the eleven node records ({@link IndexLookup}, {@link IndexSkipped}, {@link KeyLookup},
 * {@link Intersect}, {@link Union}, {@link Scan}, {@link Filter}, {@link Keyset}, {@link OrderedWalk}, {@link TopK},
 * {@link Sort}) and their components are stable: a release does not rename, remove or change the meaning of one
 * without a deprecation first. New kinds of nodes may be added in later releases (a new index type, a new way to
 * combine lookups), so code that switches over {@link Node} must have a {@code default} branch (a pattern switch over
 * the sealed interface that lists the eleven kinds compiles today and fails on the first new one); what
 * {@link Node#describe()} and {@link #toString()} print is for people and may change in any release.
 *
 * @param table the table queried
 * @param root the last step, whose inputs are the earlier ones
 * @param fullScan true when every record of the table was examined
 * @param candidates the number of records the indexes yielded (the table's size for a scan)
 * @param examined the number of records tested against the condition
 * @param orderedByIndex true when the order came from a sorted index rather than a sort
 * @param returned the number of records (or groups) the query returned
 */
public record Plan(String table, Node root, boolean fullScan, long candidates, long examined,
                   boolean orderedByIndex, long returned) {

    /**
     * Checks the parts.
     *
     * @param table the table queried
     * @param root the last step
     * @param fullScan true for a scan
     * @param candidates records the indexes yielded
     * @param examined records tested
     * @param orderedByIndex true when ordered by an index
     * @param returned records returned
     */
    public Plan {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(root, "root");
    }

    /**
     * The fields whose index (or the primary key) served the query, in the order they were used, each once.
     *
     * @return the fields; empty for a scan
     */
    public List<String> indexes() {
        Set<String> out = new LinkedHashSet<>();
        collectIndexes(root, out);
        return List.copyOf(out);
    }

    private static void collectIndexes(Node n, Set<String> out) {
        for (Node in : n.inputs()) {
            collectIndexes(in, out);
        }
        if (n instanceof IndexLookup x) {
            out.add(x.field());
        } else if (n instanceof IndexSkipped x) {
            out.add(x.field());
        } else if (n instanceof KeyLookup x) {
            out.add(x.field());
        } else if (n instanceof OrderedWalk x) {
            out.add(x.field());
        }
    }

    /**
     * The steps as lines, the first step first (the tree's leaves before the nodes that use them).
     *
     * @return one line per step
     */
    public List<String> steps() {
        List<String> out = new ArrayList<>();
        collectSteps(root, out);
        return out;
    }

    private static void collectSteps(Node n, List<String> out) {
        for (Node in : n.inputs()) {
            collectSteps(in, out);
        }
        out.add(n.describe());
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Plan for table '").append(table).append("': ")
                .append(fullScan ? "full scan" : "index").append(", candidates=").append(candidates)
                .append(", examined=").append(examined).append(", returned=").append(returned)
                .append(orderedByIndex ? ", ordered by index" : "");
        draw(root, 1, sb);
        return sb.toString();
    }

    private static void draw(Node n, int depth, StringBuilder sb) {
        sb.append('\n').append("  ".repeat(depth)).append(depth > 1 ? "<- " : "").append(n.describe());
        for (Node in : n.inputs()) {
            draw(in, depth + 1, sb);
        }
    }

    /**
     * One step of a plan. The permitted kinds say what the engine did; {@link #describe()} says it in words. The
     * kinds are stable API, but later releases may add kinds: a switch over a node needs a {@code default} branch
     * (see {@link Plan}).
     */
    public sealed interface Node permits IndexLookup, IndexSkipped, KeyLookup, Intersect, Union, Scan, Filter, Keyset,
            OrderedWalk, TopK, Sort, Suggestion {

        /**
         * The steps this one takes its records from.
         *
         * @return the inputs, empty for a leaf
         */
        default List<Node> inputs() {
            return List.of();
        }

        /**
         * This step in words, on one line, without its inputs.
         *
         * @return the description
         */
        String describe();
    }

    /**
     * A lookup in an index on a field.
     *
     * @param field the indexed field
     * @param type the index's type
     * @param condition the condition it served
     * @param candidates the records it yielded
     */
    public record IndexLookup(String field, IndexType type, Condition condition, long candidates) implements Node {
        @Override
        public String describe() {
            return type + " index on '" + field + "' for " + condition + ": " + candidates + " candidates";
        }
    }

    /**
     * A range of a sorted index left unread inside an AND because it holds too many records next to a smaller
     * candidate set (more than half of it: reading and intersecting would cost more than testing the set): its
     * condition is tested on those candidates instead.
     *
     * @param field the indexed field
     * @param type the index's type
     * @param condition the condition it would have served
     * @param moreThan the number of rows it passed before it was left unread
     */
    public record IndexSkipped(String field, IndexType type, Condition condition, long moreThan) implements Node {
        @Override
        public String describe() {
            return type + " index on '" + field + "' for " + condition + ": more than " + moreThan
                    + " candidates, tested on the smaller set instead";
        }
    }

    /**
     * A lookup in the table's own primary-key map.
     *
     * @param field the primary-key field
     * @param condition the condition it served
     * @param candidates the records it yielded
     */
    public record KeyLookup(String field, Condition condition, long candidates) implements Node {
        @Override
        public String describe() {
            return "primary key '" + field + "' for " + condition + ": " + candidates + " candidates";
        }
    }

    /**
     * The records every input yielded (AND), computed from the smallest input first.
     *
     * @param inputs the lookups, smallest first
     * @param candidates the records left
     */
    public record Intersect(List<Node> inputs, long candidates) implements Node {
        /**
         * Copies the inputs.
         *
         * @param inputs the lookups
         * @param candidates the records left
         */
        public Intersect {
            inputs = List.copyOf(inputs);
        }

        @Override
        public String describe() {
            return "intersect, smallest first: " + candidates + " candidates";
        }
    }

    /**
     * The records any input yielded (OR, or IN on an index), each once.
     *
     * @param inputs the lookups
     * @param candidates the records in the union
     */
    public record Union(List<Node> inputs, long candidates) implements Node {
        /**
         * Copies the inputs.
         *
         * @param inputs the lookups
         * @param candidates the records in the union
         */
        public Union {
            inputs = List.copyOf(inputs);
        }

        @Override
        public String describe() {
            return "union: " + candidates + " candidates";
        }
    }

    /**
     * Every record of the table, because no index serves the condition.
     *
     * @param records the records in the table
     */
    public record Scan(long records) implements Node {
        @Override
        public String describe() {
            return "scan: every record (" + records + ")";
        }
    }

    /**
     * The records of the input that pass a condition the lookups did not settle.
     *
     * @param condition the condition tested on each record
     * @param input where the records come from
     */
    public record Filter(Condition condition, Node input) implements Node {
        @Override
        public List<Node> inputs() {
            return List.of(input);
        }

        @Override
        public String describe() {
            return "filter: " + condition;
        }
    }

    /**
     * The records of the input that come after a record in the query's order (keyset pagination).
     *
     * @param after the last record of the previous page
     * @param input where the records come from
     */
    public record Keyset(Record after, Node input) implements Node {
        @Override
        public List<Node> inputs() {
            return List.of(input);
        }

        @Override
        public String describe() {
            return "keyset: after " + after;
        }
    }

    /**
     * A walk of a sorted index in the query's order, stopped once enough records (and the ties of the last value)
     * were seen: no sort, and no other record is read.
     *
     * @param field the indexed field the query orders by first
     * @param descending true when walked from the highest value
     * @param wanted the records the query needs (offset plus limit)
     * @param candidates the records read from the index
     */
    public record OrderedWalk(String field, boolean descending, long wanted, long candidates) implements Node {
        @Override
        public String describe() {
            return "SORTED index on '" + field + "' walked " + (descending ? "descending" : "ascending")
                    + " for the first " + wanted + ": " + candidates + " candidates";
        }
    }

    /**
     * The first {@code k} records of the input in an order, kept in a bounded heap: the input is never sorted.
     *
     * @param order the sort keys
     * @param k the records kept (offset plus limit)
     * @param input where the records come from
     */
    public record TopK(List<Order> order, long k, Node input) implements Node {
        /**
         * Copies the order.
         *
         * @param order the sort keys
         * @param k the records kept
         * @param input where the records come from
         */
        public TopK {
            order = List.copyOf(order);
        }

        @Override
        public List<Node> inputs() {
            return List.of(input);
        }

        @Override
        public String describe() {
            return "top " + k + " by " + order + " in a bounded heap";
        }
    }

    /**
     * Every record of the input, sorted.
     *
     * @param order the sort keys
     * @param input where the records come from
     */
    public record Sort(List<Order> order, Node input) implements Node {
        /**
         * Copies the order.
         *
         * @param order the sort keys
         * @param input where the records come from
         */
        public Sort {
            order = List.copyOf(order);
        }

        @Override
        public List<Node> inputs() {
            return List.of(input);
        }

        @Override
        public String describe() {
            return "sort by " + order;
        }
    }

    /**
     * Advice on a scan that examined many records for few results: an index that would serve the condition. The
     * plan of the run is its input; the suggestion changes nothing of it.
     *
     * @param index the index to consider creating
     * @param input the plan's last step
     */
    public record Suggestion(io.dictdb.IndexSpec index, Node input) implements Node {
        @Override
        public List<Node> inputs() {
            return List.of(input);
        }

        @Override
        public String describe() {
            String kind = switch (index.type()) {
                case HASH -> "hash";
                case SORTED -> "sorted";
                case ELEMENTS -> "elements";
            };
            return "suggestion: consider IndexSpec." + kind + "(\"" + String.join("\", \"", index.fields()) + "\")";
        }
    }
}
