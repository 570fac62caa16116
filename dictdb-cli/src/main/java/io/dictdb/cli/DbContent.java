package io.dictdb.cli;

import io.dictdb.Record;
import io.dictdb.Values;
import io.dictdb.core.Snapshot;
import io.dictdb.internal.ValueKeys;
import io.dictdb.spi.IndexDefinition;
import io.dictdb.spi.TableDefinition;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A database's content in a form that compares by value: per table its primary key, schema, indexes, key counter
 * and records by key. Two databases with equal content answer every query alike.
 *
 * @param tables the tables by name
 */
record DbContent(Map<String, TableContent> tables) {

    /**
     * One table's content.
     *
     * @param primaryKey the primary-key field
     * @param schema the schema, or null
     * @param indexes the indexes
     * @param nextKey the key counter
     * @param records the records by {@link ValueKeys#hashKey(Object) hash key} of their primary key
     */
    record TableContent(String primaryKey, Object schema, Set<IndexDefinition> indexes, long nextKey,
                        Map<Object, Record> records) {
    }

    /**
     * The content of a snapshot.
     *
     * @param snap the snapshot
     * @return its content
     */
    static DbContent of(Snapshot snap) {
        Map<String, TableContent> tables = new TreeMap<>();
        for (Snapshot.TableImage t : snap.tables()) {
            TableDefinition d = t.definition();
            Map<Object, Record> records = new HashMap<>(t.records().size() * 2);
            for (Record r : t.records()) {
                records.put(ValueKeys.hashKey(r.get(d.primaryKey())), r);
            }
            tables.put(d.name(), new TableContent(d.primaryKey(), d.schema(), new HashSet<>(d.indexes()),
                    t.nextKey(), records));
        }
        return new DbContent(tables);
    }

    /**
     * The first difference from another content, in words, or null when equal.
     *
     * @param other the other content
     * @return the difference, or null
     */
    String differenceFrom(DbContent other) {
        if (!tables.keySet().equals(other.tables.keySet())) {
            return "tables " + tables.keySet() + " vs " + other.tables.keySet();
        }
        for (Map.Entry<String, TableContent> e : tables.entrySet()) {
            TableContent a = e.getValue();
            TableContent b = other.tables.get(e.getKey());
            String t = "table '" + e.getKey() + "': ";
            if (!a.primaryKey().equals(b.primaryKey())) {
                return t + "primary key " + a.primaryKey() + " vs " + b.primaryKey();
            }
            if (!java.util.Objects.equals(a.schema(), b.schema())) {
                return t + "schema " + a.schema() + " vs " + b.schema();
            }
            if (!a.indexes().equals(b.indexes())) {
                return t + "indexes " + a.indexes() + " vs " + b.indexes();
            }
            if (a.nextKey() != b.nextKey()) {
                return t + "key counter " + a.nextKey() + " vs " + b.nextKey();
            }
            if (a.records().size() != b.records().size()) {
                return t + a.records().size() + " records vs " + b.records().size();
            }
            for (Map.Entry<Object, Record> r : a.records().entrySet()) {
                Record o = b.records().get(r.getKey());
                if (!r.getValue().equals(o)) {
                    return t + "record " + r.getKey() + " is " + r.getValue() + " vs " + o;
                }
            }
        }
        return null;
    }
}
