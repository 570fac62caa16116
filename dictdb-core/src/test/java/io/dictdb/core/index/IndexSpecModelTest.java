package io.dictdb.core.index;

import io.dictdb.Index;
import io.dictdb.IndexSpec;
import io.dictdb.IndexType;
import io.dictdb.Table;
import io.dictdb.TableSpec;
import io.dictdb.core.DictDB;
import io.dictdb.core.Tracking;
import io.dictdb.core.change.ChangeChannel;
import io.dictdb.spi.Change;
import io.dictdb.spi.IndexDefinition;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.dictdb.query.Conditions.field;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Indexes are made from specs and kept by name; definitions, snapshots and change replay carry the whole spec. */
class IndexSpecModelTest {
    private static final IndexSpec CITY_AGE = IndexSpec.sorted("city", "age");
    private static final IndexSpec EMAIL = IndexSpec.hash("email").unique().where(field("deleted").eq(false));
    private static final IndexSpec TAGS = IndexSpec.elements("tags");

    @Test
    void indexesAreKeptByNameWithTheirSpecs() {
        DictDB db = DictDB.create();
        Table t = db.createTable(TableSpec.named("users").index(CITY_AGE).index("name"));
        t.createIndex(EMAIL);
        t.createIndex(TAGS);
        t.createIndex("age", IndexType.SORTED);

        assertThat(t.indexedFields()).containsExactly("city+age", "name", "email", "tags[]", "age");
        assertThat(t.indexes()).extracting(Index::spec)
                .containsExactly(CITY_AGE, IndexSpec.hash("name"), EMAIL, TAGS, IndexSpec.sorted("age"));
        Index composite = t.index("city+age").orElseThrow();
        assertThat(composite.field()).isEqualTo("city");
        assertThat(composite.type()).isEqualTo(IndexType.SORTED);
        assertThat(t.index("tags[]").orElseThrow().type()).isEqualTo(IndexType.ELEMENTS);
        assertThat(t.hasIndex("email")).isTrue();

        t.dropIndex(CITY_AGE);
        t.dropIndex("tags[]");
        assertThat(t.indexedFields()).containsExactly("name", "email", "age");
    }

    @Test
    void aSecondIndexOfTheSameNameIsRefusedNamingTheTable() {
        Table t = DictDB.create().createTable(TableSpec.named("users").index(CITY_AGE));
        assertThatThrownBy(() -> t.createIndex(IndexSpec.hash("city", "age")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Table 'users' already has an index named 'city+age' (SORTED(city, age))");
        assertThatThrownBy(() -> t.dropIndex("city"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Table 'users' has no index named 'city' (its indexes: [city+age])");
    }

    @Test
    void definitionsSnapshotsAndReplayCarryTheWholeSpec() {
        DictDB db = DictDB.create();
        Tracking.start(db);
        Table t = db.createTable(TableSpec.named("users").index(EMAIL));
        t.insert(Map.of("email", "a@x", "deleted", false, "city", "Oslo", "age", 3L, "tags", List.of("x", "y")));
        t.createIndex(CITY_AGE);
        t.createIndex(TAGS);
        t.dropIndex(CITY_AGE);

        List<Change> changes = Tracking.capture(db).changes();
        assertThat(changes.get(0)).isInstanceOfSatisfying(Change.CreateTable.class,
                c -> assertThat(c.definition().indexes()).containsExactly(IndexDefinition.of(EMAIL)));
        assertThat(changes.get(2)).isInstanceOfSatisfying(Change.CreateIndex.class,
                c -> assertThat(c.index()).isEqualTo(IndexDefinition.of(CITY_AGE)));
        assertThat(changes.get(4)).isInstanceOfSatisfying(Change.DropIndex.class,
                c -> assertThat(c.name()).isEqualTo("city+age"));

        DictDB replica = DictDB.create();
        ChangeChannel.of(replica).apply(changes);
        assertThat(replica.table("users").indexes()).extracting(Index::spec).containsExactly(EMAIL, TAGS);
        assertThat(replica.table("users").select(field("tags").has("y"))).hasSize(1);

        DictDB restored = Tracking.fromSnapshot(db.snapshot());
        assertThat(restored.table("users").indexes()).extracting(Index::spec).containsExactly(EMAIL, TAGS);
    }
}
