package io.dictdb.examples.guides;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Runs the blocks of docs/schemas.md and checks the messages and values the guide quotes. */
class SchemasAndValuesTest {

    @Test
    void spec() {
        Map<String, Object> r = SchemasAndValues.spec();
        assertThat(r.get("wrongType"))
                .isEqualTo("Table 'products': field 'price' expects DECIMAL, got STRING 'cheap'");
        assertThat(r.get("unknownField"))
                .isEqualTo("Table 'products': field 'colour' is not in the schema [sku, price, stock, tags, added]");
        assertThat(r.get("missing")).isEqualTo("Table 'products': required field 'price' (DECIMAL) is missing");
        assertThat(r.get("price")).isEqualTo(BigDecimal.valueOf(5));
        assertThat(r.get("stock")).isEqualTo(3L);
        assertThat(r.get("schema").toString())
                .isEqualTo("Schema{sku: STRING, price: DECIMAL, stock: LONG, tags?: LIST, added?: DATE}");
        assertThat(r.get("indexes")).isEqualTo(List.of("tags", "price"));
    }

    @Test
    void values() {
        Map<String, Object> r = SchemasAndValues.values();
        assertThat(r.get("types")).isEqualTo(List.of("address:Record", "at:Instant", "big:BigDecimal", "count:Long",
                "id2:UUID", "id:Long", "initial:String", "ratio:Double", "raw:byte[]"));
        assertThat(r.get("count")).isEqualTo(7L);
        assertThat(r.get("missing")).isNull();
        assertThat(r.get("wrongGetter")).isEqualTo("Field 'count' holds LONG 7, not STRING");
        assertThat((String) r.get("unsupported")).startsWith("Field 'when': unsupported value type java.util.Date");
    }

    @Test
    void recordsAreImmutable() {
        Map<String, Object> r = SchemasAndValues.records();
        assertThat(r.get("put")).isEqualTo("refused");
        assertThat(r.get("alice").toString()).isEqualTo("{name=Alice, age=30}");
        assertThat(r.get("older").toString()).isEqualTo("{name=Alice, age=31}");
        assertThat(r.get("noAge").toString()).isEqualTo("{name=Alice}");
    }

    @Test
    void names() {
        Map<String, Object> r = SchemasAndValues.names();
        assertThat(r.get("fieldName"))
                .isEqualTo("Field 'bad\\nname': the name holds the control character U+000A at index 3, which names "
                        + "may not hold");
        assertThat(r.get("emptyTable")).isEqualTo("A table name must not be blank");
        assertThat(r.get("checkName"))
                .isEqualTo("Column 'tab\\there' holds the control character U+0009 at index 3, which names may not "
                        + "hold");
        assertThat(r.get("limit")).isEqualTo("Field 'price': a decimal of scale -100,001 (exponent 100,001) exceeds "
                + "the limit of ±100,000 (ImageLimits.MAX_DECIMAL_SCALE)");
        assertThat(r.get("count")).isEqualTo(2L);
        assertThat(r.get("first").toString()).isEqualTo("{$type=click, payload={$ref=42}, id=1}");
    }

    @Test
    void bulk() {
        Map<String, Object> r = SchemasAndValues.bulk();
        assertThat(r.get("refused")).isEqualTo(0L);
        assertThat(r.get("keys")).isEqualTo(List.of(1L, 2L));
    }
}
