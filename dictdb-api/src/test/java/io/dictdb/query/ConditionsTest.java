package io.dictdb.query;

import static io.dictdb.query.Conditions.all;
import static io.dictdb.query.Conditions.and;
import static io.dictdb.query.Conditions.field;
import static io.dictdb.query.Conditions.matching;
import static io.dictdb.query.Conditions.not;
import static io.dictdb.query.Conditions.or;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import io.dictdb.Record;

import org.junit.jupiter.api.Test;

/** Combining conditions: flattening, identities, semantics and how they print. */
class ConditionsTest {

    private final Condition a = field("a").eq(1);
    private final Condition b = field("b").eq(2);
    private final Condition c = field("c").eq(3);
    private final Condition d = field("d").eq(4);

    @Test
    void andFlattensNestedAnds() {
        assertThat(and(a, and(b, c))).isEqualTo(new Condition.And(List.of(a, b, c)));
        assertThat(and(and(a, b), and(c, d))).isEqualTo(new Condition.And(List.of(a, b, c, d)));
        assertThat(a.and(b).and(c)).isEqualTo(new Condition.And(List.of(a, b, c)));
    }

    @Test
    void andIdentities() {
        assertThat(and()).isSameAs(all());
        assertThat(and(a)).isSameAs(a);
        assertThat(and(all(), a)).isSameAs(a);
        assertThat(and(all(), all())).isSameAs(all());
        assertThat(and(a, all(), b)).isEqualTo(new Condition.And(List.of(a, b)));
    }

    @Test
    void orFlattensNestedOrs() {
        assertThat(or(a, or(b, c))).isEqualTo(new Condition.Or(List.of(a, b, c)));
        assertThat(a.or(b).or(c)).isEqualTo(new Condition.Or(List.of(a, b, c)));
        assertThat(or(and(a, b), or(c, d))).isEqualTo(new Condition.Or(List.of(and(a, b), c, d)));
    }

    @Test
    void orIdentities() {
        assertThat(or(a)).isSameAs(a);
        assertThat(or(a, all())).isSameAs(all());
        assertThatThrownBy(Conditions::or).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void andDoesNotFlattenOrAndViceVersa() {
        Condition mixed = and(a, or(b, c));
        assertThat(mixed).isInstanceOf(Condition.And.class);
        assertThat(((Condition.And) mixed).parts()).containsExactly(a, or(b, c));
    }

    @Test
    void notOfNotIsTheCondition() {
        assertThat(not(a)).isEqualTo(new Condition.Not(a));
        assertThat(not(not(a))).isSameAs(a);
        assertThat(a.negate()).isEqualTo(not(a));
        assertThat(a.negate().negate()).isSameAs(a);
    }

    @Test
    void nullPartsAreRejected() {
        assertThatThrownBy(() -> and(a, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> or(a, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> not(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> matching(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void semantics() {
        Record r = Record.of("a", 1, "b", 2, "c", 0);
        assertThat(and(a, b).test(r)).isTrue();
        assertThat(and(a, b, c).test(r)).isFalse();
        assertThat(or(c, d).test(r)).isFalse();
        assertThat(or(c, a).test(r)).isTrue();
        assertThat(not(c).test(r)).isTrue();
        assertThat(not(a).test(r)).isFalse();
        assertThat(all().test(r)).isTrue();
        assertThat(all().test(Record.empty())).isTrue();
        assertThat(and().test(r)).isTrue();
        assertThat(matching(x -> x.containsKey("c")).test(r)).isTrue();
        assertThat(matching(x -> x.containsKey("z")).test(r)).isFalse();
    }

    @Test
    void notOfAComparisonMatchesMissingFields() {
        Record empty = Record.empty();
        assertThat(a.test(empty)).isFalse();
        assertThat(not(a).test(empty)).isTrue();
        assertThat(not(field("a").gt(0)).test(Record.of("a", "text"))).isTrue();
    }

    @Test
    void toStringIsReadable() {
        assertThat(field("age").gte(18)).hasToString("age >= 18");
        assertThat(field("age").lt(18)).hasToString("age < 18");
        assertThat(field("age").lte(18)).hasToString("age <= 18");
        assertThat(field("age").gt(1.5)).hasToString("age > 1.5");
        assertThat(field("name").eq("Bob")).hasToString("name == 'Bob'");
        assertThat(field("name").ne("Bob")).hasToString("name != 'Bob'");
        assertThat(field("dept").in("IT", "HR")).hasToString("dept in [IT, HR]");
        assertThat(field("dept").notIn("IT")).hasToString("dept not in [IT]");
        assertThat(field("age").between(1, 5)).hasToString("age between 1 and 5");
        assertThat(field("name").like("A%")).hasToString("name like 'A%'");
        assertThat(field("name").istartsWith("a")).hasToString("name istarts_with 'a'");
        assertThat(field("x").isNull()).hasToString("x is null");
        assertThat(field("x").isNotNull()).hasToString("x is not null");
        assertThat(field("name").matches(Pattern.compile("^A"))).hasToString("name matches /^A/");
        assertThat(all()).hasToString("all");
        assertThat(matching(r -> true)).hasToString("matching(predicate)");
        assertThat(and(field("age").gte(18), not(field("dept").eq("HR"))))
                .hasToString("(age >= 18 and not (dept == 'HR'))");
        assertThat(or(a, and(b, c))).hasToString("(a == 1 or (b == 2 and c == 3))");
    }

    @Test
    void conditionIsASealedInspectableTree() {
        assertThat(Condition.class.isSealed()).isTrue();
        assertThat(Arrays.stream(Condition.class.getPermittedSubclasses()).map(Class::getSimpleName))
                .containsExactlyInAnyOrder("All", "Compare", "In", "Between", "Text", "IsNull", "Regex", "Has", "And",
                        "Or", "Not", "Matching");
        Condition tree = and(field("age").gte(18), or(field("dept").eq("IT"), field("name").like("A%")));
        String described = describe(tree);
        assertThat(described).isEqualTo("AND[age GTE, OR[dept EQ, name LIKE]]");
    }

    private static String describe(Condition c) {
        // Java 17 has no pattern matching for switch yet; the sealed hierarchy still makes this exhaustive to read.
        if (c instanceof Condition.And x) {
            return "AND" + x.parts().stream().map(ConditionsTest::describe).toList();
        }
        if (c instanceof Condition.Or x) {
            return "OR" + x.parts().stream().map(ConditionsTest::describe).toList();
        }
        if (c instanceof Condition.Not x) {
            return "NOT(" + describe(x.inner()) + ")";
        }
        if (c instanceof Condition.Compare x) {
            return x.field() + " " + x.op();
        }
        if (c instanceof Condition.Text x) {
            return x.field() + " " + x.op();
        }
        return c.getClass().getSimpleName();
    }
}
