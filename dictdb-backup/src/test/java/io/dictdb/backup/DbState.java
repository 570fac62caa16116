package io.dictdb.backup;

import io.dictdb.Database;
import io.dictdb.Record;
import io.dictdb.Values;
import io.dictdb.core.DictDB;
import io.dictdb.core.Snapshot;
import io.dictdb.internal.ValueKeys;
import io.dictdb.spi.IndexDefinition;
import io.dictdb.spi.TableDefinition;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** A database's content in a form that compares by value: tables, definitions, indexes, counters, records by key. */
record DbState(long sequence, Map<String, TableView> tables) {

    record TableView(String primaryKey, Object schema, Set<IndexDefinition> indexes, long nextKey,
                     Map<Object, Record> records) {
    }

    static DbState of(Database db) {
        return of(((DictDB) db).snapshot());
    }

    static DbState of(Snapshot snap) {
        Map<String, TableView> tables = new TreeMap<>();
        for (Snapshot.TableImage t : snap.tables()) {
            TableDefinition d = t.definition();
            Map<Object, Record> records = new LinkedHashMap<>();
            for (Record r : t.records()) {
                records.put(ValueKeys.hashKey(r.get(d.primaryKey())), r);
            }
            tables.put(d.name(), new TableView(d.primaryKey(), d.schema(), new HashSet<>(d.indexes()), t.nextKey(),
                    records));
        }
        return new DbState(snap.sequence(), tables);
    }

    /** The content without the sequence number. */
    Map<String, TableView> content() {
        return tables;
    }
}
