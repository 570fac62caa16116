package io.dictdb.core.index;

import io.dictdb.Values;
import io.dictdb.internal.ValueKeys;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.impl.Constraint;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

/**
 * The sorted index's order ({@link SortedKeyOrder}) is {@link Values#compare} for every pair of values: the pairs it
 * decides itself (two Longs, two Doubles, two Strings, including -0.0, NaN, infinities and the extremes of long)
 * and every other pair (mixed numbers, other kinds, the bounds of a type's section). A sorted map fed the same
 * values in the same order, switching kind part way, holds the same keys, the same instances, in the same order.
 */
class SortedKeyOrderPropertyTest {
    /** Values of every kind, weighted to the three fast kinds and to their edge cases. */
    private static Gen<Object> values() {
        Gen<Object> gen = in -> {
            int kind = (int) in.next(Constraint.between(0, 12));
            long n = in.next(Constraint.between(-6, 6));
            return switch (kind) {
                case 0, 1 -> n;
                case 2 -> List.of(Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE - 1, Long.MIN_VALUE + 1, 1L << 53,
                        (1L << 53) + 1).get((int) Math.abs(n) % 6);
                case 3, 4 -> n / 2.0;
                case 5 -> List.of(Double.NaN, -0.0, 0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                        9.007199254740993E15, Double.MIN_VALUE).get((int) Math.abs(n) % 7);
                case 6, 7 -> List.of("", "a", "b", "ab", "B", "\uffff", "é", "a\u0000").get((int) Math.abs(n) % 8);
                case 8 -> new BigDecimal(n).movePointLeft(1);
                case 9 -> n > 0;
                case 10 -> n % 2 == 0 ? Instant.ofEpochSecond(n) : LocalDate.ofEpochDay(n);
                case 11 -> ValueKeys.lowestOf(List.of(0L, "", 0.0, true).get((int) Math.abs(n) % 4));
                default -> ValueKeys.highestOf(List.of(0L, "", 0.0, true).get((int) Math.abs(n) % 4));
            };
        };
        return gen.describedAs(v -> v + " (" + (v == null ? "null" : v.getClass().getSimpleName()) + ")");
    }

    @Test
    void everyPairComparesAsTheGenericComparison() {
        qt().withExamples(5_000)
                .forAll(values(), values())
                .checkAssert((a, b) -> assertThat(Integer.signum(SortedKeyOrder.INSTANCE.compare(a, b)))
                        .as("%s vs %s", a, b)
                        .isEqualTo(Integer.signum(Values.compare(a, b))));
    }

    /** Sequences that start with one kind and switch: a run of one kind, then anything. */
    private static Gen<List<Object>> sequences() {
        Gen<Object> any = values();
        Gen<List<Object>> gen = in -> {
            int first = (int) in.next(Constraint.between(0, 60));
            int rest = (int) in.next(Constraint.between(0, 60));
            int kind = (int) in.next(Constraint.between(0, 2));
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < first; i++) {
                long n = in.next(Constraint.between(-1_000, 1_000));
                out.add(kind == 0 ? (Object) n : kind == 1 ? (Object) (n / 4.0) : (Object) ("s" + n));
            }
            for (int i = 0; i < rest; i++) {
                out.add(any.generate(in));
            }
            return out;
        };
        return gen.describedAs(Object::toString);
    }

    @Test
    void aSortedMapHoldsTheSameKeysInTheSameOrderAsWithTheGenericComparison() {
        qt().withExamples(500)
                .forAll(sequences())
                .checkAssert(values -> {
                    TreeMap<Object, Integer> fast = new TreeMap<>(SortedKeyOrder.INSTANCE);
                    TreeMap<Object, Integer> generic = new TreeMap<>(Values.ORDER);
                    for (int i = 0; i < values.size(); i++) {
                        Object v = values.get(i);
                        if (v == null || ValueKeys.lowestOf(0L).getClass() == v.getClass()) {
                            continue; // bounds are probes, never keys
                        }
                        fast.merge(v, i, Integer::sum);
                        generic.merge(v, i, Integer::sum);
                    }
                    assertThat(new ArrayList<>(fast.entrySet()))
                            .containsExactlyElementsOf(new ArrayList<>(generic.entrySet()));
                    List<Object> a = new ArrayList<>(fast.keySet());
                    List<Object> b = new ArrayList<>(generic.keySet());
                    for (int i = 0; i < a.size(); i++) {
                        assertThat(a.get(i)).isSameAs(b.get(i));
                    }
                });
    }
}
