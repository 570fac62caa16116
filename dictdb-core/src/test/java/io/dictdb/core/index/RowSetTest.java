package io.dictdb.core.index;

import io.dictdb.Record;
import io.dictdb.core.storage.RecordStore;
import io.dictdb.core.storage.Row;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

/** The open-addressing row set behaves as an identity set under any sequence of adds and removes. */
class RowSetTest {

    @Test
    void behavesAsAnIdentitySetUnderRandomAddsAndRemoves() {
        RecordStore store = new RecordStore("id");
        List<Row> pool = new ArrayList<>();
        for (long i = 0; i < 64; i++) {
            pool.add(store.add(i, Record.of("id", i)));
        }
        qt().withExamples(300)
                .forAll(lists().of(integers().between(-64, 63)).ofSizeBetween(0, 400))
                .checkAssert(ops -> {
                    RowSet set = new RowSet();
                    Set<Row> model = Collections.newSetFromMap(new IdentityHashMap<>());
                    for (int op : ops) {
                        Row row = pool.get(op < 0 ? -op - 1 : op);
                        if (op >= 0) {
                            assertThat(set.add(row)).isEqualTo(model.add(row));
                        } else {
                            assertThat(set.remove(row)).isEqualTo(model.remove(row));
                        }
                        assertThat(set.size()).isEqualTo(model.size());
                    }
                    for (Row r : pool) {
                        assertThat(set.contains(r)).isEqualTo(model.contains(r));
                    }
                    List<Row> iterated = new ArrayList<>(set);
                    assertThat(iterated).hasSize(model.size());
                    Set<Row> distinct = Collections.newSetFromMap(new IdentityHashMap<>());
                    distinct.addAll(iterated);
                    assertThat(distinct).hasSize(model.size());
                    assertThat(model.containsAll(iterated)).isTrue();
                    set.clear();
                    assertThat(set).isEmpty();
                });
    }
}
