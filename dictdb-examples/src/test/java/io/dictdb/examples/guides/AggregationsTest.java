package io.dictdb.examples.guides;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Runs the blocks of docs/aggregations.md and checks the results their comments give. */
class AggregationsTest {

    @Test
    void rowsWithDefaultNamesAndAliases() {
        Map<String, Object> r = Aggregations.rows();
        assertThat(r.get("totals").toString()).isEqualTo("{count=4, count_shipped=3, sum_qty=11, avg_qty=2.75, "
                + "min_price=3.10, max_price=20.00, sum_price=39.85}");
        assertThat(r.get("n")).isEqualTo(4L);
        assertThat(r.get("named").toString()).isEqualTo("{orders=2, units=7}");
        assertThat(r.get("nothing").toString()).isEqualTo("{count=0, sum_qty=null}");
    }

    @Test
    void groups() {
        Map<String, Object> r = Aggregations.groups();
        assertThat(r.get("perCustomer").toString()).isEqualTo("[{customer=ada, count=2, units=7}, "
                + "{customer=bob, count=1, units=1}, {customer=cyd, count=1, units=3}]");
        assertThat(r.get("perRegion").toString())
                .isEqualTo("[{region=EU, customer=cyd, max_qty=3}, {region=EU, customer=ada, max_qty=5}]");
    }

    @Test
    void resultTypes() {
        Map<String, Object> r = Aggregations.types();
        assertThat(r.get("big")).isEqualTo(new BigDecimal("9223372036854775808"));
        assertThat(r.get("mixed")).isEqualTo(1.5);
        assertThat(r.get("mean")).isEqualTo(1.75);
    }
}
