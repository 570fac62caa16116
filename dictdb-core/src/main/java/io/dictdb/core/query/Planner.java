package io.dictdb.core.query;

import io.dictdb.Values;
import io.dictdb.core.index.FieldIndex;
import io.dictdb.core.index.SortedIndex;
import io.dictdb.core.storage.Row;
import io.dictdb.internal.ValueKeys;
import io.dictdb.query.Condition;
import io.dictdb.query.Plan;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a condition into index lookups. Equality and {@code in} use any index; ranges, {@code between} and
 * prefixes use a sorted index. AND uses every indexable part, starting from the smallest candidate set, and reads
 * the bounds it puts on one sorted field ({@code gte} and {@code lt}, {@code between} and {@code startsWith}, ...)
 * as one {@link FieldRange}; OR is a union when every part is indexable. Everything else scans. The candidates are
 * then tested against the parts no lookup settled exactly (the {@link Residual}), so an index only ever narrows the
 * records examined and never changes the result.
 */
final class Planner {
    private Planner() {
    }

    /** Plans {@code where}; call under the table's read lock. */
    static Selection plan(QuerySource table, Condition where) {
        IndexChoice source = IndexChoice.of(table, where);
        Lookup l = lookup(source, where, Integer.MAX_VALUE);
        if (l == null) {
            return Selection.scan(Residual.of(where));
        }
        return Selection.of(l.keys, l.node, Residual.of(l.left));
    }

    /**
     * Candidate rows with the plan step that found them, the conditions the lookup served ({@code covers}) and
     * those of them its rows do not settle, to test on each candidate ({@code left}; empty when the rows are
     * precisely those matching).
     */
    private record Lookup(Collection<Row> keys, Plan.Node node, List<Condition> covers, List<Condition> left) {
        static Lookup of(FieldIndex index, Condition c, Collection<Row> keys) {
            return of(index, c, keys, true);
        }

        static Lookup of(FieldIndex index, Condition c, Collection<Row> keys, boolean exact) {
            index.usage().used(keys.size());
            return new Lookup(keys, new Plan.IndexLookup(index.name(), index.type(), c, keys.size()), List.of(c),
                    exact ? List.of() : List.of(c));
        }

        boolean exact() {
            return left.isEmpty();
        }
    }

    /**
     * The lookup serving {@code c}, or null when no index serves it. A range on a sorted index stops once it passes
     * {@code cap} rows and comes back as a lookup without keys ("not read"): an AND has a smaller set already.
     */
    private static Lookup lookup(IndexChoice source, Condition c, int cap) {
        return lookup(source, c, cap, true);
    }

    /**
     * As {@link #lookup(IndexChoice, Condition, int)}; {@code composites} false for a part of an AND, whose
     * composite lookups are made for all its parts at once.
     */
    private static Lookup lookup(IndexChoice source, Condition c, int cap, boolean composites) {
        if (c instanceof Condition.Compare x && x.op() == Condition.Op.EQ) {
            FieldIndex index = source.indexOn(x.field());
            if (index == null) {
                return x.field().equals(source.primaryKey())
                        ? byPrimaryKey(source, c, Collections.singletonList(x.value())) : composites
                        ? composite(source, List.of(c), Integer.MAX_VALUE) : null;
            }
            return Lookup.of(index, c, index.equalTo(x.value()));
        }
        FieldRange range = FieldRange.of(c); // gt, gte, lt, lte, between, startsWith
        if (range != null) {
            return source.indexOn(range.field()) instanceof SortedIndex index ? range(source, index, range, cap)
                    : composites ? composite(source, List.of(c), cap) : null;
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
        if (c instanceof Condition.Text x) {
            String prefix = x.literalPrefix();
            if (prefix == null || !(source.indexOn(x.field()) instanceof SortedIndex index)) {
                return null;
            }
            // LIKE: the prefix range holds every match, but the pattern may say more after the prefix
            List<Row> keys = index.prefix(prefix, cap);
            return keys == null ? skipped(index, c, cap, List.of(c)) : Lookup.of(index, c, keys, false);
        }
        if (c instanceof Condition.IsNull x && !x.negated()) {
            FieldIndex index = source.indexOn(x.field());
            return index == null ? null : Lookup.of(index, c, index.nulls());
        }
        if (c instanceof Condition.Has x) {
            return has(source, x);
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
    private static Lookup byPrimaryKey(IndexChoice source, Condition c, List<Object> values) {
        Set<Row> keys = new LinkedHashSet<>();
        for (Object v : values) {
            if (v != null) {
                Row row = source.row(ValueKeys.hashKey(v));
                if (row != null) {
                    keys.add(row);
                }
            }
        }
        return new Lookup(keys, new Plan.KeyLookup(source.primaryKey(), c, keys.size()), List.of(c), List.of());
    }

    /**
     * The rows of an interval of a sorted index: exactly those passing its conditions. A point is one entry of the
     * index, read whatever its size; a wider interval is read only up to {@code cap} rows.
     */
    private static Lookup range(IndexChoice source, SortedIndex index, FieldRange range, int cap) {
        Condition shown = range.condition();
        long expected = range.isPoint() ? -1 : expectedRows(source, index, range);
        if (cap < Integer.MAX_VALUE && expected > ESTIMATE_MARGIN * cap) {
            return skipped(index, shown, cap, range.parts()); // surely above the cap: not read at all
        }
        Collection<Row> keys = range.isPoint() ? range.readPoint(index) : range.read(index, cap, expected);
        if (keys == null) {
            return skipped(index, shown, cap, range.parts());
        }
        index.usage().used(keys.size());
        return new Lookup(keys, new Plan.IndexLookup(index.name(), index.type(), shown, keys.size()),
                range.parts(), List.of());
    }

    /** Below this many rows an index's range is read up to the cap rather than guessed at: reading is cheap. */
    private static final long ESTIMATE_FROM_ROWS = 10_000;
    /** How far a guess must exceed the cap to skip the read: a margin for values not spread evenly. */
    private static final long ESTIMATE_MARGIN = 4;

    /**
     * A guess at a range's rows from the index's lowest and highest values (numbers only), without walking it, or
     * -1. An AND's range guessed at more than {@link #ESTIMATE_MARGIN} times its cap is skipped at once, instead of
     * being read up to the cap (half the smallest candidate set) and dropped; a range read has room made for the
     * guess. A wrong guess costs speed only: a skipped range's conditions are tested on the candidates, as for a
     * range that passed the cap, and a capacity never changes a list's content.
     */
    private static long expectedRows(IndexChoice source, SortedIndex index, FieldRange range) {
        long rows = (long) source.size() - index.nulls().size();
        return rows < ESTIMATE_FROM_ROWS ? -1 : range.estimatedRows(index, rows);
    }

    /** A range that passed {@code cap} rows: not read, its conditions tested on the smaller set instead. */
    private static Lookup skipped(FieldIndex index, Condition shown, int cap, List<Condition> parts) {
        return new Lookup(null, new Plan.IndexSkipped(index.name(), index.type(), shown, cap), parts, parts);
    }

    /** Whether {@code c} is served by reading a range of a sorted index, whose cost grows with its size. */
    private static boolean isRange(Condition c) {
        return c instanceof Condition.Compare x && x.op() != Condition.Op.EQ && x.op() != Condition.Op.NE
                || c instanceof Condition.Between || c instanceof Condition.Text;
    }

    /**
     * One part of an AND to look up: a condition, or the interval of every bound on a field with a sorted index.
     */
    private record Part(Condition condition, FieldRange range) {
        /** The conditions this part stands for. */
        List<Condition> conditions() {
            return range != null ? range.parts() : List.of(condition);
        }

        /** Whether reading it costs more than its size: a range, as opposed to one entry or nothing. */
        boolean isRange() {
            return range != null ? !range.isPoint() && !range.isEmpty() : Planner.isRange(condition);
        }

        Lookup lookup(IndexChoice source, int cap) {
            return range != null ? Planner.range(source, (SortedIndex) source.indexOn(range.field()), range, cap)
                    : Planner.lookup(source, condition, cap, false);
        }
    }

    private static Lookup and(IndexChoice source, Condition.And and) {
        List<Condition> conditions = AndParts.flatten(and.parts());
        List<Part> plan = parts(source, conditions);
        // Lookups that cost no more than their size first; then ranges, each read only while it holds fewer than
        // half the rows of the smallest set so far. Reading a range row costs about what testing a candidate does
        // (a few dependent memory reads), and intersecting adds a set lookup per range row: a range pays only when
        // it is at most half the candidates, and giving up at half bounds what an unread range wastes.
        List<Lookup> parts = new ArrayList<>();
        List<Lookup> skipped = new ArrayList<>();
        int smallestSize = Integer.MAX_VALUE;
        // A composite index first: one entry (or one prefix's section) for several parts at once; the parts it
        // covers are not looked up again.
        Set<Condition> byComposite = Collections.newSetFromMap(new IdentityHashMap<>());
        Lookup comp = composite(source, conditions, Integer.MAX_VALUE);
        if (comp != null) {
            if (comp.keys.isEmpty()) {
                return new Lookup(comp.keys, comp.node, conditions, List.of());
            }
            parts.add(comp);
            smallestSize = comp.keys.size();
            byComposite.addAll(comp.covers); // what it leaves is tested on its rows, already the intersection
        }
        for (int pass = 0; pass < 2; pass++) {
            for (Part p : plan) {
                if (p.isRange() != (pass == 1)
                        || !byComposite.isEmpty() && byComposite.containsAll(p.conditions())) {
                    continue;
                }
                Lookup l = p.lookup(source, pass == 1 ? smallestSize / 2 : smallestSize);
                if (l == null) {
                    continue;
                }
                if (l.keys == null) {
                    skipped.add(l);
                } else if (l.keys.isEmpty()) {
                    // no candidate: the AND matches nothing, whatever its other parts say
                    List<Plan.Node> nodes = new ArrayList<>(List.of(l.node));
                    parts.forEach(x -> nodes.add(x.node));
                    Plan.Node node = nodes.size() > 1 ? new Plan.Intersect(nodes, 0) : l.node;
                    return new Lookup(l.keys, node, conditions, List.of());
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
        Set<Condition> settled = Collections.newSetFromMap(new IdentityHashMap<>());
        settle(smallest, settled);
        parts.addAll(skipped); // shown in the plan, tested on the candidates; never intersected
        List<Plan.Node> nodes = new ArrayList<>(parts.size());
        nodes.add(smallest.node);
        Collection<Row> keys = smallest.keys;
        for (int i = 1; i < parts.size(); i++) {
            Lookup other = parts.get(i);
            nodes.add(other.node);
            if (other.keys instanceof Set<Row> set) {
                List<Row> kept = new ArrayList<>(Math.min(keys.size(), set.size()));
                for (Row k : keys) {
                    if (set.contains(k)) {
                        kept.add(k);
                    }
                }
                keys = kept;
                settle(other, settled);
            }
            // a list of rows (a range read) is not intersected: its conditions are tested on the candidates
        }
        List<Condition> left = new ArrayList<>();
        for (Condition c : conditions) {
            if (!settled.contains(c)) {
                left.add(c);
            }
        }
        Plan.Node node = parts.size() > 1 ? new Plan.Intersect(nodes, keys.size()) : smallest.node;
        return new Lookup(keys, node, conditions, left);
    }

    /** The parts of an AND to look up, in order: the bounds on a field with a sorted index as one interval. */
    private static List<Part> parts(IndexChoice source, List<Condition> conditions) {
        List<Part> out = new ArrayList<>(conditions.size());
        Map<String, FieldRange> ranges = new LinkedHashMap<>();
        for (Condition c : conditions) {
            FieldRange r = FieldRange.of(c);
            if (r != null && source.indexOn(r.field()) instanceof SortedIndex) {
                if (ranges.putIfAbsent(r.field(), r) != null) {
                    ranges.put(r.field(), ranges.get(r.field()).and(r));
                } else {
                    out.add(null); // the place of the field's interval, filled in once every bound is in
                }
            } else {
                out.add(new Part(c, null));
            }
        }
        var it = ranges.values().iterator();
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i) == null) {
                out.set(i, new Part(null, it.next()));
            }
        }
        return out;
    }

    /**
     * The best lookup of a composite index for the parts of an AND (or one condition): the fewest rows. A hash
     * composite needs equality on every field; a sorted one serves equality on a prefix of its fields, plus an
     * interval on the next field when the parts bound it. Reads at most {@code cap} rows.
     */
    private static Lookup composite(IndexChoice source, List<Condition> conditions, int cap) {
        List<FieldIndex> composites = source.composites();
        if (composites.isEmpty()) {
            return null;
        }
        Map<String, Condition.Compare> equal = new LinkedHashMap<>();
        Map<String, FieldRange> ranges = new LinkedHashMap<>();
        for (Condition c : conditions) {
            if (c instanceof Condition.Compare x && x.op() == Condition.Op.EQ && x.value() != null
                    && !(x.value() instanceof Map<?, ?>)) {
                equal.putIfAbsent(x.field(), x);
            } else {
                FieldRange r = FieldRange.of(c);
                if (r != null) {
                    ranges.merge(r.field(), r, FieldRange::and);
                }
            }
        }
        Lookup best = null;
        Set<String> exactFields = Set.of();
        // Exact lookups first (equality on every field: one entry, its size known at once), so that a prefix's
        // section of another index is read only while it is smaller than that entry.
        for (int pass = 0; pass < 2; pass++) {
            for (FieldIndex index : composites) {
                List<String> fields = index.spec().fields();
                boolean exact = equal.keySet().containsAll(fields);
                if (exact != (pass == 0)) {
                    continue;
                }
                if (!exact && best != null && !exactFields.isEmpty()) {
                    // A section of a prefix of fields the exact entry already pins, with no range on the next field,
                    // holds every row of that entry: reading it cannot find fewer.
                    int n = 0;
                    while (n < fields.size() && equal.containsKey(fields.get(n))) {
                        n++;
                    }
                    if (exactFields.containsAll(fields.subList(0, n))
                            && (n == fields.size() || !ranges.containsKey(fields.get(n)))) {
                        continue;
                    }
                }
                Lookup l = composite(index, equal, ranges, best == null ? cap : Math.min(cap, best.keys.size()));
                if (l != null && (best == null || l.keys.size() < best.keys.size())) {
                    best = l;
                    exactFields = exact ? Set.copyOf(fields) : Set.of();
                }
            }
        }
        return best;
    }

    private static Lookup composite(FieldIndex index, Map<String, Condition.Compare> equal,
                                    Map<String, FieldRange> ranges, int cap) {
        List<String> fields = index.spec().fields();
        List<Object> prefix = new ArrayList<>(fields.size());
        List<Condition> covered = new ArrayList<>();
        for (String f : fields) {
            Condition.Compare eq = equal.get(f);
            if (eq == null) {
                break;
            }
            prefix.add(eq.value());
            covered.add(eq);
        }
        if (prefix.size() == fields.size()) {
            return compositeLookup(index, covered, List.of(), index.equalTo(prefix));
        }
        if (!(index instanceof SortedIndex sorted)) {
            return null;
        }
        FieldRange next = ranges.get(fields.get(prefix.size()));
        if (prefix.isEmpty() && next == null) {
            return null;
        }
        List<Row> rows;
        List<Condition> left = new ArrayList<>();
        if (next != null) {
            rows = next.readAfter(sorted, prefix, cap);
            covered.addAll(next.parts());
            left.addAll(next.parts()); // tested on the candidates: cheap, and exact whatever the bounds' types
        } else {
            List<Object> to = new ArrayList<>(prefix);
            to.add(null); // after every tuple of the prefix
            rows = sorted.tuples(prefix, true, to, false, cap);
        }
        if (rows == null) {
            return null;
        }
        if (prefix.size() + (next == null ? 0 : 1) < fields.size()) {
            // a record matching the parts may have a null or missing field further on: it is not in the index's
            // tuples but among its nulls, which join the candidates and are tested like them
            if ((long) rows.size() + index.nulls().size() > cap) {
                return null;
            }
            rows = new ArrayList<>(rows);
            rows.addAll(index.nulls());
            left = covered;
        }
        return compositeLookup(index, covered, left, rows);
    }

    private static Lookup compositeLookup(FieldIndex index, List<Condition> covered, List<Condition> left,
                                          Collection<Row> keys) {
        index.usage().used(keys.size());
        Condition shown = covered.size() == 1 ? covered.get(0) : new Condition.And(List.copyOf(covered));
        return new Lookup(keys, new Plan.IndexLookup(index.name(), index.type(), shown, keys.size()),
                List.copyOf(covered), List.copyOf(left));
    }

    /**
     * {@code has}, {@code hasAny} and {@code hasAll} on a list field with an elements index: the union of the
     * elements' entries (exact), or for {@code hasAll} of several values the smallest entry, tested on each row.
     */
    private static Lookup has(IndexChoice source, Condition.Has c) {
        FieldIndex index = source.elementsOn(c.field());
        if (index == null) {
            return null;
        }
        if (c.values().size() == 1) {
            return Lookup.of(index, c, index.equalTo(c.values().get(0)));
        }
        if (c.all()) {
            Collection<Row> smallest = null;
            for (Object v : c.values()) {
                Collection<Row> rows = index.equalTo(v);
                if (smallest == null || rows.size() < smallest.size()) {
                    smallest = rows;
                }
            }
            return Lookup.of(index, c, smallest, false);
        }
        Set<Row> keys = new LinkedHashSet<>();
        for (Object v : c.values()) {
            keys.addAll(index.equalTo(v));
        }
        return Lookup.of(index, c, keys);
    }

    /** Adds to {@code settled} the conditions a lookup's rows decide exactly. */
    private static void settle(Lookup l, Set<Condition> settled) {
        for (Condition c : l.covers) {
            if (!l.left.contains(c)) {
                settled.add(c);
            }
        }
    }

    private static Lookup or(IndexChoice source, Condition.Or or) {
        Set<Row> keys = new LinkedHashSet<>();
        List<Plan.Node> nodes = new ArrayList<>();
        boolean exact = true;
        for (Condition p : or.parts()) {
            Lookup l = lookup(source, p, Integer.MAX_VALUE);
            if (l == null) {
                return null;
            }
            exact &= l.exact();
            keys.addAll(l.keys);
            nodes.add(l.node);
        }
        return new Lookup(keys, new Plan.Union(nodes, keys.size()), List.of(or), exact ? List.of() : List.of(or));
    }
}
