package io.dictdb.table.tck;

import io.dictdb.DuplicateTableException;
import io.dictdb.Record;
import io.dictdb.Table;
import io.dictdb.TableNotFoundException;
import io.dictdb.query.Plan;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.dictdb.query.Conditions.field;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Tables: creation, names, dropping, the errors that name them, and a plan that names its table. */
public abstract class TablesKit extends KitBase {

    @Test
    void createdTablesAreListedAndFound() {
        Table users = db.createTable("users");
        db.createTable("$odd name", "code");

        assertThat(db.tableNames()).containsExactlyInAnyOrder("users", "$odd name");
        assertThat(db.hasTable("users")).isTrue();
        assertThat(db.table("$odd name").primaryKey()).isEqualTo("code");
        assertThat(users.primaryKey()).isEqualTo("id");
        assertThat(db.findTable("missing")).isEmpty();
    }

    @Test
    void autoKeysAreAssignedAndRecordsReadBack() {
        Table users = db.createTable("users");
        Object k1 = users.insert(Map.of("name", "Alice", "age", 30));
        Object k2 = users.insert(Map.of("name", "Bob", "age", 25));

        assertThat(k1).isNotEqualTo(k2);
        Record alice = users.get(k1).orElseThrow();
        assertThat(alice.get("name")).isEqualTo("Alice");
        assertThat(alice.get("id")).isEqualTo(k1);
        assertThat(users.count()).isEqualTo(2);
        assertThat(users.all()).extracting(r -> r.get("name")).containsExactlyInAnyOrder("Alice", "Bob");
    }

    @Test
    void aSecondTableOfTheSameNameIsRefusedAndAMissingOneNamed() {
        db.createTable("users");
        assertThatThrownBy(() -> db.createTable("users"))
                .isInstanceOf(DuplicateTableException.class).hasMessageContaining("users");
        assertThatThrownBy(() -> db.table("nope"))
                .isInstanceOf(TableNotFoundException.class).hasMessageContaining("nope");
    }

    @Test
    void explainGivesAPlanNamingTheTable() {
        Table users = db.createTable("users");
        users.insert(Map.of("name", "Alice"));
        Plan plan = users.query().where(field("name").eq("Alice")).explain();
        assertThat(plan.toString()).contains("users");
    }

    @Test
    void droppedTablesAreGone() {
        db.createTable("a").insert(Map.of("x", 1));
        db.dropTable("a");
        assertThat(db.tableNames()).isEmpty();
        assertThat(db.createTable("a").count()).isZero();
        assertThat(List.copyOf(db.tableNames())).containsExactly("a");
    }
}
