package io.dictdb.spi;

import io.dictdb.Record;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.impl.Constraint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;

/**
 * {@link RecordShape} is a faster road to the records {@link Record#of(Object...)} makes, never a way around its
 * checks: for random names (repeats, {@code $} names, empty names, control characters, unpaired surrogates) and
 * random values of every kind (nested maps and lists, byte arrays, numbers to convert, values of unsupported types),
 * a record built through the shape equals the one {@code Record.of} builds from the same names and values, and
 * whatever {@code Record.of} refuses, the shape refuses too.
 */
class RecordShapeSpiPropertyTest {
    private static final List<String> NAMES = List.of("id", "name", "$type", "$", "a.b", "dept", "x y", "é",
            "", "bad\u0001", "tab\t", "\ud800", "score", "v");

    private static Gen<List<String>> names() {
        Gen<List<String>> gen = in -> {
            int n = (int) in.next(Constraint.between(0, 8));
            List<String> out = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                // mostly good names; the refused ones (empty, control, surrogate) and repeats now and then
                int pick = (int) in.next(Constraint.between(0, NAMES.size() + 6));
                String name = pick < NAMES.size() ? NAMES.get(pick) : "f" + i;
                out.add(in.next(Constraint.between(0, 9)) == 0 ? new String(name.toCharArray()) : name);
            }
            return out;
        };
        return gen.describedAs(Object::toString);
    }

    private static Gen<List<Object>> values() {
        Gen<List<Object>> gen = in -> {
            int n = (int) in.next(Constraint.between(0, 9));
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                out.add(value(in.next(Constraint.between(0, 15)), in.next(Constraint.between(-1000, 1000))));
            }
            return out;
        };
        return gen.describedAs(Object::toString);
    }

    private static Object value(long kind, long x) {
        return switch ((int) kind) {
            case 0 -> null;
            case 1 -> x;
            case 2 -> (int) x;
            case 3 -> (short) x;
            case 4 -> x / 7.0;
            case 5 -> (float) x;
            case 6 -> "s" + x;
            case 7 -> x % 2 == 0;
            case 8 -> new byte[] {(byte) x, 1, 2};
            case 9 -> BigDecimal.valueOf(x, 2);
            case 10 -> Instant.ofEpochSecond(x);
            case 11 -> LocalDate.ofEpochDay(x);
            case 12 -> new UUID(x, -x);
            case 13 -> Arrays.asList(x, "t", null, List.of(x));
            case 14 -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("n", x);
                m.put(x % 5 == 0 ? "bad\u0002" : "$k", List.of("q"));
                yield m;
            }
            default -> new Object(); // an unsupported type: refused
        };
    }

    @Test
    void aRecordOfAShapeEqualsRecordOfTheSameNamesAndValues() {
        qt().withExamples(3_000)
                .forAll(names(), values())
                .checkAssert((names, given) -> {
                    Object[] values = new Object[names.size()];
                    Object[] pairs = new Object[2 * names.size()];
                    for (int i = 0; i < names.size(); i++) {
                        values[i] = i < given.size() ? given.get(i) : (long) i;
                        pairs[2 * i] = names.get(i);
                        pairs[2 * i + 1] = values[i];
                    }
                    Record expected;
                    try {
                        expected = Record.of(pairs);
                    } catch (IllegalArgumentException e) {
                        assertThatThrownBy(() -> RecordShape.of(names).record(values))
                                .isInstanceOf(IllegalArgumentException.class);
                        return;
                    }
                    RecordShape shape = RecordShape.of(names);
                    assertThat(shape.names()).containsExactlyElementsOf(names);
                    assertThat(shape.size()).isEqualTo(names.size());
                    Record actual = shape.record(values.clone());
                    assertThat(actual).isEqualTo(expected);
                    assertThat(expected).isEqualTo(actual);
                    assertThat(actual.hashCode()).isEqualTo(expected.hashCode());
                    assertThat(actual.fields()).isEqualTo(expected.fields());
                    assertThat(new ArrayList<>(actual.values())).usingRecursiveComparison()
                            .isEqualTo(new ArrayList<>(expected.values()));
                    for (int i = 0; i < names.size(); i++) {
                        assertThat(actual.fieldAt(i)).isEqualTo(names.get(i));
                        assertThat(actual.valueAt(i)).usingRecursiveComparison().isEqualTo(expected.valueAt(i));
                    }
                    // the shape is reusable: a second record of it is built the same way
                    assertThat(shape.record(values.clone())).isEqualTo(expected);
                });
    }

    @Test
    void aShapeRefusesRepeatedAndBadNamesOnceAndBadValuesEveryTime() {
        assertThatThrownBy(() -> RecordShape.of(List.of("a", "b", "a")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'a'");
        assertThatThrownBy(() -> RecordShape.of(List.of("a", "c\u0001")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RecordShape.of(List.of("")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RecordShape.of(Arrays.asList("a", null)))
                .isInstanceOf(NullPointerException.class);
        RecordShape shape = RecordShape.of(List.of("a", "b"));
        assertThatThrownBy(() -> shape.record(1L))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 values");
        assertThatThrownBy(() -> shape.record(1L, new Object()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("b");
        assertThatThrownBy(() -> shape.record(1L, Map.of("x\u0003", 1L)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(shape.record(1L, 2L)).isEqualTo(Record.of("a", 1L, "b", 2L));
    }

    @Test
    void theCallersArraysAreNotKept() {
        RecordShape shape = RecordShape.of(List.of("a", "bytes"));
        byte[] bytes = {1, 2, 3};
        Object[] values = {1, bytes};
        Record r = shape.record(values);
        values[0] = 99L;
        bytes[0] = 9;
        assertThat(r.get("a")).isEqualTo(1L);
        assertThat(r.getBytes("bytes")).containsExactly(1, 2, 3);
        ((byte[]) r.valueAt(1))[1] = 7; // valueAt hands out a copy
        assertThat(r.getBytes("bytes")).containsExactly(1, 2, 3);
    }

    @Test
    void indexedAccessAndTheFieldViewAreReadOnly() {
        Record r = Record.of("a", 1L, "b", "x");
        assertThat(r.fieldAt(1)).isEqualTo("b");
        assertThat(r.valueAt(0)).isEqualTo(1L);
        assertThatThrownBy(() -> r.fieldAt(2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> r.valueAt(-1)).isInstanceOf(IndexOutOfBoundsException.class);
        List<String> fields = r.fields();
        assertThat(fields).containsExactly("a", "b").isEqualTo(List.of("a", "b"));
        assertThat(fields.hashCode()).isEqualTo(List.of("a", "b").hashCode());
        assertThatThrownBy(() -> fields.set(0, "z")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> fields.add("z")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> fields.iterator().remove()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> fields.contains(null)).isInstanceOf(NullPointerException.class);
        assertThat(r.withValues(2L, "y")).isEqualTo(Record.of("a", 2L, "b", "y"));
        assertThat(r).isEqualTo(Record.of("a", 1L, "b", "x"));
    }
}
