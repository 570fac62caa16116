/**
 * How a table keeps its records: rows by primary key, and copy-on-write chunks of records in insertion order that
 * snapshots share. Depends only on the API.
 */
package io.dictdb.core.storage;
