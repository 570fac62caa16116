package io.dictdb.core.query;

import io.dictdb.Record;
import io.dictdb.query.Order;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

/** The bounded heap keeps exactly the first k records of a full sort, ties and nulls included. */
class TopKTest {

    @Test
    void keepsTheSamePrefixAsAFullSort() {
        qt().withExamples(500)
                .forAll(lists().of(integers().between(-3, 5)).ofSizeBetween(0, 200), integers().between(0, 40),
                        integers().between(0, 3))
                .checkAssert((values, k, shape) -> {
                    List<Record> records = new ArrayList<>();
                    for (int i = 0; i < values.size(); i++) {
                        int v = values.get(i);
                        // -3 means missing, -2 null: both sort last in either direction
                        Record r = Record.of("id", (long) i, "b", (long) (i % 3));
                        if (v > -3) {
                            r = r.with("a", v == -2 ? null : (Object) (long) v);
                        }
                        records.add(r);
                    }
                    List<Order> orders = switch (shape) {
                        case 0 -> List.of(Order.asc("a"));
                        case 1 -> List.of(Order.desc("a"));
                        case 2 -> List.of(Order.desc("a"), Order.asc("b"));
                        default -> List.of(Order.asc("b"), Order.desc("a"));
                    };
                    RecordOrder order = new RecordOrder(orders, "id");
                    TopK top = new TopK(order, k);
                    records.forEach(top::offer);
                    List<Record> sorted = new ArrayList<>(records);
                    sorted.sort(order);
                    assertThat(top.sorted()).isEqualTo(sorted.subList(0, Math.min(k, sorted.size())));
                });
    }

    @Test
    void aHugeLimitAllocatesNothingUpFront() {
        TopK top = new TopK(new RecordOrder(List.of(Order.asc("a")), "id"), Integer.MAX_VALUE);
        top.offer(Record.of("id", 1L, "a", 2L));
        top.offer(Record.of("id", 2L, "a", 1L));
        assertThat(top.sorted()).extracting(r -> r.getLong("id")).containsExactly(2L, 1L);
    }
}
