/**
 * What the engine's metrics cost: an insert and a lookup, timed on a build with counting and on one without.
 */
package io.dictdb.bench.metrics;
