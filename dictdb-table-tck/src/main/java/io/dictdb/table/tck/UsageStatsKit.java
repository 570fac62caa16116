package io.dictdb.table.tck;

import io.dictdb.IndexStats;
import io.dictdb.IndexType;
import io.dictdb.Table;
import io.dictdb.TableSpec;
import io.dictdb.TableStats;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.dictdb.query.Conditions.field;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Usage counts: an equality on a hash index is a lookup that counts its rows, a condition no index serves is a scan
 * of every record, and {@code resetStats()} zeroes both (needs {@link Capability#USAGE_STATS}). Which index a
 * query with several candidates uses is the engine's choice, so the kit asks only about queries with one.
 */
public abstract class UsageStatsKit extends KitBase {
    private Table users;

    @BeforeEach
    void fill() {
        require(Capability.USAGE_STATS);
        users = db.createTable(TableSpec.named("users").index("dept", IndexType.HASH));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            rows.add(Map.of("dept", "d" + i % 4, "name", "n" + i));
        }
        users.insertAll(rows);
    }

    @Test
    void lookupsAndScansAreCountedAndReset() {
        assertThat(users.index("dept").orElseThrow().stats()).isEqualTo(new IndexStats(0, 0, null));
        assertThat(users.select(field("dept").eq("d1"))).hasSize(100);
        IndexStats dept = users.index("dept").orElseThrow().stats();
        assertThat(dept.lookups()).isEqualTo(1);
        assertThat(dept.rowsReturned()).isEqualTo(100);
        assertThat(dept.lastUsed()).isPresent();

        TableStats stats = users.stats();
        assertThat(stats.scans()).isZero();
        assertThat(stats.indexes()).containsOnlyKeys("dept");
        assertThat(users.select(field("name").endsWith("7"))).hasSize(40);
        stats = users.stats();
        assertThat(stats.scans()).isEqualTo(1);
        assertThat(stats.rowsScanned()).isEqualTo(400);

        users.resetStats();
        assertThat(users.stats()).isEqualTo(new TableStats(0, 0, Map.of("dept", new IndexStats(0, 0, null))));
    }
}
