package io.dictdb.core.query;

import io.dictdb.Record;
import io.dictdb.core.storage.Row;

import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;

/**
 * The records of a selection's candidate rows, in insertion order when asked, so that an unordered query returns
 * what a scan would, in the same order, with or without indexes. Index rows come in value or bucket order, and
 * putting them in insertion order is a sort: where every candidate is tested anyway, only the survivors are sorted.
 */
final class Candidates {
    private Candidates() {
    }

    /**
     * The candidate records: every record for a scan, else the rows' records, put in insertion order first when
     * {@code inOrder}.
     *
     * @param source the table
     * @param sel the selection
     * @param inOrder whether they must come in insertion order
     * @return the records
     */
    static Iterable<Record> of(QuerySource source, Selection sel, boolean inOrder) {
        if (sel.isScan()) {
            return source.records();
        }
        Collection<Row> keys = sel.keys;
        if (inOrder && keys.size() > 1) {
            Row[] sorted = keys.toArray(new Row[0]);
            SlotOrder.sort(sorted);
            keys = Arrays.asList(sorted);
        }
        Collection<Row> chosen = keys;
        return () -> new Iterator<>() {
            private final Iterator<Row> it = chosen.iterator();

            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public Record next() {
                return it.next().record();
            }
        };
    }

    /**
     * The records of {@code rows} that pass {@code residual}, then {@code keyset} when given, in insertion order:
     * the survivors are sorted by slot (not at all when they came in order already, as one bucket's rows do).
     *
     * <p>Candidates lie anywhere in memory, so a test is a chain of cache misses (row, record, its values, the
     * value). The rows' records are read in a loop of their own first, and the residual tests them a stage at a
     * time ({@link Residual#test(Record[], int, boolean[])}): each loop's iterations are independent, so the
     * processor overlaps the misses of many rows instead of waiting for each behind the test of the one before.
     *
     * @param rows the candidate rows
     * @param residual what a record must pass
     * @param keyset what a record must pass after the residual (a keyset page's "after"), or null
     * @return the records; the list may be sorted but not resized
     */
    static List<Record> matchingInOrder(Collection<Row> rows, Residual residual, Predicate<Record> keyset) {
        Row[] all = rows.toArray(new Row[0]);
        int n = all.length;
        Record[] records = new Record[n];
        for (int i = 0; i < n; i++) {
            records[i] = all[i].record();
        }
        int kept = n;
        if (!residual.isNone() || keyset != null) {
            boolean[] pass = new boolean[n];
            Arrays.fill(pass, true);
            residual.test(records, n, pass);
            kept = 0;
            for (int i = 0; i < n; i++) {
                if (pass[i] && (keyset == null || keyset.test(records[i]))) {
                    all[kept++] = all[i];
                }
            }
        }
        Row[] found = kept == n ? all : Arrays.copyOf(all, kept);
        SlotOrder.sort(found);
        Record[] out = new Record[kept];
        for (int i = 0; i < kept; i++) {
            out[i] = found[i].record();
        }
        return Arrays.asList(out);
    }
}
