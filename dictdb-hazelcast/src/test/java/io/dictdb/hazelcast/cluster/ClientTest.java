package io.dictdb.hazelcast.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.partition.Partition;
import io.dictdb.Database;
import io.dictdb.IndexType;
import io.dictdb.Record;
import io.dictdb.Table;
import io.dictdb.core.DictDB;
import io.dictdb.hazelcast.HazelcastDatabase;
import io.dictdb.query.Condition;
import io.dictdb.query.Query;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;

import static io.dictdb.query.Aggregates.avg;
import static io.dictdb.query.Aggregates.count;
import static io.dictdb.query.Aggregates.max;
import static io.dictdb.query.Aggregates.min;
import static io.dictdb.query.Aggregates.sum;
import static io.dictdb.query.Conditions.and;
import static io.dictdb.query.Conditions.field;
import static io.dictdb.query.Conditions.matching;
import static io.dictdb.query.Conditions.not;
import static io.dictdb.query.Conditions.or;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Everything through a {@code HazelcastClient}: a {@link HazelcastDatabase} on a client creates tables, inserts,
 * queries (conditions, order, offset, limit, columns), aggregates, indexes, updates with a function, runs
 * transactions and saves to a file the in-memory engine loads; every answer is compared with the in-memory engine's
 * on the same data. The cluster is one member in this JVM and one in a child JVM whose class path has Hazelcast and
 * none of DictDB's classes ({@link Child#startBare}), owning about half of the partitions: whatever the backend
 * would send to a member as code (an entry processor, a custom predicate or aggregator) fails there, so these tests
 * also show that members need no DictDB class. A record the client wrote reads equal through a member's own
 * {@link HazelcastDatabase}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120)
class ClientTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String[] DEPTS = {"IT", "HR", "Ops", "Sales", "Legal"};
    private static final String[] CITIES = {"Paris", "Lyon", "Oslo", "Rome", "Kyiv", "Lima", "Pune"};

    private HazelcastInstance member;
    private Child bare;
    private HazelcastInstance client;

    @BeforeAll
    void startCluster() {
        String cluster = Members.uniqueClusterName("client");
        int[] ports = Members.freePorts(2);
        member = Members.member(cluster, ports[0], ports);
        bare = Child.startBare(cluster, ports[1], ports);
        Members.awaitSize(member, 2, WAIT);
        Members.awaitSafe(member, WAIT);
        long bareOwns = member.getPartitionService().getPartitions().stream()
                .map(Partition::getOwner)
                .filter(o -> o != null && o.getUuid().equals(bare.uuid()))
                .count();
        assertThat(bareOwns).as("partitions the member without DictDB's classes owns").isPositive();
        client = Members.client(cluster, ports);
    }

    @AfterAll
    void stopCluster() {
        Members.terminate(client);
        if (bare != null) {
            bare.close();
        }
        Members.terminate(member);
    }

    @Test
    void queriesThroughTheClientAnswerAsTheInMemoryEngine() {
        HazelcastDatabase db = HazelcastDatabase.on(client, "queries");
        try {
            Table hz = db.createTable("users", "id");
            Table mem = DictDB.create().createTable("users", "id");
            loadUsers(hz, mem, 400);
            assertThat(db.tableNames()).contains("users");
            assertThat(hz.count()).isEqualTo(400);

            assertSameQueries(hz, mem);

            hz.createIndex("dept", IndexType.HASH);
            hz.createIndex("age", IndexType.SORTED);
            mem.createIndex("dept", IndexType.HASH);
            mem.createIndex("age", IndexType.SORTED);
            assertThat(hz.hasIndex("dept")).isTrue();
            assertThat(hz.indexedFields()).contains("dept", "age");
            assertSameQueries(hz, mem);
            // the catalog is shared: a second client-side database sees the table and its indexes
            assertThat(HazelcastDatabase.on(client, "queries").table("users").indexedFields())
                    .contains("dept", "age");
        } finally {
            db.destroy();
        }
    }

    private static void assertSameQueries(Table hz, Table mem) {
        assertSameRows(hz, mem, t -> t.select(field("dept").eq("IT")));
        assertSameRows(hz, mem, t -> t.select(and(field("age").gte(30), not(field("dept").eq("HR")))));
        assertSameRows(hz, mem, t -> t.select(or(field("city").in("Oslo", "Lima"), field("age").lt(21))));
        assertSameRows(hz, mem, t -> t.select(field("name").like("user 1%")));
        assertSameRows(hz, mem, t -> t.select(field("age").between(40, 45)));
        // a Java predicate: evaluated where our classes are, never on a member
        assertSameRows(hz, mem, t -> t.select(matching(r -> r.getLong("age") % 7 == 0)));
        assertSameRows(hz, mem, Table::all);

        assertSameOrder(hz, mem, t -> t.query().where(field("dept").eq("Ops")).orderBy("-age", "id").limit(10));
        assertSameOrder(hz, mem, t -> t.query().orderBy("name", "id").offset(5).limit(7));
        assertSameOrder(hz, mem, t -> t.query().where(field("age").gt(50)).orderBy("city", "-id")
                .columns("id", "city", "age"));
        assertThat(hz.count(field("city").eq("Rome"))).isEqualTo(mem.count(field("city").eq("Rome")));
        assertThat(hz.query().where(field("dept").eq("HR")).orderBy("-id").first())
                .isEqualTo(mem.query().where(field("dept").eq("HR")).orderBy("-id").first());

        Record h = hz.query().where(field("dept").eq("IT"))
                .aggregate(count().as("n"), sum("age"), min("age"), max("age"), avg("age").as("avg_age"));
        Record m = mem.query().where(field("dept").eq("IT"))
                .aggregate(count().as("n"), sum("age"), min("age"), max("age"), avg("age").as("avg_age"));
        assertThat(h.without("avg_age")).isEqualTo(m.without("avg_age"));
        assertThat(h.getDouble("avg_age")).isCloseTo(m.getDouble("avg_age"), within(1e-9));
        assertThat(sorted(hz.query().groupBy("dept").aggregateGroups(count().as("n"), max("age")), "dept"))
                .isEqualTo(sorted(mem.query().groupBy("dept").aggregateGroups(count().as("n"), max("age")),
                        "dept"));
    }

    @Test
    void updatesAndTransactionsThroughTheClient() {
        HazelcastDatabase db = HazelcastDatabase.on(client, "writes");
        try {
            Table users = db.createTable("users", "id");
            Table mem = DictDB.create().createTable("users", "id");
            loadUsers(users, mem, 100);

            Condition someone = field("id").eq(7L);
            long age = users.get(7L).orElseThrow().getLong("age");
            assertThat(users.update(r -> r.with("age", r.getLong("age") + 1), someone)).isEqualTo(1);
            assertThat(users.get(7L).orElseThrow().getLong("age")).isEqualTo(age + 1);
            int itCount = (int) users.count(field("dept").eq("IT"));
            assertThat(users.update(Map.of("city", "Bern"), field("dept").eq("IT"))).isEqualTo(itCount);
            assertThat(users.count(field("city").eq("Bern"))).isEqualTo(itCount);
            assertThat(users.delete(field("dept").eq("HR"))).isEqualTo((int) mem.count(field("dept").eq("HR")));
            assertThat(users.count(field("dept").eq("HR"))).isZero();

            Table accounts = db.createTable("accounts", "id");
            accounts.insert(Map.of("id", "a", "balance", 100L));
            accounts.insert(Map.of("id", "b", "balance", 0L));
            db.transaction(List.of("accounts"), () -> {
                accounts.update(r -> r.with("balance", r.getLong("balance") - 30), field("id").eq("a"));
                accounts.update(r -> r.with("balance", r.getLong("balance") + 30), field("id").eq("b"));
            });
            assertThat(balances(accounts)).isEqualTo(Map.of("a", 70L, "b", 30L));
            assertThatThrownBy(() -> db.transaction(List.of("accounts", "users"), () -> {
                accounts.update(r -> r.with("balance", r.getLong("balance") - 50), field("id").eq("a"));
                users.insert(Map.of("id", 10_000L, "name", "in a doomed transaction"));
                throw new IllegalStateException("abort the transfer");
            })).hasMessageContaining("abort the transfer");
            assertThat(balances(accounts)).as("a transaction that threw is undone").isEqualTo(
                    Map.of("a", 70L, "b", 30L));
            assertThat(users.get(10_000L)).as("insert of a transaction that threw").isEmpty();
        } finally {
            db.destroy();
        }
    }

    @Test
    void aSaveThroughTheClientLoadsIntoTheInMemoryEngine(@TempDir Path dir) {
        HazelcastDatabase db = HazelcastDatabase.on(client, "saves");
        try {
            Table users = db.createTable("users", "id");
            Table mem = DictDB.create().createTable("users", "id");
            loadUsers(users, mem, 250);
            users.createIndex("dept", IndexType.HASH);
            Table notes = db.createTable("notes", "id");
            notes.insert(Map.of("id", "n1", "text", "first", "tags", List.of("a", "b")));

            Path file = dir.resolve("through-client.json");
            db.save(file);
            Database loaded = DictDB.load(file);
            assertThat(loaded.tableNames()).containsExactlyInAnyOrder("users", "notes");
            assertThat(sorted(loaded.table("users").all(), "id")).isEqualTo(sorted(users.all(), "id"));
            assertThat(sorted(loaded.table("users").all(), "id")).isEqualTo(sorted(mem.all(), "id"));
            assertThat(loaded.table("notes").get("n1")).isEqualTo(notes.get("n1"));
            assertThat(loaded.table("users").hasIndex("dept")).as("the index travels with the save").isTrue();
        } finally {
            db.destroy();
        }
    }

    @Test
    void aRecordTheClientWroteReadsEqualFromAMember() {
        HazelcastDatabase db = HazelcastDatabase.on(client, "shared");
        try {
            Table t = db.createTable("things", "id");
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("id", "thing-1");
            record.put("name", "ünïcödé ✓");
            record.put("count", 42L);
            record.put("ratio", 0.25);
            record.put("active", true);
            record.put("tags", List.of("x", "y"));
            Object key = t.insert(record);
            List<Object> more = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                more.add(t.insert(Map.of("id", "thing-" + (i + 2), "count", (long) i)));
            }

            Table fromMember = HazelcastDatabase.on(member, "shared").table("things");
            assertThat(fromMember.get(key)).contains(Record.of(record));
            assertThat(fromMember.get(key)).isEqualTo(t.get(key));
            assertThat(fromMember.count()).isEqualTo(51);
            for (Object k : more) {
                assertThat(fromMember.get(k)).isEqualTo(t.get(k));
            }
            // and back: written on the member, read through the client
            fromMember.insert(Map.of("id", "from-member", "count", -1L));
            assertThat(t.get("from-member").orElseThrow().getLong("count")).isEqualTo(-1L);
        } finally {
            db.destroy();
        }
    }

    /** The same users, with explicit long ids, into both tables. */
    private static void loadUsers(Table hz, Table mem, int n) {
        SplittableRandom rnd = new SplittableRandom(7);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (long id = 1; id <= n; id++) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("id", id);
            r.put("name", "user " + id);
            r.put("age", (long) (18 + rnd.nextInt(50)));
            r.put("dept", DEPTS[rnd.nextInt(DEPTS.length)]);
            r.put("city", CITIES[rnd.nextInt(CITIES.length)]);
            rows.add(r);
        }
        hz.insertAll(rows.subList(0, n / 2));
        for (Map<String, Object> r : rows.subList(n / 2, n)) {
            hz.insert(r);
        }
        mem.insertAll(rows);
    }

    private static void assertSameRows(Table hz, Table mem, Function<Table, List<Record>> query) {
        List<Record> expected = sorted(query.apply(mem), "id");
        assertThat(expected).as("the in-memory engine's answer (a test that checks nothing?)").isNotEmpty();
        assertThat(sorted(query.apply(hz), "id")).isEqualTo(expected);
    }

    private static void assertSameOrder(Table hz, Table mem, Function<Table, Query> query) {
        List<Record> expected = query.apply(mem).toList();
        assertThat(expected).isNotEmpty();
        assertThat(query.apply(hz).toList()).containsExactlyElementsOf(expected);
    }

    private static List<Record> sorted(List<Record> rows, String field) {
        List<Record> copy = new ArrayList<>(rows);
        copy.sort(Comparator.comparing(r -> String.valueOf(r.get(field))));
        return copy;
    }

    private static Map<Object, Object> balances(Table accounts) {
        Map<Object, Object> m = new LinkedHashMap<>();
        for (Record r : accounts.all()) {
            m.put(r.get("id"), r.get("balance"));
        }
        return m;
    }
}
