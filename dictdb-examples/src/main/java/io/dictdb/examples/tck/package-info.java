/**
 * The README's "prove your codec with the kit" block: a codec's test is a one-line subclass of
 * {@link io.dictdb.codec.tck.CodecCompatibilityKit}. It is compiled here so the README cannot drift from the kit's
 * API; the examples' tests run it (with fewer examples: dictdb-json runs the full kit).
 */
package io.dictdb.examples.tck;
