/**
 * How a table keeps its records: rows by primary key, and copy-on-write chunks of records in insertion order that
 * snapshots share. Depends on the API alone (records and value rules).
 */
package io.dictdb.core.storage;
