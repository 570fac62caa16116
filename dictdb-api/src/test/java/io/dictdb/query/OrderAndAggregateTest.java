package io.dictdb.query;

import static io.dictdb.query.Aggregates.avg;
import static io.dictdb.query.Aggregates.count;
import static io.dictdb.query.Aggregates.max;
import static io.dictdb.query.Aggregates.min;
import static io.dictdb.query.Aggregates.sum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Sort keys and aggregates: parsing, default names and validation. */
class OrderAndAggregateTest {

    @Test
    void orderFactoriesAndParsing() {
        assertThat(Order.asc("age")).isEqualTo(new Order("age", false));
        assertThat(Order.desc("age")).isEqualTo(new Order("age", true));
        assertThat(Order.parse("-age")).isEqualTo(Order.desc("age"));
        assertThat(Order.parse("+age")).isEqualTo(Order.asc("age"));
        assertThat(Order.parse("age")).isEqualTo(Order.asc("age"));
        assertThat(Order.desc("age")).hasToString("-age");
        assertThat(Order.asc("age")).hasToString("age");
    }

    @Test
    void orderNeedsAField() {
        assertThatThrownBy(() -> Order.parse("-")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Order.parse("+")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Order.parse("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Order.asc(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Order.parse(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void aggregateDefaultNames() {
        assertThat(count().name()).isEqualTo("count");
        assertThat(count("email").name()).isEqualTo("count_email");
        assertThat(sum("price").name()).isEqualTo("sum_price");
        assertThat(avg("age").name()).isEqualTo("avg_age");
        assertThat(min("age").name()).isEqualTo("min_age");
        assertThat(max("age").name()).isEqualTo("max_age");
    }

    @Test
    void aliasesReplaceTheDefaultName() {
        Aggregate a = avg("age").as("avg_age_years");
        assertThat(a.name()).isEqualTo("avg_age_years");
        assertThat(a.function()).isEqualTo(Aggregate.Function.AVG);
        assertThat(a.field()).isEqualTo("age");
        assertThat(count().as("n").name()).isEqualTo("n");
        assertThat(count().as("n").field()).isNull();
        assertThat(avg("age").alias()).isNull();
    }

    @Test
    void aggregatesAreImmutable() {
        Aggregate base = sum("x");
        Aggregate renamed = base.as("total");
        assertThat(base.name()).isEqualTo("sum_x");
        assertThat(renamed.name()).isEqualTo("total");
    }

    @Test
    void aggregateValidation() {
        assertThatThrownBy(() -> count().as("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> count().as(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sum("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> avg(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> count("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Aggregate(Aggregate.Function.MAX, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Aggregate(null, "x", null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void aggregateToString() {
        assertThat(count()).hasToString("count()");
        assertThat(avg("age").as("avg_age")).hasToString("avg(age) as avg_age");
        assertThat(max("age")).hasToString("max(age)");
    }
}
