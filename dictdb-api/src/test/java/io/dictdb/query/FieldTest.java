package io.dictdb.query;

import static io.dictdb.query.Conditions.field;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

import io.dictdb.Record;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Every {@link Field} operator, tested against records directly. */
class FieldTest {

    private static final Instant WHEN = Instant.parse("2024-05-01T12:00:00Z");
    private static final LocalDate DAY = LocalDate.of(2024, 5, 1);
    private static final UUID ID = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");

    private static final Record ALICE = record(
            "name", "Alice", "age", 30, "score", 1.5, "price", new BigDecimal("9.99"), "dept", "IT",
            "active", true, "joined", DAY, "seen", WHEN, "uid", ID, "blob", new byte[] {1, 2},
            "tags", List.of("a", "b"), "address", Map.of("city", "Oslo"), "nick", null);

    private static Record record(Object... pairs) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], pairs[i + 1]);
        }
        return Record.of(m);
    }

    private static boolean test(Condition c) {
        return c.test(ALICE);
    }

    @Nested
    class Equality {
        @Test
        void eqMatchesByValueAcrossNumericTypes() {
            assertThat(test(field("age").eq(30))).isTrue();
            assertThat(test(field("age").eq(30L))).isTrue();
            assertThat(test(field("age").eq(30.0))).isTrue();
            assertThat(test(field("age").eq(new BigDecimal("30.00")))).isTrue();
            assertThat(test(field("age").eq(31))).isFalse();
            assertThat(test(field("score").eq(1.5f))).isTrue();
            assertThat(test(field("price").eq(new BigDecimal("9.990")))).isTrue();
        }

        @Test
        void eqOnEveryType() {
            assertThat(test(field("name").eq("Alice"))).isTrue();
            assertThat(test(field("name").eq("alice"))).isFalse();
            assertThat(test(field("active").eq(true))).isTrue();
            assertThat(test(field("joined").eq(DAY))).isTrue();
            assertThat(test(field("seen").eq(WHEN))).isTrue();
            assertThat(test(field("uid").eq(ID))).isTrue();
            assertThat(test(field("blob").eq(new byte[] {1, 2}))).isTrue();
            assertThat(test(field("blob").eq(new byte[] {1}))).isFalse();
            assertThat(test(field("tags").eq(List.of("a", "b")))).isTrue();
            assertThat(test(field("address").eq(Map.of("city", "Oslo")))).isTrue();
        }

        @Test
        void eqAcrossTypesIsFalse() {
            assertThat(test(field("age").eq("30"))).isFalse();
            assertThat(test(field("name").eq(30))).isFalse();
            assertThat(test(field("active").eq(1))).isFalse();
            assertThat(test(field("joined").eq("2024-05-01"))).isFalse();
        }

        @Test
        void eqWithNullOrMissingIsFalse() {
            assertThat(test(field("nick").eq(null))).isFalse();
            assertThat(test(field("missing").eq(null))).isFalse();
            assertThat(test(field("missing").eq(1))).isFalse();
            assertThat(test(field("nick").eq("x"))).isFalse();
            assertThat(test(field("age").eq(null))).isFalse();
        }

        @Test
        void neNeedsANonNullValueOfTheSameType() {
            assertThat(test(field("age").ne(31))).isTrue();
            assertThat(test(field("age").ne(30.0))).isFalse();
            assertThat(test(field("name").ne("Bob"))).isTrue();
            assertThat(test(field("name").ne("Alice"))).isFalse();
            assertThat(test(field("age").ne("thirty"))).isFalse();
            assertThat(test(field("nick").ne("x"))).isFalse();
            assertThat(test(field("missing").ne(1))).isFalse();
            assertThat(test(field("age").ne(null))).isFalse();
        }
    }

    @Nested
    class Ordering {
        @Test
        void numbersCompareByValueAcrossTypes() {
            assertThat(test(field("age").lt(31))).isTrue();
            assertThat(test(field("age").lt(30))).isFalse();
            assertThat(test(field("age").lte(30.0))).isTrue();
            assertThat(test(field("age").gt(new BigDecimal("29.99")))).isTrue();
            assertThat(test(field("age").gt(30))).isFalse();
            assertThat(test(field("age").gte(new BigDecimal("30")))).isTrue();
            assertThat(test(field("score").gt(1))).isTrue();
            assertThat(test(field("score").lt(2L))).isTrue();
            assertThat(test(field("price").lt(10))).isTrue();
            assertThat(test(field("price").gte(9.99))).isFalse(); // 9.99 as a double is slightly above 9.99
        }

        @Test
        void otherTypesCompareWithinTheirType() {
            assertThat(test(field("name").gt("Aaron"))).isTrue();
            assertThat(test(field("name").lt("Bob"))).isTrue();
            assertThat(test(field("joined").lt(DAY.plusDays(1)))).isTrue();
            assertThat(test(field("joined").gte(DAY))).isTrue();
            assertThat(test(field("seen").gt(WHEN.minusSeconds(1)))).isTrue();
            assertThat(test(field("active").gt(false))).isTrue();
            assertThat(test(field("tags").lt(List.of("a", "c")))).isTrue();
        }

        @Test
        void comparisonsAcrossTypesAreFalse() {
            assertThat(test(field("name").gt(1))).isFalse();
            assertThat(test(field("name").lt(1))).isFalse();
            assertThat(test(field("age").lt("z"))).isFalse();
            assertThat(test(field("age").gte("0"))).isFalse();
            assertThat(test(field("joined").lt(WHEN))).isFalse();
            assertThat(test(field("seen").gt(DAY))).isFalse();
            assertThat(test(field("active").lte(1))).isFalse();
        }

        @Test
        void mapsAreNotOrdered() {
            assertThat(test(field("address").lt(Map.of("city", "Zurich")))).isFalse();
            assertThat(test(field("address").gte(Map.of("city", "Oslo")))).isFalse();
        }

        @Test
        void comparisonsWithNullOrMissingAreFalse() {
            for (Function<Field, Condition> op : List.<Function<Field, Condition>>of(
                    f -> f.lt(5), f -> f.lte(5), f -> f.gt(5), f -> f.gte(5), f -> f.lt(null), f -> f.gte(null))) {
                assertThat(test(op.apply(field("nick")))).isFalse();
                assertThat(test(op.apply(field("missing")))).isFalse();
            }
            assertThat(test(field("age").lt(null))).isFalse();
            assertThat(test(field("age").gte(null))).isFalse();
        }
    }

    @Nested
    class Membership {
        @Test
        void inMatchesAnyValueByValue() {
            assertThat(test(field("dept").in("HR", "IT"))).isTrue();
            assertThat(test(field("dept").in(List.of("HR", "Ops")))).isFalse();
            assertThat(test(field("age").in(29, 30.0))).isTrue();
            assertThat(test(field("age").in(Set.of(new BigDecimal("30"))))).isTrue();
            assertThat(test(field("age").in("30"))).isFalse();
            assertThat(test(field("age").in())).isFalse();
        }

        @Test
        void inNeverMatchesNullOrMissing() {
            assertThat(test(field("nick").in(Arrays.asList(null, "x")))).isFalse();
            assertThat(test(field("missing").in(Arrays.asList((Object) null)))).isFalse();
        }

        @Test
        void notInNeedsAPresentValueOutsideTheSet() {
            assertThat(test(field("dept").notIn("HR", "Ops"))).isTrue();
            assertThat(test(field("dept").notIn("HR", "IT"))).isFalse();
            assertThat(test(field("age").notIn(List.of(30.0)))).isFalse();
            assertThat(test(field("age").notIn())).isTrue();
            assertThat(test(field("nick").notIn("x"))).isFalse();
            assertThat(test(field("missing").notIn("x"))).isFalse();
        }

        @Test
        void inCopiesAndConvertsItsValues() {
            List<Object> values = new ArrayList<>(List.of(1, 'c'));
            Condition c = field("x").in(values);
            values.add(3);
            assertThat(((Condition.In) c).values()).containsExactly(1L, "c");
            assertThatThrownBy(() -> ((Condition.In) c).values().add(4L))
                    .isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> field("x").in(new Object()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'x'");
        }

        @Test
        void betweenIsInclusiveOnBothEnds() {
            assertThat(test(field("age").between(30, 40))).isTrue();
            assertThat(test(field("age").between(20, 30))).isTrue();
            assertThat(test(field("age").between(29.5, new BigDecimal("30.5")))).isTrue();
            assertThat(test(field("age").between(31, 40))).isFalse();
            assertThat(test(field("age").between(40, 20))).isFalse();
            assertThat(test(field("name").between("A", "B"))).isTrue();
            assertThat(test(field("joined").between(DAY, DAY))).isTrue();
        }

        @Test
        void betweenAcrossTypesOrWithNullIsFalse() {
            assertThat(test(field("age").between("0", "z"))).isFalse();
            assertThat(test(field("age").between(0, "z"))).isFalse();
            assertThat(test(field("age").between(null, 40))).isFalse();
            assertThat(test(field("age").between(0, null))).isFalse();
            assertThat(test(field("nick").between("a", "z"))).isFalse();
            assertThat(test(field("missing").between(0, 100))).isFalse();
        }
    }

    @Nested
    class Like {
        private boolean like(String value, String pattern) {
            return field("s").like(pattern).test(Record.of("s", value));
        }

        private boolean ilike(String value, String pattern) {
            return field("s").ilike(pattern).test(Record.of("s", value));
        }

        @Test
        void percentMatchesAnyRun() {
            assertThat(like("Alice", "A%")).isTrue();
            assertThat(like("Alice", "%ice")).isTrue();
            assertThat(like("Alice", "%li%")).isTrue();
            assertThat(like("Alice", "%")).isTrue();
            assertThat(like("", "%")).isTrue();
            assertThat(like("", "%%")).isTrue();
            assertThat(like("Alice", "B%")).isFalse();
            assertThat(like("Alice", "%x%")).isFalse();
            assertThat(like("xaybzc", "%a%b%c")).isTrue();
            assertThat(like("aab", "%ab")).isTrue();
            assertThat(like("abab", "%ab%ab")).isTrue();
            assertThat(like("abac", "%ab%ab")).isFalse();
        }

        @Test
        void underscoreMatchesExactlyOneCharacter() {
            assertThat(like("Alice", "A_ice")).isTrue();
            assertThat(like("Alice", "_lice")).isTrue();
            assertThat(like("Alice", "Alic_")).isTrue();
            assertThat(like("Alice", "_____")).isTrue();
            assertThat(like("Alice", "____")).isFalse();
            assertThat(like("Alice", "______")).isFalse();
            assertThat(like("", "_")).isFalse();
        }

        @Test
        void wholeStringMustMatch() {
            assertThat(like("Alice", "Alice")).isTrue();
            assertThat(like("Alice", "Ali")).isFalse();
            assertThat(like("Alice", "lice")).isFalse();
            assertThat(like("", "")).isTrue();
            assertThat(like("a", "")).isFalse();
        }

        @Test
        void likeIsCaseSensitive() {
            assertThat(like("Alice", "a%")).isFalse();
            assertThat(like("Alice", "ALICE")).isFalse();
        }

        @Test
        void backslashEscapes() {
            assertThat(like("100%", "100\\%")).isTrue();
            assertThat(like("1000", "100\\%")).isFalse();
            assertThat(like("a_b", "a\\_b")).isTrue();
            assertThat(like("axb", "a\\_b")).isFalse();
            assertThat(like("a\\b", "a\\\\b")).isTrue();
            assertThat(like("50% off", "%\\%%")).isTrue();
            assertThat(like("50 off", "%\\%%")).isFalse();
            assertThat(like("ab", "\\a\\b")).isTrue(); // an escaped ordinary character is itself
            assertThat(like("a\\", "a\\")).isTrue(); // a trailing backslash is literal
        }

        @Test
        void regexCharactersAreLiteral() {
            assertThat(like("a.c", "a.c")).isTrue();
            assertThat(like("abc", "a.c")).isFalse();
            assertThat(like("[x]*", "[x]*")).isTrue();
            assertThat(like("x", "[x]")).isFalse();
            assertThat(like("a$b^", "a$b^")).isTrue();
            assertThat(like("line1\nline2", "line1%")).isTrue();
        }

        @Test
        void underscoreMatchesAWholeSurrogatePair() {
            String smile = "\uD83D\uDE00"; // U+1F600, two chars
            assertThat(like(smile, "_")).isTrue();
            assertThat(like(smile, "__")).isFalse();
            assertThat(like("a" + smile + "b", "a_b")).isTrue();
            assertThat(like("x" + smile + "y", "%" + smile + "%")).isTrue();
            assertThat(like(smile + smile, "_" + smile)).isTrue();
            assertThat(like("\uD83D\uDE01", smile)).isFalse(); // same high surrogate, different code point
        }

        @Test
        void ilikeIgnoresCase() {
            assertThat(ilike("Alice", "ali%")).isTrue();
            assertThat(ilike("ALICE", "%lIc%")).isTrue();
            assertThat(ilike("Ärger", "ä%")).isTrue();
            assertThat(ilike("Straße", "STRAßE")).isTrue();
            assertThat(ilike("Alice", "bob%")).isFalse();
            assertThat(ilike("100%", "100\\%")).isTrue();
            assertThat(ilike("1000", "100\\%")).isFalse();
            // Deseret capital and small long I: a case pair outside the BMP.
            assertThat(ilike("\uD801\uDC00", "\uD801\uDC28")).isTrue();
            assertThat(ilike("x\uD801\uDC00y", "X_Y")).isTrue();
        }

        @Test
        void likeOnNonStringsOrMissingIsFalse() {
            assertThat(test(field("age").like("3%"))).isFalse();
            assertThat(test(field("age").ilike("%"))).isFalse();
            assertThat(test(field("nick").like("%"))).isFalse();
            assertThat(test(field("missing").like("%"))).isFalse();
            assertThat(test(field("tags").like("%"))).isFalse();
        }

        @Test
        void nullPatternIsRejected() {
            assertThatThrownBy(() -> field("s").like(null)).isInstanceOf(NullPointerException.class);
        }

        @Test
        void literalPrefixForIndexes() {
            assertThat(((Condition.Text) field("s").like("Al%ce")).literalPrefix()).isEqualTo("Al");
            assertThat(((Condition.Text) field("s").like("100\\%%")).literalPrefix()).isEqualTo("100%");
            assertThat(((Condition.Text) field("s").like("_x")).literalPrefix()).isEmpty();
            assertThat(((Condition.Text) field("s").startsWith("ab")).literalPrefix()).isEqualTo("ab");
            assertThat(((Condition.Text) field("s").ilike("ab%")).literalPrefix()).isNull();
            assertThat(((Condition.Text) field("s").contains("ab")).literalPrefix()).isNull();
        }
    }

    @Nested
    class TextOperators {
        @Test
        void caseSensitive() {
            assertThat(test(field("name").startsWith("Al"))).isTrue();
            assertThat(test(field("name").startsWith("al"))).isFalse();
            assertThat(test(field("name").startsWith(""))).isTrue();
            assertThat(test(field("name").endsWith("ice"))).isTrue();
            assertThat(test(field("name").endsWith("ICE"))).isFalse();
            assertThat(test(field("name").contains("lic"))).isTrue();
            assertThat(test(field("name").contains("LIC"))).isFalse();
            assertThat(test(field("name").contains("%"))).isFalse(); // not a pattern
        }

        @Test
        void ignoringCase() {
            assertThat(test(field("name").iequals("ALICE"))).isTrue();
            assertThat(test(field("name").iequals("ALIC"))).isFalse();
            assertThat(test(field("name").istartsWith("aL"))).isTrue();
            assertThat(test(field("name").istartsWith("Alicex"))).isFalse();
            assertThat(test(field("name").iendsWith("ICE"))).isTrue();
            assertThat(test(field("name").iendsWith("xAlice"))).isFalse();
            assertThat(test(field("name").icontains("LI"))).isTrue();
            assertThat(test(field("name").icontains(""))).isTrue();
            assertThat(test(field("name").icontains("bob"))).isFalse();
        }

        @Test
        void ignoringCaseOutsideTheBmp() {
            Record r = Record.of("s", "x\uD801\uDC00y");
            assertThat(field("s").icontains("\uD801\uDC28").test(r)).isTrue();
            assertThat(field("s").iequals("X\uD801\uDC28Y").test(r)).isTrue();
        }

        @Test
        void falseForNonStringsNullAndMissing() {
            for (Function<Field, Condition> op : List.<Function<Field, Condition>>of(f -> f.startsWith(""),
                    f -> f.endsWith(""), f -> f.contains(""), f -> f.iequals("30"), f -> f.istartsWith(""),
                    f -> f.iendsWith(""), f -> f.icontains(""), f -> f.matches(Pattern.compile(".*")))) {
                assertThat(test(op.apply(field("age")))).isFalse();
                assertThat(test(op.apply(field("tags")))).isFalse();
                assertThat(test(op.apply(field("nick")))).isFalse();
                assertThat(test(op.apply(field("missing")))).isFalse();
            }
        }

        @Test
        void matchesFindsTheRegexAnywhere() {
            assertThat(test(field("name").matches(Pattern.compile("^A.*e$")))).isTrue();
            assertThat(test(field("name").matches(Pattern.compile("lic")))).isTrue();
            assertThat(test(field("name").matches(Pattern.compile("^lic")))).isFalse();
            assertThat(test(field("name").matches(Pattern.compile("ALICE", Pattern.CASE_INSENSITIVE)))).isTrue();
        }
    }

    @Nested
    class Nulls {
        @Test
        void isNullMatchesNullAndMissing() {
            assertThat(test(field("nick").isNull())).isTrue();
            assertThat(test(field("missing").isNull())).isTrue();
            assertThat(test(field("name").isNull())).isFalse();
            assertThat(test(field("nick").isNotNull())).isFalse();
            assertThat(test(field("missing").isNotNull())).isFalse();
            assertThat(test(field("name").isNotNull())).isTrue();
            assertThat(test(field("active").isNotNull())).isTrue();
        }
    }

    @Nested
    class NeverThrows {
        private final List<Object> operands = Arrays.asList(null, 0, 30L, -0.0, Double.NaN, Double.NEGATIVE_INFINITY,
                new BigDecimal("1E+400"), "", "Alice", "%", true, DAY, WHEN, ID, new byte[] {1}, List.of(1, "a"),
                Map.of("city", "Oslo"));

        @Test
        void anyOperatorAgainstAnyValueOfAnyType() {
            List<Condition> conditions = new ArrayList<>();
            for (String name : ALICE.keySet()) {
                Field f = field(name);
                for (Object v : operands) {
                    conditions.addAll(List.of(f.eq(v), f.ne(v), f.lt(v), f.lte(v), f.gt(v), f.gte(v), f.in(v),
                            f.notIn(v), f.between(v, v), f.between(operands.get(1), v)));
                    if (v instanceof String s) {
                        conditions.addAll(List.of(f.like(s), f.ilike(s), f.startsWith(s), f.endsWith(s),
                                f.contains(s), f.iequals(s), f.istartsWith(s), f.iendsWith(s), f.icontains(s)));
                    }
                }
                conditions.addAll(List.of(f.isNull(), f.isNotNull(), f.matches(Pattern.compile("a"))));
            }
            Record empty = Record.empty();
            for (Condition c : conditions) {
                assertThatCode(() -> {
                    c.test(ALICE);
                    c.test(empty);
                    c.negate().test(ALICE);
                    c.toString();
                }).as(c.toString()).doesNotThrowAnyException();
                assertThat(c.test(empty) && !(c instanceof Condition.IsNull)).as(c.toString()).isFalse();
            }
        }
    }

    @Nested
    class Construction {
        @Test
        void fieldNameMustNotBeEmpty() {
            assertThatThrownBy(() -> field("")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> field(null)).isInstanceOf(IllegalArgumentException.class);
            assertThat(field("age").name()).isEqualTo("age");
            assertThat(field("age")).hasToString("age");
        }

        @Test
        void operandsAreConvertedToCanonicalValues() {
            Condition.Compare c = (Condition.Compare) field("age").eq(30);
            assertThat(c.field()).isEqualTo("age");
            assertThat(c.op()).isEqualTo(Condition.Op.EQ);
            assertThat(c.value()).isInstanceOf(Long.class).isEqualTo(30L);
            assertThat(((Condition.Compare) field("c").eq('x')).value()).isEqualTo("x");
            assertThat(((Condition.Between) field("n").between(1, 2.5f)).high()).isEqualTo(2.5);
        }

        @Test
        void unsupportedOperandsAreRejectedNamingTheField() {
            assertThatThrownBy(() -> field("when").eq(new java.util.Date()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'when'")
                    .hasMessageContaining("java.util.Date");
            assertThatThrownBy(() -> field("when").between(1, new Object()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'when'");
        }

        @Test
        void everyOperatorBuildsTheRightNode() {
            Field f = field("f");
            assertThat(f.ne(1)).isEqualTo(new Condition.Compare("f", Condition.Op.NE, 1L));
            assertThat(f.lt(1)).isEqualTo(new Condition.Compare("f", Condition.Op.LT, 1L));
            assertThat(f.lte(1)).isEqualTo(new Condition.Compare("f", Condition.Op.LTE, 1L));
            assertThat(f.gt(1)).isEqualTo(new Condition.Compare("f", Condition.Op.GT, 1L));
            assertThat(f.gte(1)).isEqualTo(new Condition.Compare("f", Condition.Op.GTE, 1L));
            assertThat(f.in(1, 2)).isEqualTo(new Condition.In("f", List.of(1L, 2L), false));
            assertThat(f.notIn(1, 2)).isEqualTo(new Condition.In("f", List.of(1L, 2L), true));
            assertThat(f.between(1, 2)).isEqualTo(new Condition.Between("f", 1L, 2L));
            assertThat(f.like("a")).isEqualTo(new Condition.Text("f", Condition.TextOp.LIKE, "a"));
            assertThat(f.ilike("a")).isEqualTo(new Condition.Text("f", Condition.TextOp.ILIKE, "a"));
            assertThat(f.startsWith("a")).isEqualTo(new Condition.Text("f", Condition.TextOp.STARTS_WITH, "a"));
            assertThat(f.endsWith("a")).isEqualTo(new Condition.Text("f", Condition.TextOp.ENDS_WITH, "a"));
            assertThat(f.contains("a")).isEqualTo(new Condition.Text("f", Condition.TextOp.CONTAINS, "a"));
            assertThat(f.iequals("a")).isEqualTo(new Condition.Text("f", Condition.TextOp.IEQUALS, "a"));
            assertThat(f.istartsWith("a")).isEqualTo(new Condition.Text("f", Condition.TextOp.ISTARTS_WITH, "a"));
            assertThat(f.iendsWith("a")).isEqualTo(new Condition.Text("f", Condition.TextOp.IENDS_WITH, "a"));
            assertThat(f.icontains("a")).isEqualTo(new Condition.Text("f", Condition.TextOp.ICONTAINS, "a"));
            assertThat(f.isNull()).isEqualTo(new Condition.IsNull("f", false));
            assertThat(f.isNotNull()).isEqualTo(new Condition.IsNull("f", true));
        }
    }
}
