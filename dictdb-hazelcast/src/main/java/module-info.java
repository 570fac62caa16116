/**
 * DictDB on Hazelcast: {@link io.dictdb.hazelcast.HazelcastDatabase}, a {@link io.dictdb.Database} whose tables are
 * Hazelcast {@code IMap}s of Compact records, so the members need none of DictDB's classes.
 */
module io.dictdb.hazelcast {
    requires transitive io.dictdb.api;
    requires io.dictdb.core;
    requires io.dictdb.backup;
    requires com.hazelcast.core;
    requires org.slf4j;

    exports io.dictdb.hazelcast;
}
