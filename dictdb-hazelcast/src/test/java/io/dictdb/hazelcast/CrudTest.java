package io.dictdb.hazelcast;

import io.dictdb.DuplicateKeyException;
import io.dictdb.Record;
import io.dictdb.Table;
import io.dictdb.query.Conditions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CrudTest {
    private HazelcastDatabase db;

    @BeforeEach
    void open() {
        db = HazelcastDatabase.on(TestCluster.member(), TestCluster.databaseName());
    }

    @AfterEach
    void destroy() {
        db.destroy();
    }

    @Test
    void insertGetCountDelete() {
        Table t = db.createTable("people");
        Object k1 = t.insert(Map.of("name", "Ada", "age", 36));
        Object k2 = t.insert(Map.of("name", "Bob", "age", 41));
        assertThat(k1).isEqualTo(1L);
        assertThat(k2).isEqualTo(2L);
        assertThat(t.get(1L)).contains(Record.of("id", 1L, "name", "Ada", "age", 36L));
        assertThat(t.get(1)).isPresent();
        assertThat(t.count()).isEqualTo(2);
        assertThat(t.all()).extracting(r -> r.get("name")).containsExactly("Ada", "Bob");
        assertThatThrownBy(() -> t.insert(Map.of("id", 1L, "name", "Cy")))
                .isInstanceOf(DuplicateKeyException.class).hasMessageContaining("people");
        assertThat(t.delete(Conditions.field("name").eq("Ada"))).isEqualTo(1);
        assertThat(t.count()).isEqualTo(1);
        assertThat(t.select(Conditions.field("age").gt(40))).extracting(r -> r.get("name")).containsExactly("Bob");
        // lookups by primary key read the keys directly; equality with null matches nothing
        assertThat(t.select(Conditions.field("id").eq(2L))).hasSize(1);
        assertThat(t.select(Conditions.field("id").in(2L, 7L, null))).hasSize(1);
        assertThat(t.select(Conditions.field("id").eq(null))).isEmpty();
        assertThat(t.count(Conditions.and(Conditions.field("id").eq(2), Conditions.field("age").lt(0)))).isZero();
    }

    @Test
    void anotherObjectOnTheSameNameSeesTheTables() {
        db.createTable("a").insert(Map.of("x", 1));
        HazelcastDatabase other = HazelcastDatabase.on(TestCluster.members().get(1), db.name());
        assertThat(other.tableNames()).containsExactly("a");
        assertThat(other.table("a").get(1L)).isPresent();
        assertThat(other.table("a").all()).hasSize(1);
    }

    @Test
    void updateAndQueries() {
        Table t = db.createTable("t");
        t.insertAll(List.of(Map.of("n", 3), Map.of("n", 1), Map.of("n", 2)));
        assertThat(t.query().orderBy("n").toList()).extracting(r -> r.get("n")).containsExactly(1L, 2L, 3L);
        assertThat(t.update(Map.of("flag", true), Conditions.field("n").gte(2))).isEqualTo(2);
        assertThat(t.count(Conditions.field("flag").eq(true))).isEqualTo(2);
        assertThat(t.update(r -> r.with("n", r.getLong("n") * 10), Conditions.all())).isEqualTo(3);
        assertThat(t.query().orderBy("n").limit(2).toList()).extracting(r -> r.get("n")).containsExactly(10L, 20L);
    }
}
