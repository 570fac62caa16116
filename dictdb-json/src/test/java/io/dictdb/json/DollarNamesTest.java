package io.dictdb.json;

import io.dictdb.CodecException;
import io.dictdb.Database;
import io.dictdb.FieldType;
import io.dictdb.IndexType;
import io.dictdb.Record;
import io.dictdb.Schema;
import io.dictdb.Table;
import io.dictdb.TableSpec;
import io.dictdb.codec.tck.Image;
import io.dictdb.codec.tck.Strict;
import io.dictdb.core.DictDB;
import io.dictdb.spi.Change;
import io.dictdb.spi.ImageHeader;
import io.dictdb.spi.TableState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Field names starting with {@code $} at the top of a record (finding 1 of issue 21): written wrapped like nested
 * maps, read back, in saves and in deltas; and files written before the wrapping, which could not be read, load.
 */
class DollarNamesTest {

    @TempDir
    Path dir;

    private static Map<String, Object> ordered(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static void assertSameRecords(Table expected, Table actual) {
        assertThat(actual.count()).isEqualTo(expected.count());
        for (Record r : expected.all()) {
            Record other = actual.get(r.get(expected.primaryKey())).orElseThrow();
            assertThat(Strict.difference(r, other)).isNull();
        }
    }

    @Test
    void recordsWhoseFirstFieldStartsWithDollarAreSavedAndLoadedBack() throws Exception {
        DictDB db = DictDB.create();
        Table orders = db.createTable("orders");
        // the first field decides: LinkedHashMap keeps it first (Map.of's order changes from run to run)
        orders.insert(ordered("$type", "order", "qty", 2L));
        orders.insert(ordered("$oid", "64b7f0c2", "$date", LocalDate.of(2024, 1, 31)));
        orders.insert(ordered("$date", Map.of("$date", "not a tag"), "n", 1L));
        orders.insert(ordered("$map", Map.of("inner", 1L)));
        orders.insert(ordered("$map", "a $map field holding text", "other", 1L));
        orders.insert(ordered("$instant", "2024-01-01T00:00:00Z"));
        orders.insert(ordered("items", List.of(ordered("$type", "line", "qty", 1L), ordered("$ref", List.of(
                ordered("$oid", "x"))))));
        Path file = dir.resolve("orders.json");
        db.save(file);

        Database back = DictDB.load(file);
        assertSameRecords(orders, back.table("orders"));
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).contains("{\"$map\":{\"$type\":\"order\"");
    }

    @Test
    void deltasCarryRecordsWhoseFirstFieldStartsWithDollar() {
        Record typed = Record.of(ordered("$type", "order", "qty", 2L));
        Record map = Record.of(ordered("$map", Map.of("$map", Map.of("k", 1L)), "id", 3L));
        Image delta = new Image(ImageHeader.delta(1, 2, "base", Instant.EPOCH), List.of(),
                List.of(new Change.Upsert(1, "orders", typed), new Change.Upsert(2, "orders", map)),
                List.of(new TableState("orders", 4)));
        byte[] payload = delta.encode(new JsonCodec());

        assertThat(Strict.difference(delta, Image.decode(new JsonCodec(), payload))).isNull();
        assertThat(new String(payload, StandardCharsets.UTF_8))
                .contains("\"record\":{\"$map\":{\"$type\":\"order\"")
                .contains("\"record\":{\"$map\":{\"$map\":{\"$map\":{\"$map\":{\"k\":1}}}");
    }

    @Test
    void schemaAndIndexFieldsNamedWithDollarAreSavedAndLoadedBack() {
        DictDB db = DictDB.create();
        Table t = db.createTable(TableSpec.named("$things").primaryKey("$id")
                .schema(Schema.builder().field("$id", FieldType.LONG).field("$type", FieldType.STRING)
                        .optional("$map", FieldType.MAP).build())
                .index("$type", IndexType.SORTED));
        t.insert(ordered("$type", "a", "$map", Map.of("$x", 1L)));
        Path file = dir.resolve("things.json");
        db.save(file);

        Table back = DictDB.load(file).table("$things");
        assertThat(back.primaryKey()).isEqualTo("$id");
        assertThat(back.schema()).isEqualTo(t.schema());
        assertThat(back.index("$type").orElseThrow().type()).isEqualTo(IndexType.SORTED);
        assertSameRecords(t, back);
    }

    /** A plain export as versions before the wrapping wrote it: a record starting with a $-name left unwrapped. */
    private Path oldExport(String records) throws Exception {
        Path file = dir.resolve("old.json");
        Files.writeString(file, "{\"dictdb\":\"image\",\"header\":{\"format\":1,\"kind\":\"FULL\",\"first\":1,"
                + "\"last\":3,\"id\":null,\"base\":null,\"created\":\"2024-01-01T00:00:00Z\"},\n\"tables\":[\n"
                + "{\"name\":\"orders\",\"primaryKey\":\"id\",\"schema\":null,\"indexes\":[],\"records\":[\n"
                + records + "]},\n{\"name\":\"other\",\"primaryKey\":\"id\",\"schema\":null,\"indexes\":[],"
                + "\"records\":[{\"id\":1}]}],\n\"tableStates\":[{\"table\":\"orders\",\"nextKey\":4},"
                + "{\"table\":\"other\",\"nextKey\":2}]}", StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void filesWrittenBeforeTheWrappingLoadWithTheirDollarFirstRecords() throws Exception {
        Path file = oldExport("{\"$type\":\"order\",\"qty\":2,\"id\":1}\n"
                + ",{\"$date\":{\"$date\":\"2024-01-31\"},\"id\":2}\n"
                + ",{\"$map\":7,\"id\":3}");

        Database back = DictDB.load(file, "json");
        assertThat(back.tableNames()).containsExactly("orders", "other");
        Table orders = back.table("orders");
        assertThat(orders.get(1L).orElseThrow()).isEqualTo(Record.of(ordered("$type", "order", "qty", 2L,
                "id", 1L)));
        assertThat(orders.get(2L).orElseThrow().get("$date")).isEqualTo(LocalDate.of(2024, 1, 31));
        assertThat(orders.get(3L).orElseThrow()).isEqualTo(Record.of(ordered("$map", 7L, "id", 3L)));
    }

    @Test
    void anOldRecordThatCannotBeToldFromAWrappedOneIsRefusedNamingThePosition() throws Exception {
        Path file = oldExport("{\"$map\":{\"a\":1},\"id\":1}");

        assertThatThrownBy(() -> DictDB.load(file, "json")).isInstanceOf(CodecException.class)
                .hasMessageContaining("table 'orders': a record whose first field is \"$map\", holding an object, "
                        + "and more fields follow at line 4");
    }
}
