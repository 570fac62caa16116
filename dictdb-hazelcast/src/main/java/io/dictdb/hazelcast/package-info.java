/**
 * DictDB on Hazelcast: {@link io.dictdb.hazelcast.HazelcastDatabase}, a {@link io.dictdb.Database} whose tables are
 * Hazelcast {@code IMap}s of Compact records. Conditions are filtered on the members where they translate to a
 * Hazelcast predicate and tested again on the caller; ordering, paging and aggregation run on the caller with the
 * in-memory engine's query code. See {@code docs/hazelcast.md}.
 */
package io.dictdb.hazelcast;
