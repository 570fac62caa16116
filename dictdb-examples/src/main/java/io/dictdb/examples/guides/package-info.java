/**
 * The Java blocks of the guides in the project's {@code docs/} folder, compiled and run: one class per guide, each
 * block between {@code // README:begin <name>} and {@code // README:end <name>} markers, as the README's blocks are
 * in {@link io.dictdb.examples.Readme}. The examples' tests run every method and check what it returned, and
 * {@code DocBlocksTest} checks that every {@code java} block of README.md and docs/*.md appears here word for word.
 * Change a block here and in its guide together.
 */
package io.dictdb.examples.guides;
