package io.dictdb.core.query;

import io.dictdb.Record;
import io.dictdb.core.index.FieldIndex;
import io.dictdb.core.index.HashIndex;
import io.dictdb.core.index.SortedIndex;
import io.dictdb.core.storage.Row;
import io.dictdb.internal.ValueKeys;
import io.dictdb.query.Aggregate;
import io.dictdb.query.Condition;
import io.dictdb.query.Conditions;
import io.dictdb.query.Order;
import io.dictdb.query.Plan;
import io.dictdb.query.Query;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.Lock;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * The fluent query of a table. Immutable: every builder method returns a copy. A terminal method plans the
 * condition, collects the matching records under the table's read lock (bounded to the top {@code offset + limit}
 * when the query is ordered and limited), then sorts, projects and pages outside the lock: records are immutable,
 * so nothing is copied. {@link #stream()} picks and sorts the same way, and projects and pages as it is consumed.
 */
public final class TableQuery implements Query {
    private final QuerySource source;
    private final Condition where;
    private final Map<String, String> columns;
    private final List<Order> orders;
    private final int limit;
    private final int offset;
    private final boolean distinct;
    private final List<String> groupBy;
    private final Record after;
    private final RecordOrder keysetOrder;

    /**
     * A query matching every record of a table.
     *
     * @param source the table
     */
    public TableQuery(QuerySource source) {
        this(source, Conditions.all());
    }

    /**
     * A query of the records matching a condition.
     *
     * @param source the table
     * @param where the condition
     */
    public TableQuery(QuerySource source, Condition where) {
        this(source, where, null, List.of(), -1, 0, false, List.of(), null);
    }

    private TableQuery(QuerySource source, Condition where, Map<String, String> columns, List<Order> orders,
                       int limit, int offset, boolean distinct, List<String> groupBy, Record after) {
        this.source = source;
        this.where = where;
        this.columns = columns;
        this.orders = orders;
        this.limit = limit;
        this.offset = offset;
        this.distinct = distinct;
        this.groupBy = groupBy;
        this.after = after;
        this.keysetOrder = after == null ? null : new RecordOrder(orders, source.primaryKey());
    }

    @Override
    public Query where(Condition condition) {
        Objects.requireNonNull(condition, "condition");
        return new TableQuery(source, Conditions.and(where, condition), columns, orders, limit, offset, distinct,
                groupBy, after);
    }

    @Override
    public Query columns(String... fields) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String f : fields) {
            m.put(Objects.requireNonNull(f, "column"), f);
        }
        return new TableQuery(source, where, Collections.unmodifiableMap(m), orders, limit, offset, distinct,
                groupBy, after);
    }

    @Override
    public Query columns(Map<String, String> aliasToField) {
        Map<String, String> m = new LinkedHashMap<>(aliasToField);
        return new TableQuery(source, where, Collections.unmodifiableMap(m), orders, limit, offset, distinct,
                groupBy, after);
    }

    @Override
    public Query orderBy(String... fields) {
        List<Order> o;
        if (fields.length == 1) {
            o = List.of(parsed(fields[0])); // the commonest case, without a list to copy
        } else {
            Order[] parsed = new Order[fields.length];
            for (int i = 0; i < fields.length; i++) {
                parsed[i] = parsed(fields[i]);
            }
            o = List.of(parsed);
        }
        return new TableQuery(source, where, columns, o, limit, offset, distinct, groupBy, after);
    }

    /** The most order specs remembered: a program writes a handful; one building them from data must not grow it. */
    private static final int PARSED_MAX = 1024;
    /**
     * Order specs already parsed. Parsing takes a substring and interns the field name, a fixed cost that made up
     * a good share of a top-10 query read from a sorted index; a spec is mostly a constant, whose hash is cached.
     */
    private static final java.util.concurrent.ConcurrentHashMap<String, Order> PARSED =
            new java.util.concurrent.ConcurrentHashMap<>();

    private static Order parsed(String spec) {
        Objects.requireNonNull(spec, "order");
        Order o = PARSED.get(spec);
        if (o == null) {
            o = Order.parse(spec); // throws on a bad spec, which is then not remembered
            if (PARSED.size() < PARSED_MAX) {
                PARSED.putIfAbsent(spec, o);
            }
        }
        return o;
    }

    @Override
    public Query orderBy(Order... orders) {
        return new TableQuery(source, where, columns, List.of(orders), limit, offset, distinct, groupBy, after);
    }

    @Override
    public Query limit(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative, got " + limit);
        }
        return new TableQuery(source, where, columns, orders, limit, offset, distinct, groupBy, after);
    }

    @Override
    public Query offset(int offset) {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative, got " + offset);
        }
        return new TableQuery(source, where, columns, orders, limit, offset, distinct, groupBy, after);
    }

    @Override
    public Query distinct() {
        return new TableQuery(source, where, columns, orders, limit, offset, true, groupBy, after);
    }

    @Override
    public Query groupBy(String... fields) {
        return new TableQuery(source, where, columns, orders, limit, offset, distinct, List.of(fields), after);
    }

    @Override
    public Query after(Record last) {
        Objects.requireNonNull(last, "last");
        if (last.get(source.primaryKey()) == null) {
            throw new IllegalArgumentException("after(): the record must hold the primary key '"
                    + source.primaryKey() + "' of table '" + source.name() + "'");
        }
        return new TableQuery(source, where, columns, orders, limit, offset, distinct, groupBy, last);
    }

    // ---------------------------------------------------------------- terminals

    /**
     * A keyset needs an order to page in. Without {@code orderBy}, records come in insertion order while
     * {@code after} could only keep those past {@code last} by primary key: where the two orders differ (keys given
     * out of their order), pages would repeat and skip records. So the query refuses, at its terminal (an
     * {@code orderBy} may follow {@code after}).
     */
    private void requireKeysetOrder() {
        if (after != null && orders.isEmpty()) {
            throw new IllegalStateException("after(...) needs orderBy(...): " + this + " has no order to page in"
                    + " (order by the primary key '" + source.primaryKey() + "' to page in key order)");
        }
    }

    @Override
    public List<Record> toList() {
        if (where instanceof Condition.Compare c && c.op() == Condition.Op.EQ && orders.isEmpty() && columns == null
                && limit < 0 && offset == 0 && !distinct && after == null) {
            List<Record> fast = equalityLookup(c);
            if (fast != null) {
                return fast;
            }
        } else if (where instanceof Condition.And and && isPlainSelect()) {
            List<Record> fast = compositeLookup(and);
            if (fast != null) {
                return fast;
            }
        }
        return run().records;
    }

    /**
     * The fast path of the commonest query, equality on the primary key or on an indexed field: one map lookup
     * under the read lock, without the general machinery (plan, counters, sort). Returns null when no index
     * serves the field, so the caller runs the general path. The records come in insertion order, as a scan gives
     * them.
     */
    private List<Record> equalityLookup(Condition.Compare c) {
        long start = startClock();
        source.beforeRead();
        Lock lock = source.lock().readLock();
        List<Record> out;
        FieldIndex index;
        lock.lock();
        try {
            source.checkOpen();
            index = source.indexOn(c.field());
            if (index != null) {
                out = index.recordsEqualTo(c.value());
                index.usage().used(out.size());
            } else if (c.field().equals(source.primaryKey())) {
                Row row = source.row(ValueKeys.hashKey(c.value()));
                out = row == null ? List.of() : List.of(row.record());
            } else {
                return null;
            }
        } finally {
            lock.unlock();
        }
        if (QueryLog.wanted(source)) {
            logLookup(start, index != null ? new Plan.IndexLookup(index.field(), index.type(), c, out.size())
                    : new Plan.KeyLookup(c.field(), c, out.size()), out.size());
        } else {
            QueryLog.counted(source, start);
        }
        return out;
    }

    /** Logs a lookup fast path that read {@code rows} records of one index entry (or key), all returned. */
    private void logLookup(long start, Plan.Node lookup, int rows) {
        RunStats stats = new RunStats();
        stats.source = lookup;
        stats.candidates = rows;
        stats.examined = rows;
        stats.returned = rows;
        logged(start, stats, "select");
    }

    /** Whether the query is its condition alone: no columns, order, page, distinct or keyset. */
    private boolean isPlainSelect() {
        return orders.isEmpty() && columns == null && limit < 0 && offset == 0 && !distinct && after == null;
    }

    /** The most AND-parts {@link #compositeLookup} looks at: a composite index has a few fields. */
    private static final int COMPOSITE_PARTS_MAX = 8;

    /**
     * The fast path of an AND of equalities on distinct fields ({@code a = x AND b = y}) that a composite index on
     * exactly those fields serves (hash or sorted; not partial): one entry read under the read lock, its records
     * copied in the bucket's order, which is insertion order, as {@link #equalityLookup} does for one field. The
     * general path found the same rows through the planner, copied them to an array, read their records, checked
     * their slot order and copied the records again (JFR: those passes over the ~2,500 rows of the composite
     * lookup bench were most of DictDB's time outside reading the records). The rows are exactly the matches: the
     * planner too tests nothing on an exact composite entry. Returns null when the condition has another shape or
     * no such index exists, so the caller runs the general path.
     */
    private List<Record> compositeLookup(Condition.And and) {
        List<Condition> parts = and.parts();
        int n = parts.size();
        if (n < 2 || n > COMPOSITE_PARTS_MAX) {
            return null;
        }
        String[] fields = new String[n];
        Object[] values = new Object[n];
        for (int i = 0; i < n; i++) {
            // what the planner's composite lookup takes as an equality: not null, not a map
            if (!(parts.get(i) instanceof Condition.Compare c) || c.op() != Condition.Op.EQ || c.value() == null
                    || c.value() instanceof Map<?, ?>) {
                return null;
            }
            for (int j = 0; j < i; j++) {
                if (fields[j].equals(c.field())) {
                    return null; // a = 1 AND a = 2: the planner's business
                }
            }
            fields[i] = c.field();
            values[i] = c.value();
        }
        long start = startClock();
        source.beforeRead();
        Lock lock = source.lock().readLock();
        List<Record> out = null;
        FieldIndex used = null;
        Object[] tuple = new Object[n];
        lock.lock();
        try {
            source.checkOpen();
            for (FieldIndex index : source.allIndexes()) {
                if (index.isPlain() || index.type() == io.dictdb.IndexType.ELEMENTS
                        || index.spec().condition().isPresent() || !inFieldOrder(index, fields, values, tuple)) {
                    continue;
                }
                out = index.recordsEqualTo(List.of(tuple));
                index.usage().used(out.size());
                used = index;
                break;
            }
        } finally {
            lock.unlock();
        }
        if (used == null) {
            return null;
        }
        if (QueryLog.wanted(source)) {
            List<Condition> shown = new ArrayList<>(n);
            for (String f : used.spec().fields()) {
                for (Condition c : parts) {
                    if (((Condition.Compare) c).field().equals(f)) {
                        shown.add(c);
                    }
                }
            }
            logLookup(start, new Plan.IndexLookup(used.name(), used.type(), new Condition.And(List.copyOf(shown)),
                    out.size()), out.size());
        } else {
            QueryLog.counted(source, start);
        }
        return out;
    }

    /**
     * Whether {@code index}'s fields are exactly {@code fields} (in any order); if so, fills {@code tuple} with
     * {@code values} in the index's field order.
     */
    private static boolean inFieldOrder(FieldIndex index, String[] fields, Object[] values, Object[] tuple) {
        List<String> indexFields = index.spec().fields();
        if (indexFields.size() != fields.length) {
            return false;
        }
        for (int i = 0; i < tuple.length; i++) {
            String f = indexFields.get(i);
            int at = -1;
            for (int j = 0; j < fields.length; j++) {
                if (fields[j].equals(f)) {
                    at = j;
                    break;
                }
            }
            if (at < 0) {
                return false;
            }
            tuple[i] = values[at];
        }
        return true;
    }

    @Override
    public Optional<Record> first() {
        List<Record> r = ((TableQuery) limit(limit == 0 ? 0 : 1)).run().records;
        return r.isEmpty() ? Optional.empty() : Optional.of(r.get(0));
    }

    @Override
    public long count() {
        requireKeysetOrder();
        if (distinct || limit >= 0 || offset > 0) {
            return run().records.size();
        }
        long start = startClock();
        RunStats stats = new RunStats();
        long n = withReadLock(() -> {
            Selection sel = plan(stats);
            if (sel.exact && after == null) {
                // the index rows are exactly the matches: count them without touching a record
                return (long) sel.keys.size();
            }
            long c = 0;
            for (Record r : Candidates.of(source, sel, false)) {
                stats.examined++;
                if (matches(r, sel.residual)) {
                    c++;
                }
            }
            return c;
        });
        stats.returned = n;
        logged(start, stats, "count");
        return n;
    }

    @Override
    public Record aggregate(Aggregate... aggregates) {
        Aggregation.requireDistinctNames(source.name(), List.of(), List.of(aggregates));
        List<Record> matched = matched();
        return Aggregation.over(source.name(), matched, List.of(aggregates));
    }

    @Override
    public List<Record> aggregateGroups(Aggregate... aggregates) {
        if (groupBy.isEmpty()) {
            throw new IllegalStateException("aggregateGroups() needs groupBy(...) on the query of table '"
                    + source.name() + "'");
        }
        Aggregation.requireDistinctNames(source.name(), groupBy, List.of(aggregates));
        List<Record> rows = countsFromIndex(aggregates);
        if (rows == null) {
            rows = Aggregation.groups(source.name(), matched(), groupBy, List.of(aggregates));
        }
        if (!orders.isEmpty()) {
            rows = new ArrayList<>(rows);
            rows.sort(new RecordOrder(orders, null));
        }
        return page(rows);
    }

    /**
     * Counts per value of one hash-indexed field over the whole table, read from the index buckets without reading
     * a record: the group-by of {@code count()} and {@code count(field)}. Groups come in first-seen order, as a
     * scan gives them. Returns null when the query is anything else.
     */
    private List<Record> countsFromIndex(Aggregate[] aggregates) {
        if (groupBy.size() != 1 || !(where instanceof Condition.All) || after != null) {
            return null;
        }
        String g = groupBy.get(0);
        for (Aggregate a : aggregates) {
            if (a.function() != Aggregate.Function.COUNT || a.field() != null && !a.field().equals(g)) {
                return null;
            }
        }
        long start = startClock();
        record Group(Object key, Row first, int slot, int count, boolean isNull) {
        }
        List<Group> groups = new ArrayList<>();
        List<Record> out;
        RunStats stats = new RunStats();
        source.beforeRead();
        Lock lock = source.lock().readLock();
        lock.lock();
        try {
            source.checkOpen();
            if (!(source.indexOn(g) instanceof HashIndex index)) {
                return null;
            }
            index.forEachGroup((key, first, slot, count) -> groups.add(new Group(key, first, slot, count, false)));
            if (!index.nulls().isEmpty()) {
                Row firstNull = index.nulls().iterator().next(); // the null rows are kept in insertion order
                groups.add(new Group(null, firstNull, firstNull.order(), index.nulls().size(), true));
            }
            groups.sort(java.util.Comparator.comparingInt(Group::slot));
            out = new ArrayList<>(groups.size());
            Object[] kv = new Object[2 + 2 * aggregates.length];
            long total = 0;
            for (Group x : groups) {
                kv[0] = g;
                // a string is its own hash key: the value without reading the first record
                kv[1] = x.isNull() ? null : x.key() instanceof String s ? s : x.first().record().get(g);
                for (int i = 0; i < aggregates.length; i++) {
                    kv[2 + 2 * i] = aggregates[i].name();
                    kv[3 + 2 * i] = aggregates[i].field() != null && x.isNull() ? 0L : (long) x.count();
                }
                total += x.count();
                out.add(Record.of(kv.clone()));
            }
            stats.source = new Plan.IndexLookup(g, index.type(), where, total);
            stats.candidates = total;
            stats.returned = out.size();
        } finally {
            lock.unlock();
        }
        logged(start, stats, "aggregate"); // after the unlock, as equalityLookup does: writers never wait on a log
        return out;
    }

    @Override
    public int update(Map<String, ?> changes) {
        Objects.requireNonNull(changes, "changes");
        requireKeysetOrder();
        if (selectsAllMatches()) {
            return source.updateWhere(changes, where);
        }
        return source.updateSelected(changes, this::selected);
    }

    @Override
    public int delete() {
        requireKeysetOrder();
        if (selectsAllMatches()) {
            return source.deleteWhere(where);
        }
        return source.deleteSelected(this::selected);
    }

    /** Whether the query selects every record matching {@code where} (no page, no keyset). */
    private boolean selectsAllMatches() {
        return limit < 0 && offset == 0 && after == null;
    }

    /**
     * The whole records this query selects (its page, its keyset), whatever its columns: what a paged update or
     * delete changes. The table calls it under its write lock, once.
     */
    private List<Record> selected() {
        return new TableQuery(source, where, null, orders, limit, offset, false, List.of(), after).run().records;
    }

    @Override
    public Plan explain() {
        Result r = run();
        return r.stats.plan(source.name(), where, after);
    }

    // ---------------------------------------------------------------- execution

    private record Result(List<Record> records, RunStats stats) {
    }

    private Selection plan(RunStats stats) {
        source.checkOpen();
        Selection sel = Planner.plan(source, where);
        stats.source = sel.node;
        stats.filtered = !sel.exact;
        stats.tested = sel.residual.condition();
        stats.fullScan = sel.isScan();
        stats.candidates = sel.isScan() ? source.size() : sel.keys.size();
        return sel;
    }

    private boolean matches(Record r, Residual residual) {
        if (!residual.test(r)) {
            return false;
        }
        return after == null || keysetOrder.compare(r, after) > 0;
    }

    /** The filtered records, unordered, for aggregation. */
    private List<Record> matched() {
        requireKeysetOrder();
        long start = startClock();
        RunStats stats = new RunStats();
        List<Record> out = withReadLock(() -> {
            Selection sel = plan(stats);
            return filter(sel, true, Integer.MAX_VALUE, stats);
        });
        stats.returned = out.size();
        logged(start, stats, "aggregate");
        return out;
    }

    /** The candidates that match, at most {@code max} of them, in insertion order when {@code inOrder}. */
    private List<Record> filter(Selection sel, boolean inOrder, int max, RunStats stats) {
        if (inOrder && max == Integer.MAX_VALUE && !sel.isScan()) {
            stats.examined += sel.keys.size(); // every candidate is tested: sort only those that pass
            return Candidates.matchingInOrder(sel.keys, sel.residual,
                    after == null ? null : r -> keysetOrder.compare(r, after) > 0);
        }
        List<Record> list = new ArrayList<>();
        if (max == 0) {
            return list;
        }
        for (Record r : Candidates.of(source, sel, inOrder)) {
            stats.examined++;
            if (matches(r, sel.residual)) {
                list.add(r);
                if (list.size() >= max) {
                    break;
                }
            }
        }
        return list;
    }

    /**
     * The records a select picks, in the query's order, before projection, distinct and page: chosen under one read
     * lock (a consistent snapshot of references to immutable records), sorted after it.
     */
    private record Picked(List<Record> records, RunStats stats, long start) {
    }

    private Picked pick() {
        requireKeysetOrder();
        long start = startClock();
        RunStats stats = new RunStats();
        RecordOrder order = orders.isEmpty() ? null : new RecordOrder(orders, source.primaryKey());
        boolean bounded = order != null && limit >= 0 && !distinct;
        int keep = bounded ? (int) Math.min(Integer.MAX_VALUE, (long) offset + limit) : -1;
        List<Record> collected = withReadLock(() -> {
            if (bounded) {
                // A composite walk that serves every part of the condition reads keep rows (plus ties), where a
                // plan would first read the prefix's whole section: try it before planning.
                List<Record> walked = walkComposite(keep, stats, true);
                if (walked != null) {
                    return walked;
                }
            }
            Selection sel = plan(stats);
            if (bounded && sel.isScan()) {
                FieldIndex index = source.indexOn(orders.get(0).field());
                if (index instanceof SortedIndex sorted) {
                    return walkIndex(sorted, orders.get(0).descending(), keep, sel.residual, stats);
                }
            }
            if (bounded && (sel.isScan() || sel.keys.size() > keep)) {
                List<Record> walked = walkComposite(keep, stats, false);
                if (walked != null) {
                    return walked;
                }
            }
            if (bounded) {
                stats.topBy = orders;
                stats.k = keep;
                return topK(Candidates.of(source, sel, false), sel.residual, keep, order, stats);
            }
            stats.sortedBy = order == null ? null : orders;
            // Unordered and limited: the first offset + limit matches are the answer, so stop there.
            int max = order == null && limit >= 0 && !distinct
                    ? (int) Math.min(Integer.MAX_VALUE, (long) offset + limit) : Integer.MAX_VALUE;
            return filter(sel, order == null, max, stats);
        });
        if (order != null && !stats.walkSorted) {
            collected.sort(order);
        }
        return new Picked(collected, stats, start);
    }

    private Result run() {
        Picked picked = pick();
        RunStats stats = picked.stats();
        List<Record> out = project(picked.records());
        if (distinct) {
            out = distinctByValue(out);
        }
        out = page(out);
        stats.returned = out.size();
        logged(picked.start(), stats, "select");
        return new Result(Collections.unmodifiableList(out), stats);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Here: the records are picked as {@link #toList()} picks them, under one read lock, and sorted; the stream
     * then projects, removes duplicates and pages them as it is consumed. An equality lookup (no columns, order or
     * page) has no such work: its stream is that of the list it found. The run is logged when the stream is made,
     * its count being what the page holds before {@code distinct}.
     */
    @Override
    public Stream<Record> stream() {
        if (where instanceof Condition.Compare c && c.op() == Condition.Op.EQ && orders.isEmpty() && columns == null
                && limit < 0 && offset == 0 && !distinct && after == null) {
            List<Record> fast = equalityLookup(c);
            if (fast != null) {
                return fast.stream();
            }
        } else if (where instanceof Condition.And and && isPlainSelect()) {
            List<Record> fast = compositeLookup(and);
            if (fast != null) {
                return fast.stream();
            }
        }
        return stream(this::projected);
    }

    /**
     * The stream of the picked records through {@code projection}, then distinct and page, each lazily. Package
     * private so that a test can count the projections the consumer causes.
     */
    Stream<Record> stream(UnaryOperator<Record> projection) {
        Picked picked = pick();
        List<Record> records = picked.records();
        RunStats stats = picked.stats();
        int from = Math.min(offset, records.size());
        stats.returned = limit < 0 ? records.size() - from : Math.min(records.size() - from, limit);
        logged(picked.start(), stats, "select");
        Stream<Record> out = records.stream();
        if (columns != null) {
            out = out.map(projection);
        }
        if (distinct) {
            // Stream.distinct keeps the first of equal elements of an ordered stream, as distinctByValue does
            out = out.map(DistinctKey::new).distinct().map(DistinctKey::record);
        }
        if (offset > 0) {
            out = out.skip(offset);
        }
        if (limit >= 0) {
            out = out.limit(limit);
        }
        return out;
    }

    /** A record keyed by DictDB value equality (1 and 1.0 are one value), for a stream's distinct. */
    private record DistinctKey(Object key, Record record) {
        DistinctKey(Record record) {
            this(ValueKeys.hashKey(record), record);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof DistinctKey k && key.equals(k.key);
        }

        @Override
        public int hashCode() {
            return key.hashCode();
        }
    }

    /** Keeps the first of records equal by DictDB value equality (1 and 1.0 are one value, as in groupBy). */
    private static List<Record> distinctByValue(List<Record> records) {
        Map<Object, Record> seen = new LinkedHashMap<>();
        for (Record r : records) {
            seen.putIfAbsent(ValueKeys.hashKey(r), r);
        }
        return new ArrayList<>(seen.values());
    }

    /**
     * Walks a sorted index in the query's order and stops at the first value boundary after {@code keep} matches
     * (so ties of the first key are all seen); null and missing values come last. With one sort key, the records of
     * one value kept from a bucket are put in primary-key order where they lie, so the list is in the query's order
     * and needs no final sort (a full sort of the kept records was a quarter of a top-10 on a field with ties).
     */
    private List<Record> walkIndex(SortedIndex index, boolean descending, int keep, Residual residual,
                                   RunStats stats) {
        stats.orderedByIndex = true;
        stats.fullScan = false;
        stats.filtered = true;
        NavigableMap<Object, Object> entries = index.entries(descending);
        boolean skipValues = false;
        if (after != null) {
            Object last = after.get(index.field());
            if (last == null) {
                skipValues = true;
            } else {
                entries = entries.tailMap(last, true);
            }
        }
        List<Record> out = new ArrayList<>(Math.min(keep, 64));
        List<Row> keys = new ArrayList<>(16);
        long candidates = 0;
        boolean oneKey = orders.size() == 1;
        if (!skipValues) {
            for (Object bucket : entries.values()) {
                if (out.size() >= keep) {
                    break;
                }
                Row only = SortedIndex.onlyRow(bucket);
                if (only != null) {
                    // a value held by one row, the commonest bucket: tested without a list around it
                    candidates++;
                    stats.examined++;
                    Record r = only.record();
                    if (matches(r, residual)) {
                        out.add(r);
                    }
                    continue;
                }
                keys.clear();
                SortedIndex.keysOf(bucket, keys);
                candidates += keys.size();
                int before = out.size();
                collect(keys, residual, out, stats);
                if (oneKey) {
                    sortTie(out, before);
                }
            }
        }
        if (out.size() < keep) {
            candidates += index.nulls().size();
            int before = out.size();
            collect(index.nulls(), residual, out, stats);
            if (oneKey) {
                sortTie(out, before);
            }
        }
        stats.walkSorted = oneKey;
        stats.candidates = candidates;
        stats.source = new Plan.OrderedWalk(index.field(), descending, keep, candidates);
        index.usage().used(candidates);
        return out;
    }

    /**
     * {@code a = x ORDER BY b LIMIT k} on a sorted composite index whose fields start with the equal fields and go
     * on with {@code b}: walks that prefix's section in {@code b}'s order, testing the whole condition on each
     * record, and stops at the first change of {@code b} after {@code keep} matches (ties of the last value are all
     * seen; the final sort puts them in the query's full order). Records with a null or missing field of the index
     * come last, as in a walk of a single-field index. Returns null when no composite index fits.
     */
    private List<Record> walkComposite(int keep, RunStats stats, boolean onlyCovering) {
        Order first = orders.get(0);
        List<Condition> parts = AndParts.flatten(List.of(where));
        for (FieldIndex candidate : IndexChoice.of(source, where).composites()) {
            if (!(candidate instanceof SortedIndex index)) {
                continue;
            }
            List<String> fields = index.spec().fields();
            List<Object> prefix = new ArrayList<>();
            for (String f : fields) {
                Object v = equalValue(parts, f);
                if (v == null || f.equals(first.field())) {
                    break;
                }
                prefix.add(v);
            }
            // the order field must be the last: a record with a null further on would be among the nulls, out of
            // order, instead of in its place in the walk
            if (prefix.isEmpty() || prefix.size() != fields.size() - 1
                    || !fields.get(prefix.size()).equals(first.field())) {
                continue;
            }
            if (onlyCovering && !covers(parts, fields.subList(0, prefix.size()), first.field())) {
                continue;
            }
            return walkSection(index, prefix, first, keep, stats);
        }
        return null;
    }

    /**
     * Whether every AND-part is an equality on a prefix field or a comparison on the order field: then the walk of
     * the prefix's section, narrowed by the order field's bounds, examines no row the condition would not keep
     * (but ties), and no other index could do better.
     */
    private static boolean covers(List<Condition> parts, List<String> prefixFields, String orderField) {
        for (Condition c : parts) {
            boolean served = c instanceof Condition.Compare x
                    && (x.op() == Condition.Op.EQ && prefixFields.contains(x.field())
                    || x.field().equals(orderField) && x.op() != Condition.Op.NE)
                    || c instanceof Condition.Between b && b.field().equals(orderField);
            if (!served) {
                return false;
            }
        }
        return true;
    }

    /**
     * The tightest lower ({@code lower}) or upper bound the AND-parts put on a field, inclusive (a strict bound is
     * widened to its value: the walk tests the whole condition anyway), or null.
     */
    private static Object boundOn(List<Condition> parts, String field, boolean lower) {
        Object bound = null;
        for (Condition c : parts) {
            Object v = null;
            if (c instanceof Condition.Compare x && x.field().equals(field) && x.value() != null) {
                boolean isLower = x.op() == Condition.Op.GT || x.op() == Condition.Op.GTE;
                boolean isUpper = x.op() == Condition.Op.LT || x.op() == Condition.Op.LTE;
                v = lower && isLower || !lower && isUpper || x.op() == Condition.Op.EQ ? x.value() : null;
            } else if (c instanceof Condition.Between b && b.field().equals(field)) {
                v = lower ? b.low() : b.high();
            }
            if (v != null && !(v instanceof Map<?, ?>) && !(v instanceof List<?>)
                    && (bound == null || io.dictdb.Values.comparable(v, bound)
                    && (io.dictdb.Values.compare(v, bound) > 0) == lower)) {
                bound = v;
            }
        }
        return bound;
    }

    /** The value of an equality on {@code field} among the AND-parts, or null. */
    private static Object equalValue(List<Condition> parts, String field) {
        for (Condition c : parts) {
            if (c instanceof Condition.Compare x && x.op() == Condition.Op.EQ && x.field().equals(field)
                    && x.value() != null && !(x.value() instanceof Map<?, ?>)) {
                return x.value();
            }
        }
        return null;
    }

    private List<Record> walkSection(SortedIndex index, List<Object> prefix, Order order, int keep,
                                     RunStats stats) {
        Residual residual = Residual.of(where);
        stats.orderedByIndex = true;
        stats.fullScan = false;
        stats.filtered = true;
        stats.tested = where;
        int at = prefix.size();
        List<Object> from = new ArrayList<>(prefix);
        List<Object> to = new ArrayList<>(prefix);
        to.add(null); // after every tuple of the prefix
        boolean skipValues = false;
        if (after != null) {
            Object last = after.get(order.field());
            if (last == null) {
                skipValues = true;
            } else if (order.descending()) {
                to = new ArrayList<>(prefix);
                to.add(last);
                to.add(null); // every tuple [prefix, last, ...] and below
            } else {
                from.add(last);
            }
        }
        boolean toInclusive = false;
        boolean bounded = false;
        if (after == null) {
            // Narrow the section to the order field's bounds: rows outside them cannot match.
            List<Condition> parts = AndParts.flatten(List.of(where));
            Object low = boundOn(parts, order.field(), true);
            Object high = boundOn(parts, order.field(), false);
            bounded = low != null || high != null;
            if (low != null) {
                from.add(low);
            }
            if (high != null) {
                to = new ArrayList<>(prefix);
                to.add(high);
                toInclusive = true;
            }
        }
        NavigableMap<Object, Object> section = index.tupleSection(from, true, to, toInclusive);
        if (order.descending()) {
            section = section.descendingMap();
        }
        List<Record> out = new ArrayList<>(Math.min(keep, 64));
        List<Row> keys = new ArrayList<>(16);
        long candidates = 0;
        Object lastValue = null;
        if (!skipValues) {
            for (Map.Entry<Object, Object> e : section.entrySet()) {
                Object value = ((List<?>) e.getKey()).get(at);
                if (out.size() >= keep && !io.dictdb.Values.equal(value, lastValue)) {
                    break;
                }
                lastValue = value;
                keys.clear();
                SortedIndex.keysOf(e.getValue(), keys);
                candidates += keys.size();
                collect(keys, residual, out, stats);
            }
        }
        // A record with a null or missing field of the index is among its nulls: it can match only when the order
        // field is not bounded (a bound needs a value there) and the prefix's fields have their values.
        if (out.size() < keep && !bounded) {
            candidates += index.nulls().size();
            collect(index.nulls(), residual, out, stats);
        }
        stats.candidates = candidates;
        stats.source = new Plan.OrderedWalk(index.name(), order.descending(), keep, candidates);
        index.usage().used(candidates);
        return out;
    }

    /**
     * Puts the records from {@code from} on, all of one value of the only sort key, in the order the query's full
     * comparator gives them: by primary key (stable, as the full sort is).
     */
    private void sortTie(List<Record> out, int from) {
        if (out.size() - from > 1) {
            out.subList(from, out.size()).sort(new RecordOrder(List.of(), source.primaryKey()));
        }
    }

    private void collect(Collection<Row> rows, Residual residual, List<Record> out, RunStats stats) {
        for (Row row : rows) {
            Record r = row.record();
            stats.examined++;
            if (matches(r, residual)) {
                out.add(r);
            }
        }
    }

    /** Keeps the first {@code keep} records in {@code order} with a bounded heap: never sorts everything. */
    private List<Record> topK(Iterable<Record> records, Residual residual, int keep, RecordOrder order,
                              RunStats stats) {
        TopK top = new TopK(order, keep);
        for (Record r : records) {
            stats.examined++;
            if (matches(r, residual)) {
                top.offer(r);
            }
        }
        return top.sorted();
    }

    private List<Record> project(List<Record> records) {
        if (columns == null) {
            return records;
        }
        List<Record> out = new ArrayList<>(records.size());
        for (Record r : records) {
            out.add(projected(r));
        }
        return out;
    }

    /** One record projected to the query's columns: the alias of each, with the field's value (null if missing). */
    Record projected(Record r) {
        Object[] kv = new Object[columns.size() * 2];
        int i = 0;
        for (Map.Entry<String, String> c : columns.entrySet()) {
            kv[i++] = c.getKey();
            kv[i++] = r.get(c.getValue());
        }
        return Record.of(kv);
    }

    private List<Record> page(List<Record> records) {
        int from = Math.min(offset, records.size());
        int to = limit < 0 ? records.size() : (int) Math.min(records.size(), (long) from + limit);
        return from == 0 && to == records.size() ? records : new ArrayList<>(records.subList(from, to));
    }

    private <T> T withReadLock(java.util.function.Supplier<T> work) {
        source.beforeRead();
        Lock r = source.lock().readLock();
        r.lock();
        try {
            return work.get();
        } finally {
            r.unlock();
        }
    }

    private long startClock() {
        return QueryLog.start(source);
    }

    private void logged(long start, RunStats stats, String op) {
        if (stats.fullScan) {
            source.scanned(stats.examined);
        }
        QueryLog.logged(source, start, op, stats, where, after);
    }

    @Override
    public String toString() {
        return "Query[" + source.name() + " where " + where + (orders.isEmpty() ? "" : " order by " + orders)
                + (limit >= 0 ? " limit " + limit : "") + (offset > 0 ? " offset " + offset : "")
                + (distinct ? " distinct" : "") + (groupBy.isEmpty() ? "" : " group by " + groupBy)
                + (columns == null ? "" : " columns " + columns)
                + (after == null ? "" : " after " + source.primaryKey() + "=" + after.get(source.primaryKey())) + "]";
    }

}
