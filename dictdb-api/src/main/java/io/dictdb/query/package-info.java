/**
 * The query DSL: conditions as an inspectable sealed tree ({@link io.dictdb.query.Condition}), fields, orders,
 * aggregates, the fluent {@link io.dictdb.query.Query} and its {@link io.dictdb.query.Plan}. Depends only on
 * {@code io.dictdb}.
 */
package io.dictdb.query;
