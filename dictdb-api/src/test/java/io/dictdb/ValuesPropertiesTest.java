package io.dictdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Laws of {@link Values} over random numbers of the three numeric types: equality, the total order and hash keys
 * agree with each other. (The hash keys' law is in {@code io.dictdb.internal.ValueKeysTest}, over {@link #pairs()}.)
 */
public class ValuesPropertiesTest {

    private static final int EXAMPLES = 20_000;
    private static final long TWO_53 = 1L << 53;

    /** Finite exact values, biased towards the places where Long, Double and BigDecimal disagree. */
    private static Gen<BigDecimal> exactValues() {
        Gen<BigDecimal> anyLong = longs().all().map((Long l) -> BigDecimal.valueOf(l));
        Gen<BigDecimal> small = longs().between(-20, 20).map((Long l) -> BigDecimal.valueOf(l));
        Gen<BigDecimal> nearTwo53 = longs().between(-4, 4).zip(Generate.booleans(),
                (d, neg) -> BigDecimal.valueOf(neg ? -(TWO_53 + d) : TWO_53 + d));
        Gen<BigDecimal> nearLongLimits = longs().between(0, 4).zip(Generate.booleans(),
                (d, max) -> max ? BigDecimal.valueOf(Long.MAX_VALUE).add(BigDecimal.valueOf(d - 2))
                        : BigDecimal.valueOf(Long.MIN_VALUE).add(BigDecimal.valueOf(d - 2)));
        Gen<BigDecimal> quarters = integers().between(-40, 40)
                .map((Integer q) -> BigDecimal.valueOf(q).divide(BigDecimal.valueOf(4)));
        Gen<BigDecimal> anyDouble = doubles().any().assuming(Double::isFinite).map((Double d) -> new BigDecimal(d));
        Gen<BigDecimal> special = Generate.pick(List.of(new BigDecimal("0.1"), new BigDecimal("1E+30"),
                new BigDecimal("1E+400"), new BigDecimal("-1E+400"), new BigDecimal(BigInteger.TWO.pow(63)),
                new BigDecimal(BigInteger.TWO.pow(64)), new BigDecimal("1E-400"), BigDecimal.ZERO));
        return Generate.oneOf(anyLong, small, nearTwo53, nearLongLimits, quarters, anyDouble, special);
    }

    /** The exact value as a Long (when integral and in range, else a Double), a Double, or a BigDecimal. */
    private static Object as(BigDecimal v, int type, int extraScale) {
        return switch (type) {
            case 0 -> {
                try {
                    yield v.longValueExact();
                } catch (ArithmeticException notALong) {
                    yield v.doubleValue();
                }
            }
            case 1 -> v.doubleValue();
            default -> v.setScale(Math.max(v.scale(), 0) + extraScale);
        };
    }

    private static Gen<Object> nonFinite() {
        return Generate.pick(List.<Object>of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                -0.0, Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE));
    }

    /**
     * A pair of numbers that are, about half of the time, the same exact value in two representations.
     *
     * @return the generator
     */
    public static Gen<Object[]> pairs() {
        Gen<Integer> type = integers().between(0, 2);
        Gen<Integer> scale = integers().between(0, 3);
        Gen<Object[]> related = exactValues().zip(exactValues(), type, type, Generate.booleans(),
                (x, y, tx, ty, same) -> new Object[] {as(x, tx, 0), as(same ? x : y, ty, 2)});
        Gen<Object[]> scaled = exactValues().zip(type, scale,
                (x, t, s) -> new Object[] {as(x, t, 0), as(x, 2, s)});
        Gen<Object[]> withSpecial = nonFinite().zip(exactValues(), type,
                (s, x, t) -> new Object[] {s, as(x, t, 0)});
        Gen<Object[]> specials = nonFinite().zip(nonFinite(), (a, b) -> new Object[] {a, b});
        return Generate.oneOf(related, scaled, withSpecial, specials);
    }

    /**
     * A pair shown with its types.
     *
     * @param p the pair
     * @return the description
     */
    public static String show(Object[] p) {
        return p[0] + " (" + p[0].getClass().getSimpleName() + "), " + p[1] + " (" + p[1].getClass().getSimpleName()
                + ")";
    }

    @Test
    void compareIsZeroIffEqual() {
        qt().withExamples(EXAMPLES).forAll(pairs().describedAs(ValuesPropertiesTest::show)).checkAssert(p ->
                assertThat(Values.compare(p[0], p[1]) == 0).as(show(p)).isEqualTo(Values.equal(p[0], p[1])));
    }

    @Test
    void compareIsAntisymmetricAndEqualIsSymmetric() {
        qt().withExamples(EXAMPLES).forAll(pairs().describedAs(ValuesPropertiesTest::show)).checkAssert(p -> {
            assertThat(Integer.signum(Values.compare(p[0], p[1])))
                    .as(show(p)).isEqualTo(-Integer.signum(Values.compare(p[1], p[0])));
            assertThat(Values.equal(p[0], p[1])).as(show(p)).isEqualTo(Values.equal(p[1], p[0]));
        });
    }

    @Test
    void compareAgreesWithExactValuesForFiniteNumbers() {
        Gen<Integer> type = integers().between(0, 2);
        qt().withExamples(EXAMPLES).forAll(exactValues(), exactValues(), type, type).checkAssert((x, y, tx, ty) -> {
            Object a = as(x, tx, 0);
            Object b = as(y, ty, 1);
            BigDecimal ea = exact(a);
            BigDecimal eb = exact(b);
            if (ea != null && eb != null) {
                assertThat(Integer.signum(Values.compare(a, b))).as("%s vs %s", a, b)
                        .isEqualTo(Integer.signum(ea.compareTo(eb)));
            }
        });
    }

    @Test
    void compareIsTransitive() {
        Gen<Integer> type = integers().between(0, 2);
        Gen<Object> numbers = exactValues().zip(type, (x, t) -> as(x, t, 0)).mix(nonFinite());
        qt().withExamples(EXAMPLES).forAll(numbers, numbers, numbers).checkAssert((a, b, c) -> {
            if (Values.compare(a, b) <= 0 && Values.compare(b, c) <= 0) {
                assertThat(Values.compare(a, c)).as("%s <= %s <= %s", a, b, c).isLessThanOrEqualTo(0);
            }
        });
    }

    private static BigDecimal exact(Object n) {
        if (n instanceof Long l) {
            return BigDecimal.valueOf(l);
        }
        if (n instanceof Double d) {
            return Double.isFinite(d) ? new BigDecimal(d) : null;
        }
        return (BigDecimal) n;
    }
}
