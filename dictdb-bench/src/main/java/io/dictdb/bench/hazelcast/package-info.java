/**
 * The query workloads of issue #10 (equality returning one row and thousands, ranges, AND, group-by, top 10, key
 * lookups, inserts, updates) on the Hazelcast backend against the in-memory engine and the hand-made baseline:
 * {@link io.dictdb.bench.hazelcast.HazelcastBench}, one forked JVM per system and workload, the system a
 * {@code @Param}: what the network (here loopback) and serialization cost.
 */
package io.dictdb.bench.hazelcast;
