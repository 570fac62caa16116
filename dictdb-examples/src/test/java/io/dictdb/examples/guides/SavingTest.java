package io.dictdb.examples.guides;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.dictdb.Record;

/** Runs the blocks of docs/codecs.md. */
class SavingTest {

    @TempDir
    Path dir;

    @Test
    void saveLoadAndTheErrors() {
        Map<String, Object> r = Saving.saveAndLoad(dir);
        @SuppressWarnings("unchecked")
        List<Record> back = (List<Record>) r.get("back");
        assertThat(back).hasSize(1);
        assertThat(back.get(0).getString("name")).isEqualTo("Alice");
        assertThat(back.get(0).getList("tags")).containsExactly("a", "b");
        assertThat(r.get("indexes")).isEqualTo(List.of("name"));
        assertThat(r.get("installed")).isEqualTo(List.of("cbor", "json", "kryo"));
        assertThat(r.get("id")).isEqualTo(true);
        assertThat((String) r.get("unknown")).contains("users.x", "No codec named 'parquet'",
                "Installed codecs: cbor (.cbor), json (.json), kryo (.kryo)");
        assertThat((String) r.get("corrupt")).contains("damaged.kryo", "checksum mismatch");
    }
}
