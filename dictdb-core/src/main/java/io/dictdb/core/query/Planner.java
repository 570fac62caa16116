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
        Lookup l = lookup(source, where);
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

    private static Lookup lookup(QuerySource source, Condition c) {
        if (c instanceof Condition.Compare x) {
            FieldIndex index = source.indexOn(x.field());
            if (index == null) {
                return x.op() == Condition.Op.EQ && x.field().equals(source.primaryKey())
                        ? byPrimaryKey(source, c, java.util.Collections.singletonList(x.value())) : null;
            }
            return switch (x.op()) {
                case EQ -> Lookup.of(index, c, index.equalTo(x.value()));
                case NE -> null;
                case LT -> sorted(index, c, x.value(), false, false);
                case LTE -> sorted(index, c, x.value(), false, true);
                case GT -> sorted(index, c, x.value(), true, false);
                case GTE -> sorted(index, c, x.value(), true, true);
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
            return Lookup.of(index, c, x.low() == null || x.high() == null ? List.of()
                    : index.range(x.low(), true, x.high(), true));
        }
        if (c instanceof Condition.Text x) {
            String prefix = x.literalPrefix();
            if (prefix == null || !(source.indexOn(x.field()) instanceof SortedIndex index)) {
                return null;
            }
            // a prefix range holds exactly the strings that start with it; LIKE may say more after the prefix
            return Lookup.of(index, c, index.prefix(prefix), x.op() == Condition.TextOp.STARTS_WITH);
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
    private static Lookup sorted(FieldIndex index, Condition c, Object value, boolean lower, boolean inclusive) {
        if (!(index instanceof SortedIndex sorted)) {
            return null;
        }
        if (!Values.comparable(value, value)) {
            return Lookup.of(index, c, List.of());
        }
        List<Row> keys = lower ? sorted.range(value, inclusive, null, true)
                : sorted.range(null, true, value, inclusive);
        return Lookup.of(index, c, keys);
    }

    private static Lookup and(QuerySource source, Condition.And and) {
        List<Lookup> parts = new ArrayList<>();
        for (Condition p : and.parts()) {
            Lookup l = lookup(source, p);
            if (l != null) {
                parts.add(l);
            }
        }
        if (parts.isEmpty()) {
            return null;
        }
        parts.sort(Comparator.comparingInt(l -> l.keys.size()));
        Lookup smallest = parts.get(0);
        boolean exact = parts.size() == and.parts().size();
        List<Plan.Node> nodes = new ArrayList<>(parts.size());
        nodes.add(smallest.node);
        Collection<Row> keys = smallest.keys;
        for (int i = 1; i < parts.size(); i++) {
            Lookup other = parts.get(i);
            nodes.add(other.node);
            exact &= other.exact;
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
            Lookup l = lookup(source, p);
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
