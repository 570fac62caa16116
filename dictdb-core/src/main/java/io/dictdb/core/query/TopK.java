package io.dictdb.core.query;

import io.dictdb.Record;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The first {@code k} records in a {@link RecordOrder}, kept in a bounded max-heap whose entries carry their sort
 * keys: a record that does not beat the worst one kept costs one comparison that reads only the fields it needs,
 * and sifting compares cached keys, never records. Never sorts more than {@code k} records.
 */
final class TopK {
    private final RecordOrder order;
    private final int k;
    private Record[] records;
    private Object[][] keys;
    private int size;

    TopK(RecordOrder order, int k) {
        if (k < 0) {
            throw new IllegalArgumentException("k must not be negative, got " + k);
        }
        this.order = order;
        this.k = k;
        // A large limit must not allocate up front: the arrays grow with what is kept.
        int capacity = Math.min(k, 16);
        this.records = new Record[capacity];
        this.keys = new Object[capacity][];
    }

    void offer(Record r) {
        if (k == 0) {
            return;
        }
        if (size < k) {
            if (size == records.length) {
                int capacity = (int) Math.min(k, Math.max(16L, 2L * size));
                records = Arrays.copyOf(records, capacity);
                keys = Arrays.copyOf(keys, capacity);
            }
            records[size] = r;
            keys[size] = order.keysOf(r);
            siftUp(size++);
            return;
        }
        if (order.compare(r, keys[0]) >= 0) {
            return; // not before the worst record kept
        }
        records[0] = r;
        keys[0] = order.keysOf(r);
        siftDown(0);
    }

    /** The records kept, in order. */
    List<Record> sorted() {
        Integer[] idx = new Integer[size];
        for (int i = 0; i < size; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> order.compareKeys(keys[a], keys[b]));
        List<Record> out = new ArrayList<>(size);
        for (int i : idx) {
            out.add(records[i]);
        }
        return out;
    }

    private boolean worse(int a, int b) {
        return order.compareKeys(keys[a], keys[b]) > 0;
    }

    private void siftUp(int i) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!worse(i, parent)) {
                return;
            }
            swap(i, parent);
            i = parent;
        }
    }

    private void siftDown(int i) {
        while (true) {
            int left = 2 * i + 1;
            if (left >= size) {
                return;
            }
            int right = left + 1;
            int worst = right < size && worse(right, left) ? right : left;
            if (!worse(worst, i)) {
                return;
            }
            swap(i, worst);
            i = worst;
        }
    }

    private void swap(int a, int b) {
        Record r = records[a];
        records[a] = records[b];
        records[b] = r;
        Object[] key = keys[a];
        keys[a] = keys[b];
        keys[b] = key;
    }
}
