package io.dictdb.core.query;

import io.dictdb.Record;
import io.dictdb.core.storage.Row;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

import java.lang.reflect.Constructor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

/**
 * {@link SlotOrder} puts any distinct rows in ascending slot order, as the comparison sort it replaces does: few
 * rows and many (the radix passes start at 256), slots small and up to {@code Integer.MAX_VALUE} (three passes),
 * already in order, reversed and shuffled.
 */
class SlotOrderPropertyTest {

    private static Row row(int slot) {
        try {
            Constructor<Row> c = Row.class.getDeclaredConstructor(Object.class, Record.class, int.class);
            c.setAccessible(true);
            return c.newInstance((long) slot, Record.of("id", (long) slot), slot);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    /** Distinct slots: a list of non-negative ints, repeats dropped, in the order drawn. */
    private static Gen<List<Integer>> slots() {
        Gen<Integer> small = integers().between(0, 5_000);
        Gen<Integer> any = integers().between(0, Integer.MAX_VALUE);
        Gen<Integer> slot = Generate.frequency(List.of(
                org.quicktheories.api.Pair.of(3, small), org.quicktheories.api.Pair.of(1, any)));
        return lists().of(slot).ofSizeBetween(0, 1_500).map(l -> new ArrayList<>(new LinkedHashSet<>(l)));
    }

    @Test
    void rowsComeOutInAscendingSlotOrder() {
        qt().withExamples(300).forAll(slots(), Generate.range(0, 2)).checkAssert((slots, arrangement) -> {
            List<Integer> drawn = new ArrayList<>(slots);
            if (arrangement == 1) {
                drawn.sort(null);
            } else if (arrangement == 2) {
                drawn.sort(java.util.Collections.reverseOrder());
            }
            Row[] rows = drawn.stream().map(SlotOrderPropertyTest::row).toArray(Row[]::new);
            Set<Row> before = Set.of(rows);
            SlotOrder.sort(rows);
            int[] got = Arrays.stream(rows).mapToInt(Row::order).toArray();
            int[] want = drawn.stream().mapToInt(Integer::intValue).sorted().toArray();
            assertThat(got).isEqualTo(want);
            assertThat(Set.of(rows)).isEqualTo(before);
        });
    }
}
