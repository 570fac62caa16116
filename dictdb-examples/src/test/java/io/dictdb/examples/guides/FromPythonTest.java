package io.dictdb.examples.guides;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the blocks of docs/python.md. */
class FromPythonTest {

    @TempDir
    Path dir;

    @Test
    void aPythonSaveLoadsAndNeDiffersFromPythonsNotEqual() {
        Map<String, Object> r = FromPython.load(dir);
        assertThat(r.get("key")).isEqualTo("sku");
        assertThat(r.get("schema").toString()).isEqualTo("Schema{sku: STRING, name: STRING, price: DOUBLE, stock: LONG}");
        assertThat(r.get("ne")).isEqualTo(List.of("Alice"));
        assertThat(r.get("asInPython")).isEqualTo(List.of("Alice", "Zoë"));
        assertThat(r.get("age")).isEqualTo(31L);
        assertThat(r.get("changed")).isEqualTo(99L);
    }
}
