package io.dictdb.micrometer;

import io.dictdb.core.DatabaseMetrics;
import io.dictdb.core.DictDB;
import io.dictdb.core.OperationKind;
import io.dictdb.core.OperationMetrics;
import io.dictdb.core.TableMetrics;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * Publishes a database's metrics ({@link DictDB#metrics()}) to a Micrometer registry:
 * {@code new DictDbMetrics(db).bindTo(registry)}, or {@code DictDbMetrics.of(db)}.
 *
 * <p>Meters of the database (tags: the binder's own, if any):
 * <ul>
 *   <li>{@code dictdb.tables} (gauge): the tables the database holds;</li>
 *   <li>{@code dictdb.transactions} (function timer, tag {@code outcome}: {@code commit} or {@code rollback}):
 *       transactions and their latency;</li>
 *   <li>{@code dictdb.subscribers} (gauge): active change-feed subscriptions;</li>
 *   <li>{@code dictdb.subscribers.lag} (gauge, changes): the largest lag of a subscriber, the changes committed but
 *       not yet handed to its listener (0 without subscribers);</li>
 *   <li>{@code dictdb.journal.size} (gauge, bytes): the journal's segment files on disk;</li>
 *   <li>{@code dictdb.journal.sync} (function timer): the journal's forces (fsync), every one timed, and
 *       {@code dictdb.journal.sync.max} (time gauge) the longest; 0 for an in-memory database.</li>
 * </ul>
 * Meters of each table (tag {@code table}):
 * <ul>
 *   <li>{@code dictdb.records} (gauge): the records it holds;</li>
 *   <li>{@code dictdb.operations} (function counter, tag {@code kind}: {@code lookup}, {@code query}, {@code insert},
 *       {@code update}, {@code delete}, see {@link OperationKind}): operations run;</li>
 *   <li>{@code dictdb.operation.latency} (function timer, tag {@code kind}): latency, timed on a sample of one
 *       operation in 16 (see {@link io.dictdb.core.OperationMetrics}): its count is the operations timed, its mean
 *       their mean latency (the operations' own count is {@code dictdb.operations});</li>
 *   <li>{@code dictdb.operation.latency.max} (time gauge, tag {@code kind}): the longest so far;</li>
 *   <li>{@code dictdb.queries.slow} (function counter): queries over the slow-query threshold.</li>
 * </ul>
 *
 * <p><b>Tables created after binding.</b> The binder re-reads the table list each time the registry polls the
 * {@code dictdb.tables} gauge (every publication or scrape), and then registers the meters of new tables and removes
 * those of dropped ones; {@link #refresh()} does the same at once. Per-table meters find their table by name at each
 * poll, so a table dropped and created again between two polls keeps its meters, whose counters start again from
 * zero (a counter reset, which monitoring systems handle as a restart).
 *
 * <p>The meters hold the database weakly, as Micrometer's function meters do: they read NaN once it is unreachable.
 */
public final class DictDbMetrics implements MeterBinder {
    private final DictDB db;
    private final Tags tags;
    /** Per registry bound to: the per-table meters registered there, by table name. */
    private final Map<MeterRegistry, Map<String, List<Meter>>> bound = new HashMap<>();

    /**
     * A binder for a database.
     *
     * @param db the database
     */
    public DictDbMetrics(DictDB db) {
        this(db, Tags.empty());
    }

    /**
     * A binder for a database, adding tags to every meter (say the database's name, when an application has several).
     *
     * @param db the database
     * @param tags tags for every meter
     */
    public DictDbMetrics(DictDB db, Iterable<Tag> tags) {
        this.db = Objects.requireNonNull(db, "db");
        this.tags = Tags.of(Objects.requireNonNull(tags, "tags"));
    }

    /**
     * A binder for a database.
     *
     * @param db the database
     * @return the binder, to {@link #bindTo} a registry
     */
    public static DictDbMetrics of(DictDB db) {
        return new DictDbMetrics(db);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        synchronized (bound) {
            bound.putIfAbsent(registry, new HashMap<>());
        }
        Gauge.builder("dictdb.tables", db, d -> {
                    refresh(registry); // the poll that brings in tables created since the last one
                    return d.tableNames().size();
                })
                .tags(tags).description("Tables the database holds").baseUnit("tables").register(registry);
        transactions(registry, "commit", DatabaseMetrics::commits);
        transactions(registry, "rollback", DatabaseMetrics::rollbacks);
        Gauge.builder("dictdb.subscribers", db, d -> d.metrics().subscriberLags().size())
                .tags(tags).description("Active change-feed subscriptions").register(registry);
        Gauge.builder("dictdb.subscribers.lag", db, d -> maxLag(d.metrics().subscriberLags()))
                .tags(tags).description("The largest lag of a change-feed subscriber: changes committed and not yet "
                        + "delivered to its listener").baseUnit("changes").register(registry);
        Gauge.builder("dictdb.journal.size", db, d -> d.metrics().journalBytes())
                .tags(tags).description("The journal's segment files on disk (0 for an in-memory database)")
                .baseUnit("bytes").register(registry);
        FunctionTimer.builder("dictdb.journal.sync", db, d -> d.metrics().journalSyncs().count(),
                        d -> d.metrics().journalSyncs().totalNanos(), TimeUnit.NANOSECONDS)
                .tags(tags).description("Forces (fsync) of the journal: a SYNC write waits for one, shared with the "
                        + "writers waiting with it").register(registry);
        TimeGauge.builder("dictdb.journal.sync.max", db, TimeUnit.NANOSECONDS,
                        d -> d.metrics().journalSyncs().maxNanos())
                .tags(tags).description("The longest force of the journal so far").register(registry);
        refresh(registry);
    }

    private void transactions(MeterRegistry registry, String outcome,
                              java.util.function.Function<DatabaseMetrics, OperationMetrics> read) {
        FunctionTimer.builder("dictdb.transactions", db, d -> read.apply(d.metrics()).timedCount(),
                        d -> read.apply(d.metrics()).totalNanos(), TimeUnit.NANOSECONDS)
                .tags(tags).tag("outcome", outcome)
                .description("Transactions, from the call to the commit or rollback").register(registry);
    }

    private static double maxLag(List<Long> lags) {
        long max = 0;
        for (long l : lags) {
            max = Math.max(max, l);
        }
        return max;
    }

    /**
     * Registers the meters of tables created since the last poll and removes those of tables dropped, in every
     * registry this binder is bound to. The registries' polls of {@code dictdb.tables} call it; call it to see a new
     * table's meters at once.
     */
    public void refresh() {
        List<MeterRegistry> registries;
        synchronized (bound) {
            registries = new ArrayList<>(bound.keySet());
        }
        for (MeterRegistry r : registries) {
            refresh(r);
        }
    }

    private void refresh(MeterRegistry registry) {
        synchronized (bound) {
            Map<String, List<Meter>> tables = bound.get(registry);
            if (tables == null) {
                return;
            }
            Set<String> now = new LinkedHashSet<>(db.tableNames());
            tables.entrySet().removeIf(e -> {
                if (now.contains(e.getKey())) {
                    return false;
                }
                e.getValue().forEach(registry::remove);
                return true;
            });
            for (String name : now) {
                tables.computeIfAbsent(name, n -> bindTable(registry, n));
            }
        }
    }

    private List<Meter> bindTable(MeterRegistry registry, String table) {
        Tags t = tags.and("table", table);
        List<Meter> meters = new ArrayList<>();
        meters.add(Gauge.builder("dictdb.records", db, tableValue(table, TableMetrics::records))
                .tags(t).description("Records the table holds").baseUnit("records").register(registry));
        meters.add(FunctionCounter.builder("dictdb.queries.slow", db, tableValue(table, TableMetrics::slowQueries))
                .tags(t).description("Queries slower than the database's slow-query threshold").register(registry));
        for (OperationKind kind : OperationKind.values()) {
            Tags tk = t.and("kind", kind.name().toLowerCase(Locale.ROOT));
            ToDoubleFunction<DictDB> count = tableValue(table, m -> m.operation(kind).count());
            meters.add(FunctionCounter.builder("dictdb.operations", db, count)
                    .tags(tk).description("Operations on the table, by kind").register(registry));
            meters.add(FunctionTimer.builder("dictdb.operation.latency", db,
                            d -> (long) tableValue(table, m -> m.operation(kind).timedCount()).applyAsDouble(d),
                            tableValue(table, m -> m.operation(kind).totalNanos()), TimeUnit.NANOSECONDS)
                    .tags(tk).description("Latency of the operations on the table, by kind, timed on a sample of one "
                            + "in 16 (count: the operations timed)").register(registry));
            meters.add(TimeGauge.builder("dictdb.operation.latency.max", db, TimeUnit.NANOSECONDS,
                            tableValue(table, m -> m.operation(kind).maxNanos()))
                    .tags(tk).description("The longest operation on the table so far, by kind").register(registry));
        }
        return meters;
    }

    /** A function reading one number of a table found by name at each poll: 0 once it is gone (until removed). */
    private static ToDoubleFunction<DictDB> tableValue(String table, ToDoubleFunction<TableMetrics> read) {
        return d -> {
            Optional<TableMetrics> m = d.metrics().table(table);
            return m.isPresent() ? read.applyAsDouble(m.get()) : 0;
        };
    }
}
