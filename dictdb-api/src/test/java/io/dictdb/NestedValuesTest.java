package io.dictdb;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Nested lists and maps: errors name the whole path to the bad value, and nesting depth is bounded. */
class NestedValuesTest {

    @Test
    void anUnsupportedValueDeepInsideIsNamedByItsPath() {
        Map<String, Object> inner = Map.of("when", new Date(0));
        Map<String, Object> record = Map.of("a", Map.of("b", List.of(1, inner)));
        assertThatThrownBy(() -> Record.of(record)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Field 'a.b[1].when'").hasMessageContaining("java.util.Date");
        assertThatThrownBy(() -> Record.of("x", 1L).with("tags", List.of("ok", new Object())))
                .hasMessageStartingWith("Field 'tags[1]': unsupported value type java.lang.Object");
    }

    @Test
    void aNonStringKeyInANestedMapIsNamed() {
        Map<Object, Object> bad = new HashMap<>();
        bad.put(7, "seven");
        assertThatThrownBy(() -> Record.of(Map.of("meta", bad))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Field 'meta'").hasMessageContaining("non-null strings");
    }

    @Test
    void nestingIsBoundedInsteadOfOverflowingTheStack() {
        Object deep = "leaf";
        for (int i = 0; i < 10_000; i++) {
            List<Object> l = new ArrayList<>();
            l.add(deep);
            deep = l;
        }
        Object tooDeep = deep;
        assertThatThrownBy(() -> Record.of("x", tooDeep)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Field 'x[0][0]").hasMessageContaining("deeper than " + Values.MAX_DEPTH);

        Object fine = "leaf";
        for (int i = 0; i < Values.MAX_DEPTH; i++) {
            fine = List.of(fine);
        }
        assertThat(Record.of("x", fine).getList("x")).hasSize(1);
    }
}
