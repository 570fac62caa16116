package io.dictdb.core.query;

import io.dictdb.RecordNotFoundException;
import io.dictdb.Table;
import io.dictdb.core.DictDB;
import io.dictdb.core.logging.CapturingProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.slf4j.event.Level;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static io.dictdb.query.Conditions.field;
import static io.dictdb.query.Conditions.matching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A paged update or delete ({@code query()...limit(n).update(..)}) runs its query once: the records the page selects
 * are the records changed, not found again by a second query on their keys. With a slow-query threshold of zero,
 * every query run logs one WARN, so the WARNs count the runs.
 */
@Isolated
class PagedUpdateRunsOnceTest {

    private static Table orders(String name) {
        DictDB db = DictDB.builder().slowQueryThreshold(Duration.ZERO).build();
        Table t = db.createTable(name);
        t.createIndex("status");
        for (int i = 0; i < 10; i++) {
            t.insert(Map.of("n", i, "status", i % 2 == 0 ? "open" : "closed"));
        }
        return t;
    }

    private static long queryRuns(List<CapturingProvider.Event> events, String table) {
        return events.stream().filter(e -> e.level() == Level.WARN && table.equals(e.keyValues().get("table")))
                .count();
    }

    @Test
    void aPagedUpdateRunsItsQueryOnce() {
        Table t = orders("paged_update");
        AtomicInteger tested = new AtomicInteger();
        CapturingProvider.start();
        int changed = t.query().where(matching(r -> {
            tested.incrementAndGet();
            return "open".equals(r.getString("status"));
        })).orderBy("n").limit(2).update(Map.of("status", "done"));
        List<CapturingProvider.Event> events = CapturingProvider.stop();
        assertThat(changed).isEqualTo(2);
        assertThat(tested).hasValue(10);
        assertThat(queryRuns(events, "paged_update")).isEqualTo(1);
        assertThat(t.select(field("status").eq("done"))).extracting(r -> r.getLong("n")).containsExactly(0L, 2L);
    }

    @Test
    void aPagedDeleteRunsItsQueryOnce() {
        Table t = orders("paged_delete");
        CapturingProvider.start();
        int deleted = t.query().where(field("status").eq("closed")).offset(1).limit(3).delete();
        List<CapturingProvider.Event> events = CapturingProvider.stop();
        assertThat(deleted).isEqualTo(3);
        assertThat(queryRuns(events, "paged_delete")).isEqualTo(1);
        assertThat(t.select(field("status").eq("closed"))).extracting(r -> r.getLong("n")).containsExactly(1L, 9L);
    }

    @Test
    void anEmptyPageStillSaysNothingMatched() {
        Table t = orders("paged_empty");
        assertThatThrownBy(() -> t.query().where(field("status").eq("open")).offset(50).limit(1)
                .update(Map.of("status", "x")))
                .isInstanceOf(RecordNotFoundException.class)
                .hasMessage("No record in table 'paged_empty' matches " + field("id").in(List.of()));
    }
}
