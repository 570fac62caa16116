package io.dictdb.csv;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The small JSON reader and writer for nested cells: exact text out, bounded and strict in. */
class JsonTextTest {
    @Test
    void writesCanonicalValuesAsCompactJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("s", "a\"b\\c\n\u0001\uD83D\uDE00");
        m.put("n", 1L);
        m.put("d", -0.0);
        m.put("x", Arrays.asList(true, null, Double.NaN, Double.NEGATIVE_INFINITY, new BigDecimal("1.50")));
        m.put("bytes", new byte[] {1, 2, 3});
        assertThat(JsonText.write(m)).isEqualTo(
                "{\"s\":\"a\\\"b\\\\c\\n\\u0001\uD83D\uDE00\",\"n\":1,\"d\":-0.0,"
                        + "\"x\":[true,null,NaN,-Infinity,1.50],\"bytes\":\"AQID\"}");
    }

    @Test
    void readsWhatItWritesAndStandardJson() {
        Object v = JsonText.read(" { \"a\" : [ 1 , -2.5e3 , \"\\u00e9\\ud83d\\ude00\\/\" , false , null ] , \"b\" : {} } ");
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("a", Arrays.asList(1L, -2500.0, "\u00e9\uD83D\uDE00/", false, null));
        expected.put("b", Map.of());
        assertThat(v).isEqualTo(expected);
        assertThat(JsonText.read("123456789012345678901234567890")).isEqualTo(
                new BigDecimal("123456789012345678901234567890"));
        assertThat(JsonText.read("[NaN,Infinity,-Infinity]")).isEqualTo(List.of(Double.NaN,
                Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY));
    }

    @Test
    void rejectsBadJsonWithTheOffset() {
        assertThatThrownBy(() -> JsonText.read("[1,]")).hasMessageContaining("offset 3");
        assertThatThrownBy(() -> JsonText.read("[1] x")).hasMessageContaining("after the JSON value");
        assertThatThrownBy(() -> JsonText.read("{\"a\":1,\"a\":2}")).hasMessageContaining("duplicate");
        assertThatThrownBy(() -> JsonText.read("\"abc")).hasMessageContaining("end of JSON");
        assertThatThrownBy(() -> JsonText.read("01x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JsonText.read("{'a': 1}")).hasMessageContaining("key expected");
        assertThatThrownBy(() -> JsonText.read("[".repeat(257) + "]".repeat(257)))
                .hasMessageContaining("deeper than 256");
        assertThat(JsonText.read("[".repeat(256) + "]".repeat(256))).isInstanceOf(List.class);
    }
}
