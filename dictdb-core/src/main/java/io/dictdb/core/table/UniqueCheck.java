package io.dictdb.core.table;

import io.dictdb.DuplicateKeyException;
import io.dictdb.Record;
import io.dictdb.core.index.FieldIndex;
import io.dictdb.core.storage.Row;
import io.dictdb.internal.ValueKeys;

import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The unique indexes' check of a write, run under the write lock before anything changes, so that a refused write
 * changes nothing. It sees the write as a whole: two records of one batch under one value collide, and an update
 * may give a record the value another updated record gives up (a swap), since the check is against the state after
 * the write, not after each record. Nulls and records outside a partial index's condition never collide.
 */
final class UniqueCheck {
    private UniqueCheck() {
    }

    /**
     * Refuses a write that would put two records under one value of a unique index.
     *
     * @param table the table's name, for the message
     * @param primaryKey the key field
     * @param uniques the table's unique indexes (nothing to do when empty)
     * @param rows the rows being updated, in step with {@code after}, or null for new records
     * @param after the records as the write stores them
     * @throws DuplicateKeyException naming the index's fields, the value and the key of the record holding it
     */
    static void check(String table, String primaryKey, List<FieldIndex> uniques, List<Row> rows, List<Record> after) {
        if (uniques.isEmpty()) {
            return;
        }
        Set<Row> moving = Collections.newSetFromMap(new IdentityHashMap<>());
        if (rows != null) {
            moving.addAll(rows);
        }
        for (FieldIndex index : uniques) {
            Map<Object, Record> taken = after.size() > 1 ? new HashMap<>() : null;
            for (int i = 0; i < after.size(); i++) {
                Record r = after.get(i);
                Object v = index.valueOf(r);
                if (v == null) {
                    continue;
                }
                if (taken != null) {
                    Record earlier = taken.putIfAbsent(ValueKeys.hashKey(v), r);
                    if (earlier != null) {
                        throw duplicate(table, index, v, earlier.get(primaryKey));
                    }
                }
                Row holder = index.holderOf(r);
                // the holder may keep its value only if it is not itself being rewritten (then its new value, if
                // the same, was caught above as a collision within the write)
                if (holder != null && !moving.contains(holder)) {
                    throw duplicate(table, index, v, holder.record().get(primaryKey));
                }
            }
        }
    }

    static DuplicateKeyException duplicate(String table, FieldIndex index, Object value, Object holderKey) {
        return new DuplicateKeyException(table, index.spec().fields(), value, holderKey);
    }
}
