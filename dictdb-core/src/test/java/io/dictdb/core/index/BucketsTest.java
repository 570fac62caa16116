package io.dictdb.core.index;

import io.dictdb.Record;
import io.dictdb.core.storage.RecordStore;
import io.dictdb.core.storage.Row;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

/**
 * A bucket, in each of its shapes (bare row, array, {@link OrderedRows}) and across the changes between them, holds
 * exactly the rows added and not removed, in ascending slot order, whatever the order of the adds and removes.
 * The model is a map from slot to row.
 */
class BucketsTest {
    /** Enough rows for several chunks of {@link OrderedRows#CHUNK}, so that chunks split and merge. */
    private static final int POOL = 3 * OrderedRows.CHUNK;
    private static final List<Row> ROWS = rows(POOL);

    private static List<Row> rows(int n) {
        RecordStore store = new RecordStore("id");
        List<Row> out = new ArrayList<>();
        for (long i = 0; i < n; i++) {
            out.add(store.add(i, Record.of("id", i)));
        }
        return out;
    }

    /**
     * Runs of ops: an op {@code k >= 0} adds row {@code k}, {@code k < 0} removes row {@code -k - 1}. Each run
     * draws its rows from a window of the pool, so a run can grow a bucket past a chunk or empty it again.
     */
    private static Gen<List<Integer>> ops(int window) {
        return lists().of(integers().between(-window, window - 1)).ofSizeBetween(0, 4 * window);
    }

    @Test
    void aBucketHoldsItsRowsInSlotOrderThroughAddsAndRemoves() {
        qt().withExamples(200)
                .forAll(ops(12), ops(POOL), ops(40))
                .checkAssert((small, large, mixed) -> {
                    Object bucket = null;
                    TreeMap<Integer, Row> model = new TreeMap<>();
                    for (List<Integer> run : List.of(small, large, mixed, large)) {
                        for (int op : run) {
                            Row row = ROWS.get(op < 0 ? -op - 1 : op);
                            if (op >= 0) {
                                bucket = Buckets.add(bucket, row);
                                model.put(row.order(), row);
                            } else {
                                bucket = Buckets.remove(bucket, row);
                                model.remove(row.order());
                            }
                        }
                        assertSame(bucket, model);
                    }
                });
    }

    @Test
    void appendsFillChunksAndRemovingEveryOtherRowKeepsTheRest() {
        Object bucket = null;
        for (Row r : ROWS) {
            bucket = Buckets.add(bucket, r);
        }
        assertThat(bucket).isInstanceOf(OrderedRows.class);
        TreeMap<Integer, Row> model = new TreeMap<>();
        ROWS.forEach(r -> model.put(r.order(), r));
        assertSame(bucket, model);
        for (int i = 0; i < POOL; i += 2) {
            bucket = Buckets.remove(bucket, ROWS.get(i));
            model.remove(ROWS.get(i).order());
        }
        assertSame(bucket, model);
        for (int i = POOL - 1; i >= 0; i -= 2) {
            bucket = Buckets.remove(bucket, ROWS.get(i));
            model.remove(ROWS.get(i).order());
            if (model.size() % 97 == 0) {
                assertSame(bucket, model);
            }
        }
        assertThat(bucket).isNull();
    }

    /**
     * The store's compaction renumbers slots, in order; after {@link Buckets#renumbered} a bucket finds its rows by
     * their new slots and keeps taking adds and removes. Three rows in five leave the store, more than stay, so the
     * store compacts; a drawn half of the rows is in the bucket, and those that leave the store leave the bucket
     * first, as a table does it.
     */
    @Test
    void aBucketFollowsTheStoresCompaction() {
        int n = 3_000;
        qt().withExamples(40).withShrinkCycles(200)
                .forAll(lists().of(booleans().all()).ofSize(n), ops(n))
                .checkAssert((inBucket, later) -> {
                    RecordStore store = new RecordStore("id");
                    List<Row> all = new ArrayList<>();
                    for (long i = 0; i < n; i++) {
                        all.add(store.add(i, Record.of("id", i)));
                    }
                    Object bucket = null;
                    for (int i = 0; i < n; i++) {
                        if (inBucket.get(i)) {
                            bucket = Buckets.add(bucket, all.get(i));
                        }
                    }
                    int compactions = 0;
                    Set<Row> kept = Collections.newSetFromMap(new IdentityHashMap<>());
                    for (int i = 0; i < n; i++) {
                        Row row = all.get(i);
                        if (i % 5 >= 3) {
                            kept.add(row);
                            continue;
                        }
                        if (inBucket.get(i)) {
                            bucket = Buckets.remove(bucket, row);
                        }
                        if (store.remove(row)) {
                            Buckets.renumbered(bucket);
                            compactions++;
                        }
                    }
                    assertThat(compactions).isPositive();
                    TreeMap<Integer, Row> model = new TreeMap<>();
                    for (int i = 0; i < n; i++) {
                        if (inBucket.get(i) && kept.contains(all.get(i))) {
                            model.put(all.get(i).order(), all.get(i));
                        }
                    }
                    List<Row> pool = new ArrayList<>(kept);
                    assertSame(bucket, model, pool);
                    for (int op : later) {
                        Row row = all.get(op < 0 ? -op - 1 : op);
                        if (!kept.contains(row)) {
                            continue; // a row no longer in the store is never added or removed again
                        }
                        if (op >= 0) {
                            bucket = Buckets.add(bucket, row);
                            model.put(row.order(), row);
                        } else {
                            bucket = Buckets.remove(bucket, row);
                            model.remove(row.order());
                        }
                    }
                    assertSame(bucket, model, pool);
                });
    }

    @Test
    void aRowAddedTwiceIsKeptOnceAndAnAbsentRowIsNotRemoved() {
        Object bucket = null;
        for (int n = 1; n <= Buckets.SMALL + 2; n++) {
            bucket = Buckets.add(bucket, ROWS.get(n));
            Object again = Buckets.add(bucket, ROWS.get(n));
            assertThat(Buckets.size(again)).isEqualTo(n);
            Object same = Buckets.remove(again, ROWS.get(0));
            assertThat(Buckets.size(same)).isEqualTo(n);
            bucket = same;
        }
    }

    @Test
    void twoRowsWithOneSlotAreRefused() {
        // rows of two stores share slots; a bucket only ever holds rows of one store, so this is a broken invariant
        Row other = rows(1).get(0);
        assertThatThrownBy(() -> Buckets.add(ROWS.get(0), other)).isInstanceOf(IllegalStateException.class);
        OrderedRows set = new OrderedRows(ROWS.subList(0, 20).toArray(new Row[0]));
        assertThatThrownBy(() -> set.add(other)).isInstanceOf(IllegalStateException.class);
    }

    private static void assertSame(Object bucket, TreeMap<Integer, Row> model) {
        assertSame(bucket, model, ROWS);
    }

    /**
     * Every way of reading a bucket agrees with the model: size, order, first, membership (probed with rows of
     * {@code pool}), records, views.
     */
    private static void assertSame(Object bucket, TreeMap<Integer, Row> model, List<Row> pool) {
        List<Row> expected = new ArrayList<>(model.values());
        assertThat(Buckets.size(bucket)).isEqualTo(expected.size());
        if (expected.isEmpty()) {
            assertThat(bucket).isNull();
            assertThat(Buckets.view(bucket)).isEmpty();
            assertThat(Buckets.records(bucket)).isEmpty();
            return;
        }
        // each shape only where its size belongs (an OrderedRows keeps some rows below SMALL until half of it)
        if (expected.size() == 1) {
            assertThat(bucket).isSameAs(expected.get(0));
        } else if (expected.size() <= Buckets.SMALL / 2) {
            assertThat(bucket).isInstanceOf(Row[].class);
        } else if (expected.size() > Buckets.SMALL) {
            assertThat(bucket).isInstanceOf(OrderedRows.class);
        }
        assertThat(Buckets.first(bucket)).isSameAs(expected.get(0));
        List<Row> added = new ArrayList<>();
        Buckets.addTo(bucket, added);
        assertThat(added).containsExactlyElementsOf(expected);
        Collection<Row> view = Buckets.view(bucket);
        assertThat(new ArrayList<>(view)).containsExactlyElementsOf(expected);
        assertThat(view.toArray(new Row[0])).containsExactlyElementsOf(expected);
        assertThat(view.toArray()).containsExactlyElementsOf(expected);
        assertThat(view instanceof Set).isEqualTo(expected.size() > 1);
        for (int i = 0; i < pool.size(); i += 7) {
            Row r = pool.get(i);
            assertThat(view.contains(r)).isEqualTo(model.get(r.order()) == r);
        }
        for (Row r : expected) {
            assertThat(view.contains(r)).isTrue();
        }
        Record[] records = Buckets.records(bucket);
        assertThat(records).hasSize(expected.size());
        for (int i = 0; i < records.length; i++) {
            assertThat(records[i]).isSameAs(expected.get(i).record());
        }
    }
}
