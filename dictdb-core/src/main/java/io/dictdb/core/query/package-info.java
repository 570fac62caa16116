/**
 * Query execution: the planner that turns a condition into index lookups or a scan, the fluent query, ordering,
 * projection and aggregation. Depends on the index package and reads tables through {@code QuerySource}.
 */
package io.dictdb.core.query;
