package io.dictdb.json;

import io.dictdb.CodecException;
import io.dictdb.core.DictDB;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A file holding what the value rule refuses (written by an older version or another tool) is refused when loaded,
 * with a {@link CodecException} naming the table and the field, instead of filling a database that could not be
 * saved again.
 */
class ValueRuleAtLoadTest {

    @TempDir
    Path dir;

    private Path export(String table, String records) throws Exception {
        Path file = dir.resolve("old.json");
        Files.writeString(file, "{\"dictdb\":\"image\",\"header\":{\"format\":1,\"kind\":\"FULL\",\"first\":1,"
                + "\"last\":1,\"id\":null,\"base\":null,\"created\":\"2024-01-01T00:00:00Z\"},\n\"tables\":[\n"
                + "{\"name\":" + table + ",\"primaryKey\":\"id\",\"schema\":null,\"indexes\":[],\"records\":[\n"
                + records + "]}],\n\"tableStates\":[]}", StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void aFieldNameWithAControlCharacterIsRefusedNamingTableAndField() throws Exception {
        Path file = export("\"orders\"", "{\"id\":1,\"meta\":{\"a\\u001b[2Jb\":1}}");
        assertThatThrownBy(() -> DictDB.load(file, "json")).isInstanceOf(CodecException.class)
                .hasMessageContaining("table 'orders': Field 'meta.a\\u001b[2Jb': the name holds the control "
                        + "character U+001B");
    }

    @Test
    void aDecimalBeyondTheDigitLimitIsRefusedNamingTableAndField() throws Exception {
        Path file = export("\"orders\"", "{\"id\":1,\"price\":{\"$decimal\":\"" + "9".repeat(10_001) + "\"}}");
        assertThatThrownBy(() -> DictDB.load(file, "json")).isInstanceOf(CodecException.class)
                .hasMessageContaining("table 'orders': Field 'price': a decimal of 10,001 digits exceeds the limit");
    }

    @Test
    void aTableNameWithANewlineIsRefused() throws Exception {
        Path file = export("\"orders\\nfake: line\"", "{\"id\":1}");
        assertThatThrownBy(() -> DictDB.load(file, "json")).isInstanceOf(CodecException.class)
                .hasMessageContaining("Table name 'orders\\nfake: line' holds the control character U+000A");
    }
}
