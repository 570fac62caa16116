/**
 * The reliability suite's shared parts: trial bounds ({@link io.dictdb.reliability.Bounds}), the figures each trial
 * reports ({@link io.dictdb.reliability.Figures}) and a by-value digest of a database
 * ({@link io.dictdb.reliability.DbDigest}).
 */
package io.dictdb.reliability;
