/**
 * The in-memory table: storage of records by primary key, the key counter, schema validation, writes and their
 * index maintenance, and {@link io.dictdb.core.table.Transaction}, which stages a block's writes and notes how to
 * undo each. Depends on the index, query, storage and change packages.
 */
package io.dictdb.core.table;
