package io.dictdb.json;

import io.dictdb.CodecException;
import io.dictdb.spi.ImageLimits;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One value as JSON text: the image's tags, surrogates escaped, read back under the image's bounds. */
class JsonValueTextTest {
    @Test
    void writesTheTagsAnImageWrites() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("at", Instant.EPOCH);
        m.put("d", -0.0);
        m.put("x", Arrays.asList(1L, null, new BigDecimal("1.50"), new byte[] {1, 2, 3}, LocalDate.of(2024, 2, 29)));
        assertThat(JsonValueText.write(m)).isEqualTo("{\"at\":{\"$instant\":\"1970-01-01T00:00:00Z\"},"
                + "\"d\":{\"$double\":\"-0.0\"},\"x\":[1,null,{\"$decimal\":\"1.50\"},{\"$bytes\":\"AQID\"},"
                + "{\"$date\":\"2024-02-29\"}]}");
        assertThat(JsonValueText.write(Map.of("$type", "a"))).isEqualTo("{\"$map\":{\"$type\":\"a\"}}");
    }

    @Test
    void surrogatesAreEscapedSoTheTextIsAsciiWhereTheyAre() {
        String text = JsonValueText.write(List.of("\uD800 lone, \uD83D\uDE00 paired, \u00e9 and \u0001"));
        assertThat(text).isEqualTo("[\"\\ud800 lone, \\ud83d\\ude00 paired, \u00e9 and \\u0001\"]");
        assertThat(JsonValueText.read(text)).isEqualTo(List.of("\uD800 lone, \uD83D\uDE00 paired, \u00e9 and \u0001"));
    }

    @Test
    void readsTaggedValuesBackAsThemselves() {
        UUID id = UUID.randomUUID();
        List<Object> values = Arrays.asList(Instant.MAX, LocalDate.MIN, id, new BigDecimal("1E+100000"),
                new BigDecimal("-1E-100000"), Double.NaN, Double.NEGATIVE_INFINITY, Long.MIN_VALUE, "$map",
                Map.of("$map", List.of()));
        Object back = JsonValueText.read(JsonValueText.write(values));
        assertThat(back).isEqualTo(values);
        assertThat(((List<?>) back).get(3)).isInstanceOf(BigDecimal.class).hasToString("1E+100000");
    }

    @Test
    void plainReadingTakesEveryObjectForAMap() {
        String old = "[{\"$type\":\"x\"},{\"$instant\":\"1970-01-01T00:00:00Z\"},NaN,-Infinity,1.50]";
        assertThat(JsonValueText.readPlain(old)).isEqualTo(Arrays.asList(Map.of("$type", "x"),
                Map.of("$instant", "1970-01-01T00:00:00Z"), Double.NaN, Double.NEGATIVE_INFINITY, 1.5));
        // tagged, the same text is refused ($type is no tag), and an object shaped as a tag is the tagged value
        assertThatThrownBy(() -> JsonValueText.read(old)).hasMessageContaining("unknown value tag '$type'");
        assertThat(JsonValueText.read("{\"$instant\":\"1970-01-01T00:00:00Z\"}")).isEqualTo(Instant.EPOCH);
    }

    @Test
    void badTextIsRefusedSayingWhatAndWhere() {
        assertThatThrownBy(() -> JsonValueText.read("[1,]")).isInstanceOf(CodecException.class)
                .hasMessageContaining("column");
        assertThatThrownBy(() -> JsonValueText.read("[1] x")).isInstanceOf(CodecException.class);
        assertThatThrownBy(() -> JsonValueText.read("{\"a\":1,\"a\":2}")).hasMessageContaining("a");
        assertThatThrownBy(() -> JsonValueText.read("{\"$type\":\"x\"}")).hasMessageContaining("unknown value tag");
        assertThatThrownBy(() -> JsonValueText.read("{\"$decimal\":\"1E+100001\"}"))
                .hasMessageContaining("decimal scale");
        int max = ImageLimits.MAX_DEPTH;
        assertThatThrownBy(() -> JsonValueText.read("[".repeat(max + 1) + "]".repeat(max + 1)))
                .hasMessageContaining("deeper than " + max);
        assertThat(JsonValueText.read("[".repeat(max) + "]".repeat(max))).isInstanceOf(List.class);
        assertThatThrownBy(() -> JsonValueText.write(List.of(new Object()))).isInstanceOf(CodecException.class);
    }
}
