package io.dictdb.core.query;

import io.dictdb.Record;
import io.dictdb.Values;
import io.dictdb.query.Order;

import java.util.Comparator;
import java.util.List;

/**
 * The order of a query's results: its sort keys in the total order of {@link Values}, null and missing values
 * last in both directions, and the primary key as the implicit last key so that the order is total.
 */
final class RecordOrder implements Comparator<Record> {
    private final String[] fields;
    private final boolean[] descending;
    private final String primaryKey;

    RecordOrder(List<Order> orders, String primaryKey) {
        this.fields = new String[orders.size()];
        this.descending = new boolean[orders.size()];
        for (int i = 0; i < fields.length; i++) {
            fields[i] = orders.get(i).field();
            descending[i] = orders.get(i).descending();
        }
        this.primaryKey = primaryKey;
    }

    @Override
    public int compare(Record a, Record b) {
        for (int i = 0; i < fields.length; i++) {
            int c = compareField(a.get(fields[i]), b.get(fields[i]), descending[i]);
            if (c != 0) {
                return c;
            }
        }
        return primaryKey == null ? 0 : compareField(a.get(primaryKey), b.get(primaryKey), false);
    }

    /** The sort keys of a record: its order fields, then its primary key. */
    Object[] keysOf(Record r) {
        Object[] k = new Object[fields.length + 1];
        for (int i = 0; i < fields.length; i++) {
            k[i] = r.get(fields[i]);
        }
        k[fields.length] = primaryKey == null ? null : r.get(primaryKey);
        return k;
    }

    /** Compares two records' sort keys, as {@link #compare(Record, Record)} compares the records. */
    int compareKeys(Object[] a, Object[] b) {
        for (int i = 0; i < fields.length; i++) {
            int c = compareField(a[i], b[i], descending[i]);
            if (c != 0) {
                return c;
            }
        }
        return primaryKey == null ? 0 : compareField(a[fields.length], b[fields.length], false);
    }

    /** Compares a record with sort keys, reading the record's fields only as far as needed. */
    int compare(Record r, Object[] keys) {
        for (int i = 0; i < fields.length; i++) {
            int c = compareField(r.get(fields[i]), keys[i], descending[i]);
            if (c != 0) {
                return c;
            }
        }
        return primaryKey == null ? 0 : compareField(r.get(primaryKey), keys[fields.length], false);
    }

    static int compareField(Object x, Object y, boolean descending) {
        if (x == null || y == null) {
            return x == null ? (y == null ? 0 : 1) : -1;
        }
        int c = Values.compare(x, y);
        return descending ? -c : c;
    }
}
