/**
 * Codec benchmarks: saving and loading a database of a million records with every installed codec, against raw
 * Jackson streaming of the same maps.
 */
package io.dictdb.bench.codec;
