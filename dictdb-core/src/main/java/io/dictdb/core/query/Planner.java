package io.dictdb.core.query;

import io.dictdb.Values;
import io.dictdb.core.index.FieldIndex;
import io.dictdb.core.index.SortedIndex;
import io.dictdb.core.storage.Row;
import io.dictdb.query.Condition;
import io.dictdb.query.Plan;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns a condition into index lookups. Equality and {@code in} use any index; ranges, {@code between} and
 * prefixes use a sorted index. AND uses every indexable part, starting from the smallest candidate set; OR is a
 * union when every part is indexable. Everything else scans. Candidates are always tested against the whole
 * condition afterwards, so an index only ever narrows the records examined and never changes the result.
 */
final class Planner {
    private Planner() {
    }

    /** Plans {@code where}; call under the table's read lock. */
    static Selection plan(QuerySource source, Condition where) {
        Lookup l = lookup(source, where, Integer.MAX_VALUE);
        if (l == null) {
            return Selection.scan();
        }
        return Selection.of(l.keys, l.exact, l.node);
    }

    /**
     * Candidate rows with the plan step that found them. {@code exact} means the rows are precisely those matching
     * the condition, so testing them again is unnecessary.
     */
    private record Lookup(Collection<Row> keys, Plan.Node node, boolean exact) {
        static Lookup of(FieldIndex index, Condition c, Collection<Row> keys) {
            return of(index, c, keys, true);
        }

        static Lookup of(FieldIndex index, Condition c, Collection<Row> keys, boolean exact) {
            return new Lookup(keys, new Plan.IndexLookup(index.field(), index.type(), c, keys.size()), exact);
        }
    }

    /**
     * The lookup serving {@code c}, or null when no index serves it. A range on a sorted index stops once it passes
     * {@code cap} rows and comes back as a lookup without keys ("not read"): an AND has a smaller set already.
     */
    private static Lookup lookup(QuerySource source, Condition c, int cap) {
        if (c instanceof Condition.Compare x) {
            FieldIndex index = source.indexOn(x.field());
            if (index == null) {
                return x.op() == Condition.Op.EQ && x.field().equals(source.primaryKey())
                        ? byPrimaryKey(source, c, java.util.Collections.singletonList(x.value())) : null;
            }
            return switch (x.op()) {
                case EQ -> Lookup.of(index, c, index.equalTo(x.value()));
                case NE -> null;
                case LT -> sorted(index, c, x.value(), false, false, cap);
                case LTE -> sorted(index, c, x.value(), false, true, cap);
                case GT -> sorted(index, c, x.value(), true, false, cap);
                case GTE -> sorted(index, c, x.value(), true, true, cap);
            };
        }
        if (c instanceof Condition.In x && !x.negated()) {
            FieldIndex index = source.indexOn(x.field());
            if (index == null) {
                return x.field().equals(source.primaryKey()) ? byPrimaryKey(source, c, x.values()) : null;
            }
            Set<Row> keys = new LinkedHashSet<>();
            for (Object v : x.values()) {
                keys.addAll(index.equalTo(v));
            }
            return Lookup.of(index, c, keys);
        }
        if (c instanceof Condition.Between x) {
            if (!(source.indexOn(x.field()) instanceof SortedIndex index)) {
                return null;
            }
            // a null bound is not "unbounded": nothing compares with null, so nothing matches
            return capped(index, c, x.low() == null || x.high() == null ? List.of()
                    : index.range(x.low(), true, x.high(), true, cap), true, cap);
        }
        if (c instanceof Condition.Text x) {
            String prefix = x.literalPrefix();
            if (prefix == null || !(source.indexOn(x.field()) instanceof SortedIndex index)) {
                return null;
            }
            // a prefix range holds exactly the strings that start with it; LIKE may say more after the prefix
            return capped(index, c, index.prefix(prefix, cap), x.op() == Condition.TextOp.STARTS_WITH, cap);
        }
        if (c instanceof Condition.IsNull x && !x.negated()) {
            FieldIndex index = source.indexOn(x.field());
            return index == null ? null : Lookup.of(index, c, index.nulls());
        }
        if (c instanceof Condition.And x) {
            return and(source, x);
        }
        if (c instanceof Condition.Or x) {
            return or(source, x);
        }
        return null;
    }

    /** Equality on the primary key: the table's own key map is the index. */
    private static Lookup byPrimaryKey(QuerySource source, Condition c, List<Object> values) {
        Set<Row> keys = new LinkedHashSet<>();
        for (Object v : values) {
            if (v != null) {
                Row row = source.row(Values.hashKey(v));
                if (row != null) {
                    keys.add(row);
                }
            }
        }
        return new Lookup(keys, new Plan.KeyLookup(source.primaryKey(), c, keys.size()), true);
    }

    /** A range on a sorted index: {@code value} is the lower bound when {@code lower}, else the upper bound. */
    private static Lookup sorted(FieldIndex index, Condition c, Object value, boolean lower, boolean inclusive,
                                 int cap) {
        if (!(index instanceof SortedIndex sorted)) {
            return null;
        }
        if (!Values.comparable(value, value)) {
            return Lookup.of(index, c, List.of());
        }
        List<Row> keys = lower ? sorted.range(value, inclusive, null, true, cap)
                : sorted.range(null, true, value, inclusive, cap);
        return capped(index, c, keys, true, cap);
    }

    /** A range lookup, or when it passed {@code cap} rows (keys null), the note that it was not read. */
    private static Lookup capped(FieldIndex index, Condition c, List<Row> keys, boolean exact, int cap) {
        if (keys == null) {
            return new Lookup(null, new Plan.IndexSkipped(index.field(), index.type(), c, cap), false);
        }
        return Lookup.of(index, c, keys, exact);
    }

    /** Whether {@code c} is served by reading a range of a sorted index, whose cost grows with its size. */
    private static boolean isRange(Condition c) {
        return c instanceof Condition.Compare x && x.op() != Condition.Op.EQ && x.op() != Condition.Op.NE
                || c instanceof Condition.Between || c instanceof Condition.Text;
    }

    private static Lookup and(QuerySource source, Condition.And and) {
        // Lookups that cost no more than their size first; then ranges, each read only while smaller than the
        // smallest set so far (a larger range could neither be the start nor narrow the candidates).
        List<Lookup> parts = new ArrayList<>();
        List<Lookup> skipped = new ArrayList<>();
        int smallestSize = Integer.MAX_VALUE;
        for (int pass = 0; pass < 2; pass++) {
            for (Condition p : and.parts()) {
                if (isRange(p) != (pass == 1)) {
                    continue;
                }
                Lookup l = lookup(source, p, smallestSize);
                if (l == null) {
                    continue;
                }
                if (l.keys == null) {
                    skipped.add(l);
                } else {
                    parts.add(l);
                    smallestSize = Math.min(smallestSize, l.keys.size());
                }
            }
        }
        if (parts.isEmpty()) {
            return null;
        }
        parts.sort(Comparator.comparingInt(l -> l.keys.size()));
        Lookup smallest = parts.get(0);
        boolean exact = parts.size() == and.parts().size();
        parts.addAll(skipped); // shown in the plan, tested on the candidates; never intersected
        List<Plan.Node> nodes = new ArrayList<>(parts.size());
        nodes.add(smallest.node);
        Collection<Row> keys = smallest.keys;
        for (int i = 1; i < parts.size(); i++) {
            Lookup other = parts.get(i);
            nodes.add(other.node);
            exact &= other.exact;
            if (other.keys == null) {
                continue;
            }
            if (other.keys instanceof Set<Row> set) {
                List<Row> kept = new ArrayList<>(Math.min(keys.size(), set.size()));
                for (Row k : keys) {
                    if (set.contains(k)) {
                        kept.add(k);
                    }
                }
                keys = kept;
            } else {
                exact = false;
            }
        }
        exact &= smallest.exact;
        Plan.Node node = parts.size() > 1 ? new Plan.Intersect(nodes, keys.size()) : smallest.node;
        return new Lookup(keys, node, exact);
    }

    private static Lookup or(QuerySource source, Condition.Or or) {
        Set<Row> keys = new LinkedHashSet<>();
        List<Plan.Node> nodes = new ArrayList<>();
        boolean exact = true;
        for (Condition p : or.parts()) {
            Lookup l = lookup(source, p, Integer.MAX_VALUE);
            if (l == null) {
                return null;
            }
            exact &= l.exact;
            keys.addAll(l.keys);
            nodes.add(l.node);
        }
        return new Lookup(keys, new Plan.Union(nodes, keys.size()), exact);
    }
}
