package io.dictdb.core.query;

import io.dictdb.query.Aggregate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.math.BigDecimal;

import static io.dictdb.query.Aggregates.avg;
import static io.dictdb.query.Aggregates.sum;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sums and means of decimals take time proportional to the data, not to the exponents: an exact sum of
 * {@code 1e99999999} and {@code 1} would need a hundred million digits (finding 6 of issue 21: 14 s for
 * {@code 1e10000000 + 1}, no end for {@code 1e99999999 + ...}). The accumulator is fed the values directly, so the
 * test holds whatever values {@code insert} accepts. The timeout runs each test on its own thread, so a sum that
 * never ends fails the test instead of hanging the build.
 */
@Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DecimalAggregationBoundsTest {

    private static Object aggregate(Aggregate aggregate, Object... values) {
        Aggregation.Accumulator acc = new Aggregation.Accumulator("t", aggregate);
        for (Object v : values) {
            acc.addValue(v);
        }
        return acc.result();
    }

    @Test
    void theSumOfAHugeAndASmallDecimalFinishesRoundedToTheSumDigits() {
        BigDecimal huge = new BigDecimal("1e10000000");
        BigDecimal sum = (BigDecimal) aggregate(sum("v"), huge, BigDecimal.ONE);
        assertThat(sum).isEqualByComparingTo(huge);
        assertThat(sum.precision()).isLessThanOrEqualTo(Aggregation.SUM_DIGITS);
    }

    @Test
    void theSumOfDecimalsWithExponentsAHundredMillionApartFinishes() {
        BigDecimal a = new BigDecimal("1e99999999");
        BigDecimal b = new BigDecimal("1e-99999999");
        BigDecimal sum = (BigDecimal) aggregate(sum("v"), a, BigDecimal.ONE, b, 5L, a.negate());
        // 1e99999999 swallows everything below its 10,000th digit, so the sum comes back to zero
        assertThat(sum).isEqualByComparingTo(BigDecimal.ZERO);
        BigDecimal twice = (BigDecimal) aggregate(sum("v"), a, b, a, 7L, Long.MAX_VALUE, Long.MAX_VALUE);
        assertThat(twice).isEqualByComparingTo(a.multiply(BigDecimal.valueOf(2)));
    }

    @Test
    void theMeanOfExtremeDecimalsFinishes() {
        BigDecimal a = new BigDecimal("1e99999999");
        BigDecimal mean = (BigDecimal) aggregate(avg("v"), a, BigDecimal.ONE);
        assertThat(mean).isEqualByComparingTo(new BigDecimal("5e99999998"));
        BigDecimal small = (BigDecimal) aggregate(avg("v"), new BigDecimal("1e-10000000"), BigDecimal.ONE);
        assertThat(small).isEqualByComparingTo(new BigDecimal("0.5"));
    }
}
