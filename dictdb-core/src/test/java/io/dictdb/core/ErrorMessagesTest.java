package io.dictdb.core;

import io.dictdb.Database;
import io.dictdb.FieldType;
import io.dictdb.Schema;
import io.dictdb.Table;
import io.dictdb.TableNotFoundException;
import io.dictdb.TableSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.dictdb.query.Conditions.field;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Errors of the engine's own API name what is involved: atomically, change capture, save and load. The errors of the
 * Database and Table API are checked for every backend by the table compatibility kit's {@code ErrorMessagesKit}.
 */
class ErrorMessagesTest {

    private final Database db = DictDB.create();

    private static Map<String, Object> row(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static <T extends Throwable> T thrown(Class<T> type, Executable op) {
        return assertThrows(type, op);
    }

    // ------------------------------------------------------------------ tables

    @Test
    void atomicallyOnAMissingTableNamesIt() {
        DictDB d = DictDB.create();
        d.createTable("a");
        TableNotFoundException e = thrown(TableNotFoundException.class,
                () -> d.atomically(List.of("a", "zz_missing"), () -> null));
        assertThat(e.getMessage()).contains("zz_missing");
    }

    // ------------------------------------------------------------------ schema

    private Table people() {
        Schema schema = Schema.builder()
                .field("name", FieldType.STRING)
                .field("age", FieldType.LONG)
                .optional("born", FieldType.DATE)
                .optional("uid", FieldType.UUID)
                .build();
        return db.createTable(TableSpec.named("people").schema(schema));
    }

    // ------------------------------------------------------------------ values

    @Test
    void captureBeforeTrackingExplainsWhatToDo() {
        DictDB d = DictDB.create();
        IllegalStateException e = thrown(IllegalStateException.class, () -> Tracking.capture(d));
        assertThat(e.getMessage()).containsIgnoringCase("track");
    }

    // ------------------------------------------------------------------ arguments and aggregates

    @Test
    void aNullFileToSaveOrLoadIsANullPointerExceptionNamingTheArgument() {
        DictDB d = DictDB.create();
        d.createTable("t").insert(row("n", 1L));
        Executable[] calls = {
            () -> d.save(null),
            () -> d.save(null, "json"),
            () -> d.saveAsync(null),
            () -> d.saveAsync(null, "json"),
            () -> DictDB.load(null),
            () -> DictDB.load(null, "json"),
            () -> DictDB.loadAsync(null, null),
            () -> DictDB.formatFor(null),
        };
        for (Executable call : calls) {
            assertThat(thrown(NullPointerException.class, call)).hasMessage("file");
        }
    }

}
