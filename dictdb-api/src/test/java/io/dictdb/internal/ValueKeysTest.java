package io.dictdb.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;

import io.dictdb.Record;
import io.dictdb.Values;
import io.dictdb.ValuesPropertiesTest;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;

/** The engine's value keys: hash keys agree with {@link Values#equal}, type bounds enclose one type's section. */
class ValueKeysTest {

    @Test
    void equalIffHashKeysEqual() {
        qt().withExamples(20_000).forAll(ValuesPropertiesTest.pairs().describedAs(ValuesPropertiesTest::show))
                .checkAssert(p -> {
                    boolean equal = Values.equal(p[0], p[1]);
                    String shown = ValuesPropertiesTest.show(p);
                    assertThat(ValueKeys.hashKey(p[0]).equals(ValueKeys.hashKey(p[1]))).as(shown).isEqualTo(equal);
                    if (equal) {
                        assertThat(ValueKeys.hashKey(p[0]).hashCode()).as(shown)
                                .isEqualTo(ValueKeys.hashKey(p[1]).hashCode());
                    }
                });
    }

    @Test
    void hashKeysNormaliseBytesListsAndMapsDeeply() {
        assertThat(ValueKeys.hashKey(new byte[] {1, 2})).isEqualTo(ValueKeys.hashKey(new byte[] {1, 2}))
                .isNotEqualTo(ValueKeys.hashKey(new byte[] {1, 3}));
        assertThat(ValueKeys.hashKey(Values.canonical("l", List.of(1L, new BigDecimal("2.0")))))
                .isEqualTo(ValueKeys.hashKey(Values.canonical("l", List.of(1.0, 2L))));
        assertThat(ValueKeys.hashKey(Record.of("a", 1L, "b", new byte[] {7})))
                .isEqualTo(ValueKeys.hashKey(Record.of("b", new byte[] {7}, "a", 1.0)));
        assertThat(ValueKeys.hashKey("s")).isSameAs("s");
        assertThat(ValueKeys.hashKey(null)).isNull();
    }

    @Test
    void aBytesKeyOrdersAsItsBytes() {
        Object key = ValueKeys.hashKey(new byte[] {1, 2});
        assertThat(key).isInstanceOf(BytesKey.class);
        assertThat(Values.compare(key, new byte[] {1, 2})).isZero();
        assertThat(Values.compare(key, new byte[] {(byte) 0xff})).isNegative();
        assertThat(Values.compare(key, "zzz")).isPositive();
    }

    @Test
    void typeBoundsEncloseOneTypeSection() {
        Object low = ValueKeys.lowestOf(5L);
        Object high = ValueKeys.highestOf(5L);
        assertThat(Values.compare(low, Double.NEGATIVE_INFINITY)).isNegative();
        assertThat(Values.compare(low, Long.MIN_VALUE)).isNegative();
        assertThat(Values.compare(high, Double.NaN)).isPositive();
        assertThat(Values.compare(high, "")).isNegative();
        assertThat(Values.compare(ValueKeys.lowestOf("x"), 1e300)).isPositive();
        assertThat(Values.compare(ValueKeys.lowestOf("x"), "")).isNegative();
        assertThat(Values.compare(low, high)).isNegative();
        assertThat(Values.compare(ValueKeys.lowestOf(1L), ValueKeys.lowestOf(new BigDecimal("7")))).isZero();
        assertThat(Values.compare(ValueKeys.highestOf(null), null)).isPositive();
        assertThat(Values.compare(ValueKeys.lowestOf(null), null)).isNegative();
    }

    @Test
    void aBoundOfABoundIsRefused() {
        assertThatThrownBy(() -> ValueKeys.lowestOf(ValueKeys.highestOf(1L)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** One value of each type of the total order, drawn from a few per type. */
    private static Gen<Object> values() {
        List<Gen<Object>> perType = new ArrayList<>();
        perType.add(SourceDSL.longs().all().map(l -> (Object) l));
        perType.add(SourceDSL.doubles().any().map(d -> (Object) d));
        perType.add(SourceDSL.strings().basicLatinAlphabet().ofLengthBetween(0, 4).map(s -> (Object) s));
        perType.add(Generate.booleans().map(b -> (Object) b));
        perType.add(SourceDSL.longs().between(-1_000_000, 1_000_000).map(s -> (Object) Instant.ofEpochSecond(s)));
        perType.add(SourceDSL.integers().between(-9999, 9999).map(d -> (Object) LocalDate.ofEpochDay(d)));
        perType.add(SourceDSL.longs().all().map(l -> (Object) new UUID(l, ~l)));
        perType.add(SourceDSL.integers().between(0, 255).map(b -> (Object) new byte[] {(byte) (int) b}));
        perType.add(SourceDSL.longs().all().map(l -> (Object) List.of(l)));
        perType.add(SourceDSL.longs().all().map(l -> (Object) Record.of("a", l)));
        perType.add(Generate.constant((Object) null));
        @SuppressWarnings("unchecked")
        Gen<Object>[] all = perType.toArray(new Gen[0]);
        return Generate.oneOf(all[0], java.util.Arrays.copyOfRange(all, 1, all.length));
    }

    @Test
    void aValueSortsInsideTheBoundsOfItsTypeAndOutsideThoseOfOthers() {
        qt().withExamples(5_000).forAll(values(), values()).checkAssert((v, sample) -> {
            TypeBound low = ValueKeys.lowestOf(sample);
            TypeBound high = ValueKeys.highestOf(sample);
            boolean sameSection = v == null ? sample == null : sample != null && Values.sameType(v, sample);
            int toLow = Values.compare(v, low);
            int toHigh = Values.compare(v, high);
            assertThat(Integer.signum(Values.compare(low, v))).isEqualTo(-Integer.signum(toLow));
            if (sameSection) {
                assertThat(toLow).as("%s above the low bound of its type", v).isPositive();
                assertThat(toHigh).as("%s below the high bound of its type", v).isNegative();
            } else {
                // another type's section: the value is on the same side of both bounds
                assertThat(Integer.signum(toLow)).as("%s against %s's section", v, sample)
                        .isEqualTo(Integer.signum(toHigh)).isNotZero();
            }
        });
    }
}
