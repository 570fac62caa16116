package io.dictdb.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A database's id: given at creation, carried by its snapshots and kept by a database built from one. */
class DatabaseIdTest {

    @Test
    void everyNewDatabaseHasItsOwnUuid() {
        DictDB a = DictDB.create();
        DictDB b = DictDB.builder().build();
        assertThat(UUID.fromString(a.databaseId()).toString()).isEqualTo(a.databaseId());
        assertThat(a.databaseId()).isNotEqualTo(b.databaseId());
    }

    @Test
    void aSnapshotCarriesTheIdIntoItsHeaderAndADatabaseBuiltFromItKeepsIt() {
        DictDB db = DictDB.create();
        db.createTable("t").insert(Map.of("v", 1L));
        Snapshot snap = db.snapshot();
        assertThat(snap.databaseId()).isEqualTo(db.databaseId());
        assertThat(snap.fullHeader().databaseId()).isEqualTo(db.databaseId());
        assertThat(Tracking.fromSnapshot(snap).databaseId()).isEqualTo(db.databaseId());
        assertThat(DictDB.builder().buildFrom(snap).databaseId()).isEqualTo(db.databaseId());
    }

    @Test
    void aSnapshotOfNoKnownDatabaseGivesTheDatabaseBuiltFromItANewId() {
        Snapshot anonymous = new Snapshot(0, Instant.EPOCH, List.of());
        assertThat(anonymous.databaseId()).isNull();
        assertThat(anonymous.fullHeader().databaseId()).isNull();
        assertThat(Tracking.fromSnapshot(anonymous).databaseId()).isNotNull();
    }

    @Test
    void anIdNoImageHeaderCanCarryIsRefusedWhenTheSnapshotIsMade() {
        assertThatThrownBy(() -> new Snapshot(0, Instant.EPOCH, List.of(), "two words"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("database id")
                .hasMessageContaining("two words");
    }
}
