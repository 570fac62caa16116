package io.dictdb.core.query;

import io.dictdb.Record;
import io.dictdb.Table;
import io.dictdb.core.DictDB;
import io.dictdb.query.Query;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static io.dictdb.query.Conditions.field;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Query#stream()} projects lazily, as the stream is consumed (the engine's {@code TableQuery}). What a stream
 * yields is checked for every backend by the table compatibility kit's {@code QueryStreamKit}.
 */
class QueryStreamTest {

    @Test
    void projectionIsDoneAsTheStreamIsConsumed() {
        Table t = DictDB.create().createTable("t");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            rows.add(Map.of("n", i, "s", "v" + i, "pad", "x".repeat(20)));
        }
        t.insertAll(rows);
        for (Query q : List.of(t.query().columns("n", "s"),
                t.query().where(field("n").gte(100L)).orderBy("-n").columns("s"),
                t.query().columns("s").distinct().offset(3))) {
            TableQuery query = (TableQuery) q;
            AtomicInteger built = new AtomicInteger();
            Stream<Record> stream = query.stream(r -> {
                built.incrementAndGet();
                return query.projected(r);
            });
            assertThat(built).as("%s: projected before consumption", q).hasValue(0);
            List<Record> first = stream.limit(1).toList();
            assertThat(first).isEqualTo(q.toList().subList(0, 1));
            // offset skips happen after the projection (distinct is over projected records), so they count too
            int skipped = query.toString().contains("offset") ? 3 : 0;
            assertThat(built).as("%s: projected for one record", q).hasValue(1 + skipped);
        }
    }
}
