/**
 * The reliability suite's shared parts: trial bounds ({@link io.dictdb.reliability.Bounds}), the figures each trial
 * reports ({@link io.dictdb.reliability.Figures}), a by-value digest of a database
 * ({@link io.dictdb.reliability.DbDigest}) and the child JVM the crash trials kill
 * ({@link io.dictdb.reliability.ChildJvm}).
 */
package io.dictdb.reliability;
