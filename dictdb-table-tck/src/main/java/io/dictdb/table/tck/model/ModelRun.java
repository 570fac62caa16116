package io.dictdb.table.tck.model;

import io.dictdb.Database;
import io.dictdb.IndexType;
import io.dictdb.InsertOptions;
import io.dictdb.OnConflict;
import io.dictdb.Record;
import io.dictdb.Table;
import io.dictdb.TableSpec;
import io.dictdb.UpsertResult;
import io.dictdb.query.Condition;
import io.dictdb.query.Conditions;
import io.dictdb.query.Order;
import io.dictdb.query.Query;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Runs one op sequence against the reference model and two engine tables that receive the same writes: one on
 * which the sequence creates and drops indexes, one that never has any. After every step both tables must equal
 * the model; check steps compare selections, counts and ordered pages. A failure is minimised by dropping steps
 * and reported as a transcript of concrete calls.
 */
final class ModelRun {
    private static final long TWO_53 = 1L << 53;

    /** What the runs did, to prove the sequences exercised what the acceptance criterion names. */
    static final class Stats {
        final Map<String, Integer> calls = new TreeMap<>();
        final Map<String, Integer> outcomes = new TreeMap<>();
        final Set<String> conditionNodes = new HashSet<>();
        long ops;
        long checks;
        long sequences;
        int maxRecords;
        long recordsSummed;
        /** Ops and table sizes of the sequences that used every kind of op (not QuickTheories' boundary ones). */
        long fullOps;
        long fullRecordsSummed;
        /** The longest single sequence that used every kind of op. */
        int longestFullSequence;

        synchronized String summary() {
            return String.format("%d sequences, %d ops (%d checks), longest full sequence %d ops, "
                            + "table size max %d / mean %.1f (%.1f in full sequences)%n  calls: %s%n"
                            + "  outcomes: %s%n  condition nodes: %s",
                    sequences, ops, checks, longestFullSequence, maxRecords,
                    ops == 0 ? 0.0 : (double) recordsSummed / ops,
                    fullOps == 0 ? 0.0 : (double) fullRecordsSummed / fullOps, calls, outcomes,
                    new java.util.TreeSet<>(conditionNodes));
        }
    }

    /** A mismatch at one step; {@code signature} says what kind, so minimising keeps chasing the same bug. */
    static final class Failure extends AssertionError {
        private static final long serialVersionUID = 1L;

        final int step;
        final String signature;

        Failure(int step, String signature, String message) {
            super(message);
            this.step = step;
            this.signature = signature;
        }
    }

    /** A result, or the class of the exception thrown (for the model: the classes allowed). */
    private record Outcome(Object value, Set<Class<?>> errors, Throwable thrown) {
        static Outcome ok(Object value) {
            return new Outcome(value, Set.of(), null);
        }

        static Outcome threw(Throwable thrown) {
            return new Outcome(null, Set.of(thrown.getClass()), thrown);
        }

        boolean failed() {
            return !errors.isEmpty();
        }

        String errorNames() {
            StringJoiner j = new StringJoiner(" or ");
            errors.stream().map(Class::getSimpleName).sorted().forEach(j::add);
            return j.toString();
        }

        @Override
        public String toString() {
            return !failed() ? "returned " + (value instanceof UpsertResult u
                    ? "UpsertResult(" + Show.value(u.key()) + ", " + u.action() + ")" : Show.value(value))
                    : "threw " + errorNames() + (thrown == null ? "" : " (" + thrown.getMessage() + ")");
        }
    }

    private final Generators.Profile p;
    private final Stats stats;
    private final List<String> transcript;
    private final ReferenceTable model;
    private final Map<String, IndexType> modelIndexes = new LinkedHashMap<>();
    private final Table indexed;
    private final Table plain;
    private final List<Table> tables;
    private final Set<String> kindsSeen = new HashSet<>();
    private int step;
    private String call = "";
    /** The engine's last exception in this step: the cause of a failure, for its stack trace. */
    private Throwable lastThrown;

    private ModelRun(Generators.Profile p, Stats stats, List<String> transcript, Database db) {
        this.p = p;
        this.stats = stats;
        this.transcript = transcript;
        if (p.schema() == null) {
            indexed = db.createTable("indexed");
            plain = db.createTable("plain");
        } else {
            // The indexed table also starts with an index from its spec.
            indexed = db.createTable(TableSpec.named("indexed").schema(p.schema()).index("name", IndexType.HASH));
            plain = db.createTable(TableSpec.named("plain").schema(p.schema()));
            modelIndexes.put("name", IndexType.HASH);
        }
        tables = List.of(indexed, plain);
        model = new ReferenceTable(p.pk(), p.schema());
    }

    /**
     * Runs the sequence; on a mismatch, minimises it and throws an AssertionError holding the shortest failing
     * sequence found as concrete calls.
     */
    static void check(Supplier<Database> databases, Generators.Profile p, List<Op> ops, Stats stats,
            long minimiseMillis) {
        Failure f = firstFailure(databases, p, ops, stats);
        if (f == null) {
            return;
        }
        List<Op> small = minimise(databases, p, ops, f, minimiseMillis);
        List<String> lines = new ArrayList<>();
        Failure again = null;
        try {
            run(databases, p, null, lines, small);
        } catch (Failure g) {
            again = g;
        }
        Failure shown = again != null ? again : f;
        StringBuilder sb = new StringBuilder();
        sb.append("Table differs from the model (").append(p.name()).append(") at step ").append(f.step + 1)
                .append(" of ").append(ops.size()).append(": ").append(f.getMessage()).append("\n\n");
        sb.append("Minimised to ").append(small.size()).append(" steps; t is each of the tables 'indexed' and ")
                .append("'plain' unless a line says otherwise:\n");
        for (String line : lines) {
            sb.append("  ").append(line).append('\n');
        }
        sb.append("failing there with: ").append(shown.getMessage());
        AssertionError error = new AssertionError(sb.toString(), shown.getCause());
        error.addSuppressed(f);
        throw error;
    }

    /** Runs the ops on two tables of a new database of the backend, closed afterwards. */
    private static void run(Supplier<Database> databases, Generators.Profile p, Stats stats, List<String> transcript,
            List<Op> ops) {
        try (Database db = databases.get()) {
            new ModelRun(p, stats, transcript, db).run(ops);
        }
    }

    private static Failure firstFailure(Supplier<Database> databases, Generators.Profile p, List<Op> ops,
            Stats stats) {
        try {
            run(databases, p, stats, null, ops);
            return null;
        } catch (Failure f) {
            return f;
        }
    }

    /** Drops ever smaller runs of steps while the same kind of failure remains, within a time budget. */
    private static List<Op> minimise(Supplier<Database> databases, Generators.Profile p, List<Op> ops,
            Failure original, long millis) {
        long deadline = System.currentTimeMillis() + millis;
        List<Op> current = new ArrayList<>(ops.subList(0, original.step + 1));
        int chunk = Math.max(1, current.size() / 2);
        while (System.currentTimeMillis() < deadline) {
            boolean progress = false;
            for (int start = 0; start < current.size() && System.currentTimeMillis() < deadline; ) {
                List<Op> candidate = new ArrayList<>(current.subList(0, start));
                candidate.addAll(current.subList(Math.min(current.size(), start + chunk), current.size()));
                Failure f = candidate.isEmpty() ? null : firstFailure(databases, p, candidate, null);
                if (f != null && f.signature.equals(original.signature)) {
                    current = new ArrayList<>(candidate.subList(0, f.step + 1));
                    progress = true;
                } else {
                    start += chunk;
                }
            }
            if (chunk == 1 && !progress) {
                break;
            }
            if (!progress) {
                chunk = Math.max(1, chunk / 2);
            }
        }
        return current;
    }

    private void run(List<Op> ops) {
        int recordsSummed = 0;
        int maxRecords = 0;
        for (step = 0; step < ops.size(); step++) {
            Op op = ops.get(step);
            lastThrown = null;
            try {
                apply(op);
                verifyState(op);
            } finally {
                if (transcript != null) {
                    transcript.add(call);
                }
            }
            recordsSummed += model.size();
            maxRecords = Math.max(maxRecords, model.size());
        }
        if (stats != null) {
            synchronized (stats) {
                stats.sequences++;
                stats.ops += ops.size();
                stats.recordsSummed += recordsSummed;
                stats.maxRecords = Math.max(stats.maxRecords, maxRecords);
                if (kindsSeen.size() == Op.class.getPermittedSubclasses().length) {
                    stats.longestFullSequence = Math.max(stats.longestFullSequence, ops.size());
                    stats.fullOps += ops.size();
                    stats.fullRecordsSummed += recordsSummed;
                }
            }
        }
    }

    private void count(String what, Outcome m) {
        count(what, m.failed() ? m.errorNames() : "ok");
    }

    private void count(String what, String outcome) {
        if (stats != null) {
            synchronized (stats) {
                stats.calls.merge(what, 1, Integer::sum);
                stats.outcomes.merge(outcome, 1, Integer::sum);
            }
        }
    }

    // ------------------------------------------------------------------ steps

    private void apply(Op op) {
        kindsSeen.add(op.getClass().getSimpleName());
        if (op instanceof Op.Insert x) {
            Map<String, Object> rec = withKey(x.fields(), x.key());
            call = "t.insert(" + Show.map(rec) + ");";
            write("insert", () -> model.insert(rec), t -> t.insert(rec));
        } else if (op instanceof Op.InsertAll x) {
            List<Map<String, Object>> recs = new ArrayList<>();
            for (int i = 0; i < x.fields().size(); i++) {
                recs.add(withKey(x.fields().get(i), x.keys().get(i)));
            }
            InsertOptions options = x.batchSize() > 0
                    ? InsertOptions.defaults().batchSize(x.batchSize()).skipValidation(x.skipValidation())
                    : InsertOptions.defaults().skipValidation(x.skipValidation());
            StringJoiner j = new StringJoiner(", ", "t.insertAll(List.of(", ")");
            recs.forEach(r -> j.add(Show.map(r)));
            call = j + (!x.withOptions() ? "" : ", InsertOptions.defaults()"
                    + (x.batchSize() > 0 ? ".batchSize(" + x.batchSize() + ")" : "")
                    + ".skipValidation(" + x.skipValidation() + ")") + ");";
            write(x.withOptions() ? "insertAll(records, options)" : "insertAll(records)",
                    () -> model.insertAll(recs, !x.skipValidation()),
                    t -> x.withOptions() ? t.insertAll(recs, options) : t.insertAll(recs));
        } else if (op instanceof Op.Upsert x) {
            Map<String, Object> rec = withKey(x.fields(), x.key());
            OnConflict oc = x.onConflict() == null ? OnConflict.UPDATE : x.onConflict();
            call = "t.upsert(" + Show.map(rec) + (x.onConflict() == null ? "" : ", OnConflict." + oc) + ");";
            write(x.onConflict() == null ? "upsert(record)" : "upsert(record, " + oc + ")",
                    () -> model.upsert(rec, oc),
                    t -> x.onConflict() == null ? t.upsert(rec) : t.upsert(rec, oc));
        } else if (op instanceof Op.Update x) {
            Condition where = x.where() == null ? Conditions.all() : resolve(x.where());
            Map<String, Object> changes = x.changes();
            if (x.where() == null) {
                call = "t.update(" + Show.map(changes) + ");";
                write("update(changes)", () -> model.update(changes, where), t -> t.update(changes));
            } else if (x.viaQuery()) {
                call = "t.query().where(" + Show.condition(where) + ").update(" + Show.map(changes) + ");";
                write("query().update(changes)", () -> model.update(changes, where),
                        t -> t.query().where(where).update(changes));
            } else {
                call = "t.update(" + Show.map(changes) + ", " + Show.condition(where) + ");";
                write("update(changes, where)", () -> model.update(changes, where), t -> t.update(changes, where));
            }
        } else if (op instanceof Op.UpdateFn x) {
            Condition where = resolve(x.where());
            call = "t.update(" + x.fn() + ", " + Show.condition(where) + ");";
            write("update(fn, where)", () -> model.updateWith(x.fn().function(), where),
                    t -> t.update(x.fn().function(), where));
        } else if (op instanceof Op.Delete x) {
            Condition where = resolve(x.where());
            if (x.viaQuery()) {
                call = "t.query().where(" + Show.condition(where) + ").delete();";
                write("query().delete()", () -> model.delete(where), t -> t.query().where(where).delete());
            } else {
                call = "t.delete(" + Show.condition(where) + ");";
                write("delete(where)", () -> model.delete(where), t -> t.delete(where));
            }
        } else if (op instanceof Op.DeleteAll) {
            call = "t.deleteAll();";
            write("deleteAll()", model::deleteAll, Table::deleteAll);
        } else if (op instanceof Op.CreateIndex x) {
            createIndex(x);
        } else if (op instanceof Op.DropIndex x) {
            dropIndex(x);
        } else if (op instanceof Op.Check x) {
            check(x);
        } else if (op instanceof Op.Lookup x) {
            lookup(x);
        }
    }

    /** Runs a write on the model and on both tables; all three must agree on the result or the exception. */
    private void write(String what, Supplier<Object> onModel, java.util.function.Function<Table, Object> onTable) {
        Outcome m = onModel(onModel);
        count(what, m);
        for (Table t : tables) {
            Outcome e = onEngine(() -> onTable.apply(t));
            if (!agree(m, e)) {
                fail("result of " + what, t, "model " + m + ", engine " + e);
            }
        }
    }

    private static Outcome onModel(Supplier<Object> work) {
        try {
            return Outcome.ok(work.get());
        } catch (ReferenceTable.Expected e) {
            return new Outcome(null, Set.copyOf(e.types), e);
        } catch (Op.Refused e) {
            return Outcome.threw(e);
        }
    }

    private Outcome onEngine(Supplier<Object> work) {
        try {
            return Outcome.ok(work.get());
        } catch (RuntimeException e) {
            lastThrown = e;
            return Outcome.threw(e);
        }
    }

    private static boolean agree(Outcome m, Outcome e) {
        if (m.failed() || e.failed()) {
            return m.failed() && e.failed() && m.errors.stream().anyMatch(c -> c.isInstance(e.thrown));
        }
        if (m.value instanceof UpsertResult a && e.value instanceof UpsertResult b) {
            return a.action() == b.action() && Oracle.exactEquals(a.key(), b.key());
        }
        return Oracle.exactEquals(m.value, e.value);
    }

    private void createIndex(Op.CreateIndex x) {
        call = "t.createIndex(\"" + x.field() + "\"" + (x.type() == null ? "" : ", IndexType." + x.type())
                + ");  // indexed table only";
        IndexType type = x.type() == null ? IndexType.HASH : x.type();
        IndexType before = modelIndexes.get(x.field());
        Outcome e = onEngine(() -> {
            if (x.type() == null) {
                indexed.createIndex(x.field());
            } else {
                indexed.createIndex(x.field(), x.type());
            }
            return null;
        });
        // Kept apart from write outcomes: an index op's exception is not one the coverage check looks for.
        count(x.type() == null ? "createIndex(field)" : "createIndex(field, type)",
                e.failed() ? "index op refused" : "index op ok");
        if (before == null) {
            if (e.failed()) {
                fail("createIndex", indexed, "engine " + e);
            }
            modelIndexes.put(x.field(), type);
        } else if (!e.failed()) {
            // The contract is silent on creating an existing index: refusing or replacing are both fine.
            indexed.index(x.field()).ifPresent(i -> modelIndexes.put(x.field(), i.type()));
            if (modelIndexes.get(x.field()) != before && modelIndexes.get(x.field()) != type) {
                fail("createIndex", indexed, "an existing index changed to a third type");
            }
        }
        verifyIndexes();
    }

    private void dropIndex(Op.DropIndex x) {
        call = "t.dropIndex(\"" + x.field() + "\");  // indexed table only";
        boolean existed = modelIndexes.containsKey(x.field());
        Outcome e = onEngine(() -> {
            indexed.dropIndex(x.field());
            return null;
        });
        count("dropIndex(field)", e.failed() ? "index op refused" : "index op ok");
        if (existed && e.failed()) {
            fail("dropIndex", indexed, "engine " + e);
        }
        // Dropping a missing index may throw or do nothing (the contract is silent); either way none remains.
        modelIndexes.remove(x.field());
        verifyIndexes();
    }

    private void verifyIndexes() {
        if (!new HashSet<>(indexed.indexedFields()).equals(modelIndexes.keySet())) {
            fail("indexes", indexed, "indexedFields " + indexed.indexedFields() + ", expected "
                    + modelIndexes.keySet());
        }
        for (Map.Entry<String, IndexType> e : modelIndexes.entrySet()) {
            if (!indexed.hasIndex(e.getKey()) || indexed.index(e.getKey()).map(i -> i.type()).orElse(null)
                    != e.getValue()) {
                fail("indexes", indexed, "index on " + e.getKey() + " should be " + e.getValue());
            }
        }
        if (!plain.indexedFields().isEmpty()) {
            fail("indexes", plain, "has indexes " + plain.indexedFields());
        }
    }

    private void lookup(Op.Lookup x) {
        Object key = resolveKey(x.key());
        call = "t.get(" + Show.value(key) + ");";
        Optional<Map<String, Object>> m = model.get(key);
        count("get(key)", "read");
        for (Table t : tables) {
            Outcome e = onEngine(() -> t.get(key));
            if (e.failed()) {
                fail("get", t, "engine " + e);
            }
            @SuppressWarnings("unchecked")
            Optional<Record> got = (Optional<Record>) e.value;
            if (got.isPresent() != m.isPresent() || m.isPresent() && !Oracle.exactEquals(m.get(), got.get())) {
                fail("get", t, "model " + m.map(Show::map) + ", engine " + got.map(Show::map));
            }
        }
    }

    // ------------------------------------------------------------------ checks

    private void check(Op.Check x) {
        Condition where = resolve(x.where());
        List<Order> orders = new ArrayList<>();
        for (String s : x.orderBy()) {
            orders.add(Order.parse(s));
        }
        String page = (x.limit() >= 0 ? ".limit(" + x.limit() + ")" : "") + (x.offset() > 0 ? ".offset(" + x.offset()
                + ")" : "");
        StringJoiner by = new StringJoiner(", ", ".orderBy(", ")");
        for (int i = 0; i < orders.size(); i++) {
            by.add(x.asOrderObjects() ? "Order." + (orders.get(i).descending() ? "desc" : "asc") + "(\""
                    + orders.get(i).field() + "\")" : Show.string(x.orderBy().get(i)));
        }
        call = "t.select(" + Show.condition(where) + ");  // also count(where) and: t.query().where(where)"
                + (orders.isEmpty() ? "" : by.toString()) + page + ".toList(), .first()";
        collectNodes(where);
        count("check", "read");
        if (stats != null) {
            synchronized (stats) {
                stats.checks++;
            }
        }
        List<Map<String, Object>> expected = model.select(where);
        List<Map<String, Object>> expectedPage = model.query(where, orders, x.limit(), x.offset());
        for (Table t : tables) {
            Outcome sel = onEngine(() -> t.select(where));
            if (sel.failed()) {
                fail("select threw", t, "engine " + sel);
            }
            sameSet("select", t, expected, asMaps(sel.value));
            Outcome n = onEngine(() -> t.count(where));
            if (n.failed() || ((Long) n.value) != expected.size()) {
                fail("count", t, "model " + expected.size() + ", engine " + n);
            }
            Outcome q = onEngine(() -> {
                Query query = t.query().where(where);
                if (!orders.isEmpty()) {
                    query = x.asOrderObjects() ? query.orderBy(orders.toArray(new Order[0]))
                            : query.orderBy(x.orderBy().toArray(new String[0]));
                }
                if (x.limit() >= 0) {
                    query = query.limit(x.limit());
                }
                if (x.offset() > 0) {
                    query = query.offset(x.offset());
                }
                return List.of(query.toList(), query.first());
            });
            if (q.failed()) {
                fail("query threw", t, "engine " + q);
            }
            List<?> both = (List<?>) q.value;
            List<Map<String, Object>> got = asMaps(both.get(0));
            if (orders.isEmpty()) {
                sameSet("query().toList()", t, expected, got); // no order asked, none to check
                continue;
            }
            if (!sameList(expectedPage, got)) {
                fail("ordered query", t, "expected keys " + keys(expectedPage) + "\n  engine gave " + keys(got)
                        + "\n  sort values expected " + sortValues(expectedPage, orders) + "\n  engine gave   "
                        + sortValues(got, orders));
            }
            Optional<?> first = (Optional<?>) both.get(1);
            boolean firstOk = expectedPage.isEmpty() ? first.isEmpty()
                    : first.isPresent() && Oracle.exactEquals(expectedPage.get(0), first.get());
            if (!firstOk) {
                fail("first()", t, "expected " + (expectedPage.isEmpty() ? "none" : Show.map(expectedPage.get(0)))
                        + ", engine " + first);
            }
        }
    }

    private void collectNodes(Condition c) {
        if (stats == null) {
            return;
        }
        String node;
        if (c instanceof Condition.Compare x) {
            node = "Compare." + x.op() + (x.value() == null ? "(null)" : "");
        } else if (c instanceof Condition.In x) {
            node = x.negated() ? "NotIn" : "In";
        } else if (c instanceof Condition.Text x) {
            node = "Text." + x.op();
        } else if (c instanceof Condition.IsNull x) {
            node = x.negated() ? "IsNotNull" : "IsNull";
        } else {
            node = c.getClass().getSimpleName();
        }
        synchronized (stats) {
            stats.conditionNodes.add(node);
        }
        if (c instanceof Condition.And x) {
            x.parts().forEach(this::collectNodes);
        } else if (c instanceof Condition.Or x) {
            x.parts().forEach(this::collectNodes);
        } else if (c instanceof Condition.Not x) {
            collectNodes(x.inner());
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> asMaps(Object records) {
        return new ArrayList<>((List<Map<String, Object>>) records);
    }

    // ------------------------------------------------------------------ state

    private final Comparator<Map<String, Object>> byKey = (a, b) -> Oracle.compare(a.get(keyField()),
            b.get(keyField()));

    private String keyField() {
        return p.pk();
    }

    /** After every step: each table holds exactly the model's records, by value and by type. */
    private void verifyState(Op op) {
        for (Table t : tables) {
            Outcome all = onEngine(t::all);
            if (all.failed()) {
                fail("all() threw", t, "engine " + all);
            }
            sameSet("state after " + op.getClass().getSimpleName(), t, model.rows, asMaps(all.value));
            Outcome n = onEngine(t::count);
            if (n.failed() || ((Long) n.value) != model.size()) {
                fail("count()", t, "model " + model.size() + ", engine " + n);
            }
        }
    }

    private void sameSet(String what, Table t, List<Map<String, Object>> expected, List<Map<String, Object>> got) {
        List<Map<String, Object>> e = new ArrayList<>(expected);
        List<Map<String, Object>> g = new ArrayList<>(got);
        e.sort(byKey);
        g.sort(byKey);
        if (!sameList(e, g)) {
            fail(what, t, diff(e, g));
        }
    }

    private static boolean sameList(List<Map<String, Object>> a, List<Map<String, Object>> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!Oracle.exactEquals(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** Which records are missing, extra or different, with their keys. */
    private String diff(List<Map<String, Object>> expected, List<Map<String, Object>> got) {
        StringBuilder sb = new StringBuilder();
        int shown = 0;
        for (Map<String, Object> r : expected) {
            Map<String, Object> other = findByKey(got, r.get(keyField()));
            if (other == null) {
                sb.append("\n  missing from engine: ").append(Show.map(r));
            } else if (!Oracle.exactEquals(r, other)) {
                sb.append("\n  differs: model ").append(Show.map(r)).append("\n           engine ")
                        .append(Show.map(other));
            } else {
                continue;
            }
            if (++shown >= 5) {
                break;
            }
        }
        for (Map<String, Object> r : got) {
            if (findByKey(expected, r.get(keyField())) == null && shown++ < 10) {
                sb.append("\n  not in model: ").append(Show.map(r));
            }
        }
        return "model has " + expected.size() + " records, engine " + got.size() + sb;
    }

    private Map<String, Object> findByKey(List<Map<String, Object>> in, Object key) {
        for (Map<String, Object> r : in) {
            if (Oracle.valueEquals(r.get(keyField()), key)) {
                return r;
            }
        }
        return null;
    }

    private String keys(List<Map<String, Object>> records) {
        StringJoiner j = new StringJoiner(", ", "[", "]");
        records.forEach(r -> j.add(Show.value(r.get(keyField()))));
        return j.toString();
    }

    private static String sortValues(List<Map<String, Object>> records, List<Order> orders) {
        StringJoiner j = new StringJoiner(", ", "[", "]");
        for (Map<String, Object> r : records) {
            StringJoiner k = new StringJoiner("|");
            orders.forEach(o -> k.add(Show.value(r.get(o.field()))));
            j.add(k.toString());
        }
        return j.toString();
    }

    private void fail(String what, Table t, String detail) {
        Failure f = new Failure(step, what.split(" ")[0] + "@" + t.name(), "[" + what + "] on table '" + t.name()
                + "' (indexes " + indexed.indexedFields() + ") after " + call + "\n  " + detail);
        if (lastThrown != null) {
            f.initCause(lastThrown);
        }
        throw f;
    }

    // ------------------------------------------------------------------ resolving references

    private Map<String, Object> withKey(Map<String, Object> fields, Op.KeyRef ref) {
        Map<String, Object> rec = new LinkedHashMap<>(fields);
        Object key = ref instanceof Op.KeyRef.None ? null : resolveKey(ref);
        if (key != null && !"absent-key".equals(key)) {
            rec.put(p.pk(), key);
        }
        return rec;
    }

    /** The key a reference names now; {@code "absent-key"} when it names nothing (no key, or an empty table). */
    private Object resolveKey(Op.KeyRef ref) {
        if (ref instanceof Op.KeyRef.Literal l) {
            return l.key();
        }
        if (ref instanceof Op.KeyRef.Existing e && model.size() > 0) {
            Object key = model.keys().get(e.pick() % model.size());
            return e.otherType() ? otherType(key, e.pick()) : key;
        }
        return "absent-key";
    }

    private Condition resolve(Op.Where where) {
        if (where instanceof Op.Where.Given g) {
            return g.condition();
        }
        List<Object> keys = new ArrayList<>();
        for (Op.KeyRef k : ((Op.Where.Keys) where).keys()) {
            keys.add(resolveKey(k instanceof Op.KeyRef.None ? new Op.KeyRef.Literal("absent-key") : k));
        }
        return keys.size() == 1 ? Conditions.field(p.pk()).eq(keys.get(0)) : Conditions.field(p.pk()).in(keys);
    }

    /** The same number as another type: keys are identified by value, so 3L, 3.0 and 3.00 name one record. */
    static Object otherType(Object key, int variant) {
        if (key instanceof Long l) {
            if (Math.abs(l) >= TWO_53) {
                return BigDecimal.valueOf(l);
            }
            return variant % 2 == 0 ? (Object) l.doubleValue() : BigDecimal.valueOf(l).setScale(2);
        }
        if (key instanceof Double d) {
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                return d;
            }
            if (d == Math.rint(d) && Math.abs(d) < TWO_53) {
                return (long) (double) d;
            }
            return new BigDecimal(d);
        }
        if (key instanceof BigDecimal b) {
            try {
                return b.longValueExact();
            } catch (ArithmeticException e) {
                double d = b.doubleValue();
                return Double.isFinite(d) && new BigDecimal(d).compareTo(b) == 0 ? (Object) d
                        : b.setScale(b.scale() + 1);
            }
        }
        return key;
    }
}
