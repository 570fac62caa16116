package io.dictdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RecordTest {

    private static final UUID ID = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
    private static final Instant WHEN = Instant.parse("2024-05-01T12:00:00Z");
    private static final LocalDate DAY = LocalDate.of(2024, 5, 1);

    /** One field of every canonical type, plus a null. */
    private static Record everyType() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("s", "text");
        m.put("l", 42L);
        m.put("d", 2.5);
        m.put("dec", new BigDecimal("1.25"));
        m.put("b", true);
        m.put("i", WHEN);
        m.put("date", DAY);
        m.put("u", ID);
        m.put("bytes", new byte[] {1, 2, 3});
        m.put("list", List.of(1L, "x"));
        m.put("map", Map.of("k", "v"));
        m.put("nothing", null);
        return Record.of(m);
    }

    @Nested
    class Immutability {
        private final Record r = Record.of("a", 1, "b", "x");

        private void assertImmutable(Consumer<Record> mutation) {
            assertThatThrownBy(() -> mutation.accept(r)).isInstanceOf(UnsupportedOperationException.class);
            assertThat(r).isEqualTo(Map.of("a", 1L, "b", "x"));
        }

        @Test
        void everyMapMutatorThrows() {
            assertImmutable(x -> x.put("c", 1L));
            assertImmutable(x -> x.put("a", 2L));
            assertImmutable(x -> x.remove("a"));
            assertImmutable(x -> x.remove("missing"));
            assertImmutable(x -> x.remove("a", 1L));
            assertImmutable(x -> x.putAll(Map.of("c", 1L)));
            assertImmutable(Map::clear);
            assertImmutable(x -> x.putIfAbsent("c", 1L));
            assertImmutable(x -> x.replace("a", 2L));
            assertImmutable(x -> x.replace("a", 1L, 2L));
            assertImmutable(x -> x.replaceAll((k, v) -> v));
            assertImmutable(x -> x.computeIfAbsent("c", k -> 1L));
            assertImmutable(x -> x.computeIfPresent("a", (k, v) -> 2L));
            assertImmutable(x -> x.compute("a", (k, v) -> 2L));
            assertImmutable(x -> x.merge("a", 2L, (o, n) -> n));
        }

        @Test
        void viewsAreReadOnly() {
            assertImmutable(x -> x.keySet().remove("a"));
            assertImmutable(x -> x.keySet().clear());
            assertImmutable(x -> x.keySet().add("c"));
            assertImmutable(x -> x.values().clear());
            assertImmutable(x -> x.values().removeIf(v -> true));
            assertImmutable(x -> x.entrySet().clear());
            assertImmutable(x -> x.entrySet().iterator().next().setValue(9L));
            assertImmutable(x -> x.entrySet().add(Map.entry("c", 1L)));
            assertImmutable(x -> x.keySet().iterator().remove());
            assertImmutable(x -> x.fields().add("c"));
        }

        @Test
        void nestedListsAndRecordsAreImmutable() {
            Record nested = Record.of("xs", List.of(1, 2), "m", Map.of("k", 1));
            assertThatThrownBy(() -> nested.getList("xs").add(3L)).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> nested.getList("xs").set(0, 3L))
                    .isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> nested.getList("xs").remove(0))
                    .isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> nested.getRecord("m").put("k", 2L))
                    .isInstanceOf(UnsupportedOperationException.class);
        }

        @Test
        void sourceCollectionsAreCopied() {
            List<Object> xs = new ArrayList<>(List.of(1, 2));
            Map<String, Object> inner = new HashMap<>(Map.of("k", 1));
            Map<String, Object> source = new HashMap<>(Map.of("xs", xs, "m", inner));
            Record copy = Record.of(source);
            xs.add(3);
            inner.put("k2", 2);
            source.put("extra", 1);
            assertThat(copy.getList("xs")).containsExactly(1L, 2L);
            assertThat(copy.getRecord("m")).isEqualTo(Map.of("k", 1L));
            assertThat(copy).containsOnlyKeys("xs", "m");
        }
    }

    @Nested
    class WithAndWithout {
        @Test
        void withReplacesInPlaceAndAppendsNewFields() {
            Record r = Record.of("a", 1, "b", 2);
            Record replaced = r.with("a", 10);
            Record added = r.with("c", "new");
            assertThat(replaced.fields()).containsExactly("a", "b");
            assertThat(replaced.getLong("a")).isEqualTo(10L);
            assertThat(added.fields()).containsExactly("a", "b", "c");
            assertThat(r).as("original untouched").isEqualTo(Map.of("a", 1L, "b", 2L));
        }

        @Test
        void withConvertsAndRejects() {
            Record r = Record.empty().with("n", 7);
            assertThat(r.get("n")).isInstanceOf(Long.class).isEqualTo(7L);
            assertThatThrownBy(() -> r.with("when", new Date()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'when'")
                    .hasMessageContaining("java.util.Date");
            assertThatThrownBy(() -> r.with(null, 1)).isInstanceOf(NullPointerException.class);
        }

        @Test
        void withNullStoresNull() {
            Record r = Record.of("a", 1).with("a", null);
            assertThat(r).containsEntry("a", null).hasSize(1);
            assertThat(r.containsKey("a")).isTrue();
        }

        @Test
        void withoutRemovesOrReturnsSameRecord() {
            Record r = Record.of("a", 1, "b", 2, "c", 3);
            assertThat(r.without("b").fields()).containsExactly("a", "c");
            assertThat(r.without("a").fields()).containsExactly("b", "c");
            assertThat(r.without("c").fields()).containsExactly("a", "b");
            assertThat(r.without("missing")).isSameAs(r);
            assertThat(r.without("a").without("b").without("c")).isEmpty();
            assertThat(r).hasSize(3);
        }

        @Test
        void withAllOverwritesAndExtends() {
            Record r = Record.of("a", 1, "b", 2);
            assertThat(r.withAll(Map.of("b", 20, "c", 30))).isEqualTo(Map.of("a", 1L, "b", 20L, "c", 30L));
            assertThat(r).isEqualTo(Map.of("a", 1L, "b", 2L));
        }
    }

    @Nested
    class Factories {
        @Test
        void ofMapKeepsIterationOrder() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("z", 1);
            m.put("a", 2);
            m.put("m", 3);
            assertThat(Record.of(m).fields()).containsExactly("z", "a", "m");
            assertThat(Record.of(m).keySet()).containsExactly("z", "a", "m");
        }

        @Test
        void ofRecordIsIdentity() {
            Record r = Record.of("a", 1);
            assertThat(Record.of((Map<String, ?>) r)).isSameAs(r);
        }

        @Test
        void ofPairs() {
            assertThat(Record.of("name", "Ada", "age", 36)).isEqualTo(Map.of("name", "Ada", "age", 36L));
            assertThat(Record.of()).isEmpty();
            assertThat(Record.empty()).isEmpty();
            assertThatThrownBy(() -> Record.of("a", 1, "b")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> Record.of(1, "a")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> Record.of("a", 1, "a", 2))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'a'");
        }

        @Test
        @SuppressWarnings({"unchecked", "rawtypes"})
        void keysMustBeNonNullStrings() {
            Map raw = new HashMap();
            raw.put(1, "x");
            assertThatThrownBy(() -> Record.of((Map<String, ?>) raw)).isInstanceOf(IllegalArgumentException.class);
            Map<String, Object> withNull = new HashMap<>();
            withNull.put(null, "x");
            assertThatThrownBy(() -> Record.of(withNull)).isInstanceOf(IllegalArgumentException.class);
            Map nested = new HashMap();
            nested.put(2, "y");
            assertThatThrownBy(() -> Record.of(Map.of("outer", nested)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("outer");
        }
    }

    @Nested
    class TypedGetters {
        private final Record r = everyType();

        @Test
        void returnTheStoredValues() {
            assertThat(r.getString("s")).isEqualTo("text");
            assertThat(r.getLong("l")).isEqualTo(42L);
            assertThat(r.getInt("l")).isEqualTo(42);
            assertThat(r.getDouble("d")).isEqualTo(2.5);
            assertThat(r.getDecimal("dec")).isEqualTo(new BigDecimal("1.25"));
            assertThat(r.getBoolean("b")).isTrue();
            assertThat(r.getInstant("i")).isEqualTo(WHEN);
            assertThat(r.getDate("date")).isEqualTo(DAY);
            assertThat(r.getUuid("u")).isEqualTo(ID);
            assertThat(r.getBytes("bytes")).containsExactly(1, 2, 3);
            assertThat(r.getList("list")).containsExactly(1L, "x");
            assertThat(r.getRecord("map")).isEqualTo(Map.of("k", "v"));
        }

        @Test
        void returnBoxedTypes() {
            Object l = r.getLong("l");
            Object i = r.getInt("l");
            Object d = r.getDouble("d");
            Object b = r.getBoolean("b");
            assertThat(l).isInstanceOf(Long.class);
            assertThat(i).isInstanceOf(Integer.class);
            assertThat(d).isInstanceOf(Double.class);
            assertThat(b).isInstanceOf(Boolean.class);
        }

        @Test
        void returnNullForNullAndMissing() {
            for (String field : List.of("nothing", "missing")) {
                assertThat(r.getString(field)).isNull();
                assertThat(r.getLong(field)).isNull();
                assertThat(r.getInt(field)).isNull();
                assertThat(r.getDouble(field)).isNull();
                assertThat(r.getDecimal(field)).isNull();
                assertThat(r.getBoolean(field)).isNull();
                assertThat(r.getInstant(field)).isNull();
                assertThat(r.getDate(field)).isNull();
                assertThat(r.getUuid(field)).isNull();
                assertThat(r.getBytes(field)).isNull();
                assertThat(r.getList(field)).isNull();
                assertThat(r.getRecord(field)).isNull();
            }
            assertThat(r.containsKey("nothing")).isTrue();
            assertThat(r.containsKey("missing")).isFalse();
        }

        private void assertWrongType(Runnable call, String field) {
            assertThatThrownBy(call::run)
                    .isExactlyInstanceOf(DictDbException.class)
                    .hasMessageContaining("'" + field + "'");
        }

        @Test
        void throwDictDbExceptionNamingTheFieldForAnotherType() {
            assertWrongType(() -> r.getString("l"), "l");
            assertWrongType(() -> r.getLong("s"), "s");
            assertWrongType(() -> r.getLong("d"), "d");
            assertWrongType(() -> r.getInt("d"), "d");
            assertWrongType(() -> r.getDouble("s"), "s");
            assertWrongType(() -> r.getDecimal("b"), "b");
            assertWrongType(() -> r.getBoolean("s"), "s");
            assertWrongType(() -> r.getInstant("date"), "date");
            assertWrongType(() -> r.getDate("i"), "i");
            assertWrongType(() -> r.getUuid("s"), "s");
            assertWrongType(() -> r.getBytes("list"), "list");
            assertWrongType(() -> r.getList("map"), "map");
            assertWrongType(() -> r.getRecord("list"), "list");
        }

        @Test
        void wrongTypeMessageSaysWhatWasFoundAndExpected() {
            assertThatThrownBy(() -> r.getLong("s")).hasMessageContaining("STRING").hasMessageContaining("LONG");
        }

        @Test
        void getDoubleAndGetDecimalAcceptAnyNumber() {
            Record n = Record.of("l", 3, "d", 0.5, "dec", new BigDecimal("2.75"));
            assertThat(n.getDouble("l")).isEqualTo(3.0);
            assertThat(n.getDouble("dec")).isEqualTo(2.75);
            assertThat(n.getDecimal("l")).isEqualByComparingTo("3");
            assertThat(n.getDecimal("d")).isEqualByComparingTo("0.5");
        }

        @Test
        void getIntThrowsWhenTheValueDoesNotFit() {
            Record n = Record.of("max", Integer.MAX_VALUE, "min", Integer.MIN_VALUE,
                    "over", Integer.MAX_VALUE + 1L, "under", Integer.MIN_VALUE - 1L);
            assertThat(n.getInt("max")).isEqualTo(Integer.MAX_VALUE);
            assertThat(n.getInt("min")).isEqualTo(Integer.MIN_VALUE);
            assertWrongType(() -> n.getInt("over"), "over");
            assertWrongType(() -> n.getInt("under"), "under");
        }
    }

    @Nested
    class ByteArrays {
        @Test
        void inputIsCopied() {
            byte[] source = {1, 2, 3};
            Record r = Record.of("b", source);
            source[0] = 9;
            assertThat(r.getBytes("b")).containsExactly(1, 2, 3);
            byte[] later = {4};
            Record w = r.with("c", later);
            later[0] = 9;
            assertThat(w.getBytes("c")).containsExactly(4);
        }

        @Test
        void everyReadHandsOutACopy() {
            Record r = Record.of("b", new byte[] {1, 2, 3}, "xs", List.of(new byte[] {7}));
            r.getBytes("b")[0] = 9;
            ((byte[]) r.get("b"))[1] = 9;
            ((byte[]) r.entrySet().iterator().next().getValue())[2] = 9;
            ((byte[]) r.values().iterator().next())[2] = 9;
            ((byte[]) r.getList("xs").get(0))[0] = 9;
            assertThat(r.getBytes("b")).containsExactly(1, 2, 3);
            assertThat((byte[]) r.getList("xs").get(0)).containsExactly(7);
        }

        @Test
        void equalsAndHashCodeCompareContent() {
            Record a = Record.of("b", new byte[] {1, 2});
            Record b = Record.of("b", new byte[] {1, 2});
            Record c = Record.of("b", new byte[] {1, 3});
            assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).isNotEqualTo(c);
            Map<String, Object> plain = new HashMap<>();
            plain.put("b", new byte[] {1, 2});
            assertThat(a.equals(plain)).isTrue();
        }
    }

    @Nested
    class CanonicalConversions {
        @Test
        void smallIntegersWidenToLong() {
            Record r = Record.of("i", 1, "s", (short) 2, "b", (byte) 3, "l", 4L);
            for (String f : List.of("i", "s", "b", "l")) {
                assertThat(r.get(f)).isInstanceOf(Long.class);
            }
            assertThat(r).isEqualTo(Map.of("i", 1L, "s", 2L, "b", 3L, "l", 4L));
        }

        @Test
        void floatWidensToDouble() {
            Record r = Record.of("f", 1.5f);
            assertThat(r.get("f")).isInstanceOf(Double.class).isEqualTo(1.5);
        }

        @Test
        void bigIntegerBecomesBigDecimal() {
            BigInteger big = BigInteger.TWO.pow(80);
            Record r = Record.of("n", big);
            assertThat(r.get("n")).isInstanceOf(BigDecimal.class).isEqualTo(new BigDecimal(big));
            assertThat(r.getDecimal("n").toBigIntegerExact()).isEqualTo(big);
        }

        @Test
        void characterBecomesString() {
            assertThat(Record.of("c", 'x').get("c")).isInstanceOf(String.class).isEqualTo("x");
        }

        @Test
        void otherCanonicalTypesAreKept() {
            Record r = everyType();
            assertThat(r.get("s")).isInstanceOf(String.class);
            assertThat(r.get("d")).isInstanceOf(Double.class);
            assertThat(r.get("dec")).isInstanceOf(BigDecimal.class);
            assertThat(r.get("b")).isInstanceOf(Boolean.class);
            assertThat(r.get("i")).isInstanceOf(Instant.class);
            assertThat(r.get("date")).isInstanceOf(LocalDate.class);
            assertThat(r.get("u")).isInstanceOf(UUID.class);
            assertThat(r.get("bytes")).isInstanceOf(byte[].class);
        }

        @Test
        void nestedMapsBecomeRecordsDeeply() {
            Record r = Record.of(Map.of("outer", Map.of("inner", Map.of("n", 1))));
            assertThat(r.get("outer")).isInstanceOf(Record.class);
            Record inner = r.getRecord("outer").getRecord("inner");
            assertThat(inner.get("n")).isInstanceOf(Long.class).isEqualTo(1L);
        }

        @Test
        void listsBecomeImmutableCanonicalLists() {
            Record r = Record.of("xs", List.of(1, 2.5f, 'c', Map.of("k", 1), List.of((short) 3)));
            List<Object> xs = r.getList("xs");
            assertThat(xs).containsExactly(1L, 2.5, "c", Map.of("k", 1L), List.of(3L));
            assertThat(xs.get(3)).isInstanceOf(Record.class);
            assertThat(xs.get(0)).isInstanceOf(Long.class);
            List<Object> withNull = new ArrayList<>();
            withNull.add(null);
            assertThat(Record.of("n", withNull).getList("n")).containsExactly((Object) null);
        }

        @Test
        void unsupportedTypesAreRejectedNamingFieldAndType() {
            assertThatThrownBy(() -> Record.of("when", new Date()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'when'")
                    .hasMessageContaining("java.util.Date");
            assertThatThrownBy(() -> Record.of("tags", Set.of("a")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'tags'")
                    .hasMessageContaining("Set");
            assertThatThrownBy(() -> Record.of("obj", new Object()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'obj'")
                    .hasMessageContaining("java.lang.Object");
            assertThatThrownBy(() -> Record.of("ints", new int[] {1}))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'ints'");
        }

        @Test
        void unsupportedNestedValuesNameTheirPath() {
            assertThatThrownBy(() -> Record.of(Map.of("outer", Map.of("inner", new Object()))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("outer.inner");
            assertThatThrownBy(() -> Record.of("xs", List.of(1, new Object())))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("xs[1]");
        }
    }

    @Nested
    class EqualsAndHashCode {
        @Test
        void followMapContract() {
            Record r = Record.of("a", 1, "b", "x", "m", Map.of("k", 2), "xs", List.of("p", "q"));
            Map<String, Object> plain = new HashMap<>();
            plain.put("a", 1L);
            plain.put("b", "x");
            plain.put("m", Map.of("k", 2L));
            plain.put("xs", List.of("p", "q"));
            assertThat(r.equals(plain)).isTrue();
            assertThat(plain.equals(r)).isTrue();
            assertThat(r.hashCode()).isEqualTo(plain.hashCode());
        }

        @Test
        void ignoreFieldOrder() {
            Record a = Record.of("a", 1, "b", 2);
            Record b = Record.of("b", 2, "a", 1);
            assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        }

        @Test
        void distinguishMissingFromNullAndDifferentValues() {
            assertThat(Record.of("a", null)).isNotEqualTo(Record.of("b", null));
            assertThat(Record.of("a", null)).isNotEqualTo(Record.empty());
            assertThat(Record.of("a", 1)).isNotEqualTo(Record.of("a", 2));
            assertThat(Record.of("a", 1)).isNotEqualTo(Record.of("a", 1, "b", 2));
            assertThat(Record.of("a", 1)).isNotEqualTo(List.of());
        }

        @Test
        void toStringIsReadable() {
            assertThat(Record.of("name", "Ada", "age", 36, "b", new byte[2]))
                    .hasToString("{name=Ada, age=36, b=byte[2]}");
        }

        /**
         * Stored lists are compared with DictDB value equality (1.0 equals 1), but hash like the normalised values,
         * which breaks the {@code List} and {@code Map} contracts for integral doubles. Kept disabled until fixed in
         * dictdb-api (ValueList.hashCode/equals).
         */
        @Test
        void storedListsFollowTheListContract() {
            List<Object> stored = Record.of("xs", List.of(1.0)).getList("xs");
            assertThat(stored.equals(List.of(1.0))).isTrue();
            assertThat(stored.hashCode()).isEqualTo(List.of(1.0).hashCode());
            assertThat(stored.equals(List.of(1L))).isEqualTo(List.of(1L).equals(stored));
            Record r = Record.of("xs", List.of(1.0));
            Map<String, Object> plain = Map.of("xs", List.of(1.0));
            assertThat(r.equals(plain)).isTrue();
            assertThat(r.hashCode()).isEqualTo(plain.hashCode());
        }
    }
}
