/**
 * Secondary indexes: {@link io.dictdb.core.index.HashIndex} for equality and {@link io.dictdb.core.index.SortedIndex}
 * for ranges, prefixes and ordering. They map field values to the table's {@link io.dictdb.core.storage.Row}s, in
 * insertion order, and follow the value rules of {@link io.dictdb.Values}. Depends on the API and on
 * {@code core.storage} (rows).
 */
package io.dictdb.core.index;
