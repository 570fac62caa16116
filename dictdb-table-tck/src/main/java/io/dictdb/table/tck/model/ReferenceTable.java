package io.dictdb.table.tck.model;

import io.dictdb.DuplicateKeyException;
import io.dictdb.FieldType;
import io.dictdb.OnConflict;
import io.dictdb.Record;
import io.dictdb.RecordNotFoundException;
import io.dictdb.Schema;
import io.dictdb.SchemaValidationException;
import io.dictdb.UpsertResult;
import io.dictdb.query.Condition;
import io.dictdb.query.Order;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * The reference model of one table: a plain list of maps and a key counter, with the documented write semantics
 * implemented as directly as possible. Every write computes its whole result first and changes the list and the
 * counter only at the end, so a failing write leaves the model unchanged, which is what the engine must match.
 */
final class ReferenceTable {

    /**
     * A failure the contract prescribes; carries the exception classes the engine may throw: one, except when an
     * update meets several failing records and the contract leaves open which one the engine meets first.
     */
    static final class Expected extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final Set<Class<? extends RuntimeException>> types;

        Expected(Class<? extends RuntimeException> type, String why) {
            this(Set.of(type), why);
        }

        Expected(Set<Class<? extends RuntimeException>> types, String why) {
            super(why, null, false, false);
            this.types = types;
        }
    }

    private final String pk;
    private final Schema schema; // null without schema; else with the key declared
    final List<Map<String, Object>> rows = new ArrayList<>();
    long counter = 1;

    ReferenceTable(String pk, Schema schema) {
        this.pk = pk;
        this.schema = schema == null ? null : schema.withFieldIfAbsent(pk, FieldType.LONG);
    }

    String primaryKey() {
        return pk;
    }

    int size() {
        return rows.size();
    }

    List<Object> keys() {
        List<Object> out = new ArrayList<>(rows.size());
        for (Map<String, Object> r : rows) {
            out.add(r.get(pk));
        }
        return out;
    }

    private int find(Object key, List<Map<String, Object>> in) {
        for (int i = 0; i < in.size(); i++) {
            if (Oracle.valueEquals(in.get(i).get(pk), key)) {
                return i;
            }
        }
        return -1;
    }

    Optional<Map<String, Object>> get(Object key) {
        int i = find(Oracle.canon(key), rows);
        return i < 0 ? Optional.empty() : Optional.of(rows.get(i));
    }

    // ------------------------------------------------------------------ writes

    private static Map<String, Object> canonRecord(Map<String, ?> raw) {
        try {
            return Oracle.canonMap(raw);
        } catch (Oracle.Unsupported e) {
            throw new Expected(IllegalArgumentException.class, e.getMessage());
        }
    }

    Object insert(Map<String, ?> raw) {
        return insertAll(List.of(raw), true).get(0);
    }

    /**
     * Inserts in order, each record: a missing key takes the counter (skipping values already used as keys, by
     * value, so an auto key never collides with a non-Long key such as 3.0), the record is validated, its key must
     * be new, and an explicit Long key moves the counter past it. All or nothing, counter included.
     */
    List<Object> insertAll(List<? extends Map<String, ?>> raws, boolean validate) {
        // Argument checking (unsupported value types) comes before any record is looked at.
        List<Map<String, Object>> input = new ArrayList<>();
        for (Map<String, ?> raw : raws) {
            input.add(canonRecord(raw));
        }
        List<Map<String, Object>> added = new ArrayList<>();
        List<Object> keys = new ArrayList<>();
        long next = counter;
        for (Map<String, Object> rec : input) {
            Object key = rec.get(pk);
            if (key == null) {
                while (find(next, rows) >= 0 || find(next, added) >= 0) {
                    next++;
                }
                key = next;
                rec.put(pk, key);
            }
            if (validate) {
                rec = validated(rec);
            }
            if (find(key, rows) >= 0 || find(key, added) >= 0) {
                throw new Expected(DuplicateKeyException.class, "key " + Show.value(key));
            }
            if (key instanceof Long l && l >= next) {
                next = l + 1;
            }
            added.add(rec);
            keys.add(key);
        }
        rows.addAll(added);
        counter = next;
        return keys;
    }

    /** UPDATE merges the given fields into the stored record (keeping its key); IGNORE leaves it; ERROR throws. */
    UpsertResult upsert(Map<String, ?> raw, OnConflict onConflict) {
        Map<String, Object> rec = canonRecord(raw);
        Object key = rec.get(pk);
        int i = key == null ? -1 : find(key, rows);
        if (i < 0) {
            return new UpsertResult(insertAll(List.of(rec), true).get(0), UpsertResult.Action.INSERTED);
        }
        Map<String, Object> existing = rows.get(i);
        Object storedKey = existing.get(pk);
        switch (onConflict) {
            case IGNORE:
                return new UpsertResult(storedKey, UpsertResult.Action.IGNORED);
            case ERROR:
                throw new Expected(DuplicateKeyException.class, "upsert ERROR on " + Show.value(key));
            default:
                Map<String, Object> merged = new LinkedHashMap<>(existing);
                merged.putAll(rec);
                merged.put(pk, storedKey);
                rows.set(i, validated(merged));
                return new UpsertResult(storedKey, UpsertResult.Action.UPDATED);
        }
    }

    int update(Map<String, ?> changes, Condition where) {
        Map<String, Object> delta = canonRecord(changes);
        return updateFn(r -> {
            Map<String, Object> m = new LinkedHashMap<>(r);
            m.putAll(delta);
            return m;
        }, where);
    }

    int updateWith(UnaryOperator<Record> fn, Condition where) {
        // The function is test code shared with the engine run; it sees the record as the engine would.
        return updateFn(r -> Oracle.canonMap(fn.apply(Record.of(r))), where);
    }

    private int updateFn(UnaryOperator<Map<String, Object>> fn, Condition where) {
        List<Integer> hits = matchingPositions(where);
        if (hits.isEmpty()) {
            throw new Expected(RecordNotFoundException.class, "no match for " + Show.condition(where));
        }
        List<Map<String, Object>> after = new ArrayList<>();
        // Every matching record is tried: the engine may visit them in any order, so any failure may be the one
        // it reports.
        Set<Class<? extends RuntimeException>> failures = new LinkedHashSet<>();
        String why = "";
        for (int i : hits) {
            Map<String, Object> before = rows.get(i);
            try {
                Map<String, Object> r = fn.apply(before);
                if (!Oracle.valueEquals(r.get(pk), before.get(pk))) {
                    throw new IllegalStateException("the generator never changes a key: " + r);
                }
                r.put(pk, before.get(pk));
                after.add(validated(r));
            } catch (Expected e) {
                failures.addAll(e.types);
                why = e.getMessage();
            } catch (Op.Refused e) {
                failures.add(Op.Refused.class);
                why = e.getMessage();
            }
        }
        if (!failures.isEmpty()) {
            throw new Expected(failures, why);
        }
        for (int j = 0; j < hits.size(); j++) {
            rows.set(hits.get(j), after.get(j));
        }
        return hits.size();
    }

    int delete(Condition where) {
        List<Integer> hits = matchingPositions(where);
        if (hits.isEmpty()) {
            throw new Expected(RecordNotFoundException.class, "no match for " + Show.condition(where));
        }
        for (int j = hits.size() - 1; j >= 0; j--) {
            rows.remove((int) hits.get(j));
        }
        return hits.size();
    }

    int deleteAll() {
        int n = rows.size();
        rows.clear();
        return n;
    }

    // ------------------------------------------------------------------ reads

    private List<Integer> matchingPositions(Condition where) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if (Oracle.matches(where, rows.get(i))) {
                out.add(i);
            }
        }
        return out;
    }

    List<Map<String, Object>> select(Condition where) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i : matchingPositions(where)) {
            out.add(rows.get(i));
        }
        return out;
    }

    /** The query order: each sort field in the total order, null and missing last either way, then the key. */
    Comparator<Map<String, Object>> order(List<Order> orders) {
        return (x, y) -> {
            for (Order o : orders) {
                Object a = x.get(o.field());
                Object b = y.get(o.field());
                int c;
                if (a == null || b == null) {
                    c = a == null ? (b == null ? 0 : 1) : -1;
                } else {
                    c = o.descending() ? -Oracle.compare(a, b) : Oracle.compare(a, b);
                }
                if (c != 0) {
                    return c;
                }
            }
            return Oracle.compare(x.get(pk), y.get(pk));
        };
    }

    List<Map<String, Object>> query(Condition where, List<Order> orders, int limit, int offset) {
        List<Map<String, Object>> all = select(where);
        all.sort(order(orders));
        int from = Math.min(offset, all.size());
        int to = limit < 0 ? all.size() : Math.min(all.size(), from + limit);
        return new ArrayList<>(all.subList(from, to));
    }

    // ------------------------------------------------------------------ schema

    /**
     * The schema rules of the contract: every field declared, required fields present and non-null, values of the
     * declared type, an integral number in a DOUBLE field stored as a Double. The generator never produces the
     * cases the contract leaves open (a Double in a LONG field, a BigDecimal in a DOUBLE field, a number in a
     * DECIMAL field other than a BigDecimal); meeting one here is a bug of the test.
     */
    private Map<String, Object> validated(Map<String, Object> rec) {
        if (schema == null) {
            return rec;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : rec.entrySet()) {
            String f = e.getKey();
            Object v = e.getValue();
            FieldType type = schema.type(f);
            if (type == null) {
                throw new Expected(SchemaValidationException.class, "field " + f + " not in schema");
            }
            if (v == null) {
                if (schema.isRequired(f)) {
                    throw new Expected(SchemaValidationException.class, "required " + f + " is null");
                }
                out.put(f, null);
                continue;
            }
            out.put(f, coerce(f, type, v));
        }
        for (String f : schema.fields().keySet()) {
            if (schema.isRequired(f) && !rec.containsKey(f)) {
                throw new Expected(SchemaValidationException.class, "required " + f + " missing");
            }
        }
        return out;
    }

    private static Object coerce(String f, FieldType type, Object v) {
        boolean number = v instanceof Long || v instanceof Double || v instanceof BigDecimal;
        boolean ok = switch (type) {
            case BOOLEAN -> v instanceof Boolean;
            case LONG -> v instanceof Long;
            case DOUBLE -> v instanceof Double || v instanceof Long;
            case DECIMAL -> v instanceof BigDecimal;
            case STRING -> v instanceof String;
            case INSTANT -> v instanceof Instant;
            case DATE -> v instanceof LocalDate;
            case UUID -> v instanceof UUID;
            case BYTES -> v instanceof byte[];
            case LIST -> v instanceof List;
            case MAP -> v instanceof Map;
            case ANY -> true;
        };
        if (!ok && number && (type == FieldType.LONG || type == FieldType.DOUBLE || type == FieldType.DECIMAL)) {
            throw new IllegalStateException("test bug: the contract does not say whether " + Show.value(v)
                    + " fits a " + type + " field (" + f + ")");
        }
        if (!ok) {
            throw new Expected(SchemaValidationException.class, f + " expects " + type + ", got " + Show.value(v));
        }
        return type == FieldType.DOUBLE && v instanceof Long l ? (Object) l.doubleValue() : v;
    }
}
