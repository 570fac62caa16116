package io.dictdb.hazelcast;

import com.hazelcast.nio.serialization.genericrecord.GenericRecord;
import com.hazelcast.query.Predicate;
import io.dictdb.Record;
import io.dictdb.core.query.TableQuery;
import io.dictdb.query.Aggregate;
import io.dictdb.query.Condition;
import io.dictdb.query.Conditions;
import io.dictdb.query.Order;
import io.dictdb.query.Plan;
import io.dictdb.query.Query;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * The fluent query of a {@link HazelcastTable}: immutable. A terminal sends the translatable part of the condition
 * to the members ({@link Pushdown}), then runs the in-memory engine's query ({@link TableQuery}) over the records
 * they returned, which tests the whole condition again and orders, pages, projects and aggregates.
 */
final class HazelcastQuery implements Query {
    private static final Logger LOG = LoggerFactory.getLogger(HazelcastQuery.class);

    private final HazelcastTable table;
    private final Condition where;
    private final List<UnaryOperator<Query>> shape;
    /** The same query over no records: builder calls are checked on it as they are made. */
    private final Query shadow;

    HazelcastQuery(HazelcastTable table) {
        this(table, Conditions.all(), List.of(),
                new TableQuery(new CandidateSource(table, List.of(), Map.of())));
    }

    private HazelcastQuery(HazelcastTable table, Condition where, List<UnaryOperator<Query>> shape, Query shadow) {
        this.table = table;
        this.where = where;
        this.shape = shape;
        this.shadow = shadow;
    }

    private HazelcastQuery with(UnaryOperator<Query> op) {
        Query checked = op.apply(shadow);
        List<UnaryOperator<Query>> next = new ArrayList<>(shape.size() + 1);
        next.addAll(shape);
        next.add(op);
        return new HazelcastQuery(table, where, List.copyOf(next), checked);
    }

    @Override
    public Query where(Condition condition) {
        Objects.requireNonNull(condition, "condition");
        return new HazelcastQuery(table, Conditions.and(where, condition), shape, shadow.where(condition));
    }

    @Override
    public Query columns(String... fields) {
        String[] copy = fields.clone();
        return with(q -> q.columns(copy));
    }

    @Override
    public Query columns(Map<String, String> aliasToField) {
        Map<String, String> copy = new java.util.LinkedHashMap<>(aliasToField);
        return with(q -> q.columns(copy));
    }

    @Override
    public Query orderBy(String... fields) {
        String[] copy = fields.clone();
        return with(q -> q.orderBy(copy));
    }

    @Override
    public Query orderBy(Order... orders) {
        Order[] copy = orders.clone();
        return with(q -> q.orderBy(copy));
    }

    @Override
    public Query limit(int limit) {
        return with(q -> q.limit(limit));
    }

    @Override
    public Query offset(int offset) {
        return with(q -> q.offset(offset));
    }

    @Override
    public Query distinct() {
        return with(Query::distinct);
    }

    @Override
    public Query groupBy(String... fields) {
        String[] copy = fields.clone();
        return with(q -> q.groupBy(copy));
    }

    @Override
    public Query after(Record last) {
        Objects.requireNonNull(last, "last");
        return with(q -> q.after(last));
    }

    /**
     * The predicate sent to the members, or null when every record is fetched.
     *
     * @return the predicate
     */
    Predicate<Object, GenericRecord> memberPredicate() {
        return Pushdown.translate(where);
    }

    /** The candidates from the members, as a source for the engine's query. */
    private CandidateSource candidates() {
        table.checkOpen();
        Map<Record, GenericRecord> origins = new IdentityHashMap<>();
        List<Object> keys = keyLookup(where, table.primaryKey());
        if (keys != null) {
            return new CandidateSource(table, table.fetchKeys(keys, origins), origins);
        }
        Predicate<Object, GenericRecord> p = memberPredicate();
        List<Record> records;
        if (p == null) {
            records = table.fetch(null, origins);
        } else {
            try {
                records = table.fetch(p, origins);
            } catch (RuntimeException e) {
                // a field holding values of several types can make the members' conversion fail: filter here
                LOG.atDebug().addKeyValue("op", "query").addKeyValue("table", table.name()).setCause(e)
                        .log("The members could not run {}; every record is fetched", p);
                origins.clear();
                records = table.fetch(null, origins);
            }
        }
        return new CandidateSource(table, records, origins);
    }

    /**
     * The primary keys a condition is limited to, when it is an equality or {@code in} on the primary key (alone or
     * as a part of an {@code and}): those records are read by key instead of by a query on every member.
     */
    static List<Object> keyLookup(Condition c, String primaryKey) {
        if (c instanceof Condition.Compare cmp && cmp.op() == Condition.Op.EQ && cmp.field().equals(primaryKey)) {
            // equality with null matches nothing
            return cmp.value() == null ? List.of() : List.of(cmp.value());
        }
        if (c instanceof Condition.In in && !in.negated() && in.field().equals(primaryKey)) {
            List<Object> keys = new ArrayList<>(in.values().size());
            for (Object v : in.values()) {
                if (v != null) {
                    keys.add(v);
                }
            }
            return keys;
        }
        if (c instanceof Condition.And and) {
            for (Condition part : and.parts()) {
                List<Object> keys = keyLookup(part, primaryKey);
                if (keys != null) {
                    return keys;
                }
            }
        }
        return null;
    }

    private Query engine() {
        Query q = new TableQuery(candidates(), where);
        for (UnaryOperator<Query> op : shape) {
            q = op.apply(q);
        }
        return q;
    }

    @Override
    public List<Record> toList() {
        return engine().toList();
    }

    @Override
    public Stream<Record> stream() {
        return engine().stream();
    }

    @Override
    public Optional<Record> first() {
        return engine().first();
    }

    @Override
    public long count() {
        return engine().count();
    }

    @Override
    public Record aggregate(Aggregate... aggregates) {
        return engine().aggregate(aggregates);
    }

    @Override
    public List<Record> aggregateGroups(Aggregate... aggregates) {
        return engine().aggregateGroups(aggregates);
    }

    @Override
    public int update(Map<String, ?> changes) {
        Objects.requireNonNull(changes, "changes");
        return engine().update(changes);
    }

    /**
     * Replaces every record the query's condition selects by the function's result.
     *
     * @param updater the function
     * @return the number changed
     */
    int update(UnaryOperator<Record> updater) {
        return candidates().updateWhere(updater, where);
    }

    @Override
    public int delete() {
        return engine().delete();
    }

    /**
     * {@inheritDoc}
     *
     * <p>On Hazelcast this is the plan of the caller's part: its scan is over the records the members returned for
     * the predicate that {@link #toString()} names.
     */
    @Override
    public Plan explain() {
        return engine().explain();
    }

    @Override
    public String toString() {
        Predicate<Object, GenericRecord> p = memberPredicate();
        return "HazelcastQuery[" + table.name() + " where " + where + "; on the members: "
                + (p == null ? "every record" : p.toString()) + "; shape " + shadow + "]";
    }
}
