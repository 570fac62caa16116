package io.dictdb.json;

import io.dictdb.CodecException;
import io.dictdb.IndexSpec;
import io.dictdb.IndexType;
import io.dictdb.codec.tck.Image;
import io.dictdb.spi.IndexDefinition;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static io.dictdb.query.Conditions.field;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Index specs in JSON images: a plain index is written as every version wrote it (so older readers read files of
 * plain indexes, and older files read as before), any other with its fields, unique flag and condition; a bad spec
 * is refused naming the table.
 */
class JsonIndexSpecsTest {
    private static final String HEADER = "{\"dictdb\":\"image\",\"header\":{\"format\":1,\"kind\":\"FULL\",\"first\":1,"
            + "\"last\":0,\"id\":null,\"base\":null,\"created\":\"1970-01-01T00:00:00Z\"},\"tables\":[";

    private static Image read(String indexes) {
        String json = HEADER + "{\"name\":\"users\",\"primaryKey\":\"id\",\"schema\":null,\"indexes\":[" + indexes
                + "],\"records\":[]}],\"tableStates\":[]}";
        return Image.decode(new JsonCodec(), json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anOlderFilesIndexReadsAsASingleFieldDefinition() {
        Image image = read("{\"field\":\"name\",\"type\":\"HASH\"},{\"field\":\"age\",\"type\":\"SORTED\"}");
        assertThat(image.tables().get(0).definition().indexes()).containsExactly(
                new IndexDefinition("name", IndexType.HASH), new IndexDefinition("age", IndexType.SORTED));
    }

    @Test
    void aPlainIndexIsWrittenAsBeforeAndTheOthersWithTheirParts() {
        IndexDefinition partial = IndexDefinition.of(IndexSpec.hash("email").unique()
                .where(field("deleted").eq(false)));
        Image image = read("{\"field\":\"name\",\"type\":\"HASH\"},"
                + "{\"fields\":[\"city\",\"age\"],\"type\":\"SORTED\"},"
                + "{\"fields\":[\"email\"],\"type\":\"HASH\",\"unique\":true,"
                + "\"where\":{\"op\":\"eq\",\"field\":\"deleted\",\"value\":false}},"
                + "{\"field\":\"tags\",\"type\":\"ELEMENTS\"}");
        List<IndexDefinition> indexes = image.tables().get(0).definition().indexes();
        assertThat(indexes).containsExactly(new IndexDefinition("name", IndexType.HASH),
                IndexDefinition.of(IndexSpec.sorted("city", "age")), partial,
                IndexDefinition.of(IndexSpec.elements("tags")));
        String written = new String(image.encode(new JsonCodec()), StandardCharsets.UTF_8);
        assertThat(written).contains("{\"field\":\"name\",\"type\":\"HASH\"}",
                "{\"fields\":[\"city\",\"age\"],\"type\":\"SORTED\"}",
                "{\"fields\":[\"email\"],\"type\":\"HASH\",\"unique\":true,"
                        + "\"where\":{\"op\":\"eq\",\"field\":\"deleted\",\"value\":false}}",
                "{\"field\":\"tags\",\"type\":\"ELEMENTS\"}");
    }

    @Test
    void badSpecsAreRefusedNamingTheTable() {
        for (String bad : List.of(
                "{\"field\":\"a\",\"type\":\"BTREE\"}",
                "{\"fields\":[],\"type\":\"HASH\"}",
                "{\"fields\":[\"a\",\"a\"],\"type\":\"HASH\"}",
                "{\"fields\":[\"a\",3],\"type\":\"HASH\"}",
                "{\"fields\":[\"a\",\"b\"],\"type\":\"ELEMENTS\"}",
                "{\"field\":\"tags\",\"type\":\"ELEMENTS\",\"unique\":true}",
                "{\"field\":\"a\",\"type\":\"HASH\",\"unique\":\"yes\"}",
                "{\"field\":\"a\",\"type\":\"HASH\",\"where\":{\"op\":\"matching\"}}",
                "{\"field\":\"a\",\"type\":\"HASH\",\"where\":[1]}",
                "{\"field\":\"a\",\"type\":\"HASH\",\"sparse\":true}")) {
            assertThatThrownBy(() -> read(bad)).as(bad).isInstanceOf(CodecException.class)
                    .hasMessageContaining("users");
        }
    }
}
