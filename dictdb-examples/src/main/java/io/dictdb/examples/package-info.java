/**
 * Runnable examples of the DictDB API, starting with {@link io.dictdb.examples.QuickLook}, the "Quick look" of the
 * API contract. They use only the public API ({@code io.dictdb}, {@code io.dictdb.query}) and
 * {@code io.dictdb.core.DictDB}; nothing depends on this package.
 */
package io.dictdb.examples;
