package io.dictdb.spi;

import io.dictdb.CodecException;
import io.dictdb.Record;
import io.dictdb.query.Condition;
import io.dictdb.query.Conditions;
import io.dictdb.query.Field;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.impl.Constraint;

import static io.dictdb.query.Conditions.field;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;

/**
 * A condition stored as a value ({@link StoredCondition}) comes back as the same condition: for random trees of
 * every kind of condition (and, or, not over comparisons, in, between, text tests, null tests, regular expressions,
 * list membership) holding values of every type, the rebuilt condition prints the same, stores the same and selects
 * the same records. Values that are not stored conditions are refused naming where they were found.
 */
class StoredConditionPropertyTest {
    private static final String[] FIELDS = {"a", "deleted", "$type", "x y", "é"};

    private static final List<Record> RECORDS = List.of(
            Record.of("a", 1L, "deleted", false, "tags", List.of("java", 2L)),
            Record.of("a", "Alice", "deleted", true, "$type", "u"),
            Record.of("a", 2.5, "x y", List.of(1L, 2L, 3L)),
            Record.of("a", LocalDate.of(2020, 1, 1), "é", "Zoë"),
            Record.of("id", 9L));

    private static Object value(RandomnessSource in) {
        long x = in.next(Constraint.between(-50, 50));
        return switch ((int) in.next(Constraint.between(0, 11))) {
            case 0 -> x;
            case 1 -> x / 4.0;
            case 2 -> "s" + x;
            case 3 -> x % 2 == 0;
            case 4 -> BigDecimal.valueOf(x, 2);
            case 5 -> Instant.ofEpochSecond(x);
            case 6 -> LocalDate.ofEpochDay(x);
            case 7 -> new UUID(x, -x);
            case 8 -> new byte[] {(byte) x, 7};
            case 9 -> List.of(x, "t");
            case 10 -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("$k", x); // a name a JSON reader could take for a tag
                yield m;
            }
            default -> Double.NaN;
        };
    }

    private static Object[] values(RandomnessSource in) {
        Object[] out = new Object[(int) in.next(Constraint.between(1, 3))];
        for (int i = 0; i < out.length; i++) {
            out[i] = value(in);
        }
        return out;
    }

    static Condition condition(RandomnessSource in, int depth) {
        Field f = field(FIELDS[(int) in.next(Constraint.between(0, FIELDS.length - 1))]);
        int kinds = depth >= 4 ? 20 : 24;
        return switch ((int) in.next(Constraint.between(0, kinds))) {
            case 0 -> f.eq(value(in));
            case 1 -> f.ne(value(in));
            case 2 -> f.lt(value(in));
            case 3 -> f.lte(value(in));
            case 4 -> f.gt(value(in));
            case 5 -> f.gte(value(in));
            case 6 -> f.in(values(in));
            case 7 -> f.notIn(values(in));
            case 8 -> f.between(value(in), value(in));
            case 9 -> f.like("%a_" + in.next(Constraint.between(0, 9)));
            case 10 -> f.ilike("A%");
            case 11 -> f.startsWith("Al");
            case 12 -> f.endsWith("e");
            case 13 -> f.contains("li");
            case 14 -> f.iequals("alice");
            case 15 -> in.next(Constraint.between(0, 3)) == 0 ? f.istartsWith("AL")
                    : in.next(Constraint.between(0, 1)) == 0 ? f.iendsWith("CE") : f.icontains("LIC");
            case 16 -> in.next(Constraint.between(0, 1)) == 0 ? f.isNull() : f.isNotNull();
            case 17 -> f.matches(Pattern.compile("^[a-z]+\\d?$", (int) in.next(Constraint.between(0, 1)) == 0 ? 0
                    : Pattern.CASE_INSENSITIVE | Pattern.MULTILINE));
            case 18 -> in.next(Constraint.between(0, 2)) == 0 ? f.has(value(in))
                    : in.next(Constraint.between(0, 1)) == 0 ? f.hasAny(values(in)) : f.hasAll(values(in));
            case 19, 20 -> Conditions.all();
            case 21 -> Conditions.and(parts(in, depth));
            case 22 -> Conditions.or(parts(in, depth));
            default -> Conditions.not(condition(in, depth + 1));
        };
    }

    private static Condition[] parts(RandomnessSource in, int depth) {
        Condition[] parts = new Condition[(int) in.next(Constraint.between(1, 3))];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = condition(in, depth + 1);
        }
        return parts;
    }

    private static Gen<Condition> conditions() {
        Gen<Condition> gen = in -> condition(in, 0);
        return gen.describedAs(Object::toString);
    }

    @Test
    void aStoredConditionComesBackTheSame() {
        qt().withExamples(2_000).forAll(conditions()).checkAssert(c -> {
            Object stored = StoredCondition.toValue(c);
            Condition back = StoredCondition.fromValue(stored, "test");
            // a byte array prints its identity: the stored forms, which compare arrays by content, stand for it
            assertThat(back.toString().replaceAll("\\[B@\\p{XDigit}+", "bytes"))
                    .isEqualTo(c.toString().replaceAll("\\[B@\\p{XDigit}+", "bytes"));
            assertThat(StoredCondition.toValue(back)).isEqualTo(stored);
            for (Record r : RECORDS) {
                assertThat(back.test(r)).as("%s on %s", c, r).isEqualTo(c.test(r));
            }
        });
    }

    @Test
    void theStoredFormIsPlainData() {
        Object stored = StoredCondition.toValue(field("deleted").eq(false).and(field("tags").has("x")));
        assertThat(stored).isEqualTo(Record.of("op", "and", "parts", List.of(
                Record.of("op", "eq", "field", "deleted", "value", false),
                Record.of("op", "hasAll", "field", "tags", "values", List.of("x")))));
    }

    @Test
    void aPredicateCannotBeStored() {
        assertThatThrownBy(() -> StoredCondition.toValue(field("a").eq(1).and(Conditions.matching(r -> true))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("matching(...)");
    }

    @Test
    void aConditionTooDeepForAValueIsRefusedWhenStored() {
        Condition c = field("a").eq(1);
        for (int i = 0; i < ImageLimits.MAX_DEPTH; i++) {
            c = new Condition.Not(c); // Conditions.not would cancel double negations
        }
        Condition deep = c;
        assertThatThrownBy(() -> StoredCondition.toValue(deep)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot be stored");
    }

    @Test
    void whatIsNotAStoredConditionIsRefusedNamingWhere() {
        String where = "index email of table 'users'";
        List<Object> bad = new ArrayList<>();
        bad.add("eq");
        bad.add(Record.of("field", "a"));
        bad.add(Record.of("op", "like2", "field", "a", "operand", "x"));
        bad.add(Record.of("op", "eq", "field", 3L, "value", 1L));
        bad.add(Record.of("op", "in", "field", "a", "values", "x"));
        bad.add(Record.of("op", "eq", "value", 1L));
        bad.add(Record.of("op", "regex", "field", "a", "pattern", "(", "flags", 0L));
        bad.add(Record.of("op", "regex", "field", "a", "pattern", "a", "flags", 1L << 40));
        bad.add(Record.of("op", "hasAny", "field", "a", "values", List.of()));
        bad.add(Record.of("op", "not", "inner", "x"));
        bad.add(Record.of("op", "and", "parts", List.of(Record.of("op", "nope"))));
        for (Object value : bad) {
            assertThatThrownBy(() -> StoredCondition.fromValue(value, where)).as("%s", value)
                    .isInstanceOf(CodecException.class).hasMessageContaining(where);
        }
    }

    @Test
    void storedConditionsNestingTooDeepAreRefused() {
        Map<String, Object> m = new LinkedHashMap<>(Map.of("op", "all"));
        for (int i = 0; i <= ImageLimits.MAX_DEPTH; i++) {
            Map<String, Object> outer = new LinkedHashMap<>();
            outer.put("op", "not");
            outer.put("inner", m);
            m = outer;
        }
        Map<String, Object> deep = m;
        assertThatThrownBy(() -> StoredCondition.fromValue(deep, "file x.json"))
                .isInstanceOf(CodecException.class).hasMessageContaining("file x.json").hasMessageContaining("deeper");
    }
}
