/**
 * Secondary indexes: {@link io.dictdb.core.index.HashIndex} for equality and {@link io.dictdb.core.index.SortedIndex}
 * for ranges, prefixes and ordering. They map field values to primary keys and follow the value rules of
 * {@link io.dictdb.Values}. Depends only on the API.
 */
package io.dictdb.core.index;
