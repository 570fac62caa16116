package io.dictdb;

import io.dictdb.internal.ValueKeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ValuesTest {

    private static final long TWO_53 = 1L << 53;

    private static void assertEqualValues(Object a, Object b) {
        assertThat(Values.equal(a, b)).as("equal(%s, %s)", a, b).isTrue();
        assertThat(Values.equal(b, a)).as("equal(%s, %s)", b, a).isTrue();
        assertThat(Values.compare(a, b)).as("compare(%s, %s)", a, b).isZero();
        assertThat(Values.compare(b, a)).as("compare(%s, %s)", b, a).isZero();
        assertThat(ValueKeys.hashKey(a)).as("hashKey(%s) vs hashKey(%s)", a, b).isEqualTo(ValueKeys.hashKey(b));
        assertThat(ValueKeys.hashKey(a).hashCode()).isEqualTo(ValueKeys.hashKey(b).hashCode());
    }

    private static void assertLess(Object a, Object b) {
        assertThat(Values.equal(a, b)).as("equal(%s, %s)", a, b).isFalse();
        assertThat(Values.compare(a, b)).as("compare(%s, %s)", a, b).isNegative();
        assertThat(Values.compare(b, a)).as("compare(%s, %s)", b, a).isPositive();
        assertThat(ValueKeys.hashKey(a)).as("hashKey(%s) vs hashKey(%s)", a, b).isNotEqualTo(ValueKeys.hashKey(b));
    }

    @Nested
    class Numbers {
        @Test
        void equalByValueAcrossTypes() {
            assertEqualValues(1L, 1.0);
            assertEqualValues(1L, new BigDecimal("1"));
            assertEqualValues(1L, new BigDecimal("1.000"));
            assertEqualValues(1.0, new BigDecimal("1.0"));
            assertEqualValues(0.5, new BigDecimal("0.50"));
            assertEqualValues(new BigDecimal("2.50"), new BigDecimal("2.5"));
            assertEqualValues(-7L, -7.0);
            assertEqualValues(0L, new BigDecimal("0E-10"));
        }

        @Test
        void orderByValueAcrossTypes() {
            assertLess(1L, 1.5);
            assertLess(1.5, 2L);
            assertLess(new BigDecimal("1.4"), 1.5);
            assertLess(1.5, new BigDecimal("1.6"));
            assertLess(-3L, new BigDecimal("-2.9"));
            assertLess(Long.MIN_VALUE, Long.MAX_VALUE);
            assertLess(Long.MAX_VALUE, new BigDecimal(BigInteger.TWO.pow(63)));
        }

        @Test
        void negativeZeroEqualsZero() {
            assertEqualValues(-0.0, 0.0);
            assertEqualValues(-0.0, 0L);
            assertEqualValues(-0.0, BigDecimal.ZERO);
            assertLess(-0.0, Double.MIN_VALUE);
            assertLess(-Double.MIN_VALUE, -0.0);
        }

        @Test
        void nanEqualsItselfAndSortsAboveEveryNumber() {
            assertEqualValues(Double.NaN, Double.NaN);
            assertEqualValues(Double.NaN, Double.longBitsToDouble(0x7ff8000000000001L));
            assertLess(Double.POSITIVE_INFINITY, Double.NaN);
            assertLess(Long.MAX_VALUE, Double.NaN);
            assertLess(new BigDecimal("1E+400"), Double.NaN);
            assertLess(0L, Double.NaN);
        }

        @Test
        void infinitiesBoundEveryFiniteNumber() {
            assertEqualValues(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);
            assertLess(Long.MAX_VALUE, Double.POSITIVE_INFINITY);
            assertLess(new BigDecimal("1E+400"), Double.POSITIVE_INFINITY);
            assertLess(Double.NEGATIVE_INFINITY, Long.MIN_VALUE);
            assertLess(Double.NEGATIVE_INFINITY, new BigDecimal("-1E+400"));
            assertLess(Double.NEGATIVE_INFINITY, -Double.MAX_VALUE);
        }

        @Test
        void largeLongsAreComparedExactlyWithDoubles() {
            // (double) (2^53 + 1) rounds to 2^53: a naive double comparison would call them equal.
            assertEqualValues(TWO_53, (double) TWO_53);
            assertLess((double) TWO_53, TWO_53 + 1);
            assertLess(TWO_53 + 1, TWO_53 + 2.0);
            assertLess(TWO_53 - 1, (double) TWO_53);
            assertLess(-(TWO_53 + 1), -(double) TWO_53);
            // (double) Long.MAX_VALUE is 2^63, one more than Long.MAX_VALUE.
            assertLess(Long.MAX_VALUE, (double) Long.MAX_VALUE);
            assertLess(Long.MAX_VALUE - 1, Long.MAX_VALUE);
            assertEqualValues(Long.MIN_VALUE, (double) Long.MIN_VALUE);
            assertEqualValues(1L << 60, (double) (1L << 60));
            assertEqualValues(new BigDecimal(BigInteger.TWO.pow(63)), Math.pow(2, 63));
        }

        @Test
        void decimalsAreComparedExactlyWithDoubles() {
            // 0.1 is not exactly representable: the double is a little above one tenth.
            assertLess(new BigDecimal("0.1"), 0.1);
            assertEqualValues(new BigDecimal(0.1), 0.1);
            assertLess(new BigDecimal("1E+30"), 1e30);
        }
    }

    @Nested
    class OtherTypes {
        @Test
        void valuesOfDifferentTypesAreNeverEqual() {
            assertThat(Values.equal(1L, "1")).isFalse();
            assertThat(Values.equal(true, 1L)).isFalse();
            assertThat(Values.equal("2024-05-01", LocalDate.of(2024, 5, 1))).isFalse();
            assertThat(Values.equal(null, 0L)).isFalse();
            assertThat(Values.equal(0L, null)).isFalse();
            assertThat(Values.equal(null, null)).isTrue();
        }

        @Test
        void bytesListsAndMapsCompareByContent() {
            assertEqualValues(new byte[] {1, 2}, new byte[] {1, 2});
            assertLess(new byte[] {1, 2}, new byte[] {1, 3});
            assertLess(new byte[] {1}, new byte[] {1, 0});
            assertLess(new byte[] {1}, new byte[] {(byte) 0xff}); // unsigned
            assertEqualValues(Values.canonical("l", List.of(1L, 2.0)), Values.canonical("l", List.of(1.0, 2L)));
            assertLess(Values.canonical("l", List.of(1L)), Values.canonical("l", List.of(1L, 0L)));
            assertEqualValues(Record.of("a", 1L, "b", 2.0), Record.of("b", 2L, "a", 1.0));
            assertLess(Record.of("a", 1L), Record.of("a", 2L));
        }

        @Test
        void withinTypeOrder() {
            assertLess("a", "b");
            assertLess(false, true);
            assertLess(Instant.EPOCH, Instant.EPOCH.plusNanos(1));
            assertLess(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 2));
            // UUIDs compare as unsigned 128-bit numbers, unlike UUID.compareTo.
            assertLess(UUID.fromString("00000000-0000-0000-0000-000000000001"),
                    UUID.fromString("ffffffff-0000-0000-0000-000000000000"));
        }

        @Test
        void totalOrderRanksTypesThenValuesWithNullLast() {
            List<Object> values = new ArrayList<>(Arrays.asList(null, Record.of("k", 1), "b", true,
                    Values.canonical("l", List.of(1L)), new byte[] {1}, UUID.randomUUID(), LocalDate.of(2024, 1, 1),
                    Instant.EPOCH, 2L, "a", 1.5, new BigDecimal("0.5"), false));
            values.sort(Values.ORDER);
            List<String> types = values.stream().map(Values::typeName).toList();
            assertThat(types).containsExactly("DECIMAL", "DOUBLE", "LONG", "STRING", "STRING", "BOOLEAN", "BOOLEAN",
                    "INSTANT", "DATE", "UUID", "BYTES", "LIST", "MAP", "NULL");
            assertThat(values.subList(3, 7)).containsExactly("a", "b", false, true);
            assertThat(Values.compare(null, null)).isZero();
            assertThat(Values.compare(null, 1L)).isPositive();
        }

        @Test
        void comparableOnlyForSameTypeNonNullNonMap() {
            assertThat(Values.comparable(1L, 2.5)).isTrue();
            assertThat(Values.comparable(1L, new BigDecimal("3"))).isTrue();
            assertThat(Values.comparable("a", "b")).isTrue();
            assertThat(Values.comparable(1L, "1")).isFalse();
            assertThat(Values.comparable(null, 1L)).isFalse();
            assertThat(Values.comparable(1L, null)).isFalse();
            assertThat(Values.comparable(Record.of("a", 1), Record.of("a", 2))).isFalse();
            assertThat(Values.sameType(1L, 2.0)).isTrue();
            assertThat(Values.sameType(Record.of(), Record.of("a", 1))).isTrue();
            assertThat(Values.sameType(true, "true")).isFalse();
            assertThat(Values.sameType(null, null)).isFalse();
        }
    }

    @Nested
    class Canonical {
        @Test
        void convertsToCanonicalTypes() {
            assertThat(Values.canonical("f", 1)).isEqualTo(1L);
            assertThat(Values.canonical("f", (short) 1)).isEqualTo(1L);
            assertThat(Values.canonical("f", (byte) 1)).isEqualTo(1L);
            assertThat(Values.canonical("f", 1.5f)).isEqualTo(1.5);
            assertThat(Values.canonical("f", BigInteger.TEN)).isEqualTo(BigDecimal.TEN);
            assertThat(Values.canonical("f", 'c')).isEqualTo("c");
            assertThat(Values.canonical("f", Map.of("a", 1))).isInstanceOf(Record.class);
            assertThat(Values.canonical("f", null)).isNull();
            byte[] bytes = {1};
            assertThat(Values.canonical("f", bytes)).isNotSameAs(bytes).isEqualTo(bytes);
        }

        @Test
        void rejectsOtherTypesNamingFieldAndType() {
            assertThatThrownBy(() -> Values.canonical("price", new java.util.concurrent.atomic.AtomicLong(1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'price'")
                    .hasMessageContaining("java.util.concurrent.atomic.AtomicLong");
            assertThatThrownBy(() -> Values.canonical("t", java.time.LocalDateTime.now()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'t'")
                    .hasMessageContaining("LocalDateTime");
        }

        @Test
        void typeNamesAndDescriptions() {
            assertThat(Values.typeName(1L)).isEqualTo("LONG");
            assertThat(Values.typeName(1.0)).isEqualTo("DOUBLE");
            assertThat(Values.typeName(BigDecimal.ONE)).isEqualTo("DECIMAL");
            assertThat(Values.typeName("s")).isEqualTo("STRING");
            assertThat(Values.typeName(null)).isEqualTo("NULL");
            assertThat(Values.typeName(new byte[0])).isEqualTo("BYTES");
            assertThat(Values.typeName(Record.of())).isEqualTo("MAP");
            assertThat(Values.describe("x")).isEqualTo("'x'");
            assertThat(Values.describe(null)).isEqualTo("null");
            assertThat(Values.describe(new byte[3])).isEqualTo("byte[3]");
            assertThat(Values.describe(30L)).isEqualTo("30");
        }
    }
}
