package io.dictdb.core.query;

import io.dictdb.Values;
import io.dictdb.core.index.FieldIndex;
import io.dictdb.core.index.SortedIndex;
import io.dictdb.core.storage.Row;
import io.dictdb.query.Condition;

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
            return Selection.scan(where);
        }
        return Selection.of(l.keys, l.exact, l.fields, l.steps);
    }

    /**
     * Candidate rows with how they were found; steps render as text only when a plan is shown. {@code exact} means
     * the rows are precisely those matching the condition, so testing them again is unnecessary.
     */
    private record Lookup(Collection<Row> keys, List<String> fields, List<Object> steps, boolean exact) {
        static Lookup of(FieldIndex index, Condition c, Collection<Row> keys) {
            return of(index, c, keys, true);
        }

        static Lookup of(FieldIndex index, Condition c, Collection<Row> keys, boolean exact) {
            return new Lookup(keys, List.of(index.field()), List.of(new IndexStep(index, c, keys.size())), exact);
        }
    }

    /** One index lookup, as a plan shows it. */
    private record IndexStep(FieldIndex index, Condition condition, int candidates) {
        @Override
        public String toString() {
            return index.type() + " index on '" + index.field() + "' for " + condition + ": " + candidates
                    + " candidates";
        }
    }

    /** A lookup in the table's primary-key map, as a plan shows it. */
    private record KeyStep(String primaryKey, Condition condition, int candidates) {
        @Override
        public String toString() {
            return "primary key '" + primaryKey + "' for " + condition + ": " + candidates + " candidates";
        }
    }

    /** A step whose text is built only when shown. */
    private record Text(String prefix, int count, String suffix) {
        @Override
        public String toString() {
            return prefix + count + suffix;
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
        return new Lookup(keys, List.of(source.primaryKey()), List.of(new KeyStep(source.primaryKey(), c, keys.size())),
                true);
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
        List<String> fields = new ArrayList<>(smallest.fields);
        List<Object> steps = new ArrayList<>(smallest.steps);
        Collection<Row> keys = smallest.keys;
        for (int i = 1; i < parts.size(); i++) {
            Lookup other = parts.get(i);
            fields.addAll(other.fields);
            steps.addAll(other.steps);
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
        if (parts.size() > 1) {
            steps.add(new Text("intersect smallest first: ", keys.size(), " candidates"));
        }
        return new Lookup(keys, fields, steps, exact);
    }

    private static Lookup or(QuerySource source, Condition.Or or) {
        Set<Row> keys = new LinkedHashSet<>();
        List<String> fields = new ArrayList<>();
        List<Object> steps = new ArrayList<>();
        boolean exact = true;
        for (Condition p : or.parts()) {
            Lookup l = lookup(source, p);
            if (l == null) {
                return null;
            }
            exact &= l.exact;
            keys.addAll(l.keys);
            fields.addAll(l.fields);
            steps.addAll(l.steps);
        }
        steps.add(new Text("union: ", keys.size(), " candidates"));
        return new Lookup(keys, fields, steps, exact);
    }
}
