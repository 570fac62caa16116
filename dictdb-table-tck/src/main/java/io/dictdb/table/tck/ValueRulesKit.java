package io.dictdb.table.tck;

import io.dictdb.Record;
import io.dictdb.Table;
import io.dictdb.TableSpec;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.dictdb.query.Conditions.field;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The value rule (see {@code ImageLimits}) at every write of the database: names with control characters are
 * refused for tables, primary keys, indexes and fields (finding 8 of issue 21), values no codec could read back are
 * refused at insert, update and upsert (finding 4), and a refused write changes nothing.
 */
public abstract class ValueRulesKit extends KitBase {

    private static Map<String, Object> row(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void tablesWithControlCharactersInTheirNamesOrPrimaryKeysAreNotCreated() {
        assertThatThrownBy(() -> db.createTable("users\n  fake: line")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Table name 'users\\n  fake: line' holds the control character U+000A");
        assertThatThrownBy(() -> db.createTable("ok", "id\u001b[31m"))
                .hasMessageStartingWith("Primary key of table 'ok': 'id\\u001b[31m' holds the control character");
        assertThatThrownBy(() -> db.createTable(TableSpec.named("nul\u0000"))).hasMessageContaining("U+0000");
        assertThatThrownBy(() -> db.createTable(TableSpec.named("\uD800"))).hasMessageContaining("unpaired surrogate");
        assertThat(db.tableNames()).isEmpty();
    }

    @Test
    void anIndexOnAFieldWithAControlCharacterIsNotCreated() {
        Table t = db.createTable("t");
        t.insert(row("name", "a"));
        assertThatThrownBy(() -> t.createIndex("na\u0085me"))
                .hasMessage("Index field of table 't': 'na\\u0085me' holds the control character U+0085 at index 2, "
                        + "which names may not hold");
        assertThat(t.indexedFields()).isEmpty();
        t.createIndex("name");
        assertThat(t.indexedFields()).containsExactly("name");
    }

    @Test
    void insertsUpdatesAndUpsertsWithABadFieldNameChangeNothing() {
        Table t = db.createTable("t");
        Object key = t.insert(row("name", "a"));
        assertThatThrownBy(() -> t.insert(row("na\nme", "b"))).hasMessageStartingWith("Field 'na\\nme': the name");
        assertThatThrownBy(() -> t.insertAll(List.of(row("name", "b"), row("meta", Map.of("\u0007bell", 1)))))
                .hasMessageStartingWith("Field 'meta.\\u0007bell': the name holds the control character U+0007");
        assertThatThrownBy(() -> t.update(row("x\u007f", 1), field("id").eq(key)))
                .hasMessageContaining("U+007F");
        assertThatThrownBy(() -> t.upsert(row("id", key, "", 1)))
                .hasMessage("A field name is empty: a name needs at least one character");
        assertThat(t.all()).containsExactly(Record.of("id", key, "name", "a"));
    }

    @Test
    void valuesBeyondTheLimitsAreRefusedAtInsertUpdateAndUpsertNamingTheField() {
        Table t = db.createTable("t");
        Object key = t.insert(row("price", BigDecimal.ONE));
        assertThatThrownBy(() -> t.insert(row("price", new BigDecimal("1e100001"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Field 'price': a decimal of scale -100,001");
        assertThatThrownBy(() -> t.update(row("price", new BigDecimal("1e-100001")), field("id").eq(key)))
                .hasMessageStartingWith("Field 'price': a decimal of scale 100,001");
        assertThatThrownBy(() -> t.update(r -> r.with("price", new BigDecimal("1" + "0".repeat(10_000))),
                field("id").eq(key))).hasMessageStartingWith("Field 'price': a decimal of 10,001 digits");
        assertThatThrownBy(() -> t.upsert(row("id", key, "n".repeat(65_537), 1)))
                .hasMessageContaining("65,537 UTF-8 bytes");
        assertThat(t.all()).containsExactly(Record.of("id", key, "price", BigDecimal.ONE));
    }

    @Test
    void aCyclicMapIsRefusedAsACycle() {
        Table t = db.createTable("t");
        Map<String, Object> doc = new HashMap<>();
        doc.put("self", doc);
        assertThatThrownBy(() -> t.insert(row("doc", doc)))
                .hasMessage("Field 'doc.self': a map or list that contains itself (a cycle back to 'doc')");
        assertThat(t.count()).isZero();
    }
}
