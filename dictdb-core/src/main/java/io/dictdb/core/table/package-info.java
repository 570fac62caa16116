/**
 * The in-memory table: storage of records by primary key, the key counter, schema validation, writes and their
 * index maintenance. Depends on the index, query and change packages.
 */
package io.dictdb.core.table;
